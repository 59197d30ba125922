/**
 * A reference for the tests (not used by the app): the engine's Pareto/NBD formulas are checked against
 * the hypergeometric forms built from it.
 *
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1, on the log scale
 * when needed. The Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model
 * and related expressions", eqs. 22–24) and its P(X(t) = x) are built from it.
 *
 * Method (Abramowitz & Stegun ch. 15; DLMF §15.2, §15.8):
 * - the power series (A&S 15.1.1) where it converges fast, |z| ≤ 1/2, directly or after Euler's
 *   transformation (A&S 15.3.3), whichever loses fewer digits to cancellation;
 * - Pfaff's transformation z → z/(z − 1) (A&S 15.3.4 / 15.3.5) for z < 0;
 * - the 1 − z transformation (A&S 15.3.6) for 1/2 < z < 1, with all gamma factors on the log scale so
 *   nothing overflows for large parameters. Where c − a − b is (nearly) an integer that formula is
 *   degenerate (A&S 15.3.10–15.3.12); there the function is evaluated at a ± δ, a ± 2δ (it is entire in
 *   a) and Richardson-extrapolated to a, to a relative accuracy of about 1e-11; where the formula
 *   cancels badly and z ≤ 0.99 the power series is used instead;
 * - Gauss's theorem (A&S 15.1.20) at z = 1.
 * Every result is kept as (log |F|, sign), with the running sum rescaled, so huge values do not overflow.
 */
import { InvalidInputError, NumericalLimitError } from "./errors";
import { logGamma } from "./special";

/** A real number as log of its absolute value and its sign (0 for zero, logAbs = −Infinity then). */
export interface SignedLog {
  logAbs: number;
  sign: -1 | 0 | 1;
}

const LOG_RESCALE = 250 * Math.LN10;
const RESCALE = 1e250;
const EPSILON = 1e-17;
const MAX_TERMS = 200_000;
/** Accept an evaluation when it loses at most this many digits to cancellation (as a log). */
const ACCEPTABLE_LOSS = Math.log(1e3);
/** c − a − b within this distance of an integer counts as degenerate in the 1 − z formula. */
const DEGENERATE_DISTANCE = 5e-5;
const RICHARDSON_STEP = 1e-4;
/** Largest z at which the power series is still used as a fallback (≈ 3,700 terms for 1e-16). */
const SERIES_FALLBACK_LIMIT = 0.99;

interface Evaluation extends SignedLog {
  /** log of (largest magnitude summed) / |result|: how many digits cancellation cost. */
  loss: number;
}

const ZERO: Evaluation = { logAbs: Number.NEGATIVE_INFINITY, sign: 0, loss: 0 };

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && value === Math.floor(value);
}

/**
 * log |Γ(x)| for any real x. For x < 1/2 the reflection formula (A&S 6.1.17) with sin(πx) reduced to
 * the nearest integer, so that arguments a hair from a pole keep their relative accuracy (the degenerate
 * 1 − z formula divides by exactly such values).
 */
function logAbsGamma(x: number): number {
  if (x >= 0.5) return logGamma(x);
  const nearest = Math.round(x);
  const offset = x - nearest; // exact (Sterbenz)
  if (offset === 0) return Number.POSITIVE_INFINITY;
  return Math.log(Math.PI) - Math.log(Math.abs(Math.sin(Math.PI * offset))) - logGamma(1 - x);
}

