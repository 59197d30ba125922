import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lifespanYearsFromRetention, simpleClv } from "./clv";
import { InvalidInputError } from "./errors";
import { hyp2f1 } from "./hyp2f1.test-helpers";
import {
  DEFAULT_LIFESPAN_CAP_YEARS,
  expectedLifespanYears,
  probabilityAliveAfter,
  simpleClvFromModel,
  UNITS_PER_YEAR,
  yearlyRetentionFromModel,
} from "./lifespan";
import { integrateAdaptive } from "./pareto-nbd-integrals";
import { simulateParetoNbd } from "./pareto-nbd-simulate.test-helpers";
import { createRandom } from "./random";
import { simulateBetaGeometric } from "./simulate";
import { logGamma } from "./special";

const WEEKS = UNITS_PER_YEAR.week;
/** Published CDNOW fits in weeks: BG/NBD (Fader, Hardie & Lee 2005, Table 1), Pareto/NBD (same paper). */
const cdnowBg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const cdnowPareto = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
/** MBG/NBD fitted to CDNOW (Batislam et al. 2007 / BTYDplus; see mbg-nbd.ts). */
const cdnowMbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
/** Light tails (r, a, s > 1): finite untruncated lifespans. */
const lightBg = { r: 3, alpha: 20, a: 2.5, b: 4 };
const lightPareto = { r: 0.5, alpha: 10, s: 3, beta: 80 };

/** ∫₀^C S(t) dt by quadrature over t on log-spaced panels (independent of the closed forms). */
function integrateSurvival(survival: (t: number) => number, cap: number): number {
  const points = [0, 1e-6, 1e-4, 1e-3, 1e-2, 0.1, 0.3, 1].map((w) => w * cap);
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++) sum += integrateAdaptive(survival, points[i]!, points[i + 1]!, 1e-11, 2000);
  return sum;
}

const logUniform = (min: number, max: number) => fc.double({ min: Math.log10(min), max: Math.log10(max), noNaN: true }).map((e) => 10 ** e);
const betaGeometricParams = fc.record({ r: logUniform(0.01, 30), alpha: logUniform(0.01, 1e4), a: logUniform(0.01, 30), b: logUniform(0.01, 30) });
const paretoParams = fc.record({ r: logUniform(0.01, 30), alpha: logUniform(0.01, 1e4), s: logUniform(0.01, 30), beta: logUniform(0.01, 1e4) });

describe("Pareto/NBD survival (β/(β+t))^s", () => {
  it("is the gamma mixture ∫ e^{−μt} Gamma(μ; s, β) dμ, computed numerically", () => {
    for (const { s, beta } of [cdnowPareto, lightPareto, { s: 0.05, beta: 0.3 }, { s: 12, beta: 400 }]) {
      for (const t of [0.5, 13, 52, 520]) {
        // over v = log μ: e^{−μt} μ^s β^s e^{−βμ} / Γ(s)
        const logDensity = (v: number) => s * v + s * Math.log(beta) - beta * Math.exp(v) - logGamma(s) - Math.exp(v) * t;
        const center = Math.log(s / (beta + t));
        const numeric = integrateAdaptive((v) => Math.exp(logDensity(v)), center - 40 / s - 40, center + 6, 1e-12, 4000);
        expect(probabilityAliveAfter("paretonbd", { r: 0.5, alpha: 10, s, beta }, t)).toBeCloseTo(numeric, 10);
      }
    }
  });

  it("the truncated lifespan's closed form equals the numeric integral of the survival curve", () => {
    for (const params of [cdnowPareto, lightPareto, { r: 1, alpha: 1, s: 1, beta: 7 }, { r: 1, alpha: 1, s: 1 + 1e-12, beta: 7 }, { r: 1, alpha: 1, s: 0.02, beta: 0.01 }]) {
      for (const capYears of [0.5, 5, 50]) {
        const lifespan = expectedLifespanYears("paretonbd", params, WEEKS, { capYears });
        const numeric = integrateSurvival((t) => probabilityAliveAfter("paretonbd", params, t), capYears * WEEKS) / WEEKS;
        expect(lifespan.years).toBeCloseTo(numeric, 9);
        expect(lifespan.probabilityAliveAtCap).toBeCloseTo(probabilityAliveAfter("paretonbd", params, capYears * WEEKS), 14);
      }
    }
  });

  it("approaches β/(s−1) when s > 1 and the cap is far away; infinite for s ≤ 1", () => {
    const far = expectedLifespanYears("paretonbd", lightPareto, WEEKS, { capYears: 1e7 });
    expect(far.untruncatedYears).toBeCloseTo(80 / 2 / WEEKS, 12);
    expect(far.years).toBeCloseTo(far.untruncatedYears, 9);
    expect(far.capBinds).toBe(false);
    const binding = expectedLifespanYears("paretonbd", lightPareto, WEEKS, { capYears: 1 });
    expect(binding.capBinds).toBe(true);
    expect(expectedLifespanYears("paretonbd", cdnowPareto, WEEKS).untruncatedYears).toBe(Number.POSITIVE_INFINITY);
  });

  it("matches the share of simulated customers still alive (Pareto/NBD simulator)", () => {
    for (const t of [10, 52]) {
      const simulated = simulateParetoNbd(cdnowPareto, { customers: 100_000, age: t, seed: 17 });
      const share = simulated.alive.reduce((sum, v) => sum + v, 0) / simulated.alive.length;
      const expected = probabilityAliveAfter("paretonbd", cdnowPareto, t);
      const standardError = Math.sqrt((expected * (1 - expected)) / simulated.alive.length);
      expect(Math.abs(share - expected)).toBeLessThan(4 * standardError);
    }
  });
});

