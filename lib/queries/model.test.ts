import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { snapshots } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { eq } from "drizzle-orm";
import { countRepeatBuyers, getModelPage } from "./model";
import { getCurrentSnapshot, getSnapshot } from "./snapshots";

let database: OpenedDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoCompany(database.db, { customers: 400, seed: 9, years: 2, endDate: "2026-02-14" });
  await recomputeNow(database, { reason: "test" });
});

afterAll(() => database.close());

describe("the model page's figures", () => {
  test("come from the snapshot's fit, with the repeat buyers the scores hold", async () => {
    const snapshot = (await getCurrentSnapshot(database.db))!;
    const data = await getModelPage(snapshot, database.db);
    expect(data.purchaseModel).toEqual(snapshot.fit.purchaseModel);
    expect(data.comparison).toHaveLength(3);
    expect(data.reason).toEqual({ kind: "bestHoldout", holdoutWeeks: snapshot.fit.selection.holdoutWeeks });
    expect(data.holdoutPercent).toBe(25);
    expect(data.sufficiency.customers).toBe(snapshot.customers);
    expect(data.sufficiency.repeatBuyers).toBe(await countRepeatBuyers(snapshot.id, database.db));
    expect(data.sufficiency.problems).toEqual(["fewCustomers"]); // 400 customers, below 500
    expect(data.validation?.holdout?.tracking).not.toBeNull();
    expect(data.sampled).toBe(false);
  });

  test("a snapshot from before the validation figures still shows, without them", async () => {
    const snapshot = (await getCurrentSnapshot(database.db))!;
    const { validation: _dropped, ...older } = snapshot.fit;
    await database.db.update(snapshots).set({ fit: older }).where(eq(snapshots.id, snapshot.id));
    const data = await getModelPage((await getSnapshot(snapshot.id, database.db))!, database.db);
    expect(data.validation).toBeNull();
    expect(data.holdoutPercent).toBeNull();
    expect(data.holdout).not.toBeNull();
    expect(data.sufficiency.repeatBuyers).toBe(await countRepeatBuyers(snapshot.id, database.db));
    expect(data.sufficiency.repeatBuyers).toBeGreaterThan(0);
  });
});
