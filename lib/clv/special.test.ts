import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digamma, log1pExp, logBeta, logDiffExp, logGamma, logSumExp, logSumExpArray } from "./special";

const positive = fc.double({ min: 1e-3, max: 1e4, noNaN: true });

describe("logGamma", () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [11, Math.log(3628800)],
    [171, 706.5730622457874], // log(170!) from mpmath
    [1e-8, 18.420680738180209],
  ])("logGamma(%d) = %d", (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  it("follows the recurrence log Γ(x + 1) = log Γ(x) + log x", () => {
    fc.assert(
      fc.property(positive, (x) => {
        const lhs = logGamma(x + 1);
        const rhs = logGamma(x) + Math.log(x);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it("satisfies the duplication formula Γ(x)Γ(x + ½) = 2^{1−2x} √π Γ(2x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), (x) => {
        const lhs = logGamma(x) + logGamma(x + 0.5);
        const rhs = (1 - 2 * x) * Math.LN2 + 0.5 * Math.log(Math.PI) + logGamma(2 * x);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it("is continuous across the switch from Lanczos to Stirling at x = 10", () => {
    const below = logGamma(10 - 1e-12);
    const above = logGamma(10);
    expect(Math.abs(above - below)).toBeLessThan(1e-10);
    expect(above).toBeCloseTo(Math.log(362880), 13);
  });

  it("gives +Infinity at the poles and log|Γ| for negative non-integers", () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 12);
    expect(Number.isNaN(logGamma(Number.NaN))).toBe(true);
  });
});

describe("digamma", () => {
  it("is the derivative of logGamma", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e3, noNaN: true }), (x) => {
        const h = 1e-5 * Math.max(1, x);
        const derivative = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        expect(Math.abs(digamma(x) - derivative)).toBeLessThan(1e-6 * Math.max(1, Math.abs(derivative)));
      }),
    );
  });

  it("follows ψ(x + 1) = ψ(x) + 1/x and matches ψ(1) = −γ", () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 13);
    fc.assert(
      fc.property(positive, (x) => {
        expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 9);
      }),
    );
  });
});

describe("logBeta", () => {
  it("is symmetric and matches B(2, 3) = 1/12", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    fc.assert(
      fc.property(positive, positive, (a, b) => {
        expect(logBeta(a, b)).toBe(logBeta(b, a));
      }),
    );
  });

  it("satisfies B(a, b) = B(a + 1, b) + B(a, b + 1)", () => {
    fc.assert(
      fc.property(positive, positive, (a, b) => {
        const rhs = logSumExp(logBeta(a + 1, b), logBeta(a, b + 1));
        expect(Math.abs(logBeta(a, b) - rhs)).toBeLessThan(1e-10 * Math.max(1, Math.abs(rhs)));
      }),
    );
  });

  it("is NaN for non-positive arguments", () => {
    expect(Number.isNaN(logBeta(0, 1))).toBe(true);
    expect(Number.isNaN(logBeta(1, -2))).toBe(true);
  });
});

describe("logSumExp family", () => {
  const moderate = fc.double({ min: -700, max: 700, noNaN: true });

  it("matches the direct formula where it does not overflow", () => {
    fc.assert(
      fc.property(moderate, moderate, (a, b) => {
        const direct = Math.log(Math.exp(a) + Math.exp(b));
        if (Number.isFinite(direct) && direct !== 0) expect(logSumExp(a, b)).toBeCloseTo(direct, 10);
      }),
    );
  });

  it("does not overflow or underflow", () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logSumExp(Number.NEGATIVE_INFINITY, 2)).toBe(2);
    expect(logSumExpArray([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExpArray([-1e4, -1e4, -1e4])).toBeCloseTo(-1e4 + Math.log(3), 9);
  });

  it("array version agrees with the pairwise one and is order independent", () => {
    fc.assert(
      fc.property(fc.array(moderate, { minLength: 1, maxLength: 20 }), (values) => {
        const pairwise = values.reduce((acc, v) => logSumExp(acc, v), Number.NEGATIVE_INFINITY);
        const total = logSumExpArray(values);
        expect(Math.abs(total - pairwise)).toBeLessThan(1e-9 * Math.max(1, Math.abs(total)));
        expect(Math.abs(logSumExpArray(values.slice().reverse()) - total)).toBeLessThan(1e-9 * Math.max(1, Math.abs(total)));
      }),
    );
  });

  it("logDiffExp inverts logSumExp", () => {
    fc.assert(
      fc.property(moderate, fc.double({ min: 1e-6, max: 50, noNaN: true }), (b, gap) => {
        const a = b + gap;
        const total = logSumExp(a, b);
        expect(logDiffExp(total, b)).toBeCloseTo(a, 8);
      }),
    );
    expect(logDiffExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.LN2, 14);
    expect(logDiffExp(3, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(logDiffExp(1, 2))).toBe(true);
    expect(logDiffExp(1e-20, 0)).toBeCloseTo(Math.log(1e-20), 6); // close arguments keep their digits
  });

  it("log1pExp is log(1 + e^x) without overflow", () => {
    expect(log1pExp(0)).toBeCloseTo(Math.LN2, 15);
    expect(log1pExp(800)).toBe(800);
    expect(log1pExp(-800)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(log1pExp(x)).toBeCloseTo(Math.log(1 + Math.exp(x)), 12);
      }),
    );
  });
});
