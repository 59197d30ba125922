import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { recomputeNow } from "@/lib/recompute/runner";
import { getPreviousSnapshot, getSnapshotActivity } from "./snapshot-overview";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import { getCurrentSnapshot, type SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => {
  const opened = await openScoredDemoCompany();
  database = opened.database;
  snapshot = opened.snapshot;
});
afterAll(() => database.close());

describe("snapshot overview figures", () => {
  test("active customers by P(alive) are the sum and the count over 50% of the customer rows", async () => {
    const rows = await rawRows<{ p: number }>(database.db, sql`select probability_alive as p from customer_scores where snapshot_id = ${snapshot.id}`);
    const activity = await getSnapshotActivity(snapshot, database.db);
    expect(activity.hasProbabilityAlive).toBe(true);
    expect(activity.expectedActive).toBeCloseTo(rows.reduce((sum, row) => sum + row.p, 0), 6);
    expect(activity.likelyActive).toBe(rows.filter((row) => row.p >= 0.5).length);
    expect(activity.expectedActive).toBeGreaterThan(0);
    expect(activity.expectedActive).toBeLessThan(snapshot.customers);
  });

  test("the CLV distribution holds every customer and all predicted value, in ascending bins", async () => {
    const { bins } = await getSnapshotActivity(snapshot, database.db);
    expect(bins.length).toBeGreaterThan(3);
    expect(bins.reduce((sum, bin) => sum + bin.customers, 0)).toBe(snapshot.customers);
    expect(bins.reduce((sum, bin) => sum + bin.predictedClvCents, 0)).toBe(snapshot.summary.totals.predictedClvCents);
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.fromCents).toBe(bins[i - 1]!.toCents);
    const rows = await rawRows<{ v: number }>(database.db, sql`select predicted_clv_cents as v from customer_scores where snapshot_id = ${snapshot.id}`);
    for (const bin of bins) {
      const inBin = rows.filter((row) => (bin.fromCents === null || row.v >= bin.fromCents) && (bin.toCents === null || row.v < bin.toCents));
      expect(inBin.length).toBe(bin.customers);
    }
  });

  test("the previous snapshot is the complete one before", async () => {
    expect(await getPreviousSnapshot(snapshot.id, database.db)).toBeNull();
    await recomputeNow(database, { reason: "second", force: true });
    const second = (await getCurrentSnapshot(database.db))!;
    expect(second.id).toBeGreaterThan(snapshot.id);
    expect((await getPreviousSnapshot(second.id, database.db))?.id).toBe(snapshot.id);
  });
});
