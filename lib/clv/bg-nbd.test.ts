import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbdConditionalExpectedPurchases, bgnbdModel, fitBgNbd, memoizedConditionalExpectedPurchases } from "./bg-nbd";
import { InsufficientDataError, InvalidInputError, ModelFitError } from "./errors";
import { fitMbgNbd, mbgnbdModel } from "./mbg-nbd";
import { simulateBetaGeometric } from "./simulate";

const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const models = [
  ["BG/NBD", bgnbdModel, fitBgNbd, "bgnbd"],
  ["MBG/NBD", mbgnbdModel, fitMbgNbd, "mbgnbd"],
] as const;

describe.each(models)("%s", (label, makeModel, fit, variant) => {
  const model = makeModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });

  it("recovers the parameters of data simulated from them (within 4 standard errors)", () => {
    const data = simulateBetaGeometric(truth, variant, { customers: 20_000, age: [20, 52], seed: 11 });
    const result = fit(data);
    expect(result.converged).toBe(true);
    for (const [name, value] of Object.entries(truth)) {
      const estimate = result.params[name]!;
      const se = result.standardErrors[name]!;
      expect(Math.abs(estimate - value)).toBeLessThan(4 * se);
      expect(se / value).toBeLessThan(0.5); // informative data
    }
  });

  it("the expected purchases of a new customer match a simulation", () => {
    const t = 52;
    const simulated = simulateBetaGeometric(truth, variant, { customers: 200_000, age: 0, holdout: t, seed: 5 });
    const mean = simulated.holdoutPurchases.reduce((a, b) => a + b, 0) / simulated.holdoutPurchases.length;
    const expected = makeModel(truth).expectedPurchases(t);
    // standard error of the mean is below 0.01 here; allow 3 of them
    expect(Math.abs(mean - expected)).toBeLessThan(0.03);
  });

  it("the conditional expectation and P(alive) match a simulation of customers with the same history", () => {
    const simulated = simulateBetaGeometric(truth, variant, { customers: 300_000, age: 30, holdout: 26, seed: 9 });
    const fitted = makeModel(truth);
    // customers with one repeat purchase: compare averages over them (each has its own t_x, so average the predictions too)
    let predicted = 0;
    let actual = 0;
    let predictedAlive = 0;
    let actualAlive = 0;
    let count = 0;
    for (let i = 0; i < simulated.x.length; i++) {
      if (simulated.x[i] !== 1) continue;
      predicted += fitted.conditionalExpectedPurchases(1, simulated.tx[i]!, 30, 26);
      actual += simulated.holdoutPurchases[i]!;
      predictedAlive += fitted.probabilityAlive(1, simulated.tx[i]!, 30);
      actualAlive += simulated.alive[i]!;
      count++;
    }
    expect(count).toBeGreaterThan(10_000);
    expect(Math.abs(predicted - actual) / count).toBeLessThan(0.03);
    expect(Math.abs(predictedAlive - actualAlive) / count).toBeLessThan(0.01);
  });

  it("P(X(t) = n) sums to 1 and has mean E[X(t)]", () => {
    for (const t of [1, 39, 150]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 3000; n++) {
        const p = model.probabilityOfPurchases(n, t);
        expect(p).toBeGreaterThanOrEqual(0);
        total += p;
        mean += n * p;
      }
      expect(total).toBeCloseTo(1, 9);
      expect(mean).toBeCloseTo(model.expectedPurchases(t), 6);
    }
  });

  it("a brand-new customer's conditional expectation equals E[X(t)] (BG/NBD: x = t_x = T = 0)", () => {
    if (variant === "bgnbd") expect(model.conditionalExpectedPurchases(0, 0, 0, 39)).toBeCloseTo(model.expectedPurchases(39), 12);
    expect(model.expectedPurchases(0)).toBe(0);
    expect(model.conditionalExpectedPurchases(2, 10, 20, 0)).toBe(0);
  });

  it("P(alive) is in [0, 1] and rises with recency (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        (x, u1, u2, T) => {
          const earlier = x === 0 ? 0 : Math.min(u1, u2) * T;
          const later = x === 0 ? 0 : Math.max(u1, u2) * T;
          const pEarlier = model.probabilityAlive(x, earlier, T);
          const pLater = model.probabilityAlive(x, later, T);
          expect(pEarlier).toBeGreaterThanOrEqual(0);
          expect(pLater).toBeLessThanOrEqual(1);
          expect(pLater).toBeGreaterThanOrEqual(pEarlier);
          const expectedEarlier = model.conditionalExpectedPurchases(x, earlier, T, 20);
          const expectedLater = model.conditionalExpectedPurchases(x, later, T, 20);
          expect(Number.isFinite(expectedEarlier) && expectedEarlier >= 0).toBe(true);
          expect(expectedLater).toBeGreaterThanOrEqual(expectedEarlier * (1 - 1e-9));
        },
      ),
    );
  });

  it("heavy buyers and one-time buyers never give NaN or Infinity", () => {
    for (const [x, tx, T] of [
      [221, 103.43, 103.57],
      [221, 3.43, 103.57],
      [5000, 100, 100],
      [0, 0, 0],
      [0, 0, 1e4],
      [1, 1e-9, 1e4],
    ] as const) {
      for (const value of [model.probabilityAlive(x, tx, T), model.conditionalExpectedPurchases(x, tx, T, 39), model.conditionalExpectedPurchases(x, tx, T, 520)]) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    expect(model.conditionalExpectedPurchases(221, 103.43, 103.57, 39)).toBeGreaterThan(50);
  });

  it("fits data with heavy buyers and many one-time buyers without NaN", () => {
    const data = simulateBetaGeometric(truth, variant, { customers: 3000, age: [10, 104], seed: 3 });
    const x = Array.from(data.x);
    const tx = Array.from(data.tx);
    const T = Array.from(data.T);
    x.push(221, 180, 150);
    tx.push(103.43, 100, 99);
    T.push(103.57, 103.57, 103.57);
    const result = fit({ x, tx, T });
    expect(Object.values(result.params).every(Number.isFinite)).toBe(true);
    expect(Object.values(result.standardErrors).every((se) => Number.isFinite(se) && se > 0)).toBe(true);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  });

  it("is continuous through a = 1, where its formulas have a removable singularity", () => {
    const at = (a: number) => makeModel({ r: 0.5, alpha: 5, a, b: 2 });
    const near = at(1 + 1e-7).conditionalExpectedPurchases(3, 20, 30, 39);
    const left = at(0.999).conditionalExpectedPurchases(3, 20, 30, 39);
    const right = at(1.001).conditionalExpectedPurchases(3, 20, 30, 39);
    expect(Math.abs(near - (left + right) / 2)).toBeLessThan(1e-5);
    expect(Math.abs(at(1).expectedPurchases(39) - (at(0.999).expectedPurchases(39) + at(1.001).expectedPurchases(39)) / 2)).toBeLessThan(1e-5);
  });

  it("rejects bad input with a specific message", () => {
    expect(() => model.probabilityAlive(2, 40, 30)).toThrow(/recency t_x = 40 is greater than age T = 30/);
    expect(() => model.probabilityAlive(-1, 0, 30)).toThrow(InvalidInputError);
    expect(() => model.conditionalExpectedPurchases(0, 5, 30, 10)).toThrow(/must be 0 when x = 0/);
    expect(() => model.conditionalExpectedPurchases(1, 5, 30, -1)).toThrow(/horizon/);
    expect(() => model.probabilityOfPurchases(1.5, 10)).toThrow(/whole number/);
    expect(() => makeModel({ r: -1, alpha: 1, a: 1, b: 1 })).toThrow(new RegExp(`${label.replace("/", "\\/")} parameter r`));
    expect(() => fit({ x: [1, 2], tx: [3, 4], T: [2, 5] })).toThrow(/customer 0: recency t_x = 3 is greater than age T = 2/);
    expect(() => fit({ x: [-1], tx: [0], T: [2] })).toThrow(/frequency x = -1 is negative/);
  });

  it("names the minimum when the data are too thin", () => {
    const few = simulateBetaGeometric(truth, variant, { customers: 15, age: 30, seed: 1 });
    expect(() => fit(few)).toThrow(InsufficientDataError);
    expect(() => fit(few)).toThrow(/at least 20 customers/);
    const oneTimers = { x: new Array(500).fill(0).map((_, i) => (i < 5 ? 1 : 0)), tx: new Array(500).fill(0).map((_, i) => (i < 5 ? 3 : 0)), T: new Array(500).fill(30) };
    expect(() => fit(oneTimers)).toThrow(/at least 10 customers with repeat purchases \(x > 0\).*got 5/);
  });

  it("throws ModelFitError (not numbers) when the data cannot identify the parameters", () => {
    // Everyone buys like clockwork at the same rate and nobody drops out: heterogeneity and drop-out
    // are not identified, so parameters run off to infinity.
    const customers = 400;
    const x = new Array(customers).fill(10);
    const tx = new Array(customers).fill(50);
    const T = new Array(customers).fill(50);
    expect(() => fit({ x, tx, T })).toThrow(ModelFitError);
  });
});

describe("memoizedConditionalExpectedPurchases (eq. 10's numerator once per (x, T, t))", () => {
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it("gives exactly bgnbdConditionalExpectedPurchases, also for customers sharing (x, T) with another t_x", () => {
    const expected = memoizedConditionalExpectedPurchases(params);
    const histories: [number, number, number][] = [];
    for (const x of [0, 1, 2, 7]) for (const T of [38.86, 20]) for (const tx of x === 0 ? [0] : [1.5, 10, 19.5]) histories.push([x, tx, T]);
    for (let pass = 0; pass < 2; pass++) {
      for (const [x, tx, T] of histories) {
        for (const t of [0, 4.345, 39, 52]) expect(expected(x, tx, T, t)).toBe(bgnbdConditionalExpectedPurchases(params, x, tx, T, t));
      }
    }
  });

  it("still rejects an impossible history", () => {
    expect(() => memoizedConditionalExpectedPurchases(params)(2, 40, 30, 39)).toThrow(/greater than age/);
  });
});
