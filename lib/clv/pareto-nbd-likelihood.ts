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
 * with the tail integral I(t) and its derivatives from `pareto-nbd-tail-integral.ts`.
 *
 * log I(t) is computed once per distinct (x, t) pair, log(α+T), log(β+T) once per distinct T, log-gamma
 * and digamma once per distinct x; the pairs whose series is too long are computed together per x
 * (`splitTails` shares one integrand between all times of that x).
 */
import type { LogScaleLikelihood } from "./maximum-likelihood";
import { copyTail, seriesTail, splitTails, tailValues, type TailIntegral, type TailValues } from "./pareto-nbd-tail-integral";
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
