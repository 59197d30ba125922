/**
 * Which purchase model to use, and how well it predicts: every candidate is fitted to a calibration
 * period and judged by how well it predicts each customer's repeat purchases in the holdout period that
 * follows (the last `holdoutPercent` % of the history, a setting, in whole weeks from 4 to 52: see
 * holdoutSplit in lib/clv/holdout.ts; Fader, Hardie & Lee 2005 compare BG/NBD and Pareto/NBD this way). The comparison runs on a fixed, deterministic sample of customers (about 10,000)
 * so that it costs the same for any data size; the chosen model is then fitted to every customer.
 */
import { compareModels, type ModelComparisonRow } from "@/lib/clv/compare";
import { holdoutSplit, minimumHistoryDays } from "@/lib/clv/holdout";
import { isoFromDayNumber } from "@/lib/clv/iso-date";
import { purchaseModelDefinition, purchaseModels } from "@/lib/clv/models";
import { summarizeTransactions, type CustomerSummaryTable, type TransactionColumns } from "@/lib/clv/summary";
import type { PurchaseModelName } from "@/lib/clv/types";

export const COMPARISON_SAMPLE_CUSTOMERS = 10_000;
/** The holdout share when none is given (the setting's default). */
export const DEFAULT_HOLDOUT_PERCENT = 25;

export interface ModelSelection {
  model: PurchaseModelName;
  /** How the model was chosen, for people. */
  reason: string;
  holdoutWeeks: number | null;
  calibrationEnd: string | null;
  sampleCustomers: number;
  /** One row per model fitted on the calibration period (params, AIC/BIC, holdout errors, or the error). */
  comparison: ModelComparisonRow[];
  /** The sampled customers' purchases (all of them when the data are small). */
  sample: TransactionColumns;
  /** The sample's summary of the calibration period with its holdout figures (null without a holdout test). */
  calibration: CustomerSummaryTable | null;
  /** The share of the history that was held out (percent). */
  holdoutPercent: number;
}

/** Holdout length in days for a history of `historyDays`: `percent` % of it in whole weeks, 4 to 52 weeks; null when too short. */
export function holdoutDays(historyDays: number, percent = DEFAULT_HOLDOUT_PERCENT): number | null {
  return holdoutSplit(0, historyDays - 1, percent)?.holdoutDays ?? null;
}

/** Whether customer `id` is in the comparison sample (a hash of the id, so the sample is stable). */
export function inSample(id: number, stride: number): boolean {
  if (stride <= 1) return true;
  return (Math.imul(id | 0, 0x9e3779b1) >>> 0) % stride === 0;
}

/**
 * Compares the candidate models (all of them for "auto", else the one chosen) on a sample of customers.
 * `rows` are purchases (no refunds), `customerIds` the database ids by the rows' customer index.
 */
export function chooseModel(
  rows: TransactionColumns,
  customerIds: ArrayLike<number>,
  choice: PurchaseModelName | "auto",
  asOfDay: number,
  firstDay: number,
  warmStarts?: WarmStarts,
  holdoutPercent = DEFAULT_HOLDOUT_PERCENT,
): ModelSelection {
  const candidates = choice === "auto" ? purchaseModels : [purchaseModelDefinition(choice)];
  const split = holdoutSplit(firstDay, asOfDay, holdoutPercent);
  const fallback = choice === "auto" ? "bgnbd" : choice;
  if (split === null) {
    return {
      model: fallback,
      reason: `The history is too short for a holdout test (at least ${minimumHistoryDays(holdoutPercent)} days are needed)${choice === "auto" ? "; BG/NBD is used" : ""}.`,
      holdoutWeeks: null,
      calibrationEnd: null,
      sampleCustomers: 0,
      comparison: [],
      sample: rows,
      calibration: null,
      holdoutPercent,
    };
  }
  const holdout = split.holdoutDays;
  const stride = Math.max(1, Math.floor(customerIds.length / COMPARISON_SAMPLE_CUSTOMERS));
  const sample = sampleRows(rows, customerIds, stride);
  const calibrationEndDay = split.calibrationEndDay;
  const table = summarizeTransactions(sample, { unit: "week", calibrationEnd: calibrationEndDay, holdoutEnd: asOfDay });
  const comparison = candidates.map((definition) => {
    const warm = startFrom(warmStarts?.[definition.name], definition.parameterNames);
    const compared = compareModels(table, { models: [definition], holdout: table.holdout, fitOptions: warm ? { starts: [warm] } : undefined }).models[0]!;
    // A warm start that fails is retried from the model's own starting points.
    return compared.error && warm ? compareModels(table, { models: [definition], holdout: table.holdout }).models[0]! : compared;
  });
  const best = lowestHoldoutError(comparison);
  const base = {
    holdoutWeeks: split.holdoutWeeks,
    calibrationEnd: isoFromDayNumber(calibrationEndDay),
    sampleCustomers: table.customers,
    comparison,
    sample,
    calibration: table,
    holdoutPercent,
  };
  if (choice !== "auto") return { ...base, model: choice, reason: "Chosen in the settings." };
  if (best === null) {
    return { ...base, model: fallback, reason: "No model could be fitted to the calibration period; BG/NBD is used." };
  }
  const label = purchaseModelDefinition(best).label;
  return { ...base, model: best as PurchaseModelName, reason: `${label} predicted the ${holdout / 7}-week holdout best (lowest root mean squared error per customer).` };
}

/** Parameters to start each model's fit from (a previous snapshot's estimates): same optimum, fewer iterations. */
export type WarmStarts = Partial<Record<PurchaseModelName, Readonly<Record<string, number>>>>;

/** Log-scale starting point from parameters, or null when any is missing or not positive. */
export function startFrom(params: Readonly<Record<string, number>> | undefined | null, names: readonly string[]): number[] | null {
  if (!params) return null;
  const start = names.map((name) => Math.log(params[name] ?? Number.NaN));
  return start.every(Number.isFinite) ? start : null;
}

function lowestHoldoutError(rows: ModelComparisonRow[]): string | null {
  let best: ModelComparisonRow | null = null;
  for (const row of rows) {
    const error = row.holdout?.rootMeanSquaredError;
    if (error === undefined || !Number.isFinite(error)) continue;
    if (best === null || error < best.holdout!.rootMeanSquaredError) best = row;
  }
  return best?.model ?? null;
}

function sampleRows(rows: TransactionColumns, customerIds: ArrayLike<number>, stride: number): TransactionColumns {
  const count = rows.rows ?? rows.customer.length;
  if (stride <= 1) return rows;
  const keep = new Uint8Array(customerIds.length);
  for (let c = 0; c < customerIds.length; c++) keep[c] = inSample(customerIds[c]!, stride) ? 1 : 0;
  let kept = 0;
  for (let i = 0; i < count; i++) kept += keep[rows.customer[i]!]!;
  const customer = new Int32Array(kept);
  const day = new Int32Array(kept);
  const amount = new Float64Array(kept);
  for (let i = 0, j = 0; i < count; i++) {
    const c = rows.customer[i]!;
    if (!keep[c]) continue;
    customer[j] = c;
    day[j] = rows.day[i]!;
    amount[j] = rows.amount[i]!;
    j++;
  }
  return { customerIds: rows.customerIds, customer, day, amount };
}
