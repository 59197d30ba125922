/**
 * The tail integral of the Pareto/NBD likelihood and its derivatives, in log space. Fader & Hardie (2005),
 * "A note on deriving the Pareto/NBD model and related expressions", §3, before the integral over the
 * drop-out time is solved:
 *   I(t) = ∫_t^∞ (α+τ)^{−p} (β+τ)^{−q} dτ,  p = r + x, q = s + 1,
 * and, with Euler's transformation (A&S 15.3.3) applied to the note's ₂F₁ so that every series term is
 * positive and decreasing,
 *   α ≥ β:  I(t) = ₂F₁(1, p; p+q; z) / ((p+q−1) (α+t)^p (β+t)^{q−1}),  z = (α−β)/(α+t),
 *   α < β:  I(t) = ₂F₁(1, q; p+q; z) / ((p+q−1) (β+t)^q (α+t)^{p−1}),  z = (β−α)/(β+t).
 * ₂F₁(1, b; c; z) with 0 < b < c and 0 ≤ z < 1 is summed directly together with its derivatives in b, c
 * and z when that takes at most 400 terms (typical data need under 30). It takes many more when z is near
 * 1 and b ≫ c − b: α and β far apart together with a large s + 1 or r + x (s → ∞ with s/β fixed is
 * where data with one common drop-out rate drive the fit; the terms then decay like (z e^{−p/q})^n, and
 * summing 100,000 terms per customer made such fits run for minutes). There I(t) is split where z = 1/2
 * into a short series beyond and an adaptive Gauss–Kronrod quadrature before (`splitTails`), which
 * gives the value and all four derivatives to about 1e-12 in bounded time.
 *
 * The likelihood that sums these over customers is in `pareto-nbd-likelihood.ts`.
 */
import { NumericalLimitError } from "./errors";
import { integrateAdaptiveMany } from "./pareto-nbd-integrals";

/** Terms of the direct ₂F₁(1, b; c; z) series before the split quadrature takes over (typical data: < 30). */
const SERIES_MAX_TERMS = 400;
const SERIES_TOLERANCE = 1e-17;
const QUARTER = SERIES_MAX_TERMS / 4;
/** The split point t′ of `splitTail` is where z = 1/2, so the series beyond it converges like 2^{−n}. */
const SPLIT_Z = 0.5;
/** `splitTail` starts with a panel break where the integrand has fallen to e^{−40} of its peak. */
const CUT_DROP = 40;

/** log I(t) and its partial derivatives with respect to p, q, α and β (written by `logTailIntegral`). */
export interface TailIntegral {
  /**
   * log I(t) from `logTailIntegral`; from `seriesTail` and `splitTails` (and inside this file) the reduced
   * ℓ(t) = log I(t) + p log(α+t) + (q−1) log(β+t), which stays moderate when p or q is large (log I itself is then a difference of
   * large terms, and rounding in it would make the likelihood noisy).
   */
  value: number;
  dp: number;
  dq: number;
  dAlpha: number;
  dBeta: number;
}

/**
 * log ₂F₁(1, b; c; z) and d/db, d/dc, d/dz of that log, for 0 < b < c, 0 ≤ z < 1 (A&S 15.1.1: terms
 * u_{n+1} = u_n (b+n)/(c+n) z, all positive and decreasing). Writes into `out` = [value, db, dc, dz] and
 * returns true; returns false (out unspecified) when `SERIES_MAX_TERMS` terms do not reach the tolerance,
 * which happens for z near 1 together with b ≫ c − b (a large s + 1 or r + x).
 */
