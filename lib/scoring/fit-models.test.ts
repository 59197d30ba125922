import { describe, expect, test } from "vitest";
import type { ModelComparisonRow } from "@/lib/clv/compare";
import { InsufficientDataError } from "@/lib/clv/errors";
import { simulateTransactionLog } from "@/lib/clv/simulate";
import { summarizeTransactions } from "@/lib/clv/summary";
import type { PurchaseModelName } from "@/lib/clv/types";
import type { ModelSelection } from "./choose-model";
import { candidateOrder, fitFirstPurchaseModel, NoPurchaseModelFitsError } from "./fit-models";

const START_DAY = 19_000;
const END_DAY = START_DAY + 730;

/** A transaction log simulated from BG/NBD parameters per day, summarised in weeks up to END_DAY. */
function summaryOf(params: { r: number; alpha: number; a: number; b: number }, customers = 2000) {
  const log = simulateTransactionLog(params, { p: 6, q: 4, v: 15 }, { customers, startDay: START_DAY, acquisitionDays: 365, endDay: END_DAY, seed: 7 });
  return { log, table: summarizeTransactions(log, { unit: "week", calibrationEnd: END_DAY }) };
}

function selectionFor(model: PurchaseModelName, sample: ModelSelection["sample"], comparison: ModelComparisonRow[] = []): ModelSelection {
  return { model, reason: "test", holdoutWeeks: null, calibrationEnd: null, sampleCustomers: 0, comparison, sample, calibration: null, holdoutPercent: 25 };
}

const row = (model: string, rootMeanSquaredError: number | null): ModelComparisonRow => ({
  model,
  label: model,
  parameters: 4,
  params: null,
  logLikelihood: null,
  aic: null,
  bic: null,
  converged: rootMeanSquaredError !== null,
  seconds: null,
  holdout: rootMeanSquaredError === null ? null : { predictedTotal: 0, actualTotal: 0, totalErrorPercent: 0, meanAbsoluteError: 0, rootMeanSquaredError },
  error: rootMeanSquaredError === null ? "did not converge" : null,
});

describe("fitFirstPurchaseModel", () => {
  test("data with the usual heterogeneity: the chosen model is fitted, no fallback", () => {
    const { log, table } = summaryOf({ r: 0.25, alpha: 30, a: 0.8, b: 2.5 });
    const fitted = fitFirstPurchaseModel(table, selectionFor("bgnbd", log), {}, END_DAY, true);
    expect(fitted.model).toBe("bgnbd");
    expect(fitted.fallbackReason).toBeNull();
    expect(fitted.fit.params.r).toBeGreaterThan(0);
  });

  // Every customer buys at the same rate (gamma shape 10^6) and nobody drops out: every gamma mixture
  // collapses to one rate, and no model's likelihood has a strict maximum.
  const homogeneous = { r: 1e6, alpha: 1e6 / 0.02, a: 0.01, b: 1e6 };

  test("data no model can describe: the automatic choice tries every model, then says to choose the simple formula", () => {
    const { log, table } = summaryOf(homogeneous);
    const attempt = () => fitFirstPurchaseModel(table, selectionFor("bgnbd", log), {}, END_DAY, true);
    expect(attempt).toThrow(NoPurchaseModelFitsError);
    expect(attempt).toThrow(/^None of the purchase models \(BG\/NBD, [^)]*Pareto\/NBD[^)]*\) could be fitted to every customer: .*Choose "Simple formula" as the model in Settings/);
    expect(attempt).toThrow(/MBG\/NBD/);
    // Why each failed goes to the server log, one line per model.
    const error = (() => {
      try {
        attempt();
      } catch (caught) {
        return caught as NoPurchaseModelFitsError;
      }
    })();
    expect(error?.details.split("\n").map((line) => line.split(":")[0]).sort()).toEqual(["BG/NBD", "MBG/NBD", "Pareto/NBD"]);
  });

  test("a model chosen in the settings is not replaced: its failure says what to choose instead", () => {
    const { log, table } = summaryOf(homogeneous);
    const attempt = () => fitFirstPurchaseModel(table, selectionFor("bgnbd", log), {}, END_DAY, false);
    expect(attempt).toThrow(/^BG\/NBD could not be fitted to every customer\. Choose "Automatic" or "Simple formula" as the model in Settings\.$/);
  });
});

test("too little data is not a reason to try another model: the message says how many customers are needed", () => {
  const { log, table } = summaryOf({ r: 0.25, alpha: 30, a: 0.8, b: 2.5 }, 5);
  expect(() => fitFirstPurchaseModel(table, selectionFor("bgnbd", log), {}, END_DAY, true)).toThrow(InsufficientDataError);
});

describe("candidateOrder", () => {
  test("the chosen model, then the others by holdout error, those without one after, then models not compared", () => {
    const selection = selectionFor("mbgnbd", { customer: new Int32Array(0), day: new Int32Array(0), amount: new Float64Array(0), rows: 0, customerIds: [] }, [
      row("bgnbd", null),
      row("paretonbd", 1.2),
      row("mbgnbd", 0.9),
    ]);
    expect(candidateOrder(selection)).toEqual(["mbgnbd", "paretonbd", "bgnbd"]);
    expect(candidateOrder(selectionFor("paretonbd", selection.sample))).toEqual(["paretonbd", "bgnbd", "mbgnbd"]);
  });
});
