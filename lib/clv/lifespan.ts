/**
 * How long a new customer stays, from a fitted purchase model: the survival curve P(alive at t) of a
 * customer who has just made the first purchase, its truncated integral (the expected active lifespan)
 * and the one-year retention, so that the marketers' formula `simpleClv` (average order value ×
 * purchases per year × lifespan in years) can take its lifespan from the model instead of a guess.
 *
 * Survival curves S(t) = P(alive at t) of a new customer (t in the model's time unit):
 * - Pareto/NBD (Schmittlein, Morrison & Colombo 1987, §2 assumptions; Fader & Hardie 2005 note, §2): the
 *   lifetime τ ~ Exp(μ), μ ~ Gamma(s, β), so S(t) = E[e^{−μt}] = (β/(β+t))^s (the Laplace transform of the
 *   gamma distribution; a Pareto of the second kind).
 * - BG/NBD (Fader, Hardie & Lee 2005, §3 assumptions i–v): while alive the customer buys at the times of
 *   a Poisson(λ) process and drops out right after each (repeat) purchase with probability p. Given λ, p
 *   the drop-outs are a p-thinning of that process, i.e. a Poisson(λp) process, so the customer is alive
 *   at t iff none of the N(t) ~ Poisson(λt) purchases in (0, t] ended the relationship:
 *   S(t | λ, p) = Σ_n e^{−λt}(λt)^n/n! (1−p)^n = e^{−λpt}. Over λ ~ Gamma(r, α): (α/(α+pt))^r. Over
 *   p ~ Beta(a, b): S(t) = E_p[(1 + pt/α)^{−r}] = ₂F₁(r, a; a+b; −t/α) (Euler's integral, A&S 15.3.1).
 * - MBG/NBD (Batislam, Denizel & Filiztekin 2007, §2): as BG/NBD, but the customer may also drop out right
 *   after the first purchase (at t = 0), with the same p: S(t) = E_p[(1−p)(1 + pt/α)^{−r}]
 *   = b/(a+b) · ₂F₁(r, a; a+b+1; −t/α); S(0) = E[1−p] = b/(a+b).
 * The p-integrals are computed by quadrature (see `betaExpectation`); the hypergeometric forms serve as an
 * independent check in the tests.
 *
 * The expected lifespan ∫₀^∞ S(t) dt is finite only for light tails: Pareto/NBD needs s > 1 (then β/(s−1));
 * BG/NBD needs r > 1 and a > 1 (then E[1/(λp)] = α/(r−1) · (a+b−1)/(a−1)); MBG/NBD the same (then
 * E[(1−p)/(λp)] = α/(r−1) · b/(a−1)). Typical fits (CDNOW: r ≈ 0.24, s ≈ 0.61) are heavy-tailed: the
 * customers who buy very rarely (λ near 0) BG/NBD almost never gives a chance to drop out, and Pareto/NBD
 * gives some customers near-zero drop-out rates. So the lifespan here is the truncated expectation
 * E[min(τ, cap)] = ∫₀^cap S(t) dt, with the cap (default 50 years) reported and flagged when it binds.
 */
import { checkBetaGeometricParams } from "./beta-geometric-likelihood";
import { checkHorizon } from "./bg-nbd";
import { simpleClv } from "./clv";
import { InvalidInputError } from "./errors";
import { checkParetoNbdParams } from "./pareto-nbd-predictions";
import { integrateAdaptiveMany } from "./pareto-nbd-integrals";
import { log1pExp } from "./special";
import { DAYS_PER_UNIT } from "./summary";
import type { PurchaseModelName, TimeUnit } from "./types";

/** Days per year (the mean Gregorian year, as `DAYS_PER_UNIT`'s month of 365.25 / 12 days). */
export const DAYS_PER_YEAR = 365.25;