function logHyp2f1OneSeries(b: number, c: number, z: number, out: Float64Array): boolean {
  let u = 1;
  let sum = 1;
  let harmonicB = 0; // Σ_{k<n} 1/(b+k)
  let harmonicC = 0; // Σ_{k<n} 1/(c+k)
  let sumDb = 0;
  let sumDc = 0;
  let sumDz = 0;
  if (z > 0.8) {
    // The ratios z(b+n)/(c+n) increase with n, so u_N ≥ Π_{j<4} (z(b+n_j)/(c+n_j))^{N/4}, n_j = jN/4,
    // and the sum is at most 1/(1 − z): skip a series that cannot converge within N = SERIES_MAX_TERMS
    // terms. (Below z = 0.8 every series converges within about 200 terms.)
    let product = 1;
    for (let j = 0; j < 4; j++) product *= (z * (b + j * QUARTER)) / (c + j * QUARTER);
    if (QUARTER * Math.log(product) > Math.log(SERIES_TOLERANCE * (1 - z))) return false;
  }
  const tailFactor = 1 / ((1 - z) * (1 - z));
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const bn = b + n;
    const cn = c + n;
    const inverse = 1 / (bn * cn);
    const ratio = bn * bn * inverse; // (b+n)/(c+n)
    sumDz += (n + 1) * u * ratio; // d/dz of the (n+1)-th term: (n+1) u_n (b+n)/(c+n) z^n
    u *= ratio * z;
    harmonicB += cn * inverse;
    harmonicC += bn * inverse;
    sum += u;
    sumDb += u * harmonicB;
    sumDc += u * harmonicC;
    if (u * (n + 2) * tailFactor * (1 + harmonicB) < SERIES_TOLERANCE * sum) {
      out[0] = Math.log(sum);
      out[1] = sumDb / sum;
      out[2] = -sumDc / sum;
      out[3] = sumDz / sum;
      return true;
    }
  }
  return false;
}

/**
 * log I(t) = log ∫_t^∞ (α+τ)^{−p} (β+τ)^{−q} dτ and its derivatives in p, q, α, β (file header; Fader &
 * Hardie 2005 note, §3, after Euler's transformation). Needs p > 0, q > 0, p + q > 1, t ≥ 0.
 *
 * @example logTailIntegral(1, 1, 2, 2, 0, new Float64Array(4), out) // out.value = log(1/2) = −0.6931471805599453 (∫₀^∞ (2+τ)^{−2} dτ)
 */
export function logTailIntegral(p: number, q: number, alpha: number, beta: number, t: number, scratch: Float64Array, out: TailIntegral): void {
  const logAlphaT = Math.log(alpha + t);
  const logBetaT = Math.log(beta + t);
  tailFromLogs(p, q, alpha, beta, t, alpha + t, beta + t, logAlphaT, logBetaT, scratch, out);
  out.value -= p * logAlphaT + (q - 1) * logBetaT;
}

/**
 * The reduced ℓ(t) (see `TailIntegral`) and the derivatives of log I(t), with α+t, β+t and their
 * logarithms already computed (once per distinct t): the series when it converges within
 * `SERIES_MAX_TERMS` terms, else `splitTail`.
 */
function tailFromLogs(
  p: number,
  q: number,
  alpha: number,
  beta: number,
  t: number,
  alphaT: number,
  betaT: number,
  logAlphaT: number,
  logBetaT: number,
  scratch: Float64Array,
  out: TailIntegral,
): void {
  if (!seriesTail(p, q, alpha, beta, alphaT, betaT, logAlphaT, logBetaT, scratch, out)) splitTail(p, q, alpha, beta, t, scratch, out);
}

/** ℓ(t) and the derivatives of log I(t) by the ₂F₁ series of the file header; false when it is too long. */
export function seriesTail(
  p: number,
  q: number,
  alpha: number,
  beta: number,
  alphaT: number,
  betaT: number,
  logAlphaT: number,
  logBetaT: number,
  scratch: Float64Array,
  out: TailIntegral,
): boolean {
  const c = p + q;
  const inverseA = 1 / (c - 1);
  const logA = Math.log(c - 1);
  if (alpha >= beta) {
    const z = (alpha - beta) / alphaT;
    if (!logHyp2f1OneSeries(p, c, z, scratch)) return false;
    const logF = scratch[0]!;
    const db = scratch[1]!;
    const dc = scratch[2]!;
    const dz = scratch[3]!;
    out.value = logF - logA; // log I + p log(α+t) + (q−1) log(β+t)
    out.dp = db + dc - logAlphaT - inverseA;
    out.dq = dc - logBetaT - inverseA;
    out.dAlpha = (dz * betaT) / (alphaT * alphaT) - p / alphaT;
    out.dBeta = -dz / alphaT - (q - 1) / betaT;
  } else {
    const z = (beta - alpha) / betaT;
    if (!logHyp2f1OneSeries(q, c, z, scratch)) return false;
    const logF = scratch[0]!;
    const db = scratch[1]!;
    const dc = scratch[2]!;
    const dz = scratch[3]!;
    out.value = logF - logBetaT + logAlphaT - logA; // log I + p log(α+t) + (q−1) log(β+t)
    out.dp = dc - logAlphaT - inverseA;
    out.dq = db + dc - logBetaT - inverseA;
    out.dBeta = (dz * alphaT) / (betaT * betaT) - q / betaT;
    out.dAlpha = -dz / betaT - (p - 1) / alphaT;
  }
  return true;
}

