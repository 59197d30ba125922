/**
 * What a purchase model predicts for every customer over the horizon: P(alive), expected purchases, the
 * discounted expected purchases that CLV multiplies by spend and margin (the monthly-sum method of
 * lib/clv/clv.ts), and when one purchase is expected. Customers with identical (x, t_x, T) share their
 * predictions, so each distinct triplet is computed once.
 */
import { LIFETIMES_UNITS_PER_MONTH } from "./clv";
import { groupRfm, type GroupedRfm } from "./rfm-data";
import type { PurchaseModel, RfmColumns, TimeUnit } from "./types";

export interface HorizonOptions {
  unit: TimeUnit;
  horizonMonths: number;
  /** Discount rate per month (from the yearly rate: (1 + yearly)^(1/12) − 1). */
  discountRateMonthly: number;
}

export interface PurchasePredictions {
  /** Null when the method has no notion of a customer being alive (the simple formula). */
  probabilityAlive: Float64Array | null;
  /** Expected purchases over the horizon. */
  expectedPurchases: Float64Array;
  /** Σ over the horizon's months of the month's expected purchases / (1 + d)^month. */
  discountedPurchases: Float64Array;
  /** Days from the analysis date until one purchase is expected; NaN when that is beyond the horizon. */
  daysToNextPurchase: Float64Array;
  /** The distinct (x, t_x, T) and their discounted purchases (model predictions only; the CLV intervals reuse them). */
  groups?: { grouped: GroupedRfm; discountedPurchases: Float64Array };
}

/** Days in one month of the horizon: the model unit's month (lifetimes' convention, 4.345 weeks) in days. */
export function daysPerHorizonMonth(unit: TimeUnit): number {
  return LIFETIMES_UNITS_PER_MONTH[unit] * { day: 1, week: 7, month: 365.25 / 12 }[unit];
}

/**
 * The month (fractional, from the analysis date) in which the cumulative expected purchases reach 1,
 * interpolating linearly within the month; NaN when they stay below 1 over the horizon.
 *
 * @example monthsToFirstPurchase([0.4, 0.9, 1.4]) // 2.2
 */
export function monthsToFirstPurchase(cumulative: ArrayLike<number>): number {
  let previous = 0;
  for (let month = 1; month <= cumulative.length; month++) {
    const current = cumulative[month - 1]!;
    if (current >= 1) return month - 1 + (1 - previous) / (current - previous);
    previous = current;
  }
  return Number.NaN;
}

/** Monthly discount factors 1 / (1 + d)^m for m = 1..H. */
export function discountFactors(horizonMonths: number, discountRateMonthly: number): Float64Array {
  return Float64Array.from({ length: horizonMonths }, (_, i) => 1 / (1 + discountRateMonthly) ** (i + 1));
}

/**
 * E[Y(m·f) | x, t_x, T] for months m = 1..out.length (f units per month) into `out`. For Pareto/NBD the
 * expectation is P(alive) times a closed form in t (Schmittlein, Morrison & Colombo 1987; Fader & Hardie
 * 2005 note, §6): (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] (log(1 + t/(β+T)) at s = 1), so
 * P(alive), the expensive part, is computed once per customer instead of once per month; the other models
 * are asked month by month.
 *
 * @example expectedPurchasesCurve(paretoNbdModel(params), 2, 30.43, 38.86, alive, 4.345, out) // out[8] ≈ model.conditionalExpectedPurchases(2, 30.43, 38.86, 39.105)
 */
export function expectedPurchasesCurve(model: PurchaseModel, x: number, tx: number, T: number, alive: number, unitsPerMonth: number, out: Float64Array): void {
  if (model.model === "paretonbd") {
    const { r, alpha, s, beta } = model.params as { r: number; alpha: number; s: number; beta: number };
    const scale = ((r + x) / (alpha + T)) * (beta + T) * alive;
    const exponent = s - 1;
    for (let month = 1; month <= out.length; month++) {
      const logRatio = Math.log1p((month * unitsPerMonth) / (beta + T));
      out[month - 1] = scale * (Math.abs(exponent) < 1e-10 ? logRatio : -Math.expm1(-exponent * logRatio) / exponent);
    }
    return;
  }
  for (let month = 1; month <= out.length; month++) out[month - 1] = model.conditionalExpectedPurchases(x, tx, T, month * unitsPerMonth);
}

