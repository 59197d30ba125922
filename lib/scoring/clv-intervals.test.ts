import { describe, expect, test } from "vitest";
import { simulateTransactionLog } from "@/lib/clv/simulate";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { computeScores } from "./compute-scores";
import type { LoadedTransactions } from "./types";

/** A BG/NBD transaction log (per-day parameters) as the job reads it, with costs of 60% of revenue. */
function simulatedTransactions(customers: number): LoadedTransactions {
  const log = simulateTransactionLog({ r: 0.4, alpha: 40, a: 0.6, b: 3 }, { p: 6, q: 4, v: 150 }, { customers, startDay: 19_000, acquisitionDays: 500, endDay: 19_730, seed: 4 });
  const revenueCents = Float64Array.from(log.amount.subarray(0, log.rows), (amount) => Math.round(amount * 100));
  return {
    rows: log.rows,
    customerIds: Float64Array.from({ length: customers }, (_, c) => c + 1),
    customer: log.customer,
    day: log.day,
    revenueCents,
    costCents: Float64Array.from(revenueCents, (cents) => Math.round(cents * 0.6)),
    maxTransactionId: log.rows,
  };
}

describe("predicted CLV intervals in the scoring job", () => {
  const data = simulatedTransactions(1500);

  test("every customer's range holds their predicted CLV; the total's range holds the total and is narrower than the summed ranges", () => {
    const result = computeScores(data, { ...DEFAULT_SETTINGS, model: "bgnbd" });
    const { predictedClvCents, predictedClvLowCents, predictedClvHighCents } = result.figures;
    expect(predictedClvLowCents).not.toBeNull();
    let sumLow = 0;
    let sumHigh = 0;
    let widths = 0;
    for (let i = 0; i < predictedClvCents.length; i++) {
      expect(predictedClvLowCents![i]!).toBeLessThanOrEqual(predictedClvCents[i]!);
      expect(predictedClvHighCents![i]!).toBeGreaterThanOrEqual(predictedClvCents[i]!);
      expect(Number.isInteger(predictedClvLowCents![i]!)).toBe(true);
      sumLow += predictedClvLowCents![i]!;
      sumHigh += predictedClvHighCents![i]!;
      widths += predictedClvHighCents![i]! - predictedClvLowCents![i]!;
    }
    expect(widths).toBeGreaterThan(0);
    const interval = result.summary.predictedClvInterval!;
    const total = result.summary.totals.predictedClvCents;
    expect(interval.level).toBe(0.9);
    expect(interval.lowCents).toBeLessThan(total);
    expect(interval.highCents).toBeGreaterThan(total);
    expect(interval.lowCents).toBeGreaterThanOrEqual(sumLow);
    expect(interval.highCents).toBeLessThanOrEqual(sumHigh);
  });

  test("the simple formula has no parameter uncertainty to show: no ranges at all", () => {
    const result = computeScores(data, { ...DEFAULT_SETTINGS, model: "simple" });
    expect(result.figures.predictedClvLowCents).toBeNull();
    expect(result.figures.predictedClvHighCents).toBeNull();
    expect(result.summary.predictedClvInterval).toBeUndefined();
  });
});
