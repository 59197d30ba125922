/**
 * Holdout validation of a purchase model, as Fader, Hardie & Lee (2005, "Counting your customers the easy
 * way", Marketing Science 24(2), section 4) validate BG/NBD against Pareto/NBD on CDNOW: the history is
 * split into a calibration period (the model is fitted to it) and a holdout period that follows it, and
 * the model's predictions for the holdout are set against what customers actually did:
 * - the split itself (`holdoutSplit`): the last part of the history, in whole weeks;
 * - the tracking plot (`trackingSeries`, their Figure 2 and 3): repeat purchases per week, actual against
 *   the model's unconditional expectation E[X(t)] summed over the cohorts of first-purchase day;
 * - the conditional expectations (`holdoutByFrequency`, their Figure 4): mean holdout purchases by the
 *   number of repeat purchases in the calibration period, actual against E[Y(t) | x, t_x, T];
 * and a diagnostic of the fitted model on all customers (`frequencyRecencyGrid`): mean P(alive) and
 * expected purchases over frequency × recency, the matrices Fader & Hardie draw as contour plots.
 *
 * Pure: typed arrays in, small plain objects out (a few hundred numbers), so the recompute job can keep
 * them with a snapshot. Times are in the model's unit (weeks for the snapshot's models: `unitDays` 7).
 */
import { InvalidInputError } from "./errors";
import { groupRfm } from "./rfm-data";
import type { CustomerSummaryTable, TransactionColumns } from "./summary";
import type { PurchaseModel } from "./types";

/** The holdout is at least 4 and at most 52 weeks, whatever the share asked for. */
export const MINIMUM_HOLDOUT_DAYS = 28;
export const MAXIMUM_HOLDOUT_DAYS = 364;

export interface HoldoutSplit {
  /** Last day of the calibration period (inclusive, day number). */
  calibrationEndDay: number;
  /** Last day of the holdout period (inclusive): the end of the history. */
  holdoutEndDay: number;
  /** Length of the holdout: a whole number of weeks, in days. */
  holdoutDays: number;
  holdoutWeeks: number;
}

/**
 * Where the holdout starts: the last `percent` % of the history from `firstDay` to `lastDay` (both
 * inclusive), rounded down to whole weeks and kept within 4..52 weeks; null when the history is too short
 * for 4 weeks (then there is no holdout test).
 *
 * @example holdoutSplit(0, 727, 25) // { calibrationEndDay: 545, holdoutEndDay: 727, holdoutDays: 182, holdoutWeeks: 26 }
 */
export function holdoutSplit(firstDay: number, lastDay: number, percent: number): HoldoutSplit | null {
  if (!Number.isInteger(firstDay) || !Number.isInteger(lastDay) || lastDay < firstDay) {
    throw new InvalidInputError(`the history from day ${firstDay} to day ${lastDay} must be whole day numbers, first ≤ last`);
  }
  if (!(percent > 0 && percent < 100)) throw new InvalidInputError(`the holdout share ${percent}% must be between 0 and 100`);
  const historyDays = lastDay - firstDay + 1;
  // A tiny tolerance so that 25% of 28 weeks is 7 weeks and not 6 by rounding.
  const weeks = Math.floor((historyDays * percent) / 100 / 7 + 1e-9);
  const holdoutDays = Math.min(MAXIMUM_HOLDOUT_DAYS, weeks * 7);
  if (holdoutDays < MINIMUM_HOLDOUT_DAYS) return null;
  return { calibrationEndDay: lastDay - holdoutDays, holdoutEndDay: lastDay, holdoutDays, holdoutWeeks: holdoutDays / 7 };
}

/**
 * The shortest history (days) that gets a holdout at `percent` %: 4 weeks must be that share of it.
 *
 * @example minimumHistoryDays(25) // 112
 */
export function minimumHistoryDays(percent: number): number {
  return Math.ceil((MINIMUM_HOLDOUT_DAYS * 100) / percent - 1e-9);
}

/** Repeat purchases per week over calibration and holdout, actual and expected (Fader, Hardie & Lee 2005, Figures 2–3). */
export interface TrackingSeries {
  /** Day number of the last day of the first week; week i ends `weekEndDay0 + 7 i` (the last one at the holdout end). */
  weekEndDay0: number;
  /** Weeks up to and including the calibration end; the rest are holdout weeks. */
  calibrationWeeks: number;
  /** Customers whose first purchase is in the calibration period (the population tracked). */
  customers: number;
  /** Customers whose first purchase is in the holdout period: left out of both lines. */
  excludedCustomers: number;
  /** Repeat purchases (distinct purchase days after the first) in each week. */
  actual: number[];
  /** Σ over customers of E[X(t_end) − X(t_start)] for the week, t measured from each one's first purchase. */
  expected: number[];
}

