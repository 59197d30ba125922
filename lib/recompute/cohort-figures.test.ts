import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { runStatement } from "@/db/engine";
import { rawRows } from "@/db/raw-rows";
import { customers, transactions } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import type { CohortFigures } from "@/lib/analysis/cohort-table";
import { compactCohortFigures, queryCohortFigures } from "@/lib/queries/cohorts";
import { getSnapshot } from "@/lib/queries/snapshots";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { saveSettings } from "@/lib/settings/store";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { recomputeSnapshot } from "./recompute";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-cohort-figures-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const ANALYSIS_DATE = "2026-01-31";

/**
 * The demo company with what the cohort query must count and the models must not: orders refunded in full
 * (one with a cost) of scored customers, a customer whose only order was refunded in full, and purchases
 * after the analysis date (set before the data's end). A SQLite file (the recompute's SQLite store works on a
 * file's connection), or a PostgreSQL test database.
 */
async function companyWithRefundedOrders(withCosts: boolean): Promise<OpenedDatabase> {
  const database = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, `${withCosts ? "costs" : "margin"}.db`));
  const { db } = database;
  await seedDemoCompany(db, { customers: 400, seed: 7, years: 2, endDate: "2026-02-14" });
  await runStatement(db, withCosts ? sql`UPDATE transactions SET cost_cents = revenue_cents * 3 / 5 WHERE id % 3 = 0` : sql`UPDATE transactions SET cost_cents = 0`);
  const scored = await rawRows<{ id: number }>(db, sql`SELECT DISTINCT customer_id AS id FROM transactions ORDER BY customer_id LIMIT 5`);
  await db.insert(transactions).values(
    scored.map(({ id: customerId }, i) => ({ externalId: `REFUNDED-${i}`, customerId, purchaseDate: `2025-0${i + 3}-15`, revenueCents: 0, refundedCents: 4_000, costCents: withCosts ? 900 : 0 })),
  );
  await db.insert(customers).values({ id: 99_999, externalId: "ONLY-REFUNDED" });
  await db.insert(transactions).values({ externalId: "ONLY-REFUNDED-1", customerId: 99_999, purchaseDate: "2025-06-01", revenueCents: 0, refundedCents: 2_500, costCents: 0 });
  await saveSettings({ ...DEFAULT_SETTINGS, analysisDate: ANALYSIS_DATE }, db);
  return database;
}

const byKey = (figures: CohortFigures) => ({
  values: new Map(figures.values.map((row) => [`${row.cohortMonth}:${row.purchaseMonth}`, row])),
  members: new Map(figures.members.map((row) => [`${row.cohortMonth}:${row.frequencyGroup}`, row])),
});

describe.each([false, true])("cohort figures the recompute stores (costs in the data: %s)", (withCosts) => {
  test("equal the cohort query over the stored rows, to the last bit", async () => {
    const database = await companyWithRefundedOrders(withCosts);
    try {
      const outcome = await recomputeSnapshot(database, { reason: "test", force: true });
      expect(outcome.status).toBe("complete");
      const snapshot = (await getSnapshot(outcome.snapshotId!, database.db))!;
      expect(snapshot.asOfDate).toBe(ANALYSIS_DATE);
      expect(snapshot.fit?.margin?.source).toBe(withCosts ? "costs" : "setting");
      const [{ n: after }] = (await rawRows<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM transactions WHERE purchase_date > ${ANALYSIS_DATE}`)) as [{ n: number }];
      expect(after).toBeGreaterThan(0);
      const [row] = await rawRows<{ figures: string }>(database.db, sql`SELECT figures FROM snapshot_cohorts WHERE snapshot_id = ${snapshot.id}`);
      const stored = JSON.parse(row!.figures) as CohortFigures;
      const live = compactCohortFigures(await queryCohortFigures(snapshot, {}, database.db));
      expect(byKey(stored)).toEqual(byKey(live));
      expect(stored.values.length).toBeGreaterThan(10);
    } finally {
      await database.close();
    }
  });
});
