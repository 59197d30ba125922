/**
 * The cohort view's figures of a new snapshot, computed once by the job. Reads go through
 * lib/queries/cohorts.ts, which answers the unfiltered view from what is stored here.
 */
import type { KlantwaardeDatabase } from "@/db/client";
import { snapshotCohorts } from "@/db/schema";
import { monthIndexOfDate } from "@/lib/analysis/cohort-periods";
import type { CohortFigures, MemberGroup, MonthValue } from "@/lib/analysis/cohort-table";
import { dayNumberFromIso, isoFromDayNumber } from "@/lib/clv/iso-date";
import { compactCohortFigures } from "@/lib/queries/cohorts";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import type { CustomerFigures, LoadedTransactions } from "@/lib/scoring/types";
import { customerIdOrder } from "./stage-customer-scores";

type CohortSnapshot = Pick<SnapshotInfo, "id" | "asOfDate" | "fit" | "settings">;

/** Customers are grouped by repeat purchases 0..9 and 10 or more, as lib/queries/cohorts.ts groups them. */
const FREQUENCY_GROUPS = 10;

/**
 * Stores the unfiltered cohort figures of a snapshot; the recompute job calls it after writing the customers'
 * rows (before the snapshot turns complete), so the unfiltered view never reads the transactions.
 */
export async function storeCohortFigures(snapshot: CohortSnapshot, data: LoadedTransactions, figures: CustomerFigures, db: KlantwaardeDatabase): Promise<void> {
  const cohortFigures = cohortFiguresOfSnapshot(snapshot, data, figures);
  await db
    .insert(snapshotCohorts)
    .values({ snapshotId: snapshot.id, figures: cohortFigures })
    .onConflictDoUpdate({ target: snapshotCohorts.snapshotId, set: { figures: cohortFigures } });
}

/**
 * The figures `compactCohortFigures(queryCohortFigures(snapshot, {}))` gives (lib/queries/cohorts.ts), added
 * up from the transactions and customer figures the job already holds instead of a join of every transaction
 * with the snapshot's rows in SQL (1.1-1.5 s at 100k customers, most of the job's writing phase):
 * - value per (relationship days, purchase month) of the scored customers' rows up to the analysis date,
 *   orders refunded in full included (their cost counts, as in the query);
 * - per (relationship days, frequency group): customers, Σx, Σt_x and the expected revenue over the horizon.
 * Rows come in the order of the query's GROUP BY, so the products and sums in floating point are the same.
 */
