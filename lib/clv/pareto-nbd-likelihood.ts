/**
 * The Pareto/NBD log-likelihood (Schmittlein, Morrison & Colombo 1987) with its analytic gradient, in
 * log space, for grouped customers.
 *
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions", §3:
 *   L(r, α, s, β | x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^{−(r+x)} (β+T)^{−s} + s/(r+s+x) · A₀ ]
 * with A₀ = F(t_x) − F(T) and, for α ≥ β,
 *   F(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^{r+s+x}
 * (for α < β swap the roles: ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^{r+s+x}).
 *
 * Here the same quantity is computed through its integral form (the note's §3 derivation before the
 * integral over the drop-out time is solved): s/(r+s+x) · A₀ = s · ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ = s · (I(t_x) − I(T)),
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
 * log I(t) is computed once per distinct (x, t) pair, log(α+T), log(β+T) once per distinct T, log-gamma
 * and digamma once per distinct x.
 */
import { NumericalLimitError } from "./errors";
import type { LogScaleLikelihood } from "./maximum-likelihood";
import { integrateAdaptiveMany } from "./pareto-nbd-integrals";
import type { GroupedRfm } from "./rfm-data";
import { digamma, logGamma } from "./special";

export const PARETO_NBD_PARAMETER_NAMES = ["r", "alpha", "s", "beta"] as const;

