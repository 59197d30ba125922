import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { InvalidInputError, NumericalLimitError } from "./errors";
import { hyp2f1, logHyp2f1 } from "./hyp2f1.test-helpers";

/** |actual − expected| ≤ tolerance · |expected| */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

// Values of Mathematica's Hypergeometric2F1, as tabulated by J. Burkardt (hyper_2f1_values, after
// Abramowitz & Stegun and Zhang & Jin, "Computation of Special Functions", 1996).
const TABLE: readonly [number, number, number, number, number][] = [
  [-2.5, 3.3, 6.7, 0.25, 0.72356129348997784913],
  [-0.5, 1.1, 6.7, 0.25, 0.9791110934527796134],
  [0.5, 1.1, 6.7, 0.25, 1.021657814008856416],
  [2.5, 3.3, 6.7, 0.25, 1.4051563200112126405],
  [-2.5, 3.3, 6.7, 0.55, 0.46961431639821611095],
  [-0.5, 1.1, 6.7, 0.55, 0.95296194977446325454],
  [0.5, 1.1, 6.7, 0.55, 1.0512814213947987916],
  [2.5, 3.3, 6.7, 0.55, 2.3999062904777858999],
  [-2.5, 3.3, 6.7, 0.85, 0.2910609592841471832],
  [-0.5, 1.1, 6.7, 0.85, 0.92536967910373175753],
  [0.5, 1.1, 6.7, 0.85, 1.0865504094806997287],
  [2.5, 3.3, 6.7, 0.85, 5.7381565526189046578],
  [3.3, 6.7, -5.5, 0.25, 15090.669748704606754],
  [1.1, 6.7, -0.5, 0.25, -104.31170067364349677],
  [1.1, 6.7, 0.5, 0.25, 21.175050707768812938],
  [3.3, 6.7, 4.5, 0.25, 4.194691581903192285],
  [3.3, 6.7, -5.5, 0.55, 1.0170777974048815592e10],
  [1.1, 6.7, -0.5, 0.55, -24708.635322489155868],
  [1.1, 6.7, 0.5, 0.55, 1372.230454838498956],
  [3.3, 6.7, 4.5, 0.55, 58.092728706394652211],
  [3.3, 6.7, -5.5, 0.85, 5.8682087615124176162e18],
  [1.1, 6.7, -0.5, 0.85, -4.463501014729599668e8],
  [1.1, 6.7, 0.5, 0.85, 5.383505756129573131e6],
  [3.3, 6.7, 4.5, 0.85, 20396.913776019659426],
];

describe("hyp2f1 spot values", () => {
  test.each(TABLE)("2F1(%d, %d; %d; %d) = %d (Mathematica table)", (a, b, c, z, expected) => {
    expectRelative(hyp2f1(a, b, c, z), expected, 1e-12);
  });

  it("matches the values in SciPy's hyp2f1 documentation", () => {
    // sc.hyp2f1(a, b, 1, 0.5) for a = b = 0.25, 0.5 (printed to 8 decimals there)
    expect(hyp2f1(0.25, 0.25, 1, 0.5)).toBeCloseTo(1.03997334, 8);
    expect(hyp2f1(0.5, 0.5, 1, 0.5)).toBeCloseTo(1.1803406, 7);
    // a polynomial when a is a negative integer: 1 + a b z / c
    for (const z of [0, 0.25, 0.5, 0.75, 1]) expectRelative(hyp2f1(-1, 1, 1.5, z), 1 - z / 1.5, 1e-15);
    expect(hyp2f1(1, 1, 2, -1)).toBeCloseTo(Math.LN2, 15);
  });

  it("agrees with Gauss's theorem at z = 1 and is continuous there (A&S 15.1.20)", () => {
    // 2F1(1/2, 1/2; 2; 1) = Γ(2)Γ(1)/Γ(3/2)² = 4/π
    expectRelative(hyp2f1(0.5, 0.5, 2, 1), 4 / Math.PI, 1e-14);
    expectRelative(hyp2f1(0.5, 0.5, 2, 1 - 1e-13), 4 / Math.PI, 1e-10);
  });

  it("arcsin(z)/z = 2F1(1/2, 1/2; 3/2; z²) (A&S 15.1.6)", () => {
    for (const z of [0.1, 0.5, 0.8, 0.99, 0.999999]) expectRelative(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, 1e-11);
  });

  it("rejects arguments outside its domain with specific messages", () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(InvalidInputError);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(/z must be at most 1/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/diverges unless c − a − b > 0/);
    expect(() => hyp2f1(Number.NaN, 1, 2, 0.5)).toThrow(/a must be a finite number/);
  });

  it("throws NumericalLimitError when the series needs more than its 200,000-term cap (it used to return the truncated sum)", () => {
    // Terms of 2F1(1e7, 1e7; 1; 0.4) grow until n ≈ √(ab z) ≈ 6e6.
    expect(() => logHyp2f1(1e7, 1e7, 1, 0.4)).toThrow(NumericalLimitError);
    expect(logHyp2f1(1e5, 1e5, 1, 0.4).logAbs).toBeCloseTo(200174.39946682332, 6);
  });
});

