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
 * and z (z ≤ 0.999, at most some 40,000 terms, for the few (x, t) with t near 0 when α and β differ
 * a thousandfold; typical data need under 30 terms); closer to 1 it comes from the general `logHyp2f1`
 * with numeric derivatives.
 *
 * log I(t) is computed once per distinct (x, t) pair, log(α+T), log(β+T) once per distinct T, log-gamma
 * and digamma once per distinct x.
 */
import { logHyp2f1 } from "./hyp2f1";
import type { LogScaleLikelihood } from "./maximum-likelihood";
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

const SERIES_LIMIT = 0.999;
const SERIES_TOLERANCE = 1e-17;

/** log I(t) and its partial derivatives with respect to p, q, α and β (written by `logTailIntegral`). */
export interface TailIntegral {
  value: number;
  dp: number;
  dq: number;
  dAlpha: number;
  dBeta: number;
}

/**
 * log ₂F₁(1, b; c; z) and d/db, d/dc, d/dz of that log, for 0 < b < c, 0 ≤ z < 1 (A&S 15.1.1: terms
 * u_{n+1} = u_n (b+n)/(c+n) z, all positive and decreasing). Writes into `out` = [value, db, dc, dz].
 */
function logHyp2f1OneSeries(b: number, c: number, z: number, out: Float64Array): void {
  let u = 1;
  let sum = 1;
  let harmonicB = 0; // Σ_{k<n} 1/(b+k)
  let harmonicC = 0; // Σ_{k<n} 1/(c+k)
  let sumDb = 0;
  let sumDc = 0;
  let sumDz = 0;
  const tailFactor = 1 / ((1 - z) * (1 - z));
  for (let n = 0; n < 100_000; n++) {
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
    if (u * (n + 2) * tailFactor * (1 + harmonicB) < SERIES_TOLERANCE * sum) break;
  }
  out[0] = Math.log(sum);
  out[1] = sumDb / sum;
  out[2] = -sumDc / sum;
  out[3] = sumDz / sum;
}

/**
 * The same as `logHyp2f1OneSeries` for z very close to 1, from `logHyp2f1` (1 − z transformation) with
 * derivatives by Richardson-extrapolated central differences (steps 1e-3 relative: `logHyp2f1` is
 * accurate to ~1e-12 there, so smaller steps would amplify its rounding).
 */
function logHyp2f1OneTransformed(b: number, c: number, z: number, out: Float64Array): void {
  const f = (bb: number, cc: number, zz: number): number => logHyp2f1(1, bb, cc, zz).logAbs;
  const derivative = (g: (h: number) => number, h: number): number =>
    (8 * (g(h) - g(-h)) - (g(2 * h) - g(-2 * h))) / (12 * h);
  const hb = 1e-3 * Math.min(b, Math.max(1, b)) * 0.25;
  const hc = 1e-3 * Math.min(c - b, Math.max(1, c)) * 0.25;
  const hz = 1e-3 * (1 - z);
  out[0] = f(b, c, z);
  out[1] = derivative((h) => f(b + h, c, z), hb);
  out[2] = derivative((h) => f(b, c + h, z), hc);
  out[3] = derivative((h) => f(b, c, z + h), hz);
}

/**
 * log I(t) = log ∫_t^∞ (α+τ)^{−p} (β+τ)^{−q} dτ and its derivatives in p, q, α, β (file header; Fader &
 * Hardie 2005 note, §3, after Euler's transformation). Needs p > 0, q > 0, p + q > 1, t ≥ 0.
 *
 * @example logTailIntegral(1, 1, 2, 2, 0, new Float64Array(4), out) // out.value = log(1/2) = −0.6931471805599453 (∫₀^∞ (2+τ)^{−2} dτ)
 */
export function logTailIntegral(p: number, q: number, alpha: number, beta: number, t: number, scratch: Float64Array, out: TailIntegral): void {
  tailFromLogs(p, q, alpha, beta, alpha + t, beta + t, Math.log(alpha + t), Math.log(beta + t), scratch, out);
}