/** Sign of Γ(x) (0 at the poles, where 1/Γ vanishes). */
function gammaSign(x: number): -1 | 0 | 1 {
  if (x > 0) return 1;
  if (x === Math.floor(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Product of signed logs: Γ(n1)Γ(n2)... / (Γ(d1)Γ(d2)...), a pole in a denominator gives zero. */
function gammaRatio(numerator: readonly number[], denominator: readonly number[]): SignedLog {
  let logAbs = 0;
  let sign = 1;
  for (const x of denominator) {
    const s = gammaSign(x);
    if (s === 0) return { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
    logAbs -= logAbsGamma(x);
    sign *= s;
  }
  for (const x of numerator) {
    const s = gammaSign(x);
    if (s === 0) return { logAbs: Number.POSITIVE_INFINITY, sign: 1 };
    logAbs += logAbsGamma(x);
    sign *= s;
  }
  return { logAbs, sign: sign as 1 | -1 };
}

/** a + b for signed logs, with the cancellation it caused (log of max(|a|,|b|) / |a + b|). */
function addSigned(a: SignedLog, b: SignedLog): { sum: SignedLog; loss: number } {
  if (a.sign === 0) return { sum: b, loss: 0 };
  if (b.sign === 0) return { sum: a, loss: 0 };
  const big = a.logAbs >= b.logAbs ? a : b;
  const small = big === a ? b : a;
  const ratio = Math.exp(small.logAbs - big.logAbs);
  if (big.sign === small.sign) return { sum: { logAbs: big.logAbs + Math.log1p(ratio), sign: big.sign }, loss: 0 };
  if (ratio === 1) return { sum: { logAbs: Number.NEGATIVE_INFINITY, sign: 0 }, loss: Number.POSITIVE_INFINITY };
  const logAbs = big.logAbs + Math.log1p(-ratio);
  return { sum: { logAbs, sign: big.sign }, loss: big.logAbs - logAbs };
}

/**
 * The power series Σ (a)_n (b)_n / ((c)_n n!) z^n (A&S 15.1.1), rescaled against overflow, stopped when
 * a rigorous bound on the tail is below 1e-17 of the sum. Requires |z| < 1 or a terminating series.
 */
function powerSeries(a: number, b: number, c: number, z: number): Evaluation {
  let term = 1;
  let sum = 1;
  let largest = 1;
  let scaleLog = 0;
  let done = false;
  for (let n = 0; n < MAX_TERMS && !done; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    if (term === 0) break; // terminating (polynomial) series
    sum += term;
    const size = Math.abs(term);
    if (size > largest) largest = size;
    if (Math.abs(sum) > RESCALE || largest > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      largest /= RESCALE;
      scaleLog += LOG_RESCALE;
    }
    const m = n + 1; // next ratio uses index m
    if (a + m > 0 && b + m > 0 && c + m > 0 && size <= EPSILON * Math.abs(sum)) {
      // For k ≥ m every factor is positive and (a+k)/(c+k), (b+k)/(1+k) move monotonically towards 1,
      // so |ratio_k| ≤ |z| · max(1, (a+m)/(c+m)) · max(1, (b+m)/(1+m)) =: rho.
      const rho = Math.abs(z) * Math.max(1, (a + m) / (c + m)) * Math.max(1, (b + m) / (1 + m));
      if (rho < 1 && (size * rho) / (1 - rho) <= EPSILON * Math.abs(sum)) done = true;
    }
    if (!Number.isFinite(sum)) break;
    if (n === MAX_TERMS - 1 && !done) {
      throw new NumericalLimitError(`hyp2f1: the series for (${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`, MAX_TERMS);
    }
  }
  if (!Number.isFinite(sum)) throw new RangeError(`hyp2f1: the series for (${a}, ${b}; ${c}; ${z}) overflowed`);
  if (sum === 0) return { ...ZERO, loss: Number.POSITIVE_INFINITY };
  const logAbs = Math.log(Math.abs(sum)) + scaleLog;
  return { logAbs, sign: sum > 0 ? 1 : -1, loss: Math.log(largest / Math.abs(sum)) };
}

/** Multiply an evaluation by e^{logFactor} (a positive factor). */
function scaled(evaluation: Evaluation, logFactor: number): Evaluation {
  return { ...evaluation, logAbs: evaluation.logAbs + logFactor };
}

/** Lowest-loss evaluation among candidates computed lazily, stopping at the first acceptable one. */
function bestOf(candidates: readonly (() => Evaluation)[]): Evaluation {
  let best: Evaluation | null = null;
  for (const candidate of candidates) {
    const evaluation = candidate();
    if (evaluation.loss <= ACCEPTABLE_LOSS) return evaluation;
    if (best === null || evaluation.loss < best.loss) best = evaluation;
  }
  return best!;
}

/** 0 ≤ z ≤ 1/2 (or further for the degenerate fallback): the series or its Euler transform (A&S 15.3.3). */
function seriesOrEuler(a: number, b: number, c: number, z: number): Evaluation {
  return bestOf([
    () => powerSeries(a, b, c, z),
    () => scaled(powerSeries(c - a, c - b, c, z), (c - a - b) * Math.log1p(-z)),
  ]);
}

/** The 1 − z transformation (A&S 15.3.6) for 1/2 < z < 1 with c − a − b not an integer. */
function oneMinusZ(a: number, b: number, c: number, z: number): Evaluation {
  const w = 1 - z;
  const m = c - a - b;
  const first = gammaRatio([c, m], [c - a, c - b]);
  const second = gammaRatio([c, -m], [a, b]);
  const parts: SignedLog[] = [];
  let inner = 0;
  if (first.sign !== 0) {
    const series = powerSeries(a, b, 1 - m, w);
    parts.push({ logAbs: first.logAbs + series.logAbs, sign: (first.sign * series.sign) as -1 | 0 | 1 });
    inner = Math.max(inner, series.loss);
  }
  if (second.sign !== 0) {
    const series = powerSeries(c - a, c - b, 1 + m, w);
    parts.push({ logAbs: second.logAbs + m * Math.log(w) + series.logAbs, sign: (second.sign * series.sign) as -1 | 0 | 1 });
    inner = Math.max(inner, series.loss);
  }
  if (parts.length === 0) return { ...ZERO, loss: 0 };
  if (parts.length === 1) return { ...parts[0]!, loss: inner };
  const { sum, loss } = addSigned(parts[0]!, parts[1]!);
  return { ...sum, loss: loss + inner };
}

/** Richardson extrapolation in a of the 1 − z formula where c − a − b is (nearly) an integer. */
function oneMinusZDegenerate(a: number, b: number, c: number, z: number): Evaluation {
  // Scale by the size of a nearby evaluation so that the extrapolation works on moderate numbers.
  const probe = oneMinusZ(a + RICHARDSON_STEP, b, c, z);
  const reference = probe.sign === 0 ? 0 : probe.logAbs;
  const value = (h: number): number => {
    const e = oneMinusZ(a + h, b, c, z);
    return e.sign * Math.exp(e.logAbs - reference);
  };
  const h = RICHARDSON_STEP;
  const near = 0.5 * (value(h) + value(-h));
  const far = 0.5 * (value(2 * h) + value(-2 * h));
  const result = (4 * near - far) / 3;
  if (result === 0 || !Number.isFinite(result)) return { ...ZERO, loss: Number.POSITIVE_INFINITY };
  return { logAbs: Math.log(Math.abs(result)) + reference, sign: result > 0 ? 1 : -1, loss: Math.log(1e5) };
}

function nearInteger(value: number): boolean {
  return Math.abs(value - Math.round(value)) < DEGENERATE_DISTANCE;
}

/**
 * 2F1 on 0 ≤ z < 1. Above 1/2 the 1 − z formula; when it cancels badly (c − a − b close to an integer)
 * the plain or Euler series while it still converges reasonably (z ≤ 0.99, at most a few thousand
 * terms), and the Richardson-extrapolated formula when c − a − b is within 5e-5 of an integer.
 */
function evaluateUnitInterval(a: number, b: number, c: number, z: number): Evaluation {
  if (z <= 0.5) return seriesOrEuler(a, b, c, z);
  const candidates: (() => Evaluation)[] = [];
  if (!nearInteger(c - a - b)) candidates.push(() => oneMinusZ(a, b, c, z));
  if (z <= SERIES_FALLBACK_LIMIT) candidates.push(() => seriesOrEuler(a, b, c, z));
  if (nearInteger(c - a - b)) candidates.push(() => oneMinusZDegenerate(a, b, c, z));
  return bestOf(candidates);
}

function evaluate(a: number, b: number, c: number, z: number): Evaluation {
  if (z === 0 || a === 0 || b === 0) return { logAbs: 0, sign: 1, loss: 0 };
  const polynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  const candidates: (() => Evaluation)[] = [];
  if (polynomial && Math.abs(z) <= 1) candidates.push(() => powerSeries(a, b, c, z));
  if (z === 1) {
    candidates.push(() => {
      const gauss = gammaRatio([c, c - a - b], [c - a, c - b]);
      return { ...gauss, loss: 0 };
    });
  } else if (z > 0) {
    candidates.push(() => evaluateUnitInterval(a, b, c, z));
  } else {
    // Pfaff (A&S 15.3.4 and 15.3.5): w = z / (z − 1) ∈ (0, 1).
    const w = z / (z - 1);
    const logOneMinusZ = Math.log1p(-z);
    candidates.push(() => scaled(evaluateUnitInterval(a, c - b, c, w), -a * logOneMinusZ));
    candidates.push(() => scaled(evaluateUnitInterval(c - a, b, c, w), -b * logOneMinusZ));
    if (z >= -0.5) candidates.push(() => powerSeries(a, b, c, z));
  }
  return bestOf(candidates);
}

function checkArguments(a: number, b: number, c: number, z: number): void {
  for (const [name, value] of [["a", a], ["b", b], ["c", c], ["z", z]] as const) {
    if (!Number.isFinite(value)) throw new InvalidInputError(`hyp2f1: ${name} must be a finite number, got ${value}`);
  }
  if (z > 1) throw new InvalidInputError(`hyp2f1: z must be at most 1 (the real branch), got ${z}`);
  if (isNonPositiveInteger(c) && !((isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c))) {
    throw new InvalidInputError(`hyp2f1: c = ${c} is a non-positive integer, where 2F1 has a pole`);
  }
  if (z === 1 && !(c - a - b > 0) && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    throw new InvalidInputError(`hyp2f1: at z = 1 the series diverges unless c − a − b > 0, got c − a − b = ${c - a - b}`);
  }
}

/**
 * log |2F1(a, b; c; z)| and its sign, for real a, b, c (c not a non-positive integer) and real z ≤ 1.
 * Never overflows: use it where the value itself can exceed the double range (large parameters, z near 1
 * with c − a − b < 0). Method and accuracy: see the file header (A&S 15.1.1, 15.3.3–15.3.6, 15.1.20).
 *
 * @example logHyp2f1(1, 1, 2, 0.5) // { logAbs: 0.32663425997828066, sign: 1 } (2F1 = 2 ln 2 = 1.3862943611198906)
 * @example logHyp2f1(300, 300, 1, 0.9).logAbs // 1774.78..., a value far beyond Number.MAX_VALUE
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): SignedLog {
  checkArguments(a, b, c, z);
  const { logAbs, sign } = evaluate(a, b, c, z);
  return { logAbs, sign };
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σ (a)_n (b)_n / (c)_n z^n / n! (A&S 15.1.1) and
 * its analytic continuation to real z < −1 and 1/2 < z ≤ 1 by the linear transformations A&S 15.3.3–
 * 15.3.6. Real a, b, c (c not a non-positive integer) and z ≤ 1; at z = 1 needs c − a − b > 0 (Gauss,
 * A&S 15.1.20). Throws `InvalidInputError` for other input. Returns ±Infinity only when the true value
 * exceeds the double range (use `logHyp2f1` then).
 *
 * @example hyp2f1(1, 1, 2, -1) // 0.6931471805599453 (= ln 2, since 2F1(1,1;2;z) = −ln(1−z)/z)
 * @example hyp2f1(0.5, 1.1, 6.7, 0.25) // 1.0216578140088564 (A&S / Zhang & Jin table value)
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { logAbs, sign } = logHyp2f1(a, b, c, z);
  return sign === 0 ? 0 : sign * Math.exp(logAbs);
}