const far: TailIntegral = { value: 0, dp: 0, dq: 0, dAlpha: 0, dBeta: 0 };
const quadrature = new Float64Array(5);
const single = { time: new Float64Array(1), values: tailValues(1) };

/** ℓ(t) and the derivatives of log I(t) by `splitTails` for one t. */
function splitTail(p: number, q: number, alpha: number, beta: number, t: number, scratch: Float64Array, out: TailIntegral): void {
  single.time[0] = t;
  splitTails(p, q, alpha, beta, single.time, 1, scratch, single.values);
  out.value = single.values.value[0]!;
  out.dp = single.values.dp[0]!;
  out.dq = single.values.dq[0]!;
  out.dAlpha = single.values.dAlpha[0]!;
  out.dBeta = single.values.dBeta[0]!;
}

/**
 * The reduced ℓ(t) (see `TailIntegral`) and the derivatives of log I(t), for the first `count` of `times`
 * (ascending, distinct), where the series is too long: z = |α−β|/(max(α,β)+t) near 1 with a large exponent on the far side (s → ∞ with s/β
 * fixed, or a heavy buyer when α ≫ β). I(t) is split at t′, where z = 1/2:
 *   I(t_i) = I(t′) + Σ_{j ≥ i} ∫_{t_j}^{t_{j+1}} f dτ   (t_{count} = t′),
 * I(t′) by the series (at most ~60 terms), each piece of the first part, with its derivatives
 * ∫ −log(α+τ) f, ∫ −log(β+τ) f, ∫ −p f/(α+τ), ∫ −q f/(β+τ), by adaptive Gauss–Kronrod quadrature over
 * v = log(min(α,β) + τ), where the log-integrand h(v) = (1−e) v − e′ log(|α−β| + e^v) is concave and
 * smooth (e, e′ the exponents of the near and far factor). Consecutive t share the integrand, so the
 * pieces are short. The split point depends on α and β, but the two boundary terms of the derivative
 * cancel. Throws `NumericalLimitError` if a quadrature does not converge within its panel cap.
 */
