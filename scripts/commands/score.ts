import { closeSync, openSync } from "node:fs";
import { fitGammaGamma } from "../../lib/clv/gamma-gamma";
import { purchaseModelDefinition } from "../../lib/clv/models";
import { scoreCustomers, type CustomerScores } from "../../lib/clv/score";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";
import { numberOption, unitOption } from "./clv-input";
import { CsvByteWriter } from "./csv-byte-writer";
import { loadSummary } from "./fit";

const usage = `Usage: npm run --silent clv -- score --transactions FILE --calibration-end YYYY-MM-DD --unit week --model bgnbd|mbgnbd|paretonbd
         --horizon H [--out FILE] [--months 12] [--discount-monthly 0.01] [--margin 1] [--columns customer=…,date=…,amount=…]

Fits the purchase model and Gamma-Gamma to the calibration period and writes one CSV row per customer:
customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_spend,clv
expected_purchases is over the next H units; clv is the discounted expected net value over --months
months by the monthly-sum method of Python lifetimes (a month is 30 days / 4.345 weeks / 1 month), at
--discount-monthly per month and --margin (default 1: amounts are already net value). Without --out the
CSV goes to stdout; with --out a JSON summary is printed instead. Also accepts --summary FILE.`;

const SIMPLE_TEXT = /^[A-Za-z0-9_.:/][A-Za-z0-9_.:/ -]*$/;

/** Escapes a customer id for CSV: quotes when needed, and a leading ' against formula injection (= + - @). */
export function csvSafeText(text: string): string {
  if (SIMPLE_TEXT.test(text)) return text;
  let safe = text;
  const first = safe.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) safe = `'${safe}`;
  if (/[",\r\n]/.test(safe)) safe = `"${safe.replace(/"/g, '""')}"`;
  return safe;
}

export const SCORE_HEADER = "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_spend,clv";

/**
 * Writes the score CSV to a file descriptor, a megabyte at a time, with no string made per cell or row
 * (csv-byte-writer.ts). Customer ids are escaped against CSV injection (csvSafeText).
 */
export function writeScoresCsv(descriptor: number, data: { ids: string[]; x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> }, scores: CustomerScores): void {
  const out = new CsvByteWriter(descriptor);
  out.text(`${SCORE_HEADER}\n`);
  const columns = [data.x, data.tx, data.T, data.monetary, scores.probabilityAlive, scores.expectedPurchases, scores.expectedSpend, scores.clv];
  for (let i = 0; i < data.ids.length; i++) {
    out.text(csvSafeText(data.ids[i]!));
    for (const column of columns) {
      out.byte(44); // ,
      out.number(column[i]!);
    }
    out.byte(10);
  }
  out.flush();
}

export const scoreCommand: Command = {
  name: "score",
  summary: "score every customer: P(alive), expected purchases and spend, CLV (CSV)",
  usage,
  run(args) {
    const { values: options } = parseCommandArgs("score", args, {
      transactions: { type: "string" },
      summary: { type: "string" },
      "calibration-end": { type: "string" },
      unit: { type: "string" },
      model: { type: "string" },
      horizon: { type: "string" },
      out: { type: "string" },
      months: { type: "string" },
      "discount-monthly": { type: "string" },
      margin: { type: "string" },
      columns: { type: "string" },
    });
    if (options.transactions !== undefined && options["calibration-end"] === undefined) throw new UsageError("--calibration-end is required with --transactions");
    const modelName = options.model;
    if (modelName === undefined) throw new UsageError("--model is required (bgnbd, mbgnbd or paretonbd)");
    if (options.horizon === undefined) throw new UsageError("--horizon is required (in units of --unit)");
    let definition;
    try {
      definition = purchaseModelDefinition(modelName);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const unit = unitOption(options);
    const horizon = numberOption(options, "horizon", 0, (v) => v >= 0, "a number ≥ 0");
    const horizonMonths = numberOption(options, "months", 12, (v) => Number.isInteger(v) && v >= 1 && v <= 1200, "a whole number of months from 1 to 1200");
    const discountRateMonthly = numberOption(options, "discount-monthly", 0.01, (v) => v > -1 && v < 10, "a rate above −1 (e.g. 0.01)");
    const margin = numberOption(options, "margin", 1, (v) => v >= 0 && v <= 1000, "a number ≥ 0 (e.g. 0.3)");
    const started = performance.now();
    const data = loadSummary(options, unit);
    const purchaseFit = definition.fit(data);
    const spendFit = fitGammaGamma(data);
    const scores = scoreCustomers(data, definition.fromParams(purchaseFit.params), spendFit.params, { unit, horizon, horizonMonths, discountRateMonthly, margin });
    const out = options.out;
    if (out === undefined) {
      writeScoresCsv(1, data, scores);
      return;
    }
    const descriptor = openSync(out, "w");
    try {
      writeScoresCsv(descriptor, data, scores);
    } finally {
      closeSync(descriptor);
    }
    let totalClv = 0;
    for (const value of scores.clv) totalClv += value;
    printJson({
      out,
      customers: data.ids.length,
      unit,
      horizon,
      months: horizonMonths,
      discountMonthly: discountRateMonthly,
      margin,
      purchaseModel: { model: purchaseFit.model, params: purchaseFit.params, logLikelihood: purchaseFit.logLikelihood },
      spendModel: { model: spendFit.model, params: spendFit.params, logLikelihood: spendFit.logLikelihood },
      totalClv,
      seconds: (performance.now() - started) / 1000,
    });
  },
};
