import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers, snapshotCohorts, transactions } from "@/db/schema";
import { visibleTransactions } from "@/lib/import/store/pending";
import { continuationModel } from "@/lib/analysis/cohort-model";
import { monthIndexOfDate, type CohortPeriod } from "@/lib/analysis/cohort-periods";
import { buildCohortTable, type CohortFigures, type CohortTable, type MemberGroup, type MonthValue } from "@/lib/analysis/cohort-table";
import { dayNumberFromIso, isoFromDayNumber } from "@/lib/clv/iso-date";
import { getDb } from "@/lib/db";
import { isEmptyFilter, type CustomerFilter } from "@/lib/filters/customer-filter";
import { customerFilterCondition, needsCustomerJoin } from "./customer-filter-sql";
import type { SnapshotInfo } from "./snapshots";
import { failedRead, rememberForSnapshot } from "./support";
import { firstRow } from "@/db/first-row";
import { lesserOf, monthOf } from "@/db/portable-sql";

/**
 * Customers are grouped by repeat purchases x = 0, 1, ..., 9 and 10 or more for the predicted
 * continuation: each group's curve is that of its average member (lib/clv/cohort-continuation.ts).
 */
const FREQUENCY_GROUPS = 10;


/**
 * The figures behind the cohort view, aggregated in SQL over the snapshot's customers that match the filter
 * (the date range of the filter is the acquisition period: first purchase from .. to):
 * - net value per (days since the first purchase, purchase month): the acquisition month follows from the
 *   snapshot's `relationship_days` (first purchase = analysis date − relationship days), so no per-customer
 *   subquery over the transactions is needed; transactions after the analysis date are left out;
 * - per (relationship days, frequency group): customers, Σx, Σt_x, ΣT in days and the expected net value over
 *   the horizon, Σ expected purchases × expected order value × margin (undiscounted; the predicted CLV is the
 *   discounted sum, the curve adds to undiscounted actual value).
 * Net value is revenue − cost with refunds; when the data has no costs (the snapshot's margin comes from
 * the settings) it is revenue × the profit margin, as the snapshot's historic CLV counts it.
 */
export async function queryCohortFigures(snapshot: SnapshotInfo, filter: CustomerFilter, db: KlantwaardeDatabase = getDb()): Promise<CohortFigures> {
  try {
    const condition = customerFilterCondition(snapshot, filter);
    const join = needsCustomerJoin(filter);
    const month = monthOf(transactions.purchaseDate);
    let valueQuery = db
      .select({
        relationshipDays: customerScores.relationshipDays,
        month,
        revenueCents: sql<number>`sum(${transactions.revenueCents})`.mapWith(Number),
        netCents: sql<number>`sum(${transactions.revenueCents} - ${transactions.costCents})`.mapWith(Number),
      })
      .from(customerScores)
      .innerJoin(transactions, and(eq(transactions.customerId, customerScores.customerId), lte(transactions.purchaseDate, snapshot.asOfDate), visibleTransactions()))
      .$dynamic();
    if (join) valueQuery = valueQuery.innerJoin(customers, eq(customers.id, customerScores.customerId));
    const valueRows = await valueQuery.where(condition).groupBy(customerScores.relationshipDays, month);

    const frequencyGroup = lesserOf(sql`${customerScores.purchases} - 1`, FREQUENCY_GROUPS).mapWith(Number);
    let memberQuery = db
      .select({
        relationshipDays: customerScores.relationshipDays,
        frequencyGroup,
        customers: sql<number>`count(*)`.mapWith(Number),
        sumX: sql<number>`sum(${customerScores.purchases} - 1)`.mapWith(Number),
        sumRecencyDays: sql<number>`sum(${customerScores.relationshipDays} - ${customerScores.daysSinceLastPurchase})`.mapWith(Number),
        expectedRevenueCents: sql<number>`sum(${customerScores.expectedPurchases} * ${customerScores.expectedOrderValueCents})`.mapWith(Number),
      })
      .from(customerScores)
      .$dynamic();
    if (join) memberQuery = memberQuery.innerJoin(customers, eq(customers.id, customerScores.customerId));
    const memberRows = await memberQuery.where(condition).groupBy(customerScores.relationshipDays, frequencyGroup);

    const asOfDay = dayNumberFromIso(snapshot.asOfDate, "analysis date");
    const cohortMonthCache = new Map<number, number>();
    const cohortMonth = (relationshipDays: number) => {
      let value = cohortMonthCache.get(relationshipDays);
      if (value === undefined) {
        value = monthIndexOfDate(isoFromDayNumber(asOfDay - relationshipDays));
        cohortMonthCache.set(relationshipDays, value);
      }
      return value;
    };
    const fromSetting = snapshot.fit?.margin?.source === "setting";
    const profitMargin = snapshot.settings.profitMargin;
    const marginApplied = snapshot.fit?.margin?.applied ?? 1;
    return {
      values: valueRows.map((row) => ({
        cohortMonth: cohortMonth(row.relationshipDays),
        purchaseMonth: monthIndexOfDate(`${row.month}-01`),
        netCents: fromSetting ? row.revenueCents * profitMargin : row.netCents,
      })),
      members: memberRows.map((row) => ({
        cohortMonth: cohortMonth(row.relationshipDays),
        frequencyGroup: row.frequencyGroup,
        customers: row.customers,
        sumX: row.sumX,
        sumRecencyDays: row.sumRecencyDays,
        sumAgeDays: row.relationshipDays * row.customers,
        expectedValueCents: row.expectedRevenueCents * marginApplied,
      })),
    };
  } catch (error) {
    failedRead("the cohort figures", error);
  }
}

