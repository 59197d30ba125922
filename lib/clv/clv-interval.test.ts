import { describe, expect, it } from "vitest";
import { bgnbd } from "./bg-nbd";
import {
  drawNormal,
  logNormalInterval,
  logParameterGradients,
  logScaleCovariance,
  normalQuantile,
  parametricBootstrapInterval,
  quadraticForm,
  quantileOfSorted,
  spendWithGradient,
  zForLevel,
} from "./clv-interval";
import { discounted, fittedIntervals, names, spendTruth } from "./clv-interval.test-helpers";
import { InvalidInputError } from "./errors";
import { gammaGammaExpectedSpend, type GammaGammaParams } from "./gamma-gamma";
import { createRandom } from "./random";

describe("interval mechanics", () => {
  it("normal quantiles match the tables", () => {
    // Acklam's approximation: relative error below 1.15e-9.
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 8);
    expect(zForLevel(0.9)).toBeCloseTo(1.6448536269514722, 8);
    expect(() => zForLevel(1)).toThrow(InvalidInputError);
  });

  it("quantiles of sorted values interpolate between order statistics (type 7)", () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileOfSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileOfSorted(Float64Array.from({ length: 101 }, (_, i) => i), 0.05)).toBeCloseTo(5, 12);
    expect(() => quantileOfSorted([], 0.5)).toThrow(InvalidInputError);
  });

  it("log-scale covariance and the quadratic form", () => {
    expect(logScaleCovariance([2, 5], [[0.04, 0.1], [0.1, 1]])).toEqual([[0.01, 0.01], [0.01, 0.04]]);
    expect(quadraticForm([1, 2], [[1, 0], [0, 0.25]])).toBe(2);
    expect(() => logScaleCovariance([1, -1], [[1, 0], [0, 1]])).toThrow(InvalidInputError);
  });

  it("normal draws have the requested mean and covariance", () => {
    const covariance = [[1, 0.6], [0.6, 4]];
    const draws = drawNormal([1, -2], covariance, 40_000, createRandom(5));
    const mean = [0, 1].map((j) => draws.reduce((sum, d) => sum + d[j]!, 0) / draws.length);
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(-2, 1);
    const cov = (i: number, j: number) => draws.reduce((sum, d) => sum + (d[i]! - mean[i]!) * (d[j]! - mean[j]!), 0) / (draws.length - 1);
    expect(cov(0, 0)).toBeCloseTo(1, 1);
    expect(cov(0, 1)).toBeCloseTo(0.6, 1);
    expect(cov(1, 1)).toBeCloseTo(4, 0);
    expect(() => drawNormal([0, 0], [[1, 2], [2, 1]], 1, createRandom(1))).toThrow(InvalidInputError);
  });

  it("the bootstrap of exp(φ) gives the log-normal percentiles, and is reproducible with a seed", () => {
    const run = (seed: number) => parametricBootstrapInterval(([phi]) => 100 * Math.exp(phi!), [0], [[0.01]], { draws: 4000, random: createRandom(seed) });
    const interval = run(3);
    expect(interval.low).toBeCloseTo(100 * Math.exp(-0.1 * 1.6449), -0.3); // within ~1
    expect(interval.high).toBeCloseTo(100 * Math.exp(0.1 * 1.6449), -0.3);
    expect(run(3)).toEqual(interval);
    // The delta method on the log scale is exact for this value.
    const delta = logNormalInterval(100, 10, 0.9);
    expect(delta.low).toBeCloseTo(100 * Math.exp(-0.1 * 1.6448536269514722), 6);
    expect(Math.abs(delta.low - interval.low)).toBeLessThan(1);
  });

  it("a log-normal interval holds its estimate; 0 has no width; a negative estimate is mirrored", () => {
    for (const [estimate, se] of [[100, 10], [0.5, 2], [1e9, 1]] as const) {
      const { low, high } = logNormalInterval(estimate, se, 0.9);
      expect(low).toBeLessThanOrEqual(estimate);
      expect(high).toBeGreaterThanOrEqual(estimate);
      expect(low).toBeGreaterThan(0);
    }
    expect(logNormalInterval(0, 5, 0.9)).toEqual({ low: 0, high: 0 });
    const negative = logNormalInterval(-100, 10, 0.9);
    expect(negative.low).toBeCloseTo(-100 * Math.exp(0.1 * 1.6448536269514722), 6);
    expect(negative.high).toBeCloseTo(-100 * Math.exp(-0.1 * 1.6448536269514722), 6);
  });

  it("forward differences and Gamma-Gamma's closed-form gradient agree with the function", () => {
    const { gradients } = logParameterGradients((phi) => Float64Array.of(Math.exp(2 * phi[0]!) * phi[1]!), [0.3, 2]);
    // Forward differences are off by about f''·h/2 = 2e-4 relative here (h = 1e-4).
    expect(gradients[0]![0]! / (2 * Math.exp(0.6) * 2)).toBeCloseTo(1, 3);
    expect(gradients[1]![0]).toBeCloseTo(Math.exp(0.6), 6);
    for (const [x, m] of [[0, 0], [2, 22.35], [7, 80]] as const) {
      const { spend, gradient } = spendWithGradient(spendTruth, x, m);
      expect(spend).toBeCloseTo(gammaGammaExpectedSpend(spendTruth, x, m), 12);
      const numeric = logParameterGradients(
        ([p, q, v]) => Float64Array.of(gammaGammaExpectedSpend({ p: Math.exp(p!), q: Math.exp(q!), v: Math.exp(v!) }, x, m)),
        [spendTruth.p, spendTruth.q, spendTruth.v].map(Math.log),
        { step: 1e-6 },
      ).gradients.map((g) => g[0]!);
      gradient.forEach((value, k) => expect(value).toBeCloseTo(numeric[k]!, 4));
    }
  });
});

