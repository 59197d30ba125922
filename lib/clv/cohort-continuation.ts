/**
 * The predicted continuation of a cohort's cumulative value curve: how a cohort's expected value over the
 * prediction horizon (Σ expected purchases × expected order value × margin of its customers, from the
 * snapshot) is spread over the calendar periods after the analysis date.
 *
 * The spread follows the purchase model's conditional expectation E[Y(t) | x, t_x, T] (Fader, Hardie & Lee
 * 2005, eq. 10 for BG/NBD; Schmittlein, Morrison & Colombo 1987 for Pareto/NBD): the share of the horizon's
 * value expected by time t is E[Y(t) | ·] / E[Y(H) | ·]. Evaluating it for every customer on every request
 * would cost too much, so the caller groups a cohort's customers (by frequency x, say) and gives each group
 * the curve of its average member and the group's total expected value. This is an approximation: E[Y(t)]
 * is not linear in (x, t_x, T), so the curve of the average member is not the average of the curves. The
 * total over the horizon is exact (it is the snapshot's own figure); only its timing within the horizon is
 * approximated. For Pareto/NBD the shape depends on T only, so within a cohort (similar T) the error is small.
 *
 * Pure: no database, no React. Times are days after the analysis date.
 */
import { InvalidInputError } from "./errors";
import type { PurchaseModel } from "./types";

/** Days in a month of the simple formula (lib/scoring/simple-formula.ts counts calendar months). */
export const DAYS_PER_CALENDAR_MONTH = 365.25 / 12;

/** Cumulative expected purchases from the analysis date to `days` later (0 at 0, non-decreasing). */
export type PurchaseCurve = (days: number) => number;

/**
 * E[Y(t) | x, t_x, T] of a purchase model as a curve in days, for a model fitted in time units of
 * `unitDays` days (the snapshot's models use weeks: 7). x is rounded to a whole number (the models need
 * one), t_x is clamped to [0, T] and set to 0 when x = 0, so the average member of a group is a valid history.
 *
 * @example conditionalPurchaseCurve(bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), 2, 30.43, 38.86)(39 * 7) // 1.2260281747671335
 */
export function conditionalPurchaseCurve(model: PurchaseModel, x: number, tx: number, T: number, unitDays = 7): PurchaseCurve {
  if (!(unitDays > 0)) throw new InvalidInputError(`a time unit of ${unitDays} days must be positive`);
  const frequency = Math.max(0, Math.round(x));
  const age = Math.max(0, T);
  const recency = frequency === 0 ? 0 : Math.min(Math.max(0, tx), age);
  if (model.model === "paretonbd") {
    // (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive): P(alive), the costly part, once per curve.
    const { r, alpha, s, beta } = model.params as { r: number; alpha: number; s: number; beta: number };
    const scale = ((r + frequency) / (alpha + age)) * (beta + age) * model.probabilityAlive(frequency, recency, age);
    const exponent = s - 1;
    return (days) => {
      if (days <= 0) return 0;
      const logRatio = Math.log1p(days / unitDays / (beta + age));
      return scale * (Math.abs(exponent) < 1e-10 ? logRatio : -Math.expm1(-exponent * logRatio) / exponent);
    };
  }
  return (days) => (days <= 0 ? 0 : model.conditionalExpectedPurchases(frequency, recency, age, days / unitDays));
}

/**
 * The simple formula's purchases curve for a customer with one purchase per month at the start: month m
 * (1, 2, ...) contributes `retentionYearly^(m/12)` purchases, as `simpleFormulaPredictions` counts them;
 * within a month the purchases accrue linearly. Every customer of the simple formula has this shape
 * (their own purchase rate only scales it), so the spread of the simple formula is exact.
 *
 * @example retentionPurchaseCurve(0.5)(2 * DAYS_PER_CALENDAR_MONTH) // 1.8347730308220327 (= 0.5^(1/12) + 0.5^(2/12))
 */
export function retentionPurchaseCurve(retentionYearly: number): PurchaseCurve {
  if (!(retentionYearly >= 0 && retentionYearly <= 1)) throw new InvalidInputError(`yearly retention ${retentionYearly} must be between 0 and 1`);
  return (days) => {
    if (days <= 0) return 0;
    const months = days / DAYS_PER_CALENDAR_MONTH;
    const whole = Math.floor(months);
    let total = 0;
    for (let m = 1; m <= whole; m++) total += retentionYearly ** (m / 12);
    return total + (months - whole) * retentionYearly ** ((whole + 1) / 12);
  };
}

/** A group of a cohort's customers: the curve of its average member and the group's expected value over the horizon. */
export interface ContinuationGroup {
  curve: PurchaseCurve;
  /** Expected value of all the group's customers over the horizon (any unit, e.g. cents). */
  valueOverHorizon: number;
}

/**
 * The expected value accumulated from the analysis date to each boundary (days after it, capped at the
 * horizon): Σ_g valueOverHorizon_g × curve_g(min(d, H)) / curve_g(H). At a boundary ≥ H the result is the
 * total over the horizon. A group whose curve is 0 over the horizon (nothing expected) spreads its value
 * evenly, so the total is kept.
 *
 * @example cumulativeContinuation([{ curve: (d) => d, valueOverHorizon: 100 }], 10, [5, 10, 20]) // [50, 100, 100]
 */
export function cumulativeContinuation(groups: readonly ContinuationGroup[], horizonDays: number, boundaryDays: readonly number[]): number[] {
  if (!(horizonDays > 0)) throw new InvalidInputError(`the horizon of ${horizonDays} days must be positive`);
  const totals = boundaryDays.map(() => 0);
  for (const group of groups) {
    if (group.valueOverHorizon === 0) continue;
    const atHorizon = group.curve(horizonDays);
    const usable = Number.isFinite(atHorizon) && atHorizon > 0;
    boundaryDays.forEach((boundary, k) => {
      const days = Math.min(Math.max(boundary, 0), horizonDays);
      const share = usable ? group.curve(days) / atHorizon : days / horizonDays;
      totals[k]! += group.valueOverHorizon * share;
    });
  }
  return totals;
}