function checkPeriod(calibrationEndDay: number, holdoutEndDay: number): void {
  if (!Number.isInteger(calibrationEndDay) || !Number.isInteger(holdoutEndDay) || holdoutEndDay <= calibrationEndDay) {
    throw new InvalidInputError(`the holdout end (day ${holdoutEndDay}) must be a day number after the calibration end (day ${calibrationEndDay})`);
  }
}

/**
 * The tracking plot of a purchase model: actual repeat purchases per week of the customers who first
 * bought in the calibration period, and the model's expectation for them. Following Fader, Hardie & Lee
 * (2005, section 4 and Figure 2), the expectation is unconditional: the customers who first bought on day
 * c (a cohort of n_c) are expected to make n_c · E[X(t)] repeat purchases in their first t units, with
 * E[X(t)] the model's eq. 9 (BG/NBD; for Pareto/NBD, Schmittlein, Morrison & Colombo 1987 as written in
 * Fader & Hardie's 2005 note "A note on deriving the Pareto/NBD model and related expressions", §4), so
 * the expected cumulative total at the end of day e is Σ_{c ≤ e} n_c · E[X((e − c) / unitDays)]. A week's
 * expectation is the difference of the cumulative totals at its ends. Weeks end on the calibration end,
 * so no week straddles the split.
 *
 * Repeat purchases are counted as the summary counts them (summary.ts): distinct purchase days after a
 * customer's first. E[X(t)] is evaluated once per day of the history (not per customer or cohort).
 *
 * @example trackingSeries(sample, bgnbdModel(calibrationParams), { calibrationEndDay, holdoutEndDay }).expected.length // weeks of the history
 */
export function trackingSeries(
  transactions: TransactionColumns,
  model: PurchaseModel,
  options: { calibrationEndDay: number; holdoutEndDay: number; unitDays?: number },
): TrackingSeries {
  const { calibrationEndDay, holdoutEndDay, unitDays = 7 } = options;
  checkPeriod(calibrationEndDay, holdoutEndDay);
  if (!(unitDays > 0)) throw new InvalidInputError(`a time unit of ${unitDays} days must be positive`);
  const rows = transactions.rows ?? transactions.customer.length;
  const customerCount = transactions.customerIds.length;
  const { customer, day } = transactions;

  // First purchase day of every customer (up to the holdout end).
  const first = new Int32Array(customerCount).fill(2 ** 31 - 1);
  for (let i = 0; i < rows; i++) {
    const d = day[i]!;
    const c = customer[i]!;
    if (d <= holdoutEndDay && d < first[c]!) first[c] = d;
  }
  let startDay = Number.POSITIVE_INFINITY;
  let customers = 0;
  let excludedCustomers = 0;
  for (let c = 0; c < customerCount; c++) {
    const f = first[c]!;
    if (f > holdoutEndDay) continue;
    if (f > calibrationEndDay) {
      excludedCustomers++;
      continue;
    }
    customers++;
    if (f < startDay) startDay = f;
  }
  if (customers === 0) throw new InvalidInputError("no customer made a first purchase in the calibration period");

  // Weeks w = ceil((d − calibrationEnd) / 7), from the week of the first purchase to the holdout end.
  const weekOf = (d: number) => Math.ceil((d - calibrationEndDay) / 7);
  const firstWeek = weekOf(startDay);
  const weeks = weekOf(holdoutEndDay) - firstWeek + 1;
  const span = holdoutEndDay - startDay + 1;

  // Actual: distinct (customer, day) pairs after the customer's first day, as sorted keys.
  const keys = new Float64Array(rows);
  let kept = 0;
  for (let i = 0; i < rows; i++) {
    const d = day[i]!;
    const c = customer[i]!;
    const f = first[c]!;
    if (d > holdoutEndDay || f > calibrationEndDay || d === f) continue;
    keys[kept++] = c * span + (d - startDay);
  }
  const sorted = keys.subarray(0, kept).sort();
  const actual = new Array<number>(weeks).fill(0);
  for (let k = 0; k < kept; k++) {
    if (k > 0 && sorted[k] === sorted[k - 1]) continue;
    const offset = sorted[k]! % span;
    actual[weekOf(startDay + offset) - firstWeek]! += 1;
  }

  // Expected: cohorts by first day, E[X] once per day offset, then the cumulative total at each week end.
  const cohort = new Float64Array(span);
  for (let c = 0; c < customerCount; c++) if (first[c]! <= calibrationEndDay) cohort[first[c]! - startDay]! += 1;
  const expectedByAge = new Float64Array(span);
  for (let k = 1; k < span; k++) expectedByAge[k] = model.expectedPurchases(k / unitDays);
  const cumulativeAt = (endDay: number): number => {
    let total = 0;
    const last = endDay - startDay;
    for (let k = 0; k <= last; k++) if (cohort[k]! > 0) total += cohort[k]! * expectedByAge[last - k]!;
    return total;
  };
  const expected = new Array<number>(weeks);
  let previous = 0;
  for (let w = 0; w < weeks; w++) {
    const end = Math.min(holdoutEndDay, calibrationEndDay + 7 * (firstWeek + w));
    const cumulative = cumulativeAt(end);
    expected[w] = cumulative - previous;
    previous = cumulative;
  }
  return { weekEndDay0: calibrationEndDay + 7 * firstWeek, calibrationWeeks: 1 - firstWeek, customers, excludedCustomers, actual, expected };
}

