/**
 * Fitting the chosen purchase model and Gamma-Gamma to every customer, from good starting points: the
 * previous snapshot's estimates, or the comparison sample's. A maximum-likelihood fit ends at the same
 * estimate from any nearby start; a close start only saves iterations (at 1M customers, seconds).
 */
import { akaikeInformationCriterion, bayesianInformationCriterion } from "@/lib/clv/compare";
import { InsufficientDataError, ModelFitError } from "@/lib/clv/errors";
import { purchaseModelDefinition, purchaseModels } from "@/lib/clv/models";
import { summarizeTransactions, type CustomerSummaryTable } from "@/lib/clv/summary";
import type { FitOptions, FitResult, PurchaseModelName } from "@/lib/clv/types";
import { startFrom, type ModelSelection } from "./choose-model";
import type { FittedModelInfo } from "./types";

/**
 * The chosen model fitted to every customer. It starts from the previous snapshot's estimate of it when
 * there is one; otherwise the model is first fitted to the comparison sample's whole history (starting
 * from its calibration estimate), which costs little and lands close to the full-data estimate.
 */
export function fitPurchaseModel(
  table: CustomerSummaryTable,
  selection: ModelSelection,
  previous: Readonly<Record<string, number>> | null,
  asOfDay: number,
): FitResult<PurchaseModelName> {
  const definition = purchaseModelDefinition(selection.model);
  let start = startFrom(previous, definition.parameterNames);
  if (!start && selection.sampleCustomers > 0 && selection.sampleCustomers < table.customers) {
    const calibration = selection.comparison.find((row) => row.model === selection.model)?.params;
    try {
      const sampleTable = summarizeTransactions(selection.sample, { unit: "week", calibrationEnd: asOfDay });
      const sampleFit = withWarmStart((options) => definition.fit(sampleTable, options), startFrom(calibration, definition.parameterNames));
      start = startFrom(sampleFit.params, definition.parameterNames);
    } catch (error) {
      if (!(error instanceof ModelFitError || error instanceof InsufficientDataError)) throw error;
    }
  }
  return withWarmStart((options) => definition.fit(table, options), start);
}

/**
 * No purchase model could be fitted to every customer. The message is for people: which models were
 * tried, why each failed, and what to change (the simple formula needs no fit).
 */
export class NoPurchaseModelFitsError extends Error {
  /** Why each model failed, for the server log (statisticians; too technical for the app's notice). */
  readonly details: string;

  constructor(failures: readonly { label: string; reason: string }[], automatic: boolean) {
    const labels = failures.map((failure) => failure.label);
    super(
      automatic
        ? `None of the purchase models (${labels.join(", ")}) could be fitted to every customer: this happens when customers buy at almost the same rate, or few buy again. ` +
            `Choose "Simple formula" as the model in Settings, or import a longer history.`
        : `${labels[0] ?? "The model"} could not be fitted to every customer. Choose "Automatic" or "Simple formula" as the model in Settings.`,
    );
    this.name = "NoPurchaseModelFitsError";
    this.details = failures.map((failure) => `${failure.label}: ${failure.reason}`).join("\n");
  }
}

export interface PurchaseModelFit {
  model: PurchaseModelName;
  fit: FitResult<PurchaseModelName>;
  /** Why the model used is not the one the holdout comparison chose (null when it is). */
  fallbackReason: string | null;
}

/**
 * `fitPurchaseModel` for the selection's model; with the automatic choice, when it cannot be fitted to
 * every customer, the next best of the holdout comparison (then any other model) is fitted instead.
 * Throws `NoPurchaseModelFitsError` when none can be. `previous` holds the last snapshot's estimates per model.
 */
export function fitFirstPurchaseModel(
  table: CustomerSummaryTable,
  selection: ModelSelection,
  previous: Partial<Record<string, Readonly<Record<string, number>>>>,
  asOfDay: number,
  automatic: boolean,
): PurchaseModelFit {
  const failures: { label: string; reason: string }[] = [];
  for (const model of automatic ? candidateOrder(selection) : [selection.model]) {
    const label = purchaseModelDefinition(model).label;
    try {
      const fit = fitPurchaseModel(table, { ...selection, model }, previous[model] ?? null, asOfDay);
      const fallbackReason =
        failures.length === 0
          ? null
          : `${failures.map((failure) => `${failure.label} could not be fitted to every customer (${failure.reason})`).join("; ")}; ${label} is used instead.`;
      return { model, fit, fallbackReason };
    } catch (error) {
      // Too little data is too little for every model: its message (how many customers are needed) stands.
      if (!(error instanceof ModelFitError)) throw error;
      failures.push({ label, reason: error.reason });
    }
  }
  throw new NoPurchaseModelFitsError(failures, automatic);
}

/**
 * The selection's model first, then the other compared models by holdout error (those without one after
 * them), then any model not compared (a history too short for a holdout test compares none).
 */
export function candidateOrder(selection: ModelSelection): PurchaseModelName[] {
  const error = (row: ModelSelection["comparison"][number]) => row.holdout?.rootMeanSquaredError ?? Number.POSITIVE_INFINITY;
  const compared = [...selection.comparison].sort((a, b) => error(a) - error(b)).map((row) => row.model as PurchaseModelName);
  return [...new Set([selection.model, ...compared, ...purchaseModels.map((definition) => definition.name)])];
}

/** Fits from a single warm start; when that fails, from the model's own starting points. */
export function withWarmStart<Result>(fit: (options?: FitOptions) => Result, start: number[] | null): Result {
  if (start) {
    try {
      return fit({ starts: [start] });
    } catch (error) {
      if (!(error instanceof ModelFitError)) throw error;
    }
  }
  return fit();
}

export function fittedModelInfo(fit: FitResult, label: string, parameters: number): FittedModelInfo {
  return {
    name: fit.model,
    label,
    params: fit.params,
    standardErrors: fit.standardErrors,
    logLikelihood: fit.logLikelihood,
    aic: akaikeInformationCriterion(fit.logLikelihood, parameters),
    bic: bayesianInformationCriterion(fit.logLikelihood, parameters, fit.customers),
    converged: fit.converged,
    iterations: fit.iterations,
    customers: fit.customers,
    seconds: fit.seconds,
  };
}
