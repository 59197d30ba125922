/**
 * The cohort table: customers grouped by the period of their first purchase (the acquisition cohort), and
 * for every period since then (age 0, 1, 2, ...) the cumulative net value per acquired customer, whether
 * that period is complete, and the model's predicted continuation after the analysis date.
 *
 * Built from month-level aggregates (the query returns value per acquisition month and purchase month, and
 * the customers per acquisition month), so months and quarters come from the same figures. Pure: no
 * database, no React.
 */
import { cumulativeContinuation, type PurchaseCurve } from "@/lib/clv/cohort-continuation";
import { dayNumberFromIso, isoFromDayNumber } from "@/lib/clv/iso-date";
import { periodEndDay, periodIndexOfDate, periodKey, periodOfMonth, type CohortPeriod } from "./cohort-periods";

/** Net value of one acquisition month's customers in one purchase month (month indexes, see cohort-periods.ts). */
export interface MonthValue {
  cohortMonth: number;
  purchaseMonth: number;
  netCents: number;
}

/**
 * Customers of one acquisition month with about the same purchase history (the query groups them by
 * frequency), as sums so that groups can be added up into quarters: the count, the sums of x (repeat
 * purchases), t_x and T in days, and the expected net value over the horizon (undiscounted, cents).
 */
export interface MemberGroup {
  cohortMonth: number;
  /** The frequency group (x, capped): groups with the same cohort and key are merged when rolled up. */
  frequencyGroup: number;
  customers: number;
  sumX: number;
  sumRecencyDays: number;
  sumAgeDays: number;
  expectedValueCents: number;
}

/** The month-level figures of one snapshot and filter, before they are rolled up into months or quarters. */
export interface CohortFigures {
  values: MonthValue[];
  members: MemberGroup[];
}

/** A group's average member, for the purchase model's curve. */
export interface AverageMember {
  x: number;
  /** Recency t_x and age T in days. */
  recencyDays: number;
  ageDays: number;
}

/** How the predicted continuation is spread over time (see lib/clv/cohort-continuation.ts). */
export interface ContinuationModel {
  /** The prediction horizon in days after the analysis date. */
  horizonDays: number;
  /** The cumulative expected purchases curve of a group's average member. */
  curveFor(member: AverageMember): PurchaseCurve;
}

export interface CohortCell {
  age: number;
  /** Last day of the calendar period (ISO). */
  periodEnd: string;
  /** Cumulative net value per acquired customer up to the end of this period (or the analysis date), cents. */
  valuePerCustomerCents: number;
  /** The period ended on or before the analysis date; otherwise only part of it is in the data. */
  complete: boolean;
}

export interface PredictedCell {
  age: number;
  periodEnd: string;
  /** Actual value to the analysis date plus the expected value from then to the end of this period (or of the horizon). */
  valuePerCustomerCents: number;
  /** The horizon ends inside this period: the prediction covers it up to the horizon's end only. */
  cutAtHorizon: boolean;
}

export interface Cohort {
  /** `2024-07` or `2024-Q3`. */
  key: string;
  /** Period index (see cohort-periods.ts). */
  index: number;
  customers: number;
  actual: CohortCell[];
  predicted: PredictedCell[];
}

export interface CohortTable {
  period: CohortPeriod;
  asOfDate: string;
  /** The last day the predictions cover (null without a prediction). */
  horizonEndDate: string | null;
  /** Oldest cohort first. */
  cohorts: Cohort[];
  /** The largest age with a value (actual or predicted): the table's last column. */
  maxAge: number;
}

interface CohortTotals {
  customers: number;
  netByAge: Map<number, number>;
  groups: Map<number, Omit<MemberGroup, "cohortMonth" | "frequencyGroup">>;
}

function cohortTotals(index: number, byCohort: Map<number, CohortTotals>): CohortTotals {
  let totals = byCohort.get(index);
  if (!totals) {
    totals = { customers: 0, netByAge: new Map(), groups: new Map() };
    byCohort.set(index, totals);
  }
  return totals;
}

/**
 * Rolls the month-level figures up into the period's cohorts and builds every cohort's actual curve and,
 * with a model, its predicted continuation up to the end of the horizon.
 *
 * A value before the first purchase (a refund dated earlier) counts in age 0. A cohort appears when it has
 * customers; ages run from 0 to the period of the analysis date.
 */
