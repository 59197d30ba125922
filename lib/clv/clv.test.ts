import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbdModel } from "./bg-nbd";
import { discountedExpectedPurchases, historicClv, LIFETIMES_UNITS_PER_MONTH, lifespanYearsFromRetention, monthlyClv, simpleClv } from "./clv";
import { fitGammaGamma } from "./gamma-gamma";
import { logHypergeometric2F1Series, hypergeometric2F1Series } from "./hypergeometric-series";
import { mbgnbdModel } from "./mbg-nbd";
import { scoreCustomers } from "./score";
import { simulateBetaGeometric, simulateSpend } from "./simulate";

const cdnow = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });

describe("monthly-sum CLV (Python lifetimes' method)", () => {
  it("uses lifetimes' months: 30 days, 4.345 weeks, 1 month", () => {
    expect(LIFETIMES_UNITS_PER_MONTH).toEqual({ day: 30, week: 4.345, month: 1 });
  });

  it("without discounting it is the expected purchases over H months times spend and margin", () => {
    const value = monthlyClv(cdnow, 2, 30.43, 38.86, 24.66, { unit: "week", horizonMonths: 12, discountRateMonthly: 0, margin: 0.3 });
    expect(value).toBeCloseTo(cdnow.conditionalExpectedPurchases(2, 30.43, 38.86, 12 * 4.345) * 24.66 * 0.3, 10);
  });

  it("discounts month i by (1 + d)^i", () => {
    const options = { unit: "week" as const, horizonMonths: 3, discountRateMonthly: 0.05 };
    const e = (t: number) => cdnow.conditionalExpectedPurchases(2, 30.43, 38.86, t);
    const direct = e(4.345) / 1.05 + (e(8.69) - e(4.345)) / 1.05 ** 2 + (e(13.035) - e(8.69)) / 1.05 ** 3;
    expect(discountedExpectedPurchases(cdnow, 2, 30.43, 38.86, options)).toBeCloseTo(direct, 12);
  });

  it("is lower with a higher discount rate and grows with the horizon (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 36 }), (x, d, months) => {
        const tx = x === 0 ? 0 : 20;
        const base = discountedExpectedPurchases(cdnow, x, tx, 39, { unit: "week", horizonMonths: months, discountRateMonthly: d });
        const moreDiscount = discountedExpectedPurchases(cdnow, x, tx, 39, { unit: "week", horizonMonths: months, discountRateMonthly: d + 0.05 });
        const longer = discountedExpectedPurchases(cdnow, x, tx, 39, { unit: "week", horizonMonths: months + 1, discountRateMonthly: d });
        expect(moreDiscount).toBeLessThanOrEqual(base);
        expect(longer).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 40 },
    );
  });

  it("rejects bad options", () => {
    expect(() => monthlyClv(cdnow, 1, 1, 2, 10, { unit: "week", horizonMonths: 0 })).toThrow(/whole number of months/);
    expect(() => monthlyClv(cdnow, 1, 1, 2, 10, { unit: "week", discountRateMonthly: -1 })).toThrow(/discount rate/);
    expect(() => monthlyClv(cdnow, 1, 1, 2, Number.NaN, { unit: "week" })).toThrow(/expected spend/);
  });
});

describe("scoreCustomers", () => {
  it("gives every customer finite scores that agree with the per-customer functions", () => {
    const data = simulateBetaGeometric({ r: 0.5, alpha: 5, a: 0.8, b: 3 }, "bgnbd", { customers: 2000, age: [10, 60], seed: 4 });
    const monetary = simulateSpend({ p: 5, q: 4, v: 20 }, data.x, 6);
    const summary = { x: data.x, tx: data.tx, T: data.T, monetary };
    const spend = fitGammaGamma(summary).params;
    for (const model of [bgnbdModel({ r: 0.5, alpha: 5, a: 0.8, b: 3 }), mbgnbdModel({ r: 0.5, alpha: 5, a: 0.8, b: 3 })]) {
      const scores = scoreCustomers(summary, model, spend, { unit: "week", horizon: 26, margin: 0.4 });
      for (const i of [0, 17, 1999]) {
        expect(scores.probabilityAlive[i]).toBe(model.probabilityAlive(data.x[i]!, data.tx[i]!, data.T[i]!));
        expect(scores.expectedPurchases[i]).toBe(model.conditionalExpectedPurchases(data.x[i]!, data.tx[i]!, data.T[i]!, 26));
        expect(scores.clv[i]).toBeCloseTo(monthlyClv(model, data.x[i]!, data.tx[i]!, data.T[i]!, scores.expectedSpend[i]!, { unit: "week", margin: 0.4 }), 9);
      }
      for (const column of Object.values(scores)) expect((column as Float64Array).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
  });
});

describe("simple and historic CLV", () => {
  it("is order value × purchases per year × lifespan × margin", () => {
    expect(simpleClv({ averageOrderValue: 40, purchasesPerYear: 3, lifespanYears: 2.5 })).toBe(300);
    expect(simpleClv({ averageOrderValue: 40, purchasesPerYear: 3, lifespanYears: lifespanYearsFromRetention(0.6), margin: 0.25 })).toBeCloseTo(75, 12);
    expect(() => simpleClv({ averageOrderValue: 40, purchasesPerYear: -3, lifespanYears: 2 })).toThrow(/purchasesPerYear/);
    expect(() => lifespanYearsFromRetention(1)).toThrow(/\[0, 1\)/);
    expect(historicClv(350, 0.3)).toBeCloseTo(105, 12);
  });
});

describe("hypergeometric series", () => {
  it("matches closed forms", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), (z, a, b) => {
        // ₂F₁(a, b; b; z) = (1 − z)^{−a}
        expect(logHypergeometric2F1Series(a, b, b, z)).toBeCloseTo(-a * Math.log1p(-z), 8);
      }),
      { numRuns: 60 },
    );
    expect(Math.exp(logHypergeometric2F1Series(1, 1, 2, 0.5))).toBeCloseTo(-Math.log(0.5) / 0.5, 14);
    // ₂F₁(a, 1; 1; z) with negative c through the signed version: c = −0.5, closed form via (1 − z)^{−a} when b = c is not allowed,
    // so check the series against a direct sum instead.
    let direct = 1;
    let term = 1;
    for (let n = 0; n < 200; n++) {
      term *= (((0.5 + n) * (0.3 + n)) / ((-0.2 + n) * (n + 1))) * 0.4;
      direct += term;
    }
    expect(hypergeometric2F1Series(0.5, 0.3, -0.2, 0.4)).toBeCloseTo(direct, 12);
  });

  it("does not overflow for heavy buyers' parameters", () => {
    const value = logHypergeometric2F1Series(5000.2, 5002.4, 5001.8, 0.6);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeCloseTo(-5000.8 * Math.log(0.4), -1); // ≈ (1 − z)^{c − a − b} to leading order
  });
});
