/**
 * The coverage study of the CLV intervals: 200 simulated data sets, each fitted with BG/NBD and Gamma-Gamma
 * (about 11 s). In the slow tier (`npm run test:slow`), not in the default `vitest run`.
 */
import { describe, expect, it } from "vitest";
import { fittedIntervals, trueValue } from "./clv-interval.test-helpers";

describe("coverage on simulated data", () => {
  // 200 replications of 1,000 simulated customers: fit BG/NBD and Gamma-Gamma, build the 90% intervals and
  // check that the value under the true parameters is inside. The count of hits is Binomial(200, 0.9) when
  // the intervals are right: standard error √(0.9 · 0.1 / 200) ≈ 0.021, so the observed rate must be
  // within 3 standard errors (0.836 .. 0.964) of 0.9. (400 replications while building this: 0.89 for the
  // total and 0.885, 0.905, 0.898 for the three customers.)
  const replications = 200;
  const tolerance = 3 * Math.sqrt((0.9 * 0.1) / replications);
  it(
    "the 90% interval holds the true expected value of the total and of fixed customers about 90% of the time",
    () => {
      let totalHits = 0;
      const fixedHits = [0, 0, 0];
      for (let seed = 1; seed <= replications; seed++) {
        const { intervals, x, tx, T, monetary } = fittedIntervals(1000, seed);
        let trueTotal = 0;
        for (let i = 0; i < x.length; i++) {
          const value = trueValue(x[i]!, tx[i]!, T[i]!, monetary[i]!);
          trueTotal += value;
          const j = i - (x.length - 3);
          if (j >= 0 && value >= intervals.low[i]! && value <= intervals.high[i]!) fixedHits[j]!++;
        }
        if (trueTotal >= intervals.total.low && trueTotal <= intervals.total.high) totalHits++;
      }
      expect(Math.abs(totalHits / replications - 0.9)).toBeLessThan(tolerance);
      for (const hits of fixedHits) expect(Math.abs(hits / replications - 0.9)).toBeLessThan(tolerance);
    },
    120_000,
  );
});