/** Holdout purchases of the customers with a given number of calibration repeat purchases. */
export interface FrequencyValidationRow {
  /** Repeat purchases in the calibration period; the last row is "this many or more". */
  repeatPurchases: number;
  orMore: boolean;
  customers: number;
  /** Mean repeat purchases in the holdout: actual, and E[Y(t) | x, t_x, T] of the model. */
  actualMean: number;
  expectedMean: number;
}

export interface FrequencyValidation {
  rows: FrequencyValidationRow[];
  /** Σ over all customers of actual and expected holdout purchases. */
  actualTotal: number;
  expectedTotal: number;
}

/**
 * Conditional expectations by calibration frequency (Fader, Hardie & Lee 2005, Figure 4): customers are
 * grouped by their repeat purchases x in the calibration period (0, 1, ..., `maxFrequency` or more) and
 * each group's mean actual holdout purchases is set against the mean of E[Y(t) | x, t_x, T] (eq. 10 for
 * BG/NBD; for Pareto/NBD, Schmittlein, Morrison & Colombo 1987 as in Fader & Hardie's 2005 note, §6), t
 * the holdout length. Customers who first bought in the holdout are not in the table (summary.ts leaves
 * them out), so they are not here.
 * Customers with the same (x, t_x, T) are computed once.
 *
 * @example holdoutByFrequency(summarizeTransactions(rows, { calibrationEnd, holdoutEnd }), model).rows[0] // { repeatPurchases: 0, customers: 812, actualMean: 0.21, expectedMean: 0.23, ... }
 */
export function holdoutByFrequency(table: CustomerSummaryTable, model: PurchaseModel, maxFrequency = 7): FrequencyValidation {
  const holdout = table.holdout;
  if (!holdout) throw new InvalidInputError("the summary has no holdout period (give summarizeTransactions a holdoutEnd)");
  if (!Number.isInteger(maxFrequency) || maxFrequency < 1) throw new InvalidInputError(`the highest frequency row ${maxFrequency} must be a whole number ≥ 1`);
  const grouped = groupRfm(table);
  const perGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) {
    perGroup[g] = model.conditionalExpectedPurchases(grouped.x[g]!, grouped.tx[g]!, grouped.T[g]!, holdout.durationUnits);
  }
  const customers = new Float64Array(maxFrequency + 1);
  const actual = new Float64Array(maxFrequency + 1);
  const expected = new Float64Array(maxFrequency + 1);
  let actualTotal = 0;
  let expectedTotal = 0;
  for (let i = 0; i < table.customers; i++) {
    const row = Math.min(maxFrequency, table.x[i]!);
    const predicted = perGroup[grouped.groupOfCustomer[i]!]!;
    customers[row]! += 1;
    actual[row]! += holdout.purchases[i]!;
    expected[row]! += predicted;
    actualTotal += holdout.purchases[i]!;
    expectedTotal += predicted;
  }
  const rows = Array.from(customers, (n, x) => ({
    repeatPurchases: x,
    orMore: x === maxFrequency,
    customers: n,
    actualMean: n > 0 ? actual[x]! / n : 0,
    expectedMean: n > 0 ? expected[x]! / n : 0,
  }));
  return { rows, actualTotal, expectedTotal };
}