/** `logTailIntegral` with α+t, β+t and their logarithms already computed (once per distinct t). */
function tailFromLogs(
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
): void {
  const c = p + q;
  const inverseA = 1 / (c - 1);
  const logA = Math.log(c - 1);
  if (alpha >= beta) {
    const z = (alpha - beta) / alphaT;
    if (z <= SERIES_LIMIT) logHyp2f1OneSeries(p, c, z, scratch);
    else logHyp2f1OneTransformed(p, c, z, scratch);
    const logF = scratch[0]!;
    const db = scratch[1]!;
    const dc = scratch[2]!;
    const dz = scratch[3]!;
    out.value = logF - p * logAlphaT - (q - 1) * logBetaT - logA;
    out.dp = db + dc - logAlphaT - inverseA;
    out.dq = dc - logBetaT - inverseA;
    out.dAlpha = (dz * betaT) / (alphaT * alphaT) - p / alphaT;
    out.dBeta = -dz / alphaT - (q - 1) / betaT;
  } else {
    const z = (beta - alpha) / betaT;
    if (z <= SERIES_LIMIT) logHyp2f1OneSeries(q, c, z, scratch);
    else logHyp2f1OneTransformed(q, c, z, scratch);
    const logF = scratch[0]!;
    const db = scratch[1]!;
    const dc = scratch[2]!;
    const dz = scratch[3]!;
    out.value = logF - q * logBetaT - (p - 1) * logAlphaT - logA;
    out.dp = dc - logAlphaT - inverseA;
    out.dq = db + dc - logBetaT - inverseA;
    out.dBeta = (dz * alphaT) / (betaT * betaT) - q / betaT;
    out.dAlpha = -dz / betaT - (p - 1) / alphaT;
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

  const fillTails = (pairs: TailPairs, times: Float64Array, logs: LevelLogs, out: TailValues, r: number, s: number, alpha: number, beta: number): void => {
    for (let k = 0; k < pairs.count; k++) {
      const level = pairs.timeLevel[k]!;
      const p = r + xLevels.values[pairs.xLevel[k]!]!;
      tailFromLogs(p, s + 1, alpha, beta, alpha + times[level]!, beta + times[level]!, logs.logAlpha[level]!, logs.logBeta[level]!, scratch, tail);
      out.value[k] = tail.value;
      out.dp[k] = tail.dp;
      out.dq[k] = tail.dq;
      out.dAlpha[k] = tail.dAlpha;
      out.dBeta[k] = tail.dBeta;
    }
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
      constant[k] = logGamma(r + x) - logGammaR + r * logAlpha + s * logBeta;
      if (wantGradient) constantDr[k] = digamma(r + x) - psiR + logAlpha;
    }
    fillLevelLogs(txLevels.values, alpha, beta, atTx);
    fillLevelLogs(TLevels.values, alpha, beta, atT);
    fillTails(txPairs, txLevels.values, atTx, tailTx, r, s, alpha, beta);
    fillTails(TPairs, TLevels.values, atT, tailT, r, s, alpha, beta);
    let logLikelihood = 0;
    let gR = 0;
    let gAlpha = 0;
    let gS = 0;
    let gBeta = 0;
    for (let g = 0; g < groups; g++) {
      const w = weight[g]!;
      const k = xLevels.index[g]!;
      const tLevel = TLevels.index[g]!;
      const rx = r + xLevels.values[k]!;
      const logE1 = -rx * atT.logAlpha[tLevel]! - s * atT.logBeta[tLevel]!;
      const i1 = txPairs.ofGroup[g]!;
      const i2 = TPairs.ofGroup[g]!;
      let logBracket = logE1;
      let share = 0; // s·J / bracket
      let rho = 0; // I(T) / I(t_x)
      if (data.tx[g]! < data.T[g]!) {
        const l1 = tailTx.value[i1]!;
        rho = Math.exp(tailT.value[i2]! - l1);
        const logSJ = logS + l1 + Math.log1p(-rho);
        if (logSJ > logE1) {
          const e = Math.exp(logE1 - logSJ);
          logBracket = logSJ + Math.log1p(e);
          share = 1 / (1 + e);
        } else {
          const e = Math.exp(logSJ - logE1);
          logBracket = logE1 + Math.log1p(e);
          share = e / (1 + e);
        }
      }
      logLikelihood += w * (constant[k]! + logBracket);
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

/** log(α+t), log(β+t), 1/(α+t), 1/(β+t) per distinct t. */
interface LevelLogs {
  logAlpha: Float64Array;
  logBeta: Float64Array;
  inverseAlpha: Float64Array;
  inverseBeta: Float64Array;
}

function levelLogs(count: number): LevelLogs {
  return { logAlpha: new Float64Array(count), logBeta: new Float64Array(count), inverseAlpha: new Float64Array(count), inverseBeta: new Float64Array(count) };
}

function fillLevelLogs(times: Float64Array, alpha: number, beta: number, out: LevelLogs): void {
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    out.logAlpha[k] = Math.log(alpha + t);
    out.logBeta[k] = Math.log(beta + t);
    out.inverseAlpha[k] = 1 / (alpha + t);
    out.inverseBeta[k] = 1 / (beta + t);
  }
}