/** Σ over the months of the month's expected purchases × its discount factor, from the cumulative curve. */
function discountedSum(cumulative: Float64Array, discount: Float64Array): number {
  let previous = 0;
  let total = 0;
  for (let month = 1; month <= cumulative.length; month++) {
    const value = cumulative[month - 1]!;
    total += (value - previous) * discount[month - 1]!;
    previous = value;
  }
  return total;
}

/**
 * The discounted expected purchases of one customer under a model, as `predictPurchases` computes them:
 * a function (model, x, t_x, T) → value for the CLV intervals, which recompute it at moved parameters.
 */
export function discountedPurchasesFunction(options: HorizonOptions): (model: PurchaseModel, x: number, tx: number, T: number) => number {
  const unitsPerMonth = LIFETIMES_UNITS_PER_MONTH[options.unit];
  const discount = discountFactors(options.horizonMonths, options.discountRateMonthly);
  const cumulative = new Float64Array(options.horizonMonths);
  return (model, x, tx, T) => {
    // Only Pareto/NBD's curve uses P(alive) (see expectedPurchasesCurve).
    expectedPurchasesCurve(model, x, tx, T, model.model === "paretonbd" ? model.probabilityAlive(x, tx, T) : 0, unitsPerMonth, cumulative);
    return discountedSum(cumulative, discount);
  };
}

/**
 * Predictions of a fitted purchase model for every customer of the summary. `onProgress(done)` is called
 * with the share of distinct customers done (0..1) every few thousand.
 */
export function predictPurchases(data: RfmColumns, model: PurchaseModel, options: HorizonOptions, onProgress?: (done: number) => void): PurchasePredictions {
  const unitsPerMonth = LIFETIMES_UNITS_PER_MONTH[options.unit];
  const monthDays = daysPerHorizonMonth(options.unit);
  const discount = discountFactors(options.horizonMonths, options.discountRateMonthly);
  const grouped = groupRfm(data);
  const groups = grouped.groups;
  const alive = new Float64Array(groups);
  const expected = new Float64Array(groups);
  const discounted = new Float64Array(groups);
  const nextDays = new Float64Array(groups);
  const cumulative = new Float64Array(options.horizonMonths);
  for (let g = 0; g < groups; g++) {
    const x = grouped.x[g]!;
    const tx = grouped.tx[g]!;
    const T = grouped.T[g]!;
    alive[g] = model.probabilityAlive(x, tx, T);
    expectedPurchasesCurve(model, x, tx, T, alive[g]!, unitsPerMonth, cumulative);
    expected[g] = options.horizonMonths > 0 ? cumulative[options.horizonMonths - 1]! : 0;
    discounted[g] = discountedSum(cumulative, discount);
    nextDays[g] = monthsToFirstPurchase(cumulative) * monthDays;
    if (onProgress && g % 5000 === 4999) onProgress((g + 1) / groups);
  }
  const n = data.x.length;
  const result: PurchasePredictions = {
    probabilityAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    discountedPurchases: new Float64Array(n),
    daysToNextPurchase: new Float64Array(n),
    groups: { grouped, discountedPurchases: discounted },
  };
  for (let i = 0; i < n; i++) {
    const g = grouped.groupOfCustomer[i]!;
    result.probabilityAlive![i] = alive[g]!;
    result.expectedPurchases[i] = expected[g]!;
    result.discountedPurchases[i] = discounted[g]!;
    result.daysToNextPurchase[i] = nextDays[g]!;
  }
  return result;
}