describe.each([
  ["BG/NBD", "bgnbd"],
  ["MBG/NBD", "mbgnbd"],
] as const)("%s survival E_p[(1−p)^δ (α/(α+pt))^r]", (_label, modelName) => {
  const modified = modelName === "mbgnbd";
  /** The closed form: ₂F₁(r, a; a+b; −t/α) (BG/NBD) or b/(a+b) ₂F₁(r, a; a+b+1; −t/α) (MBG/NBD). */
  const hypergeometric = ({ r, alpha, a, b }: typeof cdnowBg, t: number) =>
    modified ? (b / (a + b)) * hyp2f1(r, a, a + b + 1, -t / alpha) : hyp2f1(r, a, a + b, -t / alpha);

  it("the p-quadrature equals the hypergeometric closed form (b < 1, tiny a, huge alpha included)", () => {
    const sets = [cdnowBg, cdnowMbg, lightBg, { r: 0.243, alpha: 4.414, a: 0.02, b: 0.3 }, { r: 2, alpha: 1e6, a: 0.7, b: 0.05 }, { r: 0.1, alpha: 0.05, a: 40, b: 900 }];
    for (const params of sets) {
      for (const t of [0.1, 1, 52, 520, 5200]) {
        expect(probabilityAliveAfter(modelName, params, t)).toBeCloseTo(hypergeometric(params, t), 11);
      }
    }
  });

  it("agrees with mpmath's ₂F₁ (30 digits) at extreme shapes", () => {
    // mpmath 1.3: hyp2f1(r, a, a+b, −t/α) and b/(a+b)·hyp2f1(r, a, a+b+1, −t/α)
    const references: [number, number, number, number, number, number, number][] = [
      [0.001, 1e-8, 1e-4, 1e-4, 0.5, 0.99120653050312449, 0.49999211230253081],
      [0.001, 1e-8, 1e-4, 1e-4, 1e9, 0.98076837496531824, 0.49996215664355038],
      [0.001, 1e-8, 0.01, 1e-4, 0.5, 0.98258807986097009, 0.0098862639286526811],
      [0.001, 1e-8, 1e-4, 2.5, 1e4, 0.99996539504129584, 0.99992642125272634],
      [0.001, 1e-8, 0.01, 2.5, 1e9, 0.99372013093413347, 0.98988261072207044],
    ];
    for (const [r, alpha, a, b, t, bg, mbg] of references) {
      expect(probabilityAliveAfter(modelName, { r, alpha, a, b }, t)).toBeCloseTo(modified ? mbg : bg, 12);
    }
  });

  it("matches the share of simulated customers still alive at t (within 4 standard errors)", () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    for (const [t, seed] of [[13, 3], [52, 4], [260, 5]] as const) {
      const simulated = simulateBetaGeometric(truth, modelName, { customers: 100_000, age: t, seed });
      const share = simulated.alive.reduce((sum, v) => sum + v, 0) / simulated.alive.length;
      const expected = probabilityAliveAfter(modelName, truth, t);
      const standardError = Math.sqrt((expected * (1 - expected)) / simulated.alive.length);
      expect(Math.abs(share - expected)).toBeLessThan(4 * standardError);
    }
  });

  it("the truncated lifespan matches simulated lifetimes min(τ, cap) (within 4 standard errors)", () => {
    for (const [params, capYears] of [[{ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 5], [lightBg, 20], [{ r: 0.6, alpha: 2, a: 0.3, b: 0.6 }, 3]] as const) {
      const cap = capYears * WEEKS;
      const random = createRandom(23);
      const n = 100_000;
      let sum = 0;
      let sumSquares = 0;
      for (let i = 0; i < n; i++) {
        // the models' story literally: drop out at 0 (MBG/NBD) or after a purchase, purchases Poisson(λ)
        const lambda = random.gamma(params.r, params.alpha);
        const p = random.beta(params.a, params.b);
        let life = 0;
        if (!(modified && random.uniform() < p)) {
          let time = 0;
          for (;;) {
            time += random.exponential(lambda);
            if (time >= cap) {
              life = cap;
              break;
            }
            if (random.uniform() < p) {
              life = time;
              break;
            }
          }
        }
        sum += life;
        sumSquares += life * life;
      }
      const mean = sum / n;
      const standardError = Math.sqrt((sumSquares / n - mean * mean) / n);
      const lifespan = expectedLifespanYears(modelName, params, WEEKS, { capYears });
      expect(Math.abs(lifespan.years * WEEKS - mean)).toBeLessThan(4 * standardError);
    }
  });

  it("the truncated lifespan equals the numeric integral of the survival curve", () => {
    for (const params of [cdnowBg, lightBg, { r: 0.6, alpha: 2, a: 0.3, b: 0.6 }, { r: 1, alpha: 3, a: 1, b: 1 }]) {
      for (const capYears of [1, 10]) {
        const numeric = integrateSurvival((t) => probabilityAliveAfter(modelName, params, t), capYears * WEEKS) / WEEKS;
        expect(expectedLifespanYears(modelName, params, WEEKS, { capYears }).years).toBeCloseTo(numeric, 8);
      }
    }
  });

  it("with r, a > 1 approaches α/(r−1) · E[(1−p)^δ / p] when the cap is far away", () => {
    const { r, alpha, a, b } = lightBg;
    const expected = (alpha / (r - 1)) * (modified ? b / (a - 1) : (a + b - 1) / (a - 1));
    const far = expectedLifespanYears(modelName, lightBg, WEEKS, { capYears: 1e6 });
    expect(far.untruncatedYears * WEEKS).toBeCloseTo(expected, 10);
    expect(far.years).toBeCloseTo(far.untruncatedYears, 6);
    expect(far.capBinds).toBe(false);
    expect(expectedLifespanYears(modelName, lightBg, WEEKS, { capYears: 0.2 }).capBinds).toBe(true);
    expect(expectedLifespanYears(modelName, { ...lightBg, a: 0.9 }, WEEKS).untruncatedYears).toBe(Number.POSITIVE_INFINITY);
  });

  it("is in [0, 1], starts at 1 (BG/NBD) or E[1−p] = b/(a+b) (MBG/NBD), and never rises (property)", () => {
    fc.assert(
      fc.property(betaGeometricParams, logUniform(1e-3, 1e5), fc.double({ min: 1, max: 3, noNaN: true }), (params, t, factor) => {
        const start = probabilityAliveAfter(modelName, params, 0);
        expect(start).toBeCloseTo(modified ? params.b / (params.a + params.b) : 1, 12);
        const now = probabilityAliveAfter(modelName, params, t);
        const later = probabilityAliveAfter(modelName, params, t * factor);
        for (const value of [now, later]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(now).toBeLessThanOrEqual(start + 1e-12);
        expect(later).toBeLessThanOrEqual(now + 1e-10);
        // a mixture of exponentials is log-convex: S(2t) · S(0) ≥ S(t)²
        expect(probabilityAliveAfter(modelName, params, 2 * t) * start).toBeGreaterThanOrEqual(now * now - 1e-10);
      }),
      { numRuns: 60 },
    );
  });

  it("the truncated lifespan lies in (0, cap], grows with the cap and stays below the untruncated one (property)", () => {
    fc.assert(
      fc.property(betaGeometricParams, logUniform(0.1, 100), (params, capYears) => {
        const short = expectedLifespanYears(modelName, params, WEEKS, { capYears });
        const long = expectedLifespanYears(modelName, params, WEEKS, { capYears: 2 * capYears });
        expect(short.years).toBeGreaterThan(0);
        expect(short.years).toBeLessThanOrEqual(capYears);
        expect(long.years).toBeGreaterThanOrEqual(short.years - 1e-9 * capYears);
        expect(long.years).toBeLessThanOrEqual(short.years + capYears); // the extra years lie beyond the first cap
        expect(short.years).toBeLessThanOrEqual(short.untruncatedYears);
        expect(short.probabilityAliveAtCap).toBeGreaterThanOrEqual(0);
        expect(short.probabilityAliveAtCap).toBeLessThanOrEqual(1);
      }),
      { numRuns: 30 },
    );
  });
});

describe("model comparisons and properties", () => {
  it("MBG/NBD survival is BG/NBD's with the drop-out at time 0 added: never higher (property)", () => {
    fc.assert(
      fc.property(betaGeometricParams, logUniform(1e-2, 1e4), (params, t) => {
        expect(probabilityAliveAfter("mbgnbd", params, t)).toBeLessThanOrEqual(probabilityAliveAfter("bgnbd", params, t) + 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it("Pareto/NBD survival is in [0, 1], 1 at t = 0, non-increasing (property)", () => {
    fc.assert(
      fc.property(paretoParams, logUniform(1e-3, 1e6), fc.double({ min: 1, max: 3, noNaN: true }), (params, t, factor) => {
        expect(probabilityAliveAfter("paretonbd", params, 0)).toBe(1);
        const now = probabilityAliveAfter("paretonbd", params, t);
        expect(now).toBeGreaterThanOrEqual(0);
        expect(now).toBeLessThanOrEqual(1);
        expect(probabilityAliveAfter("paretonbd", params, t * factor)).toBeLessThanOrEqual(now);
        const lifespan = expectedLifespanYears("paretonbd", params, WEEKS);
        expect(lifespan.years).toBeGreaterThan(0);
        expect(lifespan.years).toBeLessThanOrEqual(DEFAULT_LIFESPAN_CAP_YEARS);
      }),
      { numRuns: 60 },
    );
  });

  it("gives finite numbers for extreme parameters (tiny a, b < 1, huge or tiny alpha, huge a and b)", () => {
    const extremes = [
      { r: 0.243, alpha: 4.414, a: 1e-6, b: 2.4 },
      { r: 0.243, alpha: 4.414, a: 0.8, b: 1e-5 },
      { r: 0.01, alpha: 1e12, a: 0.05, b: 0.05 },
      { r: 50, alpha: 1e-9, a: 0.3, b: 0.7 },
      { r: 1e-4, alpha: 1e-6, a: 1e-4, b: 1e6 },
      { r: 0.5, alpha: 3, a: 1e6, b: 1e6 },
      { r: 1, alpha: 1, a: 1, b: 1 },
    ];
    for (const params of extremes) {
      for (const modelName of ["bgnbd", "mbgnbd"] as const) {
        for (const t of [0, 1e-9, 1, 52, 1e6, 1e12]) {
          const value = probabilityAliveAfter(modelName, params, t);
          expect(Number.isFinite(value) && value >= 0 && value <= 1).toBe(true);
        }
        const lifespan = expectedLifespanYears(modelName, params, WEEKS);
        expect(Number.isFinite(lifespan.years) && lifespan.years >= 0 && lifespan.years <= 50).toBe(true);
        expect(Number.isNaN(lifespan.untruncatedYears)).toBe(false);
        expect(Number.isFinite(yearlyRetentionFromModel(modelName, params, WEEKS))).toBe(true);
      }
    }
    for (const params of [{ r: 1, alpha: 1, s: 1e-6, beta: 1e-9 }, { r: 1, alpha: 1, s: 1e4, beta: 1e12 }, { r: 1, alpha: 1, s: 1, beta: 1 }]) {
      const lifespan = expectedLifespanYears("paretonbd", params, UNITS_PER_YEAR.day);
      expect(Number.isFinite(lifespan.years) && lifespan.years > 0 && lifespan.years <= 50).toBe(true);
      expect(Number.isFinite(yearlyRetentionFromModel("paretonbd", params, UNITS_PER_YEAR.day))).toBe(true);
    }
  });

  it("rejects bad input with InvalidInputError", () => {
    expect(() => probabilityAliveAfter("gammagamma" as never, cdnowBg, 1)).toThrow(InvalidInputError);
    expect(() => probabilityAliveAfter("bgnbd", { ...cdnowBg, a: 0 }, 1)).toThrow(/parameter a/);
    expect(() => probabilityAliveAfter("paretonbd", cdnowBg, 1)).toThrow(/parameter s/);
    expect(() => probabilityAliveAfter("bgnbd", cdnowBg, -1)).toThrow(/horizon/);
    expect(() => probabilityAliveAfter("bgnbd", cdnowBg, Number.POSITIVE_INFINITY)).toThrow(InvalidInputError);
    expect(() => expectedLifespanYears("bgnbd", cdnowBg, 0)).toThrow(/unitsPerYear/);
    expect(() => expectedLifespanYears("bgnbd", cdnowBg, WEEKS, { capYears: 0 })).toThrow(/capYears/);
    expect(() => expectedLifespanYears("bgnbd", cdnowBg, WEEKS, { capYears: Number.NaN })).toThrow(/capYears/);
    expect(() => yearlyRetentionFromModel("bgnbd", cdnowBg, -52)).toThrow(/unitsPerYear/);
  });
});

describe("CDNOW sanity (published parameters, weeks)", () => {
  const rows = (
    [
      ["BG/NBD", "bgnbd", cdnowBg],
      ["MBG/NBD", "mbgnbd", cdnowMbg],
      ["Pareto/NBD", "paretonbd", cdnowPareto],
    ] as const
  ).map(([label, modelName, params]) => {
    const retention = yearlyRetentionFromModel(modelName, params, WEEKS);
    const lifespan = expectedLifespanYears(modelName, params, WEEKS);
    const tenYears = expectedLifespanYears(modelName, params, WEEKS, { capYears: 10 });
    return { label, modelName, params, retention, lifespan, tenYears };
  });

  it("one-year retention and truncated lifespans are finite, in range and ordered sensibly", () => {
    console.info(
      rows
        .map(
          ({ label, retention, lifespan, tenYears }) =>
            `${label}: one-year retention ${retention.toFixed(4)}, lifespan ${lifespan.years.toFixed(3)} years (capped at 50; ${tenYears.years.toFixed(3)} capped at 10), P(alive at 50 years) ${lifespan.probabilityAliveAtCap.toFixed(4)}, 1/(1 − retention) ${lifespanYearsFromRetention(retention).toFixed(3)}`,
        )
        .join("\n"),
    );
    for (const { modelName, params, retention, lifespan, tenYears } of rows) {
      expect(retention).toBeGreaterThan(0);
      expect(retention).toBeLessThan(1);
      expect(Number.isFinite(lifespan.years) && lifespan.years > 0).toBe(true);
      // r < 1 (BG/NBD, MBG/NBD) and s < 1 (Pareto/NBD): heavy tails, so the cap binds
      expect(lifespan.untruncatedYears).toBe(Number.POSITIVE_INFINITY);
      expect(lifespan.capBinds).toBe(true);
      // retention falls with time; the lifespan grows with the cap, exceeds the first year's share of it,
      // and exceeds the constant-retention lifespan (the survivors are the loyal ones: decreasing hazard)
      const twoYears = probabilityAliveAfter(modelName, params, 2 * WEEKS);
      expect(twoYears).toBeLessThan(retention);
      expect(lifespan.probabilityAliveAtCap).toBeLessThan(twoYears);
      expect(tenYears.years).toBeLessThan(lifespan.years);
      expect(tenYears.years).toBeGreaterThan(retention);
      expect(lifespan.years).toBeGreaterThan(lifespanYearsFromRetention(retention));
    }
    const [bg, mbg, pareto] = rows;
    // BG/NBD keeps one-time buyers alive (no drop-out without a repeat purchase), MBG/NBD lets them go at
    // time 0, Pareto/NBD lets everyone go at any time: one-year retention in that order
    expect(bg!.retention).toBeGreaterThan(mbg!.retention);
    expect(mbg!.retention).toBeGreaterThan(pareto!.retention);
    expect(bg!.lifespan.years).toBeGreaterThan(pareto!.lifespan.years);
  });

  it("reproduces the values (regression)", () => {
    const [bg, mbg, pareto] = rows;
    expect(pareto!.retention).toBeCloseTo((11.67 / (11.67 + WEEKS)) ** 0.606, 14);
    expect(bg!.retention).toBeCloseTo(0.7639837566, 8);
    expect(bg!.lifespan.years).toBeCloseTo(22.5822473, 5);
    expect(pareto!.retention).toBeCloseTo(0.3570453002, 8);
    expect(pareto!.lifespan.years).toBeCloseTo(4.2242320, 5);
    expect(mbg!.retention).toBeCloseTo(0.3984723947, 8);
    expect(mbg!.lifespan.years).toBeCloseTo(7.4032243, 5);
  });
});

describe("simple CLV with the lifespan from the model", () => {
  it("is simpleClv with lifespanYears = expectedLifespanYears(...).years", () => {
    const input = { averageOrderValue: 40, purchasesPerYear: 3, modelName: "paretonbd" as const, params: lightPareto, unitsPerYear: WEEKS, margin: 0.3 };
    const { clv, lifespan } = simpleClvFromModel(input);
    expect(lifespan).toEqual(expectedLifespanYears("paretonbd", lightPareto, WEEKS));
    expect(clv).toBeCloseTo(simpleClv({ averageOrderValue: 40, purchasesPerYear: 3, lifespanYears: lifespan.years, margin: 0.3 }), 12);
    const capped = simpleClvFromModel({ ...input, modelName: "bgnbd", params: cdnowBg, capYears: 10 });
    expect(capped.lifespan.capYears).toBe(10);
    expect(capped.lifespan.capBinds).toBe(true);
    expect(capped.clv).toBeCloseTo(40 * 3 * 0.3 * capped.lifespan.years, 10);
    expect(() => simpleClvFromModel({ ...input, purchasesPerYear: -1 })).toThrow(/purchasesPerYear/);
  });

  it("the doc examples hold", () => {
    expect(simpleClvFromModel({ averageOrderValue: 40, purchasesPerYear: 3, modelName: "paretonbd", params: { r: 0.5, alpha: 10, s: 2, beta: 104.36 }, unitsPerYear: 52.18 }).clv).toBeCloseTo(230.769, 3);
    expect(expectedLifespanYears("paretonbd", { r: 0.553, alpha: 10.58, s: 2, beta: 52.18 }, 52.18, { capYears: 1e9 }).years).toBeCloseTo(1, 8);
    expect(probabilityAliveAfter("paretonbd", cdnowPareto, 52)).toBeCloseTo(0.35765180381342526, 14);
    expect(probabilityAliveAfter("bgnbd", cdnowBg, 52)).toBeCloseTo(0.764350215533, 11);
    expect(probabilityAliveAfter("mbgnbd", cdnowBg, 0)).toBeCloseTo(0.753650201926064, 14);
  });
});
