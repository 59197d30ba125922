/**
 * The 90% intervals of every customer's predicted CLV and of the total, for a snapshot scored with a
 * purchase model and Gamma-Gamma (the method and what the interval means: lib/clv/clv-interval.ts). The
 * purchase model's value is recomputed once per parameter at a slightly moved estimate, per distinct
 * (x, t_x, T) as the predictions are; Gamma-Gamma's gradient is in closed form.
 */
import { clvIntervals, logScaleCovariance, purchaseGradients, type ClvIntervals } from "@/lib/clv/clv-interval";
import { GAMMA_GAMMA_PARAMETER_NAMES, checkGammaGammaParams } from "@/lib/clv/gamma-gamma";
import type { CustomerSummaryTable } from "@/lib/clv/summary";
import type { FitResult, PurchaseModelDefinition } from "@/lib/clv/types";
import { discountedPurchasesFunction, type HorizonOptions, type PurchasePredictions } from "../clv/predict-purchases";

/**
 * Intervals in currency units (null when a fit has no covariance or the predictions carry no groups:
 * then no range is shown rather than a made-up one).
 */
export function predictedClvIntervals(
  table: CustomerSummaryTable,
  predictions: PurchasePredictions,
  definition: PurchaseModelDefinition,
  purchaseFit: FitResult,
  spendFit: FitResult,
  horizon: HorizonOptions,
  margin: number,
): ClvIntervals | null {
  if (!purchaseFit.covariance || !spendFit.covariance || !predictions.groups) return null;
  const { grouped, discountedPurchases } = predictions.groups;
  const names = definition.parameterNames;
  const gradients = purchaseGradients(definition.fromParams, names, purchaseFit.params, grouped, discountedPurchasesFunction(horizon), discountedPurchases);
  const spendParams = checkGammaGammaParams(spendFit.params);
  return clvIntervals({
    discountedPurchases: predictions.discountedPurchases,
    purchaseGradients: gradients,
    groupOfCustomer: grouped.groupOfCustomer,
    purchaseCovarianceLog: logScaleCovariance(
      names.map((name) => purchaseFit.params[name]!),
      purchaseFit.covariance,
    ),
    x: table.x,
    monetary: table.monetary,
    spendParams,
    spendCovarianceLog: logScaleCovariance(
      GAMMA_GAMMA_PARAMETER_NAMES.map((name) => spendParams[name]),
      spendFit.covariance,
    ),
    margin,
  });
}