describe("CLV intervals from fitted models", () => {
  const { intervals, x, tx, T, monetary, fits } = fittedIntervals(1000, 77);

  it("every customer's interval holds their predicted CLV and is positive", () => {
    for (let i = 0; i < intervals.value.length; i++) {
      expect(intervals.low[i]!).toBeLessThanOrEqual(intervals.value[i]!);
      expect(intervals.high[i]!).toBeGreaterThanOrEqual(intervals.value[i]!);
      expect(intervals.low[i]!).toBeGreaterThan(0);
    }
    expect(intervals.level).toBe(0.9);
  });

  it("the total's interval is narrower than the sum of the customers' intervals, and holds the total", () => {
    const { total } = intervals;
    expect(total.low).toBeLessThan(total.value);
    expect(total.high).toBeGreaterThan(total.value);
    const sumLow = intervals.low.reduce((a, b) => a + b, 0);
    const sumHigh = intervals.high.reduce((a, b) => a + b, 0);
    expect(total.low).toBeGreaterThanOrEqual(sumLow);
    expect(total.high).toBeLessThanOrEqual(sumHigh);
  });

  it("agrees with a parametric bootstrap (B = 200) of the total and of a repeat buyer", () => {
    const purchaseCov = logScaleCovariance(names.map((name) => fits.purchase.params[name]!), fits.purchase.covariance!);
    const spendParams = fits.spend.params as unknown as GammaGammaParams;
    const spendCov = logScaleCovariance([spendParams.p, spendParams.q, spendParams.v], fits.spend.covariance!);
    // Joint draws of (4 purchase, 3 spend) log-parameters: block-diagonal covariance.
    const joint = [...purchaseCov.map((row) => [...row, 0, 0, 0]), ...spendCov.map((row) => [0, 0, 0, 0, ...row])];
    const phi = [...names.map((name) => Math.log(fits.purchase.params[name]!)), ...[spendParams.p, spendParams.q, spendParams.v].map(Math.log)];
    const valueAt = (indices: number[]) => (draw: readonly number[]) => {
      const model = bgnbd.fromParams(Object.fromEntries(names.map((name, k) => [name, Math.exp(draw[k]!)])));
      const spend = { p: Math.exp(draw[4]!), q: Math.exp(draw[5]!), v: Math.exp(draw[6]!) };
      let sum = 0; // the total per draw: summed inside the draw, never from summed intervals
      for (const i of indices) sum += discounted(model, x[i]!, tx[i]!, T[i]!) * gammaGammaExpectedSpend(spend, x[i]!, monetary[i]!);
      return sum;
    };
    const everyone = Array.from({ length: x.length }, (_, i) => i);
    const boot = parametricBootstrapInterval(valueAt(everyone), phi, joint, { draws: 200, random: createRandom(21) });
    const width = intervals.total.high - intervals.total.low;
    expect(Math.abs(boot.low - intervals.total.low)).toBeLessThan(0.15 * width);
    expect(Math.abs(boot.high - intervals.total.high)).toBeLessThan(0.15 * width);
    const heavy = x.length - 1; // the fixed heavy buyer
    const bootHeavy = parametricBootstrapInterval(valueAt([heavy]), phi, joint, { draws: 200, random: createRandom(22) });
    const heavyWidth = intervals.high[heavy]! - intervals.low[heavy]!;
    expect(Math.abs(bootHeavy.low - intervals.low[heavy]!)).toBeLessThan(0.15 * heavyWidth);
    expect(Math.abs(bootHeavy.high - intervals.high[heavy]!)).toBeLessThan(0.15 * heavyWidth);
  }, 60_000);
});
