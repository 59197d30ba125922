/**
 * The simulated world of the CLV interval tests (clv-interval.test.ts and the coverage study in
 * clv-interval.slow.test.ts): true BG/NBD and Gamma-Gamma parameters, three fixed customers, and a fit of
 * both models with their intervals on simulated data.
 */
import { bgnbd, fitBgNbd } from "./bg-nbd";
import { discountedExpectedPurchases } from "./clv";
import { clvIntervals, logScaleCovariance, purchaseGradients, type ClvIntervals } from "./clv-interval";
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from "./gamma-gamma";
import { simulateBetaGeometric, simulateSpend } from "./simulate";
import type { PurchaseModel } from "./types";

export const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
export const spendTruth: GammaGammaParams = { p: 6, q: 4, v: 15 };
export const names = ["r", "alpha", "a", "b"];
export const horizon = { unit: "week" as const, horizonMonths: 12, discountRateMonthly: 0.01 };
export const discounted = (model: PurchaseModel, x: number, tx: number, T: number) => discountedExpectedPurchases(model, x, tx, T, horizon);
/** Three fixed customers judged in every replication: a one-off buyer, a light and a heavy repeat buyer. */
export const fixed = { x: [0, 2, 8], tx: [0, 20, 35], T: [30, 39, 39], monetary: [0, 25, 40] };

/** The true expected CLV (margin 1) of a customer under the true parameters. */
export function trueValue(x: number, tx: number, T: number, m: number): number {
  return discounted(bgnbd.fromParams(truth), x, tx, T) * gammaGammaExpectedSpend(spendTruth, x, m);
}

/** Simulates `customers` BG/NBD + Gamma-Gamma customers, fits both models and builds the intervals (fixed customers appended). */
export function fittedIntervals(customers: number, seed: number): { intervals: ClvIntervals; x: Float64Array; tx: Float64Array; T: Float64Array; monetary: Float64Array; fits: { purchase: ReturnType<typeof fitBgNbd>; spend: ReturnType<typeof fitGammaGamma> } } {
  const data = simulateBetaGeometric(truth, "bgnbd", { customers, age: [20, 52], seed });
  const spend = simulateSpend(spendTruth, data.x, seed + 100_000);
  const purchase = fitBgNbd(data);
  const spendFit = fitGammaGamma({ x: data.x, monetary: spend });
  const x = Float64Array.from([...data.x, ...fixed.x]);
  const tx = Float64Array.from([...data.tx, ...fixed.tx]);
  const T = Float64Array.from([...data.T, ...fixed.T]);
  const monetary = Float64Array.from([...spend, ...fixed.monetary]);
  const model = bgnbd.fromParams(purchase.params);
  const value = Float64Array.from(x, (xi, i) => discounted(model, xi, tx[i]!, T[i]!));
  const spendParams = spendFit.params as unknown as GammaGammaParams;
  const intervals = clvIntervals({
    discountedPurchases: value,
    purchaseGradients: purchaseGradients(bgnbd.fromParams, names, purchase.params, { x, tx, T }, discounted, value),
    groupOfCustomer: Int32Array.from(x, (_, i) => i),
    purchaseCovarianceLog: logScaleCovariance(names.map((name) => purchase.params[name]!), purchase.covariance!),
    x,
    monetary,
    spendParams,
    spendCovarianceLog: logScaleCovariance([spendParams.p, spendParams.q, spendParams.v], spendFit.covariance!),
    margin: 1,
  });
  return { intervals, x, tx, T, monetary, fits: { purchase, spend: spendFit } };
}