/** Time units per year: 365.25 days, 365.25 / 7 ≈ 52.18 weeks, 12 months (consistent with `DAYS_PER_UNIT`). */
export const UNITS_PER_YEAR: Record<TimeUnit, number> = {
  day: DAYS_PER_YEAR / DAYS_PER_UNIT.day,
  week: DAYS_PER_YEAR / DAYS_PER_UNIT.week,
  month: DAYS_PER_YEAR / DAYS_PER_UNIT.month,
};

/** Default truncation of the expected lifespan, in years. */
export const DEFAULT_LIFESPAN_CAP_YEARS = 50;

/**
 * The cap "binds" when more than this fraction of the untruncated expected lifespan lies beyond it (or
 * the untruncated expectation is infinite).
 */
export const CAP_BINDS_FRACTION = 1e-3;

const KNOWN_MODELS: readonly PurchaseModelName[] = ["bgnbd", "mbgnbd", "paretonbd"];

/** Checked parameters of one of the three purchase models. */
type CheckedModel =
  | { model: "bgnbd" | "mbgnbd"; r: number; alpha: number; a: number; b: number }
  | { model: "paretonbd"; r: number; alpha: number; s: number; beta: number };

function checkModel(modelName: string, params: Readonly<Record<string, number>>): CheckedModel {
  if (modelName === "bgnbd" || modelName === "mbgnbd") return { model: modelName, ...checkBetaGeometricParams(params, modelName) };
  if (modelName === "paretonbd") return { model: "paretonbd", ...checkParetoNbdParams(params) };
  throw new InvalidInputError(`unknown purchase model "${modelName}" (known: ${KNOWN_MODELS.join(", ")})`);
}

function checkUnitsPerYear(unitsPerYear: number): void {
  if (!Number.isFinite(unitsPerYear) || !(unitsPerYear > 0)) {
    throw new InvalidInputError(`unitsPerYear ${unitsPerYear} must be a positive number (e.g. ${UNITS_PER_YEAR.week} for weeks; see UNITS_PER_YEAR)`);
  }
}

/**
 * The fraction of [0, X] a survival curve (1 + u)^{−(1+ε)} covers: (1/X) ∫₀^X (1 + u)^{−(1+ε)} du
 * = (1 − (1+X)^{−ε}) / (εX) (log(1+X)/X at ε = 0), from log X so that neither tiny nor huge X
 * overflows; in (0, 1], 1 at X = 0.
 */
function fractionOfCapAlive(epsilon: number, logX: number): number {
  // F = 1 − (1+ε)X/2 + O(X²): 1 to double precision for X < e^{−40} (and X subnormal would lose digits)
  if (logX < -40) return 1;
  const ell = log1pExp(logX); // log(1 + X)
  const y = epsilon * ell;
  let logIntegral: number; // log of ∫₀^X (1 + u)^{−(1+ε)} du = (1 − e^{−y}) / ε
  if (Math.abs(y) < 1e-10) logIntegral = Math.log(ell) + Math.log1p(-0.5 * y);
  else if (y > 0) logIntegral = Math.log(-Math.expm1(-y)) - Math.log(epsilon);
  else logIntegral = -y + Math.log(-Math.expm1(y)) - Math.log(-epsilon);
  return Math.min(1, Math.exp(logIntegral - logX));
}

/**
 * The point p and its complement q = 1 − p, both with their logs, as the quadrature sees them (each
 * computed where it is accurate: p near 0 from the left piece, q near 0 from the right piece).
 */
interface BetaPoint {
  p: number;
  q: number;
  logP: number;
  logQ: number;
}

/** Relative tolerance of the p-quadrature and its panel limit. */
const BETA_TOLERANCE = 1e-11;
const BETA_MAX_PANELS = 4000;
/** Decade break points toward an end reach down to where the mass left below is about e^{−30}. */
const DECADE_MASS_LOG = 30;
const MAX_DECADES = 320;
/** A piece whose bound is this many e-folds below the other piece's integral is left out. */
const NEGLIGIBLE_LOG = 40;

/** c · log x with 0 · log 0 = 0 (the density factor p^{a−1} at a = 1). */
function timesLog(c: number, logX: number): number {
  return c === 0 ? 0 : c * logX;
}

