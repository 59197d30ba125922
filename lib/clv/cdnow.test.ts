/**
 * The published CDNOW results (Fader, Hardie & Lee 2005, both papers) reproduced from the CDNOW sample
 * vendored in testdata/cdnow (public data, see its README): they run on every clone.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bgnbdLogLikelihood, bgnbdModel, fitBgNbd } from "./bg-nbd";
import { fitGammaGamma } from "./gamma-gamma";
import { fitMbgNbd } from "./mbg-nbd";
import { summarizeTransactionRows } from "./summary";
import type { CustomerSummary } from "./types";

const directory = path.resolve(import.meta.dirname, "testdata/cdnow");
const summaryFile = path.join(directory, "cdnow_sample_summary.csv");
const transactionsFile = path.join(directory, "cdnow_sample_transactions.csv");

function readRows(file: string): string[][] {
  return readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
}

function loadSummary(): CustomerSummary[] {
  return readRows(summaryFile).map(([id, x, tx, T, zbar]) => ({ id, x: Number(x), tx: Number(tx), T: Number(T), monetary: Number(zbar) }));
}

function loadTransactionSummary() {
  const transactions = readRows(transactionsFile).map(([customerId, date, , amount]) => ({ customerId: customerId!, date: date!, amount: Number(amount) }));
  return summarizeTransactionRows(transactions, { unit: "week", calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" });
}

describe("CDNOW published results", () => {
  const summary = loadSummary();

  it("the summary has the papers' 2,357 customers, 946 repeat buyers, 1,016 distinct (x, t_x, T)", () => {
    expect(summary).toHaveLength(2357);
    expect(summary.filter((c) => c.x > 0)).toHaveLength(946);
    expect(new Set(summary.map((c) => `${c.x}|${c.tx}|${c.T}`)).size).toBe(1016);
  });

  it("BG/NBD: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (FHL 2005, Table 1)", () => {
    const fit = fitBgNbd(summary);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 3);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    // At full precision (testdata/cdnow/README, from ../shared/data/cdnow): r 0.24259, alpha 4.4135, a 0.79289, b 2.42575, LL −9582.4256.
    expect(fit.params.r).toBeCloseTo(0.24259, 4);
    expect(fit.params.alpha).toBeCloseTo(4.4135, 3);
    expect(fit.params.a).toBeCloseTo(0.79289, 4);
    expect(fit.params.b).toBeCloseTo(2.42575, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 3);
    for (const name of ["r", "alpha", "a", "b"]) {
      expect(fit.standardErrors[name]).toBeGreaterThan(0);
      expect(fit.standardErrors[name]!).toBeLessThan(fit.params[name]!);
    }
    expect(bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, summary)).toBeCloseTo(-9582.4, 0);
  });

  it("BG/NBD conditional expectation 1.226 for x = 2, t_x = 30.43, T = 38.86, t = 39 (FHL 2005, section 4)", () => {
    const model = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    expect(model.conditionalExpectedPurchases(2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
  });

  it("Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, gamma = 15.44 (FHL 2005 'RFM and CLV')", () => {
    const fit = fitGammaGamma({ x: summary.map((c) => c.x), monetary: summary.map((c) => c.monetary) });
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
  });

  it("MBG/NBD agrees with the values BTYDplus and lifetimes report for CDNOW (0.525, 6.183, 0.891, 1.614)", () => {
    const fit = fitMbgNbd(summary);
    expect(fit.params.r).toBeCloseTo(0.525, 3);
    expect(fit.params.alpha).toBeCloseTo(6.183, 2);
    expect(fit.params.a).toBeCloseTo(0.891, 3);
    expect(fit.params.b).toBeCloseTo(1.614, 2);
  });

  describe("from the raw transactions (calibration end 1997-09-30, weeks)", () => {
    const table = loadTransactionSummary();

    it("rebuilds the papers' summary up to its two-decimal rounding", () => {
      expect(table.customers).toBe(2357);
      const key = (x: number, tx: number, T: number) => `${x}|${tx.toFixed(2)}|${T.toFixed(2)}`;
      const fromFile = summary.map((c) => key(c.x, c.tx, c.T)).sort();
      const ours = Array.from(table.x, (x, i) => key(x, table.tx[i]!, table.T[i]!)).sort();
      expect(ours).toEqual(fromFile);
      const spendFromFile = summary.map((c) => c.monetary).sort((a, b) => a - b);
      const spendOurs = Array.from(table.monetary).sort((a, b) => a - b);
      const largestGap = Math.max(...spendOurs.map((m, i) => Math.abs(m - spendFromFile[i]!)));
      expect(largestGap).toBeLessThanOrEqual(0.005 + 1e-9); // zbar is rounded to cents
      expect(table.holdout!.durationUnits).toBe(39);
    });

    it("BG/NBD and Gamma-Gamma fits agree with the summary-file fits to its rounding", () => {
      const fromFile = fitBgNbd(summary);
      const fromTransactions = fitBgNbd(table!);
      for (const name of ["r", "alpha", "a", "b"]) {
        expect(Math.abs(fromTransactions.params[name]! - fromFile.params[name]!) / fromFile.params[name]!).toBeLessThan(2e-3);
      }
      expect(fromTransactions.logLikelihood).toBeCloseTo(fromFile.logLikelihood, 1);
      const spend = fitGammaGamma(table!);
      expect(spend.params.p).toBeCloseTo(6.25, 2);
      expect(spend.params.q).toBeCloseTo(3.74, 2);
      expect(spend.params.v).toBeCloseTo(15.44, 1);
    });

    it("counts the 1,882 repeat purchases of the 39-week holdout period", () => {
      expect(table.holdout!.purchases.reduce((a, b) => a + b, 0)).toBe(1882);
    });
  });
});