export function cohortFiguresOfSnapshot(snapshot: CohortSnapshot, data: LoadedTransactions, figures: CustomerFigures): CohortFigures {
  const asOfDay = dayNumberFromIso(snapshot.asOfDate, "analysis date");
  const fromSetting = snapshot.fit?.margin?.source === "setting";
  const profitMargin = snapshot.settings.profitMargin;
  const marginApplied = snapshot.fit?.margin?.applied ?? 1;
  const figureIndex = figureIndexOfCustomerId(figures.customerIds);
  const refunded = data.refundedInFull;
  const months = monthsOfDays([data.day, refunded?.day ?? new Int32Array(0)], asOfDay);
  const cohortMonth = remembered((relationshipDays: number) => months.of(asOfDay - relationshipDays));

  // Value: [revenue, net] by (relationship days, purchase month), keyed by relationship days × months + month.
  const valueSums = new Map<number, [number, number]>();
  const addValue = (figure: number, day: number, revenueCents: number, costCents: number) => {
    if (figure < 0 || day > asOfDay) return;
    const key = figures.relationshipDays[figure]! * months.span + months.ofDataDay[day - months.firstDay]!;
    const sums = valueSums.get(key);
    if (sums) {
      sums[0] += revenueCents;
      sums[1] += revenueCents - costCents;
    } else valueSums.set(key, [revenueCents, revenueCents - costCents]);
  };
  const figureOfDense = Int32Array.from(data.customerIds, (id) => figureIndex(id));
  for (let i = 0; i < data.rows; i++) addValue(figureOfDense[data.customer[i]!]!, data.day[i]!, data.revenueCents[i]!, data.costCents?.[i] ?? 0);
  for (let i = 0; i < (refunded?.rows ?? 0); i++) addValue(figureIndex(refunded!.customerIds[i]!), refunded!.day[i]!, refunded!.revenueCents[i]!, refunded!.costCents?.[i] ?? 0);
  const values: MonthValue[] = sortedKeys(valueSums).map((key) => {
    const relationshipDays = Math.floor(key / months.span);
    const [revenueCents, netCents] = valueSums.get(key)!;
    return {
      cohortMonth: cohortMonth(relationshipDays),
      purchaseMonth: months.first + (key % months.span),
      netCents: fromSetting ? revenueCents * profitMargin : netCents,
    };
  });

  // Members: [customers, Σx, Σt_x in days, expected revenue] by (relationship days, frequency group), in customer id order.
  const memberSums = new Map<number, [number, number, number, number]>();
  for (const i of customerIdOrder(figures.customerIds)) {
    const x = figures.purchases[i]! - 1;
    const relationshipDays = figures.relationshipDays[i]!;
    const key = relationshipDays * (FREQUENCY_GROUPS + 1) + Math.min(x, FREQUENCY_GROUPS);
    const recencyDays = relationshipDays - figures.daysSinceLastPurchase[i]!;
    const expectedRevenueCents = figures.expectedPurchases[i]! * figures.expectedOrderValueCents[i]!;
    const sums = memberSums.get(key);
    if (sums) {
      sums[0] += 1;
      sums[1] += x;
      sums[2] += recencyDays;
      sums[3] += expectedRevenueCents;
    } else memberSums.set(key, [1, x, recencyDays, expectedRevenueCents]);
  }
  const members: MemberGroup[] = sortedKeys(memberSums).map((key) => {
    const relationshipDays = Math.floor(key / (FREQUENCY_GROUPS + 1));
    const frequencyGroup = key % (FREQUENCY_GROUPS + 1);
    const [customers, sumX, sumRecencyDays, expectedRevenueCents] = memberSums.get(key)!;
    return {
      cohortMonth: cohortMonth(relationshipDays),
      frequencyGroup,
      customers,
      sumX,
      sumRecencyDays,
      sumAgeDays: relationshipDays * customers,
      expectedValueCents: expectedRevenueCents * marginApplied,
    };
  });
  return compactCohortFigures({ values, members });
}

const sortedKeys = (map: Map<number, unknown>) => [...map.keys()].sort((a, b) => a - b);

/**
 * Month indexes (cohort-periods.ts) of the data's days up to the analysis date: `ofDataDay[day - firstDay]` is
 * the month counted from `first`, `span` the number of months, `of` any day's month index.
 */
function monthsOfDays(dayColumns: Int32Array[], asOfDay: number) {
  let firstDay = asOfDay;
  for (const days of dayColumns) for (const day of days) if (day < firstDay) firstDay = day;
  const of = (day: number) => monthIndexOfDate(isoFromDayNumber(day));
  const first = of(firstDay);
  const ofDataDay = new Int32Array(asOfDay - firstDay + 1);
  for (let day = firstDay; day <= asOfDay; day++) ofDataDay[day - firstDay] = of(day) - first;
  return { firstDay, first, span: of(asOfDay) - first + 1, ofDataDay, of };
}

/** A function of a whole number, remembered (a few thousand distinct days or relationship lengths). */
function remembered(compute: (n: number) => number): (n: number) => number {
  const known = new Map<number, number>();
  return (n) => {
    let value = known.get(n);
    if (value === undefined) {
      value = compute(n);
      known.set(n, value);
    }
    return value;
  };
}

/** The position of a customer id among the snapshot's customers, -1 when not scored. */
function figureIndexOfCustomerId(customerIds: Float64Array): (customerId: number) => number {
  let maxId = 0;
  for (const id of customerIds) if (id > maxId) maxId = id;
  if (maxId < 1 << 26) {
    const byId = new Int32Array(maxId + 1).fill(-1);
    customerIds.forEach((id, i) => (byId[id] = i));
    return (customerId) => (customerId <= maxId ? byId[customerId]! : -1);
  }
  const byId = new Map<number, number>();
  customerIds.forEach((id, i) => byId.set(id, i));
  return (customerId) => byId.get(customerId) ?? -1;
}