/** One half of [0, 1] seen from its end: the distance d = p (left) or d = q (right), d ∈ [0, 1/2]. */
interface Piece {
  /** The integration variable runs over [0, end]. */
  end: number;
  breaks: number[];
  point: (x: number) => BetaPoint;
  logMass: (x: number, point: BetaPoint) => number;
}

/**
 * The piece of [0, 1] within 1/2 of one end, integrated over d^e when the density's own exponent e
 * (a at 0, b at 1) is below 1 (then d^{e−1} dd = dx/e, bounded), else over d. `other` is the exponent of
 * the far end; `marks` are distances from this end where the integrand turns.
 */
function betaPiece(side: "left" | "right", own: number, other: number, marks: readonly number[]): Piece {
  const toPoint = (d: number, logD: number): BetaPoint => {
    const logRest = Math.log1p(-d);
    return side === "left" ? { p: d, q: 1 - d, logP: logD, logQ: logRest } : { p: 1 - d, q: d, logP: logRest, logQ: logD };
  };
  const inside = marks.filter((m) => m > 0 && m < 0.5);
  if (own < 1) {
    return {
      end: Math.pow(0.5, own),
      breaks: inside.map((m) => Math.pow(m, own)),
      point: (x) => {
        const logD = Math.log(x) / own;
        return toPoint(Math.exp(logD), logD);
      },
      logMass: (_x, point) => -Math.log(own) + timesLog(other - 1, side === "left" ? point.logQ : point.logP),
    };
  }
  return {
    end: 0.5,
    breaks: inside,
    point: (d) => toPoint(d, Math.log(d)),
    logMass: (_d, point) =>
      side === "left" ? timesLog(own - 1, point.logP) + timesLog(other - 1, point.logQ) : timesLog(own - 1, point.logQ) + timesLog(other - 1, point.logP),
  };
}

/**
 * E[f(p)] for p ~ Beta(a, b) and f with values in [0, 1], by adaptive Gauss–Kronrod quadrature
 * (`integrateAdaptiveMany`), robust for any a, b > 0 (tiny, below 1, huge):
 * - [0, 1] is split at 1/2 and each half integrated from its end: over u = p^a (resp. v = (1−p)^b) where
 *   the density is singular (a < 1 at 0, b < 1 at 1), which turns p^{a−1} dp into du/a, a bounded
 *   integrand; elsewhere over p (resp. 1 − p) itself.
 * - Break points at the decades 0.5·10^{−k} from each end (down to where the mass left is e^{−30}; for
 *   tiny a the mass spreads evenly over the decades of p, and f turns somewhere among them), at the
 *   mean and the mean ± 1, 2, 4, 8, … standard deviations (narrow peaks of large a, b and their tails,
 *   which a wide panel's nodes would step over), and at `turns` (points
 *   p where f changes, e.g. α/t) with a tenth and ten times them.
 * - Each half is scaled by its largest log-density on the break points and a grid, and the result is the
 *   ratio of the integrals of f·density and of the density on the same panels, so E[1] = 1 exactly and
 *   quadrature error in the normalisation cancels (absolute accuracy about 1e-11).
 * Throws `NumericalLimitError` when the quadrature cannot reach its tolerance (not met in testing).
 */
