/**
 * Scores for every customer: P(alive), expected purchases over a horizon, expected spend and CLV by the
 * monthly-sum method (see clv.ts). Customers with identical (x, t_x, T) share their purchase predictions,
 * so each distinct triplet is computed once.
 */
import { monthlyClvSettings, type MonthlyClvOptions } from "./clv";
import { InvalidInputError } from "./errors";
import { checkGammaGammaParams, gammaGammaExpectedSpend } from "./gamma-gamma";
import { groupRfm } from "./rfm-data";
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
 * Scores all customers of a summary with a fitted purchase model and Gamma-Gamma spend parameters.
 *
 * @example scoreCustomers(table, bgnbdModel(fit.params), gg.params, { unit: "week", horizon: 39 }).clv
 */
export function scoreCustomers(
  data: RfmColumns & { monetary: ArrayLike<number> },
  model: PurchaseModel,
  spendParams: Readonly<Record<string, number>>,
  options: ScoreOptions,
): CustomerScores {
  const { horizonMonths, discountRateMonthly, margin, unitsPerMonth } = monthlyClvSettings(options);
  if (!Number.isFinite(options.horizon) || options.horizon < 0) throw new InvalidInputError(`horizon ${options.horizon} must be a number ≥ 0`);
  const spend = checkGammaGammaParams(spendParams);
  const grouped = groupRfm(data);
  const n = data.x.length;
  const groupAlive = new Float64Array(grouped.groups);
  const groupExpected = new Float64Array(grouped.groups);
  const groupDiscounted = new Float64Array(grouped.groups);
  const discount = Array.from({ length: horizonMonths }, (_, i) => 1 / (1 + discountRateMonthly) ** (i + 1));
  for (let g = 0; g < grouped.groups; g++) {
    const x = grouped.x[g]!;
    const tx = grouped.tx[g]!;
    const T = grouped.T[g]!;
    groupAlive[g] = model.probabilityAlive(x, tx, T);
    groupExpected[g] = model.conditionalExpectedPurchases(x, tx, T, options.horizon);
    let previous = 0;
    let total = 0;
    for (let month = 1; month <= horizonMonths; month++) {
      const cumulative = model.conditionalExpectedPurchases(x, tx, T, month * unitsPerMonth);
      total += (cumulative - previous) * discount[month - 1]!;
      previous = cumulative;
    }
    groupDiscounted[g] = total;
  }
  const scores: CustomerScores = {
    probabilityAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    clv: new Float64Array(n),
    group: grouped.groupOfCustomer,
  };
  let populationSpend = Number.NaN;
  for (let i = 0; i < n; i++) {
    const g = grouped.groupOfCustomer[i]!;
    const x = data.x[i]!;
    const m = data.monetary[i]!;
    let expectedSpend: number;
    if (x > 0 && m > 0) {
      expectedSpend = gammaGammaExpectedSpend(spend, x, m);
    } else {
      if (Number.isNaN(populationSpend)) populationSpend = gammaGammaExpectedSpend(spend, 0, 0);
      expectedSpend = populationSpend;
    }
    scores.probabilityAlive[i] = groupAlive[g]!;
    scores.expectedPurchases[i] = groupExpected[g]!;
    scores.expectedSpend[i] = expectedSpend;
    scores.clv[i] = groupDiscounted[g]! * expectedSpend * margin;
  }
  return scores;
}