export function buildCohortTable(
  period: CohortPeriod,
  asOfDate: string,
  values: readonly MonthValue[],
  members: readonly MemberGroup[],
  model: ContinuationModel | null,
): CohortTable {
  const asOfDay = dayNumberFromIso(asOfDate, "analysis date");
  const currentPeriod = periodIndexOfDate(asOfDate, period);
  const byCohort = new Map<number, CohortTotals>();
  for (const group of members) {
    const totals = cohortTotals(periodOfMonth(group.cohortMonth, period), byCohort);
    totals.customers += group.customers;
    const merged = totals.groups.get(group.frequencyGroup) ?? { customers: 0, sumX: 0, sumRecencyDays: 0, sumAgeDays: 0, expectedValueCents: 0 };
    merged.customers += group.customers;
    merged.sumX += group.sumX;
    merged.sumRecencyDays += group.sumRecencyDays;
    merged.sumAgeDays += group.sumAgeDays;
    merged.expectedValueCents += group.expectedValueCents;
    totals.groups.set(group.frequencyGroup, merged);
  }
  for (const value of values) {
    const cohort = periodOfMonth(value.cohortMonth, period);
    const totals = byCohort.get(cohort);
    if (!totals) continue; // no scored customer in this cohort (cannot happen when both come from one filter)
    const age = Math.max(0, periodOfMonth(value.purchaseMonth, period) - cohort);
    totals.netByAge.set(age, (totals.netByAge.get(age) ?? 0) + value.netCents);
  }

  const currentComplete = periodEndDay(currentPeriod, period) <= asOfDay;
  const horizonEndDay = model ? Math.floor(asOfDay + model.horizonDays) : null;
  const lastPredictedPeriod = horizonEndDay === null ? null : periodIndexOfDate(isoFromDayNumber(horizonEndDay), period);
  const cohorts: Cohort[] = [];
  let maxAge = 0;
  for (const index of [...byCohort.keys()].sort((a, b) => a - b)) {
    const totals = byCohort.get(index)!;
    if (totals.customers <= 0 || index > currentPeriod) continue;
    const actual: CohortCell[] = [];
    let cumulative = 0;
    for (let age = 0; index + age <= currentPeriod; age++) {
      cumulative += totals.netByAge.get(age) ?? 0;
      const endDay = periodEndDay(index + age, period);
      actual.push({ age, periodEnd: isoFromDayNumber(endDay), valuePerCustomerCents: cumulative / totals.customers, complete: endDay <= asOfDay });
    }
    const predicted: PredictedCell[] = [];
    if (model && lastPredictedPeriod !== null) {
      const firstPredicted = currentComplete ? currentPeriod + 1 : currentPeriod;
      const periods: number[] = [];
      for (let p = firstPredicted; p <= lastPredictedPeriod; p++) periods.push(p);
      const boundaries = periods.map((p) => periodEndDay(p, period) - asOfDay);
      const groups = [...totals.groups.values()].map((group) => ({
        curve: model.curveFor({
          x: group.sumX / group.customers,
          recencyDays: group.sumRecencyDays / group.customers,
          ageDays: group.sumAgeDays / group.customers,
        }),
        valueOverHorizon: group.expectedValueCents,
      }));
      const expected = cumulativeContinuation(groups, model.horizonDays, boundaries);
      periods.forEach((p, k) => {
        const endDay = periodEndDay(p, period);
        predicted.push({
          age: p - index,
          periodEnd: isoFromDayNumber(endDay),
          valuePerCustomerCents: (cumulative + expected[k]!) / totals.customers,
          cutAtHorizon: endDay > horizonEndDay!,
        });
      });
    }
    maxAge = Math.max(maxAge, actual.length - 1, predicted.at(-1)?.age ?? 0);
    cohorts.push({ key: periodKey(index, period), index, customers: totals.customers, actual, predicted });
  }
  return {
    period,
    asOfDate,
    horizonEndDate: horizonEndDay === null ? null : isoFromDayNumber(horizonEndDay),
    cohorts,
    maxAge,
  };
}