function betaExpectation(a: number, b: number, f: (point: BetaPoint) => number, turns: readonly number[]): number {
  const sd = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
  const meanP = a / (a + b);
  const meanQ = b / (a + b);
  const spread = [0];
  for (let k = 1; k * sd < 1; k *= 2) spread.push(-k * sd, k * sd);
  const leftMarks = spread.map((offset) => meanP + offset);
  const rightMarks = spread.map((offset) => meanQ + offset);
  for (const turn of turns) {
    if (!(turn > 0) || !Number.isFinite(turn)) continue;
    for (const p of [turn / 10, turn, turn * 10]) {
      leftMarks.push(p);
      rightMarks.push(1 - p);
    }
  }
  const decades = (own: number): number[] => {
    const count = Math.min(MAX_DECADES, Math.ceil(DECADE_MASS_LOG / (own * Math.LN10)));
    return Array.from({ length: count }, (_, k) => 0.5 * Math.pow(10, -(k + 1)));
  };
  const pieces = [betaPiece("left", a, b, [...leftMarks, ...decades(a)]), betaPiece("right", b, a, [...rightMarks, ...decades(b)])];

  const scaled = pieces.map((piece) => {
    const breaks = [...new Set([0, ...piece.breaks, piece.end])].sort((x, y) => x - y);
    let peak = Number.NEGATIVE_INFINITY;
    const grid = Array.from({ length: 65 }, (_, k) => (piece.end * k) / 64);
    for (const x of [...breaks, ...grid]) {
      const value = piece.logMass(x, piece.point(x));
      if (value > peak) peak = value; // NaN and −Infinity (an end where the density vanishes) are skipped
    }
    return { piece, breaks, peak };
  });
  scaled.sort((x, y) => y.peak - x.peak);

  const out = new Float64Array(2);
  let logTop = Number.NaN;
  let mass = 0;
  let weighted = 0;
  for (const { piece, breaks, peak } of scaled) {
    if (!Number.isFinite(peak)) continue;
    // left out when even peak density × width is negligible next to what the other half holds
    if (mass > 0 && peak + Math.log(piece.end) < logTop + Math.log(mass) - NEGLIGIBLE_LOG) continue;
    integrateAdaptiveMany(
      (x, values) => {
        const point = piece.point(x);
        const density = Math.exp(piece.logMass(x, point) - peak);
        values[0] = density;
        values[1] = density === 0 ? 0 : density * f(point);
      },
      2,
      breaks,
      out,
      BETA_TOLERANCE,
      BETA_MAX_PANELS,
    );
    if (Number.isNaN(logTop)) logTop = peak;
    const scale = Math.exp(peak - logTop);
    mass += scale * out[0]!;
    weighted += scale * out[1]!;
  }
  if (!(mass > 0)) throw new InvalidInputError(`Beta(${a}, ${b}) has no mass at double precision`);
  return Math.min(1, Math.max(0, weighted / mass));
}

/**
 * P(alive at t) of a NEW customer (one who has just made the first purchase) under a fitted purchase
 * model, t in the model's time unit (the unit of alpha, beta):
 * - `paretonbd` (Schmittlein, Morrison & Colombo 1987): (β/(β+t))^s;
 * - `bgnbd` (Fader, Hardie & Lee 2005): E_p[(α/(α+pt))^r], p ~ Beta(a, b) (= ₂F₁(r, a; a+b; −t/α));
 *   1 at t = 0;
 * - `mbgnbd` (Batislam et al. 2007): E_p[(1−p)(α/(α+pt))^r] (= b/(a+b) ₂F₁(r, a; a+b+1; −t/α));
 *   b/(a+b) at t = 0, since the customer may drop out right after the first purchase.
 * Derivations in the file header. Non-increasing in t and in [0, 1]. Throws `InvalidInputError` for an
 * unknown model, bad parameters or a negative or non-finite t.
 *
 * @example probabilityAliveAfter("paretonbd", { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 52) // 0.35765180381342526 (= (11.67/63.67)^0.606)
 * @example probabilityAliveAfter("bgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 52) // 0.7643502155330216 (= ₂F₁(r, a; a+b; −t/α) = 0.76435021553302139…)
 * @example probabilityAliveAfter("mbgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0) // 0.753650201926064 (= b/(a+b))
 */
export function probabilityAliveAfter(modelName: PurchaseModelName, params: Readonly<Record<string, number>>, t: number): number {
  const model = checkModel(modelName, params);
  checkHorizon(t);
  return survival(model, t);
}

