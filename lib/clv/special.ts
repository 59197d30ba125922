/**
 * Special functions on the log scale: log-gamma, log-beta, digamma and the log-sum-exp family.
 *
 * The customer-base likelihoods (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma) are ratios of gamma functions
 * and sums of tiny or huge terms; they are only computed safely as logarithms. These functions follow the
 * conventions of `Math.*` and SciPy: NaN in gives NaN out, poles give +Infinity, nothing throws.
 */

/** Lanczos coefficients for g = 7, n = 9 (Godfrey's set; relative error below 2e-15 for x > 0). */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const LOG_SQRT_TWO_PI = 0.9189385332046727; // log(sqrt(2 pi))
const LOG_PI = 1.1447298858494002;

/** Stirling's series for log Γ(x), x ≥ 10 (Abramowitz & Stegun 6.1.41, six terms); absolute error below 1e-15. */
function logGammaStirling(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  const series =
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 + inverseSquared * (1 / 1260 + inverseSquared * (-1 / 1680 + inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_TWO_PI + series;
}

/**
 * log |Γ(x)|, the logarithm of the absolute value of the gamma function.
 *
 * Lanczos approximation (Lanczos 1964; Press et al., Numerical Recipes 3rd ed. §6.1, eq. 6.1.5, with
 * Godfrey's g = 7 coefficients) for 0.5 ≤ x < 10, Stirling's series (A&S 6.1.41) for x ≥ 10 and the
 * reflection formula Γ(x)Γ(1−x) = π / sin(πx) (A&S 6.1.17) below 0.5. Relative accuracy about 1e-14.
 * Returns +Infinity at the poles (0, −1, −2, ...) and NaN for NaN.
 *
 * @example logGamma(5) // 3.1780538303479458 (= log 24)
 * @example logGamma(0.5) // 0.5723649429246995 (log √π = 0.5723649429247001)
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x >= 10) return logGammaStirling(x);
  if (x < 0.5) {
    if (x === Math.floor(x)) return Number.POSITIVE_INFINITY; // pole
    // Reflection: log|Γ(x)| = log π − log|sin(πx)| − log|Γ(1−x)|
    return LOG_PI - Math.log(Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  // Recurrence Γ(x) = Γ(x + 1) / x would lose nothing here; Lanczos is accurate on [0.5, 10) directly.
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let k = 1; k < LANCZOS_COEFFICIENTS.length; k++) series += LANCZOS_COEFFICIENTS[k]! / (shifted + k);
  const base = shifted + LANCZOS_G + 0.5;
  return LOG_SQRT_TWO_PI + (shifted + 0.5) * Math.log(base) - base + Math.log(series);
}

/** sin(πx) with exact zeros at the integers and argument reduction for accuracy. */
function sinPi(x: number): number {
  const reduced = x - 2 * Math.floor(x / 2); // in [0, 2)
  if (reduced === 0 || reduced === 1) return 0;
  return Math.sin(Math.PI * reduced);
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), the log of the beta function (A&S 6.2.2), for a, b > 0.
 * Returns NaN when a or b is not positive.
 *
 * @example logBeta(2, 3) // -2.4849066497879977 (log 1/12 = −2.4849066497880004)
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return Number.NaN;
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x).
 *
 * Recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series (A&S 6.3.18); reflection
 * ψ(1 − x) − ψ(x) = π cot(πx) (A&S 6.3.7) for negative x. Absolute accuracy about 1e-14.
 * Returns NaN at the poles (0, −1, −2, ...).
 *
 * @example digamma(1) // -0.5772156649015527 (minus the Euler–Mascheroni constant, −0.5772156649015329)
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0) {
    if (x === Math.floor(x)) return Number.NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let shift = 0;
  let value = x;
  while (value < 10) {
    shift -= 1 / value;
    value += 1;
  }
  const inverse = 1 / value;
  const inverseSquared = inverse * inverse;
  const series =
    inverseSquared *
    (1 / 12 -
      inverseSquared *
        (1 / 120 - inverseSquared * (1 / 252 - inverseSquared * (1 / 240 - inverseSquared * (1 / 132)))));
  return shift + Math.log(value) - 0.5 * inverse - series;
}

/**
 * log(e^a + e^b) without overflow or underflow (the "log-sum-exp" trick).
 * Either argument may be −Infinity (a zero term).
 *
 * @example logSumExp(1000, 1000) // 1000.6931471805599
 * @example logSumExp(-Infinity, 2) // 2
 */
export function logSumExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * log(Σ e^{v_i}) over an array, scaled by the largest term. An empty array gives −Infinity (log 0).
 *
 * @example logSumExpArray([0, 0, 0, 0]) // 1.3862943611198906 (= log 4)
 */
export function logSumExpArray(values: ArrayLike<number>): number {
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) return Number.NaN;
    if (value > maximum) maximum = value;
  }
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - maximum);
  return maximum + Math.log(sum);
}

/**
 * log(e^a − e^b) for a ≥ b, computed as a + log(−expm1(b − a)) so that close arguments keep their digits.
 * Returns −Infinity when a = b (log 0) and NaN when a < b (the difference would be negative).
 *
 * @example logDiffExp(Math.log(5), Math.log(3)) // 0.6931471805599452 (= log 2)
 */
export function logDiffExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a < b) return Number.NaN;
  if (a === b) return Number.NEGATIVE_INFINITY;
  return a + Math.log(-Math.expm1(b - a));
}

/**
 * log(1 + e^x) without overflow (the "softplus"), accurate for very negative and very positive x.
 *
 * @example log1pExp(0) // 0.6931471805599453
 */
export function log1pExp(x: number): number {
  if (x > 36) return x + Math.exp(-x);
  return Math.log1p(Math.exp(x));
}
