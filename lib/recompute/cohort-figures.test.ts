import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "@/db/client";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import type { CohortFigures } from "@/lib/analysis/cohort-table";
import { compactCohortFigures, queryCohortFigures } from "@/lib/queries/cohorts";
import { getSnapshot } from "@/lib/queries/snapshots";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { saveSettings } from "@/lib/settings/store";
import { recomputeSnapshot } from "./recompute";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-cohort-figures-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const ANALYSIS_DATE = "2026-01-31";

/**
 * The demo company with what the cohort query must count and the models must not: orders refunded in full
 * (one with a cost) of scored customers, a customer whose only order was refunded in full, and purchases
 * after the analysis date (set before the data's end).
 */
async function companyWithRefundedOrders(withCosts: boolean) {
  const database = openDatabase(path.join(folder, `${withCosts ? "costs" : "margin"}.db`));
  await seedDemoCompany(database.db, { customers: 400, seed: 7, years: 2, endDate: "2026-02-14" });
  const { sqlite } = database;
  sqlite.exec(withCosts ? "UPDATE transactions SET cost_cents = revenue_cents * 3 / 5 WHERE id % 3 = 0" : "UPDATE transactions SET cost_cents = 0");
  const order = sqlite.prepare("INSERT INTO transactions (external_id, customer_id, purchase_date, revenue_cents, refunded_cents, cost_cents) VALUES (?, ?, ?, ?, ?, ?)");
  const scored = sqlite.prepare("SELECT DISTINCT customer_id FROM transactions ORDER BY customer_id LIMIT 5").pluck().all() as number[];
  scored.forEach((customerId, i) => order.run(`REFUNDED-${i}`, customerId, `2025-0${i + 3}-15`, 0, 4_000, withCosts ? 900 : 0));
  sqlite.prepare("INSERT INTO customers (id, external_id) VALUES (?, ?)").run(99_999, "ONLY-REFUNDED");
  order.run("ONLY-REFUNDED-1", 99_999, "2025-06-01", 0, 2_500, 0);
  await saveSettings({ ...DEFAULT_SETTINGS, analysisDate: ANALYSIS_DATE }, database.db);
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
      const after = database.sqlite.prepare("SELECT count(*) FROM transactions WHERE purchase_date > ?").pluck().get(ANALYSIS_DATE) as number;
      expect(after).toBeGreaterThan(0);
      const stored = JSON.parse(database.sqlite.prepare("SELECT figures FROM snapshot_cohorts WHERE snapshot_id = ?").pluck().get(snapshot.id) as string) as CohortFigures;
      const live = compactCohortFigures(await queryCohortFigures(snapshot, {}, database.db));
      expect(byKey(stored)).toEqual(byKey(live));
      expect(stored.values.length).toBeGreaterThan(10);
    } finally {
      database.close();
    }
  });
});