const finiteZ = fc.double({ min: -1e4, max: 1 - 1e-9, noNaN: true });
const positive = (max: number) => fc.double({ min: 0.05, max, noNaN: true });

describe("hyp2f1 closed forms and transformation identities (property tests)", () => {
  it("2F1(1, 1; 2; z) = −ln(1 − z)/z, including the degenerate c − a − b = 0 near z = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1 - 1e-14, noNaN: true }), (z) => {
        fc.pre(Math.abs(z) > 1e-300);
        expectRelative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-10);
      }),
      { numRuns: 300 },
    );
  });

  it("2F1(a, b; b; z) = (1 − z)^(−a)", () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), positive(30), fc.double({ min: -100, max: 0.999999, noNaN: true }), (a, b, z) => {
        const expected = Math.exp(-a * Math.log1p(-z));
        expectRelative(hyp2f1(a, b, b, z), expected, 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("Euler's transformation: 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z) (A&S 15.3.3)", () => {
    fc.assert(
      fc.property(positive(15), positive(15), positive(30), finiteZ, (a, b, c, z) => {
        const left = logHyp2f1(a, b, c, z);
        const right = logHyp2f1(c - a, c - b, c, z);
        expect(right.sign).toBe(left.sign);
        expect(Math.abs(left.logAbs - (right.logAbs + (c - a - b) * Math.log1p(-z)))).toBeLessThan(1e-8 * Math.max(1, Math.abs(left.logAbs)));
      }),
      { numRuns: 300 },
    );
  });

  it("Pfaff's transformation: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1)) (A&S 15.3.4)", () => {
    fc.assert(
      fc.property(positive(15), positive(15), positive(30), fc.double({ min: -1e4, max: 0.999, noNaN: true }), (a, b, c, z) => {
        const left = logHyp2f1(a, b, c, z);
        const right = logHyp2f1(a, c - b, c, z / (z - 1));
        expect(right.sign).toBe(left.sign);
        expect(Math.abs(left.logAbs - (right.logAbs - a * Math.log1p(-z)))).toBeLessThan(1e-8 * Math.max(1, Math.abs(left.logAbs)));
      }),
      { numRuns: 300 },
    );
  });

  it("the Euler integral 2F1(a, b; a + 1; z) = a ∫₀¹ t^(a−1) (1 − z t)^(−b) dt of the Pareto/NBD likelihood", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 60, noNaN: true }), positive(20), fc.double({ min: -20, max: 0.95, noNaN: true }), (a, b, z) => {
        const integral = tanhSinh((t) => a * Math.pow(t, a - 1) * Math.pow(1 - z * t, -b));
        expectRelative(hyp2f1(a, b, a + 1, z), integral, 1e-10);
      }),
      { numRuns: 200 },
    );
  });

  it("never returns NaN or ±Infinity on the log scale, for large parameters or z near 1", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -300, max: 600, noNaN: true }),
        fc.double({ min: 0.01, max: 600, noNaN: true }),
        fc.double({ min: 0.01, max: 600, noNaN: true }),
        fc.oneof(fc.double({ min: -1e8, max: 1 - 1e-15, noNaN: true }), fc.double({ min: 0.999, max: 1 - 1e-15, noNaN: true })),
        (a, b, c, z) => {
          const value = logHyp2f1(a, b, c, z);
          if (value.sign !== 0) expect(Number.isFinite(value.logAbs)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * ∫₀¹ f(t) dt by the tanh-sinh (double-exponential) rule of Takahasi & Mori (1974), step 1/64 on
 * [−6.5, 6.5]: exact to about 1e-14 even with integrable singularities at the ends.
 */
function tanhSinh(f: (t: number) => number): number {
  const h = 1 / 64;
  let sum = 0;
  for (let k = -420; k <= 420; k++) {
    const u = k * h;
    const x = (Math.PI / 2) * Math.sinh(u);
    const t = 1 / (1 + Math.exp(-2 * x));
    if (t <= 0 || t >= 1) continue;
    const weight = (Math.PI / 2) * Math.cosh(u) / (2 * Math.cosh(x) ** 2);
    sum += weight * f(t);
  }
  return sum * h;
}