function survival(model: CheckedModel, t: number): number {
  if (model.model === "paretonbd") return Math.exp(-model.s * Math.log1p(t / model.beta));
  const { r, alpha, a, b, model: name } = model;
  if (t === 0) return name === "bgnbd" ? 1 : b / (a + b);
  const logRatio = Math.log(t) - Math.log(alpha); // log(t/α)
  const modified = name === "mbgnbd";
  return betaExpectation(
    a,
    b,
    ({ q, logP }) => {
      const alive = Math.exp(-r * log1pExp(logP + logRatio)); // (1 + pt/α)^{−r}
      return modified ? q * alive : alive;
    },
    [alpha / t],
  );
}

/** The expected lifespan of a new customer, truncated at a cap (see `expectedLifespanYears`). */
export interface ModelLifespan {
  /** E[min(τ, cap)] = ∫₀^cap P(alive at t) dt, in years. */
  years: number;
  /** The cap in years. */
  capYears: number;
  /** ∫₀^∞ P(alive at t) dt in years; Infinity for heavy-tailed parameters (see the file header). */
  untruncatedYears: number;
  /** Whether the cap matters: more than `CAP_BINDS_FRACTION` of the untruncated expectation lies beyond it. */
  capBinds: boolean;
  /** P(alive at the cap). */
  probabilityAliveAtCap: number;
}

export interface LifespanOptions {
  /** Truncation in years (default 50). */
  capYears?: number;
}

/**
 * The expected remaining active life of a new customer in years, E[min(τ, cap)] = ∫₀^cap P(alive at t) dt
 * (a truncated expectation: the untruncated ∫₀^∞ is infinite for heavy-tailed parameter sets such as
 * Pareto/NBD with s ≤ 1 or BG/NBD with r ≤ 1 or a ≤ 1; it is returned too, with `capBinds`). With
 * C = cap in model units and F_ε(X) = (1 − (1+X)^{−ε}) / (εX) the fraction of [0, X] covered by
 * (1 + u)^{−(1+ε)}:
 * - `paretonbd`: ∫₀^C (1 + t/β)^{−s} dt = C · F_{s−1}(C/β); untruncated β/(s−1) for s > 1;
 * - `bgnbd`: ∫₀^C E_p[(1 + pt/α)^{−r}] dt = C · E_p[F_{r−1}(pC/α)]; untruncated α/(r−1) · (a+b−1)/(a−1)
 *   for r, a > 1;
 * - `mbgnbd`: C · E_p[(1−p) F_{r−1}(pC/α)]; untruncated α/(r−1) · b/(a−1) for r, a > 1.
 * `unitsPerYear` converts the model's time unit (`UNITS_PER_YEAR.week` ≈ 52.18 for weekly fits). The
 * p-quadrature (BG/NBD, MBG/NBD) is accurate to about 1e-11 × cap; `years` never exceeds `untruncatedYears`.
 * Throws `InvalidInputError` for an unknown model, bad parameters, unitsPerYear or cap.
 *
 * @example expectedLifespanYears("paretonbd", { r: 0.553, alpha: 10.58, s: 2, beta: 52.18 }, 52.18, { capYears: 1e9 }).years // 0.999999999 (untruncated β/(s−1) = 52.18 weeks = 1 year)
 */
