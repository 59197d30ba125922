/**
 * Model comparison on one data set: every registered purchase model is fitted to the calibration summary
 * and judged by log-likelihood, AIC, BIC and, when a holdout period is present, by how well it predicts
 * each customer's repeat purchases in the holdout (mean absolute error, root mean squared error) and the
 * total (Fader, Hardie & Lee 2005 compare BG/NBD and Pareto/NBD this way, Table 1 and Figure 3).
 */
import { InvalidInputError } from "./errors";
import { purchaseModels } from "./models";
import { groupRfm } from "./rfm-data";
import type { FitOptions, PurchaseModelDefinition, RfmColumns } from "./types";

export interface HoldoutAccuracy {
  /** Sum over customers of predicted and actual repeat purchases in the holdout period. */
  predictedTotal: number;
  actualTotal: number;
  /** (predicted − actual) / actual, in percent. */
  totalErrorPercent: number;
  meanAbsoluteError: number;
  rootMeanSquaredError: number;
}

export interface ModelComparisonRow {
  model: string;
  label: string;
  /** Number of parameters k. */
  parameters: number;
  params: Record<string, number> | null;
  logLikelihood: number | null;
  /** Akaike: 2k − 2 log L. */
  aic: number | null;
  /** Schwarz: k log n − 2 log L. */
  bic: number | null;
  converged: boolean;
  seconds: number | null;
  holdout: HoldoutAccuracy | null;
  /** Why the model could not be fitted (the others are still compared). */
  error: string | null;
}

export interface ModelComparison {
  customers: number;
  holdoutDurationUnits: number | null;
  /** Models in registry order; `best*` name the lowest AIC / BIC / holdout RMSE. */
  models: ModelComparisonRow[];
  bestByAic: string | null;
  bestByBic: string | null;
  bestByHoldoutRmse: string | null;
}

export interface ComparisonOptions {
  models?: readonly PurchaseModelDefinition[];
  holdout?: { purchases: ArrayLike<number>; durationUnits: number };
  fitOptions?: FitOptions;
}

/**
 * Akaike information criterion 2k − 2 log L (Akaike 1974).
 *
 * @example akaikeInformationCriterion(-9582.4, 4) // 19172.8
 */
export function akaikeInformationCriterion(logLikelihood: number, parameters: number): number {
  return 2 * parameters - 2 * logLikelihood;
}

/**
 * Bayesian (Schwarz) information criterion k log n − 2 log L (Schwarz 1978).
 *
 * @example bayesianInformationCriterion(-9582.4, 4, 2357) // 19195.86…
 */
export function bayesianInformationCriterion(logLikelihood: number, parameters: number, observations: number): number {
  return parameters * Math.log(observations) - 2 * logLikelihood;
}

/** Holdout accuracy of per-customer predictions against actual purchases. */
export function holdoutAccuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): HoldoutAccuracy {
  if (predicted.length !== actual.length || predicted.length === 0) {
    throw new InvalidInputError(`predicted and actual purchases must be non-empty and of equal length (got ${predicted.length} and ${actual.length})`);
  }
  let predictedTotal = 0;
  let actualTotal = 0;
  let absolute = 0;
  let squared = 0;
  for (let i = 0; i < predicted.length; i++) {
    const difference = predicted[i]! - actual[i]!;
    predictedTotal += predicted[i]!;
    actualTotal += actual[i]!;
    absolute += Math.abs(difference);
    squared += difference * difference;
  }
  const n = predicted.length;
  return {
    predictedTotal,
    actualTotal,
    totalErrorPercent: actualTotal === 0 ? (predictedTotal === 0 ? 0 : Number.POSITIVE_INFINITY) : (100 * (predictedTotal - actualTotal)) / actualTotal,
    meanAbsoluteError: absolute / n,
    rootMeanSquaredError: Math.sqrt(squared / n),
  };
}

function lowest(rows: ModelComparisonRow[], value: (row: ModelComparisonRow) => number | null): string | null {
  let best: ModelComparisonRow | null = null;
  for (const row of rows) {
    const v = value(row);
    if (v === null || !Number.isFinite(v)) continue;
    if (best === null || v < value(best)!) best = row;
  }
  return best?.model ?? null;
}

/**
 * Fits every model to the calibration summary and compares them. A model whose fit fails gets a row with
 * its `error` message instead of stopping the comparison.
 *
 * @example compareModels(table, { holdout: table.holdout }).bestByBic // "bgnbd"
 */
export function compareModels(data: RfmColumns, options: ComparisonOptions = {}): ModelComparison {
  const definitions = options.models ?? purchaseModels;
  const customers = data.x.length;
  const holdout = options.holdout;
  if (holdout && holdout.purchases.length !== customers) {
    throw new InvalidInputError(`holdout purchases have ${holdout.purchases.length} customers, the summary ${customers}`);
  }
  const rows = definitions.map((definition): ModelComparisonRow => {
    const k = definition.parameterNames.length;
    const base = { model: definition.name, label: definition.label, parameters: k };
    try {
      const fit = definition.fit(data, options.fitOptions);
      let accuracy: HoldoutAccuracy | null = null;
      if (holdout) {
        const model = definition.fromParams(fit.params);
        const grouped = groupRfm(data);
        const perGroup = new Float64Array(grouped.groups);
        for (let g = 0; g < grouped.groups; g++) {
          perGroup[g] = model.conditionalExpectedPurchases(grouped.x[g]!, grouped.tx[g]!, grouped.T[g]!, holdout.durationUnits);
        }
        const predicted = new Float64Array(grouped.customers);
        for (let i = 0; i < predicted.length; i++) predicted[i] = perGroup[grouped.groupOfCustomer[i]!]!;
        accuracy = holdoutAccuracy(predicted, holdout.purchases);
      }
      return {
        ...base,
        params: fit.params,
        logLikelihood: fit.logLikelihood,
        aic: akaikeInformationCriterion(fit.logLikelihood, k),
        bic: bayesianInformationCriterion(fit.logLikelihood, k, fit.customers),
        converged: fit.converged,
        seconds: fit.seconds,
        holdout: accuracy,
        error: null,
      };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { ...base, params: null, logLikelihood: null, aic: null, bic: null, converged: false, seconds: null, holdout: null, error: message };
    }
  });
  return {
    customers,
    holdoutDurationUnits: holdout?.durationUnits ?? null,
    models: rows,
    bestByAic: lowest(rows, (row) => row.aic),
    bestByBic: lowest(rows, (row) => row.bic),
    bestByHoldoutRmse: lowest(rows, (row) => row.holdout?.rootMeanSquaredError ?? null),
  };
}