/** Row and column edges of the frequency × recency grid. */
export interface GridBins {
  /** Lower edges of the repeat-purchase rows (x ≥ edge and below the next edge); the last row is open. */
  repeatPurchases: readonly number[];
  /** Lower edges of the weeks-since-the-last-purchase columns, in days; the last column is open. */
  daysSinceLastPurchase: readonly number[];
}

/**
 * Rows 0, 1, 2, 3, 4, 5, 6–7, 8–10, 11–15, 16+ repeat purchases; columns under 4 weeks, 4–8, 8–13, 13–26,
 * 26–39, 39–52, 52–78, 78–104 and 104+ weeks (a quarter, half a year, a year, two years) since the last purchase.
 */
export const DEFAULT_GRID_BINS: GridBins = {
  repeatPurchases: [0, 1, 2, 3, 4, 5, 6, 8, 11, 16],
  daysSinceLastPurchase: [0, 28, 56, 91, 182, 273, 364, 546, 728],
};

/** Customers, mean P(alive) and mean expected purchases in each (frequency, recency) cell; null where a cell is empty. */
export interface FrequencyRecencyGrid {
  /** Row and column lower edges (trailing rows and columns without customers are left off). */
  repeatPurchases: number[];
  daysSinceLastPurchase: number[];
  /** [row][column]. */
  customers: number[][];
  probabilityAlive: (number | null)[][] | null;
  expectedPurchases: (number | null)[][];
}

function binOf(edges: readonly number[], value: number): number {
  let bin = 0;
  while (bin + 1 < edges.length && value >= edges[bin + 1]!) bin++;
  return bin;
}

/**
 * The diagnostic grid of a fitted model over all customers: rows by repeat purchases x, columns by days
 * since the last purchase (calibration end − last purchase day, i.e. (T − t_x) in days), each cell the
 * number of customers and the means of their P(alive | x, t_x, T) and expected purchases. It is the data
 * behind Fader & Hardie's P(alive) and conditional-expectation contour plots over (x, t_x) (Fader, Hardie
 * & Lee 2005, Figure 5; "Computing P(alive) using the BG/NBD model"), averaged over the customers actually
 * in each cell instead of drawn at one age T. One pass over the summary's columns.
 *
 * @example frequencyRecencyGrid(table, probabilityAlive, expectedPurchases).customers[0][0] // first-time buyers who bought in the last 4 weeks
 */
export function frequencyRecencyGrid(
  table: Pick<CustomerSummaryTable, "customers" | "x" | "lastDay" | "calibrationEndDay">,
  probabilityAlive: ArrayLike<number> | null,
  expectedPurchases: ArrayLike<number>,
  bins: GridBins = DEFAULT_GRID_BINS,
): FrequencyRecencyGrid {
  const n = table.customers;
  if (expectedPurchases.length < n || (probabilityAlive && probabilityAlive.length < n)) {
    throw new InvalidInputError(`the predictions cover fewer customers than the summary's ${n}`);
  }
  const rows = bins.repeatPurchases.length;
  const columns = bins.daysSinceLastPurchase.length;
  const count = new Float64Array(rows * columns);
  const alive = new Float64Array(rows * columns);
  const purchases = new Float64Array(rows * columns);
  for (let i = 0; i < n; i++) {
    const cell = binOf(bins.repeatPurchases, table.x[i]!) * columns + binOf(bins.daysSinceLastPurchase, table.calibrationEndDay - table.lastDay[i]!);
    count[cell]! += 1;
    if (probabilityAlive) alive[cell]! += probabilityAlive[i]!;
    purchases[cell]! += expectedPurchases[i]!;
  }
  let usedRows = 0;
  let usedColumns = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (count[r * columns + c]! > 0) {
        usedRows = Math.max(usedRows, r + 1);
        usedColumns = Math.max(usedColumns, c + 1);
      }
    }
  }
  const matrix = (sums: Float64Array) =>
    Array.from({ length: usedRows }, (_, r) =>
      Array.from({ length: usedColumns }, (_, c) => {
        const k = count[r * columns + c]!;
        return k > 0 ? sums[r * columns + c]! / k : null;
      }),
    );
  return {
    repeatPurchases: bins.repeatPurchases.slice(0, usedRows),
    daysSinceLastPurchase: bins.daysSinceLastPurchase.slice(0, usedColumns),
    customers: Array.from({ length: usedRows }, (_, r) => Array.from(count.subarray(r * columns, r * columns + usedColumns))),
    probabilityAlive: probabilityAlive ? matrix(alive) : null,
    expectedPurchases: matrix(purchases),
  };
}