export function expectedLifespanYears(
  modelName: PurchaseModelName,
  params: Readonly<Record<string, number>>,
  unitsPerYear: number,
  options: LifespanOptions = {},
): ModelLifespan {
  const model = checkModel(modelName, params);
  checkUnitsPerYear(unitsPerYear);
  const capYears = options.capYears ?? DEFAULT_LIFESPAN_CAP_YEARS;
  if (!Number.isFinite(capYears) || !(capYears > 0)) throw new InvalidInputError(`capYears ${capYears} must be a positive number of years`);
  const cap = capYears * unitsPerYear;
  if (!Number.isFinite(cap)) throw new InvalidInputError(`capYears ${capYears} × unitsPerYear ${unitsPerYear} is too large`);
  const logCap = Math.log(cap);
  let fraction: number;
  let untruncated: number;
  if (model.model === "paretonbd") {
    const { s, beta } = model;
    fraction = fractionOfCapAlive(s - 1, logCap - Math.log(beta));
    untruncated = s > 1 ? beta / (s - 1) : Number.POSITIVE_INFINITY;
  } else {
    const { r, alpha, a, b, model: name } = model;
    const logRatio = logCap - Math.log(alpha); // log(C/α)
    const modified = name === "mbgnbd";
    fraction = betaExpectation(
      a,
      b,
      ({ q, logP }) => {
        const covered = fractionOfCapAlive(r - 1, logP + logRatio);
        return modified ? q * covered : covered;
      },
      [alpha / cap],
    );
    const pFactor = modified ? b / (a - 1) : (a + b - 1) / (a - 1);
    untruncated = r > 1 && a > 1 ? (alpha / (r - 1)) * pFactor : Number.POSITIVE_INFINITY;
  }
  const untruncatedYears = untruncated / unitsPerYear;
  // the quadrature is accurate to about 1e-11 of the cap; keep E[min(τ, cap)] ≤ E[τ] exactly
  const years = Math.min(capYears * fraction, untruncatedYears);
  return {
    years,
    capYears,
    untruncatedYears,
    capBinds: !Number.isFinite(untruncatedYears) || untruncatedYears - years > CAP_BINDS_FRACTION * untruncatedYears,
    probabilityAliveAtCap: survival(model, cap),
  };
}

/**
 * The model's one-year retention of a new customer: P(alive one year after the first purchase), i.e.
 * `probabilityAliveAfter(model, params, unitsPerYear)`. For comparison with a retention rate entered by
 * hand and `lifespanYearsFromRetention` (Berger & Nasr 1998), which assumes the same retention every year;
 * the models' retention rises with time (the customers most likely to leave leave first: the survival
 * curves are mixtures of exponentials), so 1/(1 − one-year retention) usually understates their lifespan.
 *
 * @example yearlyRetentionFromModel("paretonbd", { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 365.25 / 7) // 0.3570453002450383
 */
export function yearlyRetentionFromModel(modelName: PurchaseModelName, params: Readonly<Record<string, number>>, unitsPerYear: number): number {
  checkUnitsPerYear(unitsPerYear);
  return probabilityAliveAfter(modelName, params, unitsPerYear);
}

export interface SimpleClvFromModelInput extends LifespanOptions {
  averageOrderValue: number;
  /** Purchases per year while active. */
  purchasesPerYear: number;
  modelName: PurchaseModelName;
  params: Readonly<Record<string, number>>;
  /** Time units of the model per year (see `UNITS_PER_YEAR`). */
  unitsPerYear: number;
  /** Profit margin (default 1). */
  margin?: number;
}

/**
 * The marketers' formula (`simpleClv`: average order value × purchases per year × lifespan in years ×
 * margin) with the lifespan from the model: `expectedLifespanYears(...).years`, the expected active life of
 * a new customer truncated at `capYears` (default 50; check `lifespan.capBinds`: for heavy-tailed fits the
 * value depends on the cap). Undiscounted, like `simpleClv`.
 *
 * @example simpleClvFromModel({ averageOrderValue: 40, purchasesPerYear: 3, modelName: "paretonbd", params: { r: 0.5, alpha: 10, s: 2, beta: 104.36 }, unitsPerYear: 52.18 }).clv // 230.769… (lifespan 1.923 years: the 2-year mean truncated at 50 years; capBinds true)
 */
export function simpleClvFromModel(input: SimpleClvFromModelInput): { clv: number; lifespan: ModelLifespan } {
  const { averageOrderValue, purchasesPerYear, modelName, params, unitsPerYear, margin, capYears } = input;
  const lifespan = expectedLifespanYears(modelName, params, unitsPerYear, { capYears });
  return { clv: simpleClv({ averageOrderValue, purchasesPerYear, lifespanYears: lifespan.years, margin }), lifespan };
}
