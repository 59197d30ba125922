/**
 * From the transactions and the settings to every customer's figures (pure: no database). The steps:
 * 1. the analysis date (the setting, or the last purchase) and each customer's net value to date;
 * 2. the per-customer summary in weeks (purchases only: a refund lowers value, it is not a visit);
 * 3. the purchase model: compared on a holdout (choose-model.ts), then fitted to every customer, starting
 *    from the comparison's estimate; Gamma-Gamma for the order value (or the simple formula);
 * 4. predicted CLV = discounted expected purchases × expected order value × margin, where the margin is
 *    the data's own (net value / purchase revenue, refunds included) when costs are known, else the
 *    profit-margin setting (scaled by the share of revenue that was not refunded);
 * 4b. the 90% interval of each customer's predicted CLV and of the total, from the parameters' standard
 *    errors (delta method; lib/clv/clv-interval.ts) — model fits only;
 * 5. each customer's relationship length and whether it has ended (relationship-lengths.ts), RFM scores
 *    and segments, tiers, the quadrants (CLV by the tier measure against relationship length; quadrants.ts)
 *    and the summary the report prints.
 */
import type { ClvIntervals } from "@/lib/clv/clv-interval";
import { InsufficientDataError, InvalidInputError } from "@/lib/clv/errors";
import { GAMMA_GAMMA_PARAMETER_NAMES, fitGammaGamma } from "@/lib/clv/gamma-gamma";
import { isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { purchaseModelDefinition } from "@/lib/clv/models";
import { summarizeTransactions, type TransactionColumns } from "@/lib/clv/summary";
import type { PurchaseModel, PurchaseModelName } from "@/lib/clv/types";
import { expectedSpendPerCustomer } from "@/lib/clv/score";
import type { Settings } from "@/lib/settings/schema";
import { chooseModel, startFrom, type WarmStarts } from "./choose-model";
import { predictedClvIntervals } from "./clv-intervals";
import { customerFigures, summarise } from "./figures";
import { fitFirstPurchaseModel, fittedModelInfo, withWarmStart } from "./fit-models";
import { modelValidation } from "./model-validation";
import { predictPurchases, type PurchasePredictions } from "../clv/predict-purchases";
import { relationshipLengths } from "./relationship-lengths";
import { estimateRetention, simpleFormulaPredictions } from "./simple-formula";
import type { LoadedTransactions, ProgressCallback, ScoringResult, SnapshotFit } from "./types";

const SIMPLE_LABEL = "Simple formula";

/** Scores every customer; throws a named error (InsufficientDataError, ModelFitError, ...) with a message for people. */
export function computeScores(
  data: LoadedTransactions,
  settings: Settings,
  onProgress: ProgressCallback = () => {},
  /** The current snapshot's fit: its estimates are the starting points of this run's fits. */
  previousFit: SnapshotFit | null = null,
): ScoringResult {
  if (data.rows === 0) throw new InsufficientDataError("There are no purchases to score yet: import transactions or seed the demo company first.", 1, 0);
  const asOfDay = analysisDay(data, settings.analysisDate);
  const customerCount = data.customerIds.length;

  // 1. Net value to date, purchases for the models, and the sums behind the margin.
  const historic = new Float64Array(customerCount);
  const purchaseRows = { customer: new Int32Array(data.rows), day: new Int32Array(data.rows), amount: new Float64Array(data.rows) };
  let purchases = 0;
  let used = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  let netCents = 0;
  let revenueCents = 0;
  let activeCustomers = 0;
  const active = new Uint8Array(customerCount);
  let purchaseRevenueCents = 0;
  for (let i = 0; i < data.rows; i++) {
    const day = data.day[i]!;
    if (day > asOfDay) continue;
    const revenue = data.revenueCents[i]!;
    const net = data.costCents ? revenue - data.costCents[i]! : revenue * settings.profitMargin;
    const c = data.customer[i]!;
    historic[c]! += net;
    if (!active[c]) {
      active[c] = 1;
      activeCustomers++;
    }
    if (data.costCents) netCents += net;
    revenueCents += revenue;
    used++;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    // A purchase (lib/scoring/purchase-rule.ts): the loader leaves out orders refunded in full, so of the
    // rows read only refund rows (negative) are no purchase.
    if (revenue >= 0) {
      purchaseRows.customer[purchases] = c;
      purchaseRows.day[purchases] = day;
      purchaseRows.amount[purchases] = revenue / 100;
      purchaseRevenueCents += revenue;
      purchases++;
    }
  }
  if (purchases === 0) throw new InsufficientDataError(`There are no purchases on or before the analysis date ${isoFromDayNumber(asOfDay)}.`, 1, 0);
  const refundShare = purchaseRevenueCents > 0 ? Math.max(0, 1 - revenueCents / purchaseRevenueCents) : 0;
  const margin: SnapshotFit["margin"] = data.costCents
    ? { applied: purchaseRevenueCents > 0 ? netCents / purchaseRevenueCents : 0, source: "costs", refundShare }
    : { applied: settings.profitMargin * (1 - refundShare), source: "setting", refundShare };

  onProgress(0.12, "Summarising purchases");
  // The summary names customers by their dense index (as text); customerFigures maps them back to ids.
  const indexNames = Array.from({ length: customerCount }, (_, c) => String(c));
  const columns: TransactionColumns = { customerIds: indexNames, ...purchaseRows, rows: purchases };
  const table = summarizeTransactions(columns, { unit: "week", calibrationEnd: asOfDay });

  // 2-3. Model, spend and predictions.
  const discountRateMonthly = (1 + settings.discountRateYearly) ** (1 / 12) - 1;
  const horizon = { unit: "week" as const, horizonMonths: settings.horizonMonths, discountRateMonthly };
  let predictions: PurchasePredictions;
  let expectedOrderValue: Float64Array;
  let fit: SnapshotFit;
  let intervals: ClvIntervals | null = null;
  let purchaseModel: PurchaseModel | null = null;
  if (settings.model === "simple") {
    onProgress(0.2, "Estimating retention");
    const retention = estimateRetention({ customer: purchaseRows.customer, day: purchaseRows.day, rows: purchases }, customerCount, firstDay, asOfDay);
    const simple = simpleFormulaPredictions({ purchaseDays: table.purchaseDays, firstDay: table.firstDay, revenue: table.revenue, asOfDay }, retention.rateYearly, horizon);
    predictions = simple;
    expectedOrderValue = simple.averageOrderValue;
    fit = {
      unit: "week",
      purchaseModel: {
        name: "simple",
        label: SIMPLE_LABEL,
        params: { retentionRateYearly: retention.rateYearly },
        standardErrors: { retentionRateYearly: retention.standardError },
        logLikelihood: null,
        aic: null,
        bic: null,
        converged: true,
        iterations: 0,
        customers: table.customers,
        seconds: 0,
      },
      spendModel: null,
      selection: { reason: "Chosen in the settings.", holdoutWeeks: null, calibrationEnd: null, sampleCustomers: 0, comparison: [] },
      holdout: null,
      margin,
      retention,
    };
  } else {
    onProgress(0.15, "Comparing models on a holdout period");
    const warmStarts: WarmStarts = {};
    for (const row of previousFit?.selection.comparison ?? []) if (row.params) warmStarts[row.model as PurchaseModelName] = row.params;
    const chosen = chooseModel(columns, data.customerIds, settings.model, asOfDay, firstDay, warmStarts, settings.holdoutPercent);
    onProgress(0.35, `Fitting ${purchaseModelDefinition(chosen.model).label}`);
    const previousParams = previousFit ? { [previousFit.purchaseModel.name]: previousFit.purchaseModel.params } : {};
    const fitted = fitFirstPurchaseModel(table, chosen, previousParams, asOfDay, settings.model === "auto");
    const purchaseFit = fitted.fit;
    // The model used: the comparison's choice, or the next best when that could not be fitted to everyone.
    const selection = fitted.fallbackReason ? { ...chosen, model: fitted.model, reason: `${chosen.reason} ${fitted.fallbackReason}` } : chosen;
    onProgress(0.5, "Fitting Gamma-Gamma");
    const spendFit = withWarmStart((options) => fitGammaGamma(table, options), startFrom(previousFit?.spendModel?.params, GAMMA_GAMMA_PARAMETER_NAMES));
    onProgress(0.52, "Scoring customers");
    purchaseModel = purchaseModelDefinition(selection.model).fromParams(purchaseFit.params);
    predictions = predictPurchases(table, purchaseModel, horizon, (done) =>
      onProgress(0.52 + 0.18 * done, "Scoring customers"),
    );
    expectedOrderValue = expectedSpendPerCustomer(table, spendFit.params);
    onProgress(0.7, "Intervals of predicted CLV");
    intervals = predictedClvIntervals(table, predictions, purchaseModelDefinition(selection.model), purchaseFit, spendFit, horizon, margin.applied);
    const chosenRow = selection.comparison.find((row) => row.model === selection.model);
    fit = {
      unit: "week",
      purchaseModel: fittedModelInfo(purchaseFit, purchaseModelDefinition(selection.model).label, purchaseModelDefinition(selection.model).parameterNames.length),
      spendModel: fittedModelInfo(spendFit, "Gamma-Gamma", 3),
      selection: {
        reason: selection.reason,
        holdoutWeeks: selection.holdoutWeeks,
        calibrationEnd: selection.calibrationEnd,
        sampleCustomers: selection.sampleCustomers,
        comparison: selection.comparison,
      },
      holdout: chosenRow?.holdout ?? null,
      margin,
      validation: modelValidation(selection, table, predictions),
    };
  }

  onProgress(0.72, "Relationship lengths");
  const relationship = relationshipLengths(
    table,
    asOfDay,
    settings.quadrants.relationship,
    settings.horizonMonths,
    purchaseModel && predictions.probabilityAlive ? { model: purchaseModel, probabilityAlive: predictions.probabilityAlive } : null,
  );
  onProgress(0.74, "Tiers, segments and quadrants");
  const { figures, quadrantAxes } = customerFigures(
    table,
    data,
    historic,
    predictions,
    expectedOrderValue,
    margin.applied,
    asOfDay,
    settings,
    intervals,
    relationship,
    purchaseModel?.model ?? null,
  );
  // Customers with purchases up to the analysis date but none the models can use (refunds only).
  const summary = summarise(figures, settings, quadrantAxes, activeCustomers - table.customers);
  if (intervals) summary.predictedClvInterval = totalInterval(summary.totals.predictedClvCents, intervals);
  return {
    asOfDate: isoFromDayNumber(asOfDay),
    firstPurchaseDate: isoFromDayNumber(firstDay),
    lastPurchaseDate: isoFromDayNumber(lastDay),
    model: settings.model === "simple" ? "simple" : (fit.purchaseModel.name as PurchaseModelName),
    fit,
    summary,
    figures,
    transactions: used,
  };
}

/**
 * The total's interval in cents, scaled to the total of the rounded customer values the summary shows (the
 * interval of the sum comes from the summed gradient, not from adding up the customers' intervals).
 */
function totalInterval(totalCents: number, intervals: ClvIntervals): NonNullable<ScoringResult["summary"]["predictedClvInterval"]> {
  const { value, low, high } = intervals.total;
  const scale = value !== 0 ? totalCents / (value * 100) : 0;
  return {
    lowCents: Math.min(totalCents, Math.round(low * 100 * scale)),
    highCents: Math.max(totalCents, Math.round(high * 100 * scale)),
    level: intervals.level,
  };
}

function analysisDay(data: LoadedTransactions, analysisDate: string | null): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.rows; i++) {
    const day = data.day[i]!;
    if (day < first) first = day;
    if (day > last) last = day;
  }
  if (analysisDate === null) return last;
  const day = parseIsoDay(analysisDate);
  if (!Number.isInteger(day)) throw new InvalidInputError(`The analysis date ${analysisDate} is not a valid date.`);
  if (day < first) throw new InvalidInputError(`The analysis date ${analysisDate} is before the first purchase (${isoFromDayNumber(first)}): choose a later date.`);
  return day;
}