/** Pareto/NBD parameters: λ ~ Gamma(r, alpha) purchase rates, μ ~ Gamma(s, beta) drop-out rates. */
export type ParetoNbdParams = {
  r: number;
  alpha: number;
  s: number;
  beta: number;
};

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
   * log I(t) from `logTailIntegral`; inside this file the reduced ℓ(t) = log I(t) + p log(α+t) +
   * (q−1) log(β+t), which stays moderate when p or q is large (log I itself is then a difference of
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
function seriesTail(
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
function splitTails(p: number, q: number, alpha: number, beta: number, times: Float64Array, count: number, scratch: Float64Array, out: TailValues): void {
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

/** Distinct (x level, time level) pairs of one time column, for the tail integrals I(t_x) or I(T). */
interface TailPairs {
  count: number;
  xLevel: Int32Array;
  timeLevel: Int32Array;
  /** Pair index of each group. */
  ofGroup: Int32Array;
}

function tailPairs(data: GroupedRfm, times: GroupedRfm["txLevels"]): TailPairs {
  const timeCount = times.values.length;
  const keys = new Map<number, number>();
  const xLevel: number[] = [];
  const timeLevel: number[] = [];
  const ofGroup = new Int32Array(data.groups);
  for (let g = 0; g < data.groups; g++) {
    const k = data.xLevels.index[g]!;
    const t = times.index[g]!;
    const key = k * timeCount + t;
    let index = keys.get(key);
    if (index === undefined) {
      index = xLevel.length;
      keys.set(key, index);
      xLevel.push(k);
      timeLevel.push(t);
    }
    ofGroup[g] = index;
  }
  return { count: xLevel.length, xLevel: Int32Array.from(xLevel), timeLevel: Int32Array.from(timeLevel), ofGroup };
}

/** Values and derivatives of log I(t) for every pair of one time column. */
interface TailValues {
  value: Float64Array;
  dp: Float64Array;
  dq: Float64Array;
  dAlpha: Float64Array;
  dBeta: Float64Array;
}

function tailValues(count: number): TailValues {
  return { value: new Float64Array(count), dp: new Float64Array(count), dq: new Float64Array(count), dAlpha: new Float64Array(count), dBeta: new Float64Array(count) };
}

function copyTail(from: TailValues, i: number, to: TailValues, j: number): void {
  to.value[j] = from.value[i]!;
  to.dp[j] = from.dp[i]!;
  to.dq[j] = from.dq[i]!;
  to.dAlpha[j] = from.dAlpha[i]!;
  to.dBeta[j] = from.dBeta[i]!;
}

/**
 * The distinct times of each x level over the pairs of both time columns, ascending (x level k owns
 * slots start[k] to start[k+1] − 1), and the slot of every pair: `splitTails` integrates between
 * consecutive times of one x.
 */
function timeSlots(xCount: number, columns: readonly { pairs: TailPairs; times: Float64Array }[]): { start: Int32Array; time: Float64Array; slotOfPair: Int32Array[]; widest: number } {
  // All times of each x level, sorted (typed-array sort) and made distinct in place.
  const offset = new Int32Array(xCount + 1);
  for (const { pairs } of columns) for (let k = 0; k < pairs.count; k++) offset[pairs.xLevel[k]! + 1]!++;
  for (let x = 0; x < xCount; x++) offset[x + 1]! += offset[x]!;
  const all = new Float64Array(offset[xCount]!);
  const fill = offset.slice(0, xCount);
  for (const { pairs, times } of columns) for (let k = 0; k < pairs.count; k++) all[fill[pairs.xLevel[k]!]!++] = times[pairs.timeLevel[k]!]!;
  const start = new Int32Array(xCount + 1);
  const time = new Float64Array(all.length);
  let used = 0;
  let widest = 1;
  for (let x = 0; x < xCount; x++) {
    start[x] = used;
    const list = all.subarray(offset[x]!, offset[x + 1]!).sort();
    for (let i = 0; i < list.length; i++) if (i === 0 || list[i]! > list[i - 1]!) time[used++] = list[i]!;
    widest = Math.max(widest, used - start[x]!);
  }
  start[xCount] = used;
  const slotOfPair = columns.map(({ pairs, times }) => {
    const slot = new Int32Array(pairs.count);
    for (let k = 0; k < pairs.count; k++) {
      const x = pairs.xLevel[k]!;
      const t = times[pairs.timeLevel[k]!]!;
      let low = start[x]!;
      let high = start[x + 1]! - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (time[middle]! < t) low = middle + 1;
        else high = middle;
      }
      slot[k] = low;
    }
    return slot;
  });
  return { start, time: time.slice(0, used), slotOfPair, widest };
}

/**
 * −log L and its gradient over θ = (log r, log α, log s, log β) for grouped data (Fader & Hardie 2005
 * note, §3, in the integral form of the file header). Identical (x, t_x, T) are weighted.
 *
 * @example paretoNbdLikelihood(groupRfm(cdnowColumns)).negativeLogLikelihood([0.5534, 10.5802, 0.6061, 11.6562].map(Math.log)) // 9594.973955390618 (published LL −9595.0)
 */
export function paretoNbdLikelihood(data: GroupedRfm): LogScaleLikelihood {
  const { xLevels, txLevels, TLevels, weight, groups } = data;
  const txPairs = tailPairs(data, txLevels);
  const TPairs = tailPairs(data, TLevels);
  const nx = xLevels.values.length;
  const constant = new Float64Array(nx);
  const constantDr = new Float64Array(nx);
  const atTx = levelLogs(txLevels.values.length);
  const atT = levelLogs(TLevels.values.length);
  const tailTx = tailValues(txPairs.count);
  const tailT = tailValues(TPairs.count);
  const scratch = new Float64Array(4);
  const tail: TailIntegral = { value: 0, dp: 0, dq: 0, dAlpha: 0, dBeta: 0 };

  // Pairs whose series is too long (`seriesTail` false), by column; `resolveDeferred` computes them per
  // x level with `splitTails`, which shares one integrand between all t of that x.
  const deferredTx = new Int32Array(txPairs.count);
  const deferredT = new Int32Array(TPairs.count);
  // Built on the first deferral (typical fits never need it).
  let split: ReturnType<typeof splitWorkspace> | null = null;
  const splitWorkspace = () => {
    const slots = timeSlots(xLevels.values.length, [
      { pairs: txPairs, times: txLevels.values },
      { pairs: TPairs, times: TLevels.values },
    ]);
    return {
      slots,
      txSlot: slots.slotOfPair[0]!,
      TSlot: slots.slotOfPair[1]!,
      slotWanted: new Uint8Array(slots.time.length),
      slotValues: tailValues(slots.time.length),
      pieceTimes: new Float64Array(slots.widest),
      pieceSlot: new Int32Array(slots.widest),
      pieceValues: tailValues(slots.widest),
    };
  };

  const fillTails = (pairs: TailPairs, times: Float64Array, logs: LevelLogs, out: TailValues, deferred: Int32Array, r: number, s: number, alpha: number, beta: number): number => {
    let deferredCount = 0;
    for (let k = 0; k < pairs.count; k++) {
      const level = pairs.timeLevel[k]!;
      const p = r + xLevels.values[pairs.xLevel[k]!]!;
      if (!seriesTail(p, s + 1, alpha, beta, alpha + times[level]!, beta + times[level]!, logs.logAlpha[level]!, logs.logBeta[level]!, scratch, tail)) {
        deferred[deferredCount++] = k;
        continue;
      }
      out.value[k] = tail.value;
      out.dp[k] = tail.dp;
      out.dq[k] = tail.dq;
      out.dAlpha[k] = tail.dAlpha;
      out.dBeta[k] = tail.dBeta;
    }
    return deferredCount;
  };

  const resolveDeferred = (txCount: number, TCount: number, r: number, s: number, alpha: number, beta: number): void => {
    if (txCount + TCount === 0) return;
    split ??= splitWorkspace();
    const { slots, txSlot, TSlot, slotWanted, slotValues, pieceTimes, pieceSlot, pieceValues } = split;
    slotWanted.fill(0);
    for (let i = 0; i < txCount; i++) slotWanted[txSlot[deferredTx[i]!]!] = 1;
    for (let i = 0; i < TCount; i++) slotWanted[TSlot[deferredT[i]!]!] = 1;
    for (let x = 0; x < xLevels.values.length; x++) {
      let count = 0;
      for (let slot = slots.start[x]!; slot < slots.start[x + 1]!; slot++) {
        if (slotWanted[slot] === 0) continue;
        pieceTimes[count] = slots.time[slot]!;
        pieceSlot[count++] = slot;
      }
      if (count === 0) continue;
      splitTails(r + xLevels.values[x]!, s + 1, alpha, beta, pieceTimes, count, scratch, pieceValues);
      for (let j = 0; j < count; j++) copyTail(pieceValues, j, slotValues, pieceSlot[j]!);
    }
    for (let i = 0; i < txCount; i++) copyTail(slotValues, txSlot[deferredTx[i]!]!, tailTx, deferredTx[i]!);
    for (let i = 0; i < TCount; i++) copyTail(slotValues, TSlot[deferredT[i]!]!, tailT, deferredT[i]!);
  };

  const evaluate = (theta: readonly number[], wantGradient: boolean): { value: number; gradient: number[] } => {
    const r = Math.exp(theta[0]!);
    const alpha = Math.exp(theta[1]!);
    const s = Math.exp(theta[2]!);
    const beta = Math.exp(theta[3]!);
    const logAlpha = Math.log(alpha);
    const logBeta = Math.log(beta);
    const logS = Math.log(s);
    const logGammaR = logGamma(r);
    const psiR = wantGradient ? digamma(r) : 0;
    for (let k = 0; k < nx; k++) {
      const x = xLevels.values[k]!;
      constant[k] = logGamma(r + x) - logGammaR; // r log α + s log β are folded into the per-T terms
      if (wantGradient) constantDr[k] = digamma(r + x) - psiR + logAlpha;
    }
    fillLevelLogs(txLevels.values, alpha, beta, atTx);
    fillLevelLogs(TLevels.values, alpha, beta, atT);
    const txDeferred = fillTails(txPairs, txLevels.values, atTx, tailTx, deferredTx, r, s, alpha, beta);
    const TDeferred = fillTails(TPairs, TLevels.values, atT, tailT, deferredT, r, s, alpha, beta);
    resolveDeferred(txDeferred, TDeferred, r, s, alpha, beta);
    let logLikelihood = 0;
    let gR = 0;
    let gAlpha = 0;
    let gS = 0;
    let gBeta = 0;
    for (let g = 0; g < groups; g++) {
      const w = weight[g]!;
      const k = xLevels.index[g]!;
      const tLevel = TLevels.index[g]!;
      const x = xLevels.values[k]!;
      const rx = r + x;
      // r log α + s log β + log E1 = −r log1p(T/α) − x log(α+T) − s log1p(T/β), E1 = (α+T)^{−(r+x)} (β+T)^{−s}
      // the "alive at T" term; the "died in (t_x, T]" term s·J enters as log(sJ/E1), from the reduced ℓ:
      // log(I(t_x)/E1) = ℓ(t_x) + D, log ρ = log(I(T)/I(t_x)) = ℓ(T) − ℓ(t_x) − D, with
      // D = (r+x)(log1p(T/α) − log1p(t_x/α)) + s(log1p(T/β) − log1p(t_x/β)): no large terms cancel.
      const aliveAtT = -r * atT.log1pAlpha[tLevel]! - x * atT.logAlpha[tLevel]! - s * atT.log1pBeta[tLevel]!;
      const i1 = txPairs.ofGroup[g]!;
      const i2 = TPairs.ofGroup[g]!;
      let logBracket = 0; // log(bracket / E1)
      let share = 0; // s·J / bracket
      let rho = 0; // I(T) / I(t_x)
      if (data.tx[g]! < data.T[g]!) {
        const txLevel = txLevels.index[g]!;
        const D = rx * (atT.log1pAlpha[tLevel]! - atTx.log1pAlpha[txLevel]!) + s * (atT.log1pBeta[tLevel]! - atTx.log1pBeta[txLevel]!);
        const l1 = tailTx.value[i1]!;
        rho = Math.exp(tailT.value[i2]! - l1 - D);
        const logSJ = logS + l1 + D + Math.log1p(-rho); // log(sJ / E1)
        if (logSJ > 0) {
          const e = Math.exp(-logSJ);
          logBracket = logSJ + Math.log1p(e);
          share = 1 / (1 + e);
        } else {
          const e = Math.exp(logSJ);
          logBracket = Math.log1p(e);
          share = e / (1 + e);
        }
      }
      logLikelihood += w * (constant[k]! + aliveAtT + logBracket);
      if (wantGradient) {
        const e1Share = 1 - share;
        let dr = constantDr[k]! - e1Share * atT.logAlpha[tLevel]!;
        let dAlpha = r / alpha - e1Share * rx * atT.inverseAlpha[tLevel]!;
        let ds = logBeta - e1Share * atT.logBeta[tLevel]!;
        let dBeta = s / beta - e1Share * s * atT.inverseBeta[tLevel]!;
        if (share > 0) {
          // d log J = (d log I(t_x) − ρ d log I(T)) / (1 − ρ)
          const scale = share / (1 - rho);
          dr += scale * (tailTx.dp[i1]! - rho * tailT.dp[i2]!);
          ds += share / s + scale * (tailTx.dq[i1]! - rho * tailT.dq[i2]!);
          dAlpha += scale * (tailTx.dAlpha[i1]! - rho * tailT.dAlpha[i2]!);
          dBeta += scale * (tailTx.dBeta[i1]! - rho * tailT.dBeta[i2]!);
        }
        gR += w * dr;
        gAlpha += w * dAlpha;
        gS += w * ds;
        gBeta += w * dBeta;
      }
    }
    return { value: -logLikelihood, gradient: wantGradient ? [-gR * r, -gAlpha * alpha, -gS * s, -gBeta * beta] : [] };
  };

  return {
    parameterNames: PARETO_NBD_PARAMETER_NAMES,
    negativeLogLikelihood: (theta) => evaluate(theta, false).value,
    negativeLogLikelihoodWithGradient: (theta) => evaluate(theta, true),
  };
}

/** log(α+t), log(β+t), log1p(t/α), log1p(t/β), 1/(α+t), 1/(β+t) per distinct t. */
interface LevelLogs {
  logAlpha: Float64Array;
  logBeta: Float64Array;
  log1pAlpha: Float64Array;
  log1pBeta: Float64Array;
  inverseAlpha: Float64Array;
  inverseBeta: Float64Array;
}

function levelLogs(count: number): LevelLogs {
  const array = (): Float64Array => new Float64Array(count);
  return { logAlpha: array(), logBeta: array(), log1pAlpha: array(), log1pBeta: array(), inverseAlpha: array(), inverseBeta: array() };
}

function fillLevelLogs(times: Float64Array, alpha: number, beta: number, out: LevelLogs): void {
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    out.logAlpha[k] = Math.log(alpha + t);
    out.logBeta[k] = Math.log(beta + t);
    out.log1pAlpha[k] = Math.log1p(t / alpha);
    out.log1pBeta[k] = Math.log1p(t / beta);
    out.inverseAlpha[k] = 1 / (alpha + t);
    out.inverseBeta[k] = 1 / (beta + t);
  }
}
