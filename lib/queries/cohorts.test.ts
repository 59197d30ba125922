import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { runStatement } from "@/db/engine";
import { periodIndexOfDate, periodKey, type CohortPeriod } from "@/lib/analysis/cohort-periods";
import { compactCohortFigures, getCohortTable, queryCohortFigures } from "./cohorts";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import type { SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

// The demo company ends mid-month (and mid-quarter): the last period of every cohort is partial.
beforeAll(async () => {
  const opened = await openScoredDemoCompany();
  database = opened.database;
  snapshot = opened.snapshot;
});
afterAll(() => database.close());

/** Customers per acquisition period straight from the transactions: first purchase (not refund) up to the analysis date. */
async function customersByFirstPurchase(period: CohortPeriod): Promise<Map<string, number>> {
  const rows = await rawRows<{ first: string }>(
    database.db,
    sql`select min(purchase_date) as first from transactions where revenue_cents >= 0 and purchase_date <= ${snapshot.asOfDate} group by customer_id`,
  );
  const counts = new Map<string, number>();
  for (const { first } of rows) {
    const key = periodKey(periodIndexOfDate(first, period), period);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function scoreSums(): Promise<{ historicCents: number; expectedRevenueCents: number }> {
  const [sums] = await rawRows<{ historicCents: number; expectedRevenueCents: number }>(
    database.db,
    sql`select sum(historic_clv_cents) as "historicCents", sum(expected_purchases * expected_order_value_cents) as "expectedRevenueCents" from customer_scores where snapshot_id = ${snapshot.id}`,
  );
  return sums!;
}

const lastActual = (cohort: { actual: { valuePerCustomerCents: number }[] }) => cohort.actual.at(-1)!.valuePerCustomerCents;

describe.each(["month", "quarter"] as const)("cohorts by %s", (period) => {
  test("every cohort has the customers whose first purchase falls in its period", async () => {
    const table = await getCohortTable(snapshot, {}, period, database.db);
    const expected = await customersByFirstPurchase(period);
    expect(Object.fromEntries(table.cohorts.map((cohort) => [cohort.key, cohort.customers]))).toEqual(Object.fromEntries(expected));
    expect(table.cohorts.reduce((sum, cohort) => sum + cohort.customers, 0)).toBe(snapshot.customers);
  });

  test("cumulative value per customer, times the customers, adds up to the snapshot's historic CLV", async () => {
    const table = await getCohortTable(snapshot, {}, period, database.db);
    const total = table.cohorts.reduce((sum, cohort) => sum + lastActual(cohort) * cohort.customers, 0);
    // historic_clv_cents is rounded per customer.
    expect(Math.abs(total - (await scoreSums()).historicCents)).toBeLessThanOrEqual(snapshot.customers * 0.5);
  });

  test("ages run from 0 to the analysis date's period; only that last period is partial", async () => {
    const table = await getCohortTable(snapshot, {}, period, database.db);
    const current = periodIndexOfDate(snapshot.asOfDate, period);
    for (const cohort of table.cohorts) {
      expect(cohort.actual.map((cell) => cell.age)).toEqual(Array.from({ length: current - cohort.index + 1 }, (_, age) => age));
      expect(cohort.actual.map((cell) => cell.complete)).toEqual(cohort.actual.map((_, age) => age < current - cohort.index));
    }
    expect(table.cohorts[0]!.key).toBe(periodKey(periodIndexOfDate(snapshot.firstPurchaseDate, period), period));
  });

  test("the prediction starts in the partial period and adds the snapshot's expected value over the horizon", async () => {
    const table = await getCohortTable(snapshot, {}, period, database.db);
    const current = periodIndexOfDate(snapshot.asOfDate, period);
    const horizonEnd = table.horizonEndDate!;
    expect(horizonEnd > snapshot.asOfDate).toBe(true);
    let predictedTotal = 0;
    for (const cohort of table.cohorts) {
      expect(cohort.predicted[0]!.age).toBe(current - cohort.index);
      expect(cohort.predicted.at(-1)!.age).toBe(periodIndexOfDate(horizonEnd, period) - cohort.index);
      for (let k = 1; k < cohort.predicted.length; k++) {
        expect(cohort.predicted[k]!.valuePerCustomerCents).toBeGreaterThanOrEqual(cohort.predicted[k - 1]!.valuePerCustomerCents);
      }
      expect(cohort.predicted[0]!.valuePerCustomerCents).toBeGreaterThanOrEqual(lastActual(cohort));
      predictedTotal += (cohort.predicted.at(-1)!.valuePerCustomerCents - lastActual(cohort)) * cohort.customers;
    }
    const expected = (await scoreSums()).expectedRevenueCents * snapshot.fit.margin.applied;
    expect(predictedTotal).toBeCloseTo(expected, 0);
  });
});

describe("cohorts and filters", () => {
  test("months and quarters are the same customers and value", async () => {
    const months = await getCohortTable(snapshot, {}, "month", database.db);
    const quarters = await getCohortTable(snapshot, {}, "quarter", database.db);
    for (const quarter of quarters.cohorts) {
      const inQuarter = months.cohorts.filter((month) => Math.floor(month.index / 3) === quarter.index);
      expect(inQuarter.reduce((sum, month) => sum + month.customers, 0)).toBe(quarter.customers);
      const monthValue = inQuarter.reduce((sum, month) => sum + lastActual(month) * month.customers, 0);
      expect(lastActual(quarter) * quarter.customers).toBeCloseTo(monthValue, 6);
    }
  });

  test("a tier filter counts only that tier's customers", async () => {
    const table = await getCohortTable(snapshot, { tier: 1 }, "quarter", database.db);
    const tierOne = snapshot.summary.tiers[0]!.customers;
    expect(table.cohorts.reduce((sum, cohort) => sum + cohort.customers, 0)).toBe(tierOne);
  });

  test("the date range filters the acquisition period", async () => {
    const table = await getCohortTable(snapshot, { acquiredFrom: "2025-01-01", acquiredTo: "2025-03-31" }, "month", database.db);
    expect(table.cohorts.map((cohort) => cohort.key)).toEqual(["2025-01", "2025-02", "2025-03"]);
    const all = await getCohortTable(snapshot, {}, "month", database.db);
    for (const cohort of table.cohorts) expect(cohort.customers).toBe(all.cohorts.find((other) => other.key === cohort.key)!.customers);
  });

  test("a channel filter joins the customers", async () => {
    const [{ channel }] = (await rawRows<{ channel: string }>(
      database.db,
      sql`select acquisition_channel as channel from customers where acquisition_channel is not null order by id limit 1`,
    )) as [{ channel: string }];
    const [{ n: expected }] = (await rawRows<{ n: number }>(
      database.db,
      sql`select count(*) as n from customer_scores s join customers c on c.id = s.customer_id where s.snapshot_id = ${snapshot.id} and c.acquisition_channel = ${channel}`,
    )) as [{ n: number }];
    const table = await getCohortTable(snapshot, { channel }, "quarter", database.db);
    expect(table.cohorts.reduce((sum, cohort) => sum + cohort.customers, 0)).toBe(expected);
  });

  test("no matching customers: no cohorts", async () => {
    expect((await getCohortTable(snapshot, { search: "no such customer anywhere" }, "month", database.db)).cohorts).toEqual([]);
    expect(await queryCohortFigures(snapshot, { search: "no such customer anywhere" }, database.db)).toEqual({ values: [], members: [] });
  });
});

describe("figures stored by the recompute job", () => {
  test("the job stores the unfiltered figures, equal to the live query added up by month", async () => {
    const [stored] = await rawRows<{ figures: string }>(database.db, sql`select figures from snapshot_cohorts where snapshot_id = ${snapshot.id}`);
    expect(stored).toBeDefined();
    const figures = JSON.parse(stored!.figures) as ReturnType<typeof compactCohortFigures>;
    const live = compactCohortFigures(await queryCohortFigures(snapshot, {}, database.db));
    const byKey = <T extends object>(rows: T[], key: (row: T) => string) => new Map(rows.map((row) => [key(row), row]));
    expect(byKey(figures.values, (row) => `${row.cohortMonth}:${row.purchaseMonth}`)).toEqual(byKey(live.values, (row) => `${row.cohortMonth}:${row.purchaseMonth}`));
    expect(byKey(figures.members, (row) => `${row.cohortMonth}:${row.frequencyGroup}`)).toEqual(byKey(live.members, (row) => `${row.cohortMonth}:${row.frequencyGroup}`));
    // Added up by month there are far fewer rows than per relationship day.
    expect(figures.members.length).toBeLessThan((await queryCohortFigures(snapshot, {}, database.db)).members.length);
  });

  test("a table from the stored figures equals one from the live query", async () => {
    const stored = await getCohortTable(snapshot, {}, "month", database.db);
    await runStatement(database.db, sql`delete from snapshot_cohorts where snapshot_id = ${snapshot.id}`);
    // A filter that matches everyone goes live (and is cached under its own key).
    const live = await getCohortTable(snapshot, { acquiredFrom: "1970-01-01" }, "month", database.db);
    expect(live.cohorts.length).toBe(stored.cohorts.length);
    expect(JSON.stringify(live.cohorts)).toBe(JSON.stringify(stored.cohorts));
  });
});