/**
 * The same figures with rows of the same cohort month (and purchase month, or frequency group) added up: all
 * the view needs, small enough to store with the snapshot (a few thousand numbers for years of history).
 */
export function compactCohortFigures(figures: CohortFigures): CohortFigures {
  const values = new Map<string, MonthValue>();
  for (const row of figures.values) {
    const key = `${row.cohortMonth}:${row.purchaseMonth}`;
    const found = values.get(key);
    if (found) found.netCents += row.netCents;
    else values.set(key, { ...row });
  }
  const members = new Map<string, MemberGroup>();
  for (const row of figures.members) {
    const key = `${row.cohortMonth}:${row.frequencyGroup}`;
    const found = members.get(key);
    if (!found) members.set(key, { ...row });
    else {
      found.customers += row.customers;
      found.sumX += row.sumX;
      found.sumRecencyDays += row.sumRecencyDays;
      found.sumAgeDays += row.sumAgeDays;
      found.expectedValueCents += row.expectedValueCents;
    }
  }
  return { values: [...values.values()], members: [...members.values()] };
}

async function storedCohortFigures(snapshotId: number, db: KlantwaardeDatabase): Promise<CohortFigures | null> {
  const row = await firstRow(db.select({ figures: snapshotCohorts.figures }).from(snapshotCohorts).where(eq(snapshotCohorts.snapshotId, snapshotId)).limit(1));
  return row ? row.figures : null;
}

/**
 * Speed: the value query reads every transaction of the matching customers and sorts them for its GROUP BY
 * (0.9–1.4 s at 100k customers on 2 busy cores, linear in the customers), so the recompute job stores the
 * unfiltered figures per snapshot (lib/recompute/cohort-figures.ts) and a filtered view is remembered: switching
 * between months and quarters, or coming back to the view, reads nothing again. The figures read purchases up
 * to the analysis date, which a later import can change (a re-export updates an order), so they depend on the data.
 */
async function cachedFigures(snapshot: SnapshotInfo, filter: CustomerFilter, db: KlantwaardeDatabase): Promise<CohortFigures> {
  // All customers: the figures the recompute job stored (snapshots from before it did are read live once).
  return await rememberForSnapshot(db, "cohort-figures", snapshot.id, [filter], async () => (isEmptyFilter(filter) ? await storedCohortFigures(snapshot.id, db) : null) ?? await queryCohortFigures(snapshot, filter, db), { readsOthers: true });
}

/**
 * Cumulative net value per customer by acquisition cohort (month or quarter) and period since acquisition,
 * with the snapshot's predicted continuation up to the end of its horizon. See `queryCohortFigures` for
 * what is counted and lib/analysis/cohort-table.ts for how the table is built.
 */
export async function getCohortTable(snapshot: SnapshotInfo, filter: CustomerFilter, period: CohortPeriod, db: KlantwaardeDatabase = getDb()): Promise<CohortTable> {
  const figures = await cachedFigures(snapshot, filter, db);
  try {
    const model = continuationModel(snapshot.fit, snapshot.settings.horizonMonths);
    return buildCohortTable(period, snapshot.asOfDate, figures.values, figures.members, model);
  } catch (error) {
    failedRead("the cohort table", error);
  }
}