export function splitTails(p: number, q: number, alpha: number, beta: number, times: Float64Array, count: number, scratch: Float64Array, out: TailValues): void {
  const alphaSmaller = alpha < beta;
  const small = alphaSmaller ? alpha : beta;
  const large = alphaSmaller ? beta : alpha;
  const gap = large - small;
  const split = gap / SPLIT_Z - large;
  const farAlphaT = alpha + split;
  const farBetaT = beta + split;
  if (!(split > times[count - 1]!) || !seriesTail(p, q, alpha, beta, farAlphaT, farBetaT, Math.log(farAlphaT), Math.log(farBetaT), scratch, far)) {
    throw new NumericalLimitError(
      `Pareto/NBD tail integral: the ₂F₁ series did not converge in ${SERIES_MAX_TERMS} terms (p = ${p}, q = ${q}, alpha = ${alpha}, beta = ${beta}, t = ${times[0]})`,
      SERIES_MAX_TERMS,
    );
  }
  const nearExponent = alphaSmaller ? p : q;
  const farExponent = alphaSmaller ? q : p;
  const v0 = Math.log(small + times[0]!);
  const v1 = Math.log(small + split);
  // The peak of the concave h on [v0, v1] scales the integrand.
  const rise = 1 - nearExponent;
  let peak = v0;
  if (rise >= farExponent) peak = v1;
  else if (rise > 0) {
    const k = rise / farExponent;
    peak = Math.min(v1, Math.max(v0, Math.log(gap) + Math.log(k) - Math.log1p(-k)));
  }
  // The integrand is evaluated as e^{h(v) − top}, top = h(peak), with h(v) − top = (1 − e)(v − peak) −
  // e′ log1p(e^peak expm1(v − peak) / (gap + e^peak)): no cancellation between the large terms
  // e′ log(gap + e^v) when e′ is large.
  const nearPeak = Math.exp(peak);
  const farPeak = gap + nearPeak;
  const logFarPeak = Math.log(farPeak);
  const peakRatio = nearPeak / farPeak;
  const drop = (v: number): number => rise * (v - peak) - farExponent * Math.log1p(peakRatio * Math.expm1(v - peak));
  const integrand = (v: number, values: Float64Array): void => {
    const offset = v - peak;
    const grow = Math.expm1(offset);
    const farLog = Math.log1p(peakRatio * grow);
    const f = Math.exp(rise * offset - farExponent * farLog);
    const nearT = nearPeak * (1 + grow);
    const farT = gap + nearT;
    const logFarT = logFarPeak + farLog;
    values[0] = f;
    values[1] = f * (alphaSmaller ? v : logFarT); // f log(α+τ)
    values[2] = f * (alphaSmaller ? logFarT : v); // f log(β+τ)
    values[3] = f / (alphaSmaller ? nearT : farT); // f / (α+τ)
    values[4] = f / (alphaSmaller ? farT : nearT); // f / (β+τ)
  };
  // Last piece [t_last, t′]: breaks at the peak and where the integrand has fallen to e^{−40} of it
  // (Newton from the right on the concave h: the iterates stay right of that point).
  const vLast = Math.log(small + times[count - 1]!);
  const breaks = [vLast];
  if (peak > vLast && peak < v1) breaks.push(peak);
  if (drop(v1) < -CUT_DROP) {
    let v = v1;
    for (let k = 0; k < 8; k++) {
      const excess = drop(v) + CUT_DROP;
      if (excess > -0.5) break;
      v -= excess / (rise - (farExponent * Math.exp(v)) / (gap + Math.exp(v)));
    }
    if (v > breaks[breaks.length - 1]! && v < v1) breaks.push(v);
  }
  breaks.push(v1);
  // G(t) = top + p log(α+t) + (q−1) log(β+t), from differences to the peak (no large terms), so that
  // ℓ(t_i) = log(Σ pieces + far) + G(t_i) with everything on the scale e^top.
  const reducedScale = (t: number): number => {
    const nearLog = Math.log(small + t);
    const nearDrop = peak - nearLog; // log((small+τ*)/(small+t))
    const farDrop = Math.log1p(((small + t) * Math.expm1(nearDrop)) / (large + t)); // log((large+τ*)/(large+t))
    return alphaSmaller ? peak - logFarPeak - p * nearDrop - (q - 1) * farDrop : -(q - 1) * nearDrop - p * farDrop;
  };
  const sum = [0, 0, 0, 0, 0];
  const farScaled = Math.exp(far.value - reducedScale(split)); // I(t′) on the scale of the integrand
  for (let i = count - 1; i >= 0; i--) {
    if (i < count - 1) {
      const from = Math.log(small + times[i]!);
      const to = Math.log(small + times[i + 1]!);
      breaks.length = 0;
      breaks.push(from);
      if (peak > from && peak < to) breaks.push(peak);
      breaks.push(to);
    }
    integrateAdaptiveMany(integrand, 5, breaks, quadrature);
    for (let k = 0; k < 5; k++) sum[k]! += quadrature[k]!;
    // log I = top + log(near + far), d log I = (near-part derivative + far·d log I(t′)) / (near + far);
    // ℓ = log I + p log(α+t) + (q−1) log(β+t).
    const total = sum[0]! + farScaled;
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new NumericalLimitError(`Pareto/NBD tail integral: under- or overflow (p = ${p}, q = ${q}, alpha = ${alpha}, beta = ${beta}, t = ${times[i]})`, 0);
    }
    const farShare = farScaled / total;
    out.value[i] = Math.log(total) + reducedScale(times[i]!);
    out.dp[i] = -sum[1]! / total + farShare * far.dp;
    out.dq[i] = -sum[2]! / total + farShare * far.dq;
    out.dAlpha[i] = (-p * sum[3]!) / total + farShare * far.dAlpha;
    out.dBeta[i] = (-q * sum[4]!) / total + farShare * far.dBeta;
  }
}

/** Values and derivatives of log I(t) for every pair of one time column. */
export interface TailValues {
  value: Float64Array;
  dp: Float64Array;
  dq: Float64Array;
  dAlpha: Float64Array;
  dBeta: Float64Array;
}

/** Zeroed `TailValues` for `count` times. */
export function tailValues(count: number): TailValues {
  return { value: new Float64Array(count), dp: new Float64Array(count), dq: new Float64Array(count), dAlpha: new Float64Array(count), dBeta: new Float64Array(count) };
}

/** Copies entry i of `from` to entry j of `to`. */
export function copyTail(from: TailValues, i: number, to: TailValues, j: number): void {
  to.value[j] = from.value[i]!;
  to.dp[j] = from.dp[i]!;
  to.dq[j] = from.dq[i]!;
  to.dAlpha[j] = from.dAlpha[i]!;
  to.dBeta[j] = from.dBeta[i]!;
}
