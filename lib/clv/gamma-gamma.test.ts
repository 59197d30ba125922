import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InsufficientDataError, ModelFitError } from "./errors";
import { distinctSpendPairs, fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, gammaGammaPopulationMeanSpend } from "./gamma-gamma";
import { createRandom } from "./random";
import { simulateSpend } from "./simulate";

describe("Gamma-Gamma", () => {
  const truth = { p: 6, q: 4, v: 15 };

  it("recovers the parameters of simulated spend (within 4 standard errors)", () => {
    const random = createRandom(21);
    const x = Array.from({ length: 20_000 }, () => 1 + random.integer(8));
    const monetary = simulateSpend(truth, x, 4);
    const fit = fitGammaGamma({ x, monetary });
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    for (const [name, value] of Object.entries(truth)) {
      expect(Math.abs(fit.params[name]! - value)).toBeLessThan(4 * fit.standardErrors[name]!);
    }
  });

  it("ignores customers without repeat purchases or with non-positive spend", () => {
    const random = createRandom(2);
    const x = Array.from({ length: 2000 }, () => random.integer(5));
    const monetary = simulateSpend(truth, x, 8);
    monetary[0] = -5;
    x[0] = 3;
    const fit = fitGammaGamma({ x, monetary });
    expect(fit.customers).toBe(x.filter((xi, i) => xi > 0 && monetary[i]! > 0).length);
  });

  it("the expected spend shrinks a customer's own average towards the population mean", () => {
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const population = gammaGammaPopulationMeanSpend(params);
    expect(population).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (x, m) => {
        const expected = gammaGammaExpectedSpend(params, x, m);
        expect(expected).toBeGreaterThanOrEqual(Math.min(m, population) * (1 - 1e-12));
        expect(expected).toBeLessThanOrEqual(Math.max(m, population) * (1 + 1e-12));
        // more repeat purchases: closer to the customer's own average
        const more = gammaGammaExpectedSpend(params, x + 1, m);
        expect(Math.abs(more - m)).toBeLessThanOrEqual(Math.abs(expected - m) + 1e-9);
      }),
    );
    expect(gammaGammaExpectedSpend(params, 0, 0)).toBe(population);
  });

  it("the likelihood is a density: it integrates to 1 over m for one customer", () => {
    const params = { p: 3, q: 4, v: 10 };
    const x = 2;
    let integral = 0;
    const step = 0.01;
    for (let m = step / 2; m < 400; m += step) integral += Math.exp(gammaGammaLogLikelihood(params, { x: [x], monetary: [m] })) * step;
    expect(integral).toBeCloseTo(1, 4);
  });

  it("says when the population mean is infinite (q ≤ 1)", () => {
    expect(() => gammaGammaExpectedSpend({ p: 2, q: 0.8, v: 3 }, 0, 0)).toThrow(/q = 0.8 ≤ 1/);
  });

  it("names the minimum for thin data and fails loudly on degenerate spend", () => {
    expect(() => fitGammaGamma({ x: [1, 2, 3], monetary: [10, 12, 9] })).toThrow(InsufficientDataError);
    expect(() => fitGammaGamma({ x: [1, 2, 3], monetary: [10, 12, 9] })).toThrow(/at least 10 customers/);
    // Every customer spends exactly the same: the spread parameters run off to infinity.
    const x = Array.from({ length: 200 }, (_, i) => 1 + (i % 5));
    expect(() => fitGammaGamma({ x, monetary: x.map(() => 25) })).toThrow(ModelFitError);
  });
});

describe("distinctSpendPairs (the likelihood on distinct (x, m))", () => {
  it("counts each (x, m) once with its number of customers, in first-seen order", () => {
    const pairs = distinctSpendPairs(Float64Array.of(1, 1, 2, 1, 2), Float64Array.of(9.5, 9.5, 9.5, 12, 9.5));
    expect(Array.from(pairs.x)).toEqual([1, 2, 1]);
    expect(Array.from(pairs.monetary)).toEqual([9.5, 9.5, 12]);
    expect(Array.from(pairs.weight)).toEqual([2, 2, 1]);
  });

  it("the weighted likelihood equals the sum over customers: every customer twice doubles it", () => {
    const x = [1, 2, 3, 1, 5];
    const monetary = [20, 35.5, 12.25, 20, 41];
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const once = gammaGammaLogLikelihood(params, { x, monetary });
    expect(gammaGammaLogLikelihood(params, { x: [...x, ...x], monetary: [...monetary, ...monetary] })).toBeCloseTo(2 * once, 9);
  });
});
