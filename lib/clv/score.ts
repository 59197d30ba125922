/**
 * Scores for every customer: P(alive), expected purchases over a horizon, expected spend and CLV by the
 * monthly-sum method (see clv.ts). The one scorer: the command line (`clv score`) calls `scoreCustomers`,
 * the app's recompute job calls the same `predictPurchases` (predict-purchases.ts) and
 * `expectedSpendPerCustomer`, so both give the same figures for the same model, parameters and options.
 * Customers with identical (x, t_x, T) share their purchase predictions, so each distinct triplet is
 * computed once.
 */
import { monthlyClvSettings, type MonthlyClvOptions } from "./clv";
import { InvalidInputError } from "./errors";
import { checkGammaGammaParams, gammaGammaExpectedSpend } from "./gamma-gamma";
import { predictPurchases } from "./predict-purchases";
import type { PurchaseModel, RfmColumns } from "./types";

export interface ScoreOptions extends MonthlyClvOptions {
  /** Horizon of `expectedPurchases`, in the model's time unit. */
  horizon: number;
}

export interface CustomerScores {
  probabilityAlive: Float64Array;
  /** Expected purchases in (T, T + horizon]. */
  expectedPurchases: Float64Array;
  /** Expected average transaction value (Gamma-Gamma). */
  expectedSpend: Float64Array;
  /** Discounted expected net value over the CLV horizon in months. */
  clv: Float64Array;
  /** Index of the customer's distinct (x, t_x, T): customers in one group share P(alive) and purchases. */
  group: Int32Array;
}

/**
 * Each customer's expected average transaction value under Gamma-Gamma (Fader, Hardie & Lee 2005, eq. 5):
 * E[Z | p, q, v, m_x, x] for a repeat buyer, the population mean pv/(q − 1) for a customer without repeat
 * purchases (x = 0 or no monetary value).
 *
 * @example expectedSpendPerCustomer({ x: [2, 0], monetary: [30, 0] }, { p: 6.25, q: 3.74, v: 15.44 }) // Float64Array [30.938320…, 35.218978…]
 */
export function expectedSpendPerCustomer(data: { x: ArrayLike<number>; monetary: ArrayLike<number> }, spendParams: Readonly<Record<string, number>>): Float64Array {
  const spend = checkGammaGammaParams(spendParams);
  const population = gammaGammaExpectedSpend(spend, 0, 0);
  const result = new Float64Array(data.x.length);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]!;
    const m = data.monetary[i]!;
    result[i] = x > 0 && m > 0 ? gammaGammaExpectedSpend(spend, x, m) : population;
  }
  return result;
}

/**
 * Scores all customers of a summary with a fitted purchase model and Gamma-Gamma spend parameters:
 * P(alive) and the discounted expected purchases from `predictPurchases` (months of the model's unit,
 * lifetimes' convention), expected purchases over `horizon` units, CLV = discounted expected purchases ×
 * expected spend × margin.
 *
 * @example
 * scoreCustomers(cdnowSummary, bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), { p: 6.25, q: 3.74, v: 15.44 }, { unit: "week", horizon: 39 }).clv[0]
 * // 36.289211125598904 (the first CDNOW customer, with the published BG/NBD and Gamma-Gamma parameters)
 */
export function scoreCustomers(
  data: RfmColumns & { monetary: ArrayLike<number> },
  model: PurchaseModel,
  spendParams: Readonly<Record<string, number>>,
  options: ScoreOptions,
): CustomerScores {
  const { unit, horizonMonths, discountRateMonthly, margin } = monthlyClvSettings(options);
  if (!Number.isFinite(options.horizon) || options.horizon < 0) throw new InvalidInputError(`horizon ${options.horizon} must be a number ≥ 0`);
  const expectedSpend = expectedSpendPerCustomer(data, spendParams);
  const predictions = predictPurchases(data, model, { unit, horizonMonths, discountRateMonthly });
  const { grouped } = predictions.groups!;
  // Expected purchases over the command's own horizon (in model units, not months), once per group.
  const groupExpected = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) groupExpected[g] = model.conditionalExpectedPurchases(grouped.x[g]!, grouped.tx[g]!, grouped.T[g]!, options.horizon);
  const n = data.x.length;
  const scores: CustomerScores = {
    probabilityAlive: predictions.probabilityAlive!,
    expectedPurchases: new Float64Array(n),
    expectedSpend,
    clv: new Float64Array(n),
    group: grouped.groupOfCustomer,
  };
  for (let i = 0; i < n; i++) {
    scores.expectedPurchases[i] = groupExpected[grouped.groupOfCustomer[i]!]!;
    scores.clv[i] = predictions.discountedPurchases[i]! * expectedSpend[i]! * margin;
  }
  return scores;
}
