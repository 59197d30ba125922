/**
 * How sure is a predicted CLV? Intervals for each customer's expected (discounted) CLV and for their total,
 * from the uncertainty of the estimated model parameters.
 *
 * What the interval is. Predicted CLV is an expected value computed from estimated parameters: the
 * purchase model's (BG/NBD, MBG/NBD, Pareto/NBD) and Gamma-Gamma's. Other data from the same customers
 * would have given other estimates, so the expected value itself is uncertain. The interval covers that
 * estimation uncertainty only: it says where the *expected* value of a customer (or of the customer base)
 * lies, not how much one customer will actually spend. A single customer's actual purchases scatter far
 * more widely around their expected value (they buy 0, 1, 2 ... times); that process spread is not in the
 * interval. The margin, horizon and discount rate are settings and treated as known.
 *
 * Method: the delta method on the log scale (Casella & Berger 2002, Statistical Inference, §5.5.4; Cox &
 * Hinkley 1974, §9.2). Maximum-likelihood estimates θ̂ are asymptotically normal with covariance the
 * inverse Hessian of −log L (`covariance` of a fit). The models are fitted on log-parameters, so we work
 * with φ = log θ, whose covariance is Σ_φ[i][j] = Σ[i][j] / (θ̂_i θ̂_j) (the same delta method). For a value
 * V(φ) the standard error is se(V) ≈ √(∇Vᵀ Σ_φ ∇V), and the interval is V · exp(± z · se(V) / V): normal
 * on the log scale, so it is never negative and is wider above than below, as CLV's sampling distribution
 * is. CLV = discounted purchases P(φ_purchase) × expected spend S(φ_spend) × margin; the two models are
 * fitted to separate likelihoods (Fader, Hardie & Lee 2005 assume spend independent of the transaction
 * process), so their covariance is block-diagonal and
 *   Var(V) ≈ m² (S² ∇Pᵀ Σ_P ∇P + P² ∇Sᵀ Σ_S ∇S).
 * The total over customers is not the sum of the customers' intervals (that would treat every customer's
 * error as hitting its bound at once); its gradient is the sum of the gradients, ∇ΣV = Σ∇V, because all
 * customers share the same parameter error, and its interval follows from that gradient.
 *
 * Why not the parametric bootstrap (draw B parameter vectors from N(φ̂, Σ_φ), recompute every customer,
 * take percentiles)? It costs B recomputes of every distinct customer summary: with B = 200 at a million
 * customers that is 200 times the scoring step, minutes instead of seconds. The delta method costs one
 * extra evaluation per parameter (4 for the purchase model; Gamma-Gamma's gradient is in closed form).
 * `parametricBootstrapInterval` below does the bootstrap for checking: on simulated data the two agree.
 *
 * The level is 90%: a range a marketer reads as "almost certainly in here" while staying narrow enough
 * to plan with (95% widens it by a fifth for little added certainty at this precision; the 5th/95th
 * percentiles are also the usual planning range).
 */
import { choleskyFactor } from "./covariance";
import { InvalidInputError } from "./errors";
import type { Random } from "./random";
import type { PurchaseModel } from "./types";

/** The level of the intervals the dashboard shows. */
export const CLV_INTERVAL_LEVEL = 0.9;

/** Relative step of the forward differences on the log-parameters (a relative change of 0.01% in each parameter). */
const LOG_STEP = 1e-4;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The standard normal quantile Φ⁻¹(p) by Acklam's rational approximation (P. J. Acklam 2003, "An algorithm
 * for computing the inverse normal cumulative distribution function"; relative error below 1.15e-9, far
 * finer than an interval needs).
 *
 * @example normalQuantile(0.95) // 1.6448536 (exact 1.6448536269514722)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new InvalidInputError(`probability ${p} must be strictly between 0 and 1`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** z such that ±z covers `level` of a standard normal (two-sided). @example zForLevel(0.9) // 1.6448536 */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new InvalidInputError(`interval level ${level} must be strictly between 0 and 1`);
  return normalQuantile(0.5 + level / 2);
}

/**
 * The covariance of log-parameters from the covariance of the parameters: Σ[i][j] / (θ_i θ_j).
 *
 * @example logScaleCovariance([2, 5], [[0.04, 0], [0, 1]]) // [[0.01, 0], [0, 0.04]]
 */
export function logScaleCovariance(params: readonly number[], covariance: readonly (readonly number[])[]): number[][] {
  const n = params.length;
  if (covariance.length !== n || covariance.some((row) => row.length !== n)) {
    throw new InvalidInputError(`the covariance must be ${n} × ${n} like the parameters`);
  }
  if (params.some((value) => !(value > 0) || !Number.isFinite(value))) throw new InvalidInputError(`parameters must be positive finite numbers (got ${params.join(", ")})`);
  return covariance.map((row, i) => row.map((value, j) => value / (params[i]! * params[j]!)));
}

/** gᵀ Σ g: the delta-method variance of a value with gradient g. @example quadraticForm([1, 2], [[1, 0], [0, 0.25]]) // 2 */
export function quadraticForm(gradient: ArrayLike<number>, covariance: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < covariance.length; i++) {
    const gi = gradient[i]!;
    if (gi === 0) continue;
    for (let j = 0; j < covariance.length; j++) sum += gi * covariance[i]![j]! * gradient[j]!;
  }
  return sum;
}

/**
 * The interval `estimate · exp(± z · standardError / estimate)`: normal on the log scale (delta method for
 * log V). Always contains the estimate; [0, 0] for an estimate of 0.
 *
 * @example logNormalInterval(100, 10, 0.9) // { low: 84.83, high: 117.88 } (rounded)
 */
export function logNormalInterval(estimate: number, standardError: number, level: number): Interval {
  return logNormalBounds(estimate, standardError, zForLevel(level));
}

/** `logNormalInterval` for a given z; a negative estimate (a negative margin) is mirrored: log-normal in |V|. */
function logNormalBounds(estimate: number, standardError: number, z: number): Interval {
  if (estimate === 0 || !Number.isFinite(estimate)) return { low: estimate, high: estimate };
  const spread = (z * standardError) / Math.abs(estimate);
  const a = estimate * Math.exp(-spread);
  const b = estimate * Math.exp(spread);
  return { low: Math.min(a, b), high: Math.max(a, b) };
}

/**
 * Forward-difference derivatives of a vector-valued function of log-parameters: out[k][g] ≈ ∂f_g/∂φ_k.
 * `evaluate` is called once at φ̂ (its result is returned as `value`) and once per parameter.
 *
 * @example logParameterGradients((phi) => Float64Array.of(Math.exp(phi[0]!)), [0]).gradients[0][0] // ≈ 1
 */
export function logParameterGradients(
  evaluate: (logParams: readonly number[]) => Float64Array,
  logParams: readonly number[],
  { step = LOG_STEP, value = evaluate(logParams) }: { step?: number; /** f(φ̂) when already known (saves one evaluation). */ value?: Float64Array } = {},
): { value: Float64Array; gradients: Float64Array[] } {
  const gradients = logParams.map((_, k) => {
    const moved = logParams.slice();
    moved[k] = moved[k]! + step;
    const shifted = evaluate(moved);
    const gradient = new Float64Array(value.length);
    for (let g = 0; g < value.length; g++) gradient[g] = (shifted[g]! - value[g]!) / step;
    return gradient;
  });
  return { value, gradients };
}

/**
 * ∂(discounted expected purchases)/∂log θ_k of every distinct customer summary (x, t_x, T): the purchase
 * model rebuilt with one parameter moved by a relative 0.01%, the customers' values recomputed, forward
 * differences. `discounted(model, x, t_x, T)` is the value the CLV multiplies by spend and margin (e.g.
 * `discountedExpectedPurchases` with the horizon); `value` are its results at the estimate when known.
 *
 * @example purchaseGradients(bgnbd.fromParams, ["r", "alpha", "a", "b"], params, { x: [2], tx: [30.43], T: [38.86] }, discount)[1][0] // < 0: a larger alpha means slower buying
 */
export function purchaseGradients(
  fromParams: (params: Readonly<Record<string, number>>) => PurchaseModel,
  names: readonly string[],
  params: Readonly<Record<string, number>>,
  groups: { x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number> },
  discounted: (model: PurchaseModel, x: number, tx: number, T: number) => number,
  value?: Float64Array,
): Float64Array[] {
  const count = groups.x.length;
  const evaluate = (logParams: readonly number[]): Float64Array => {
    const model = fromParams(Object.fromEntries(names.map((name, k) => [name, Math.exp(logParams[k]!)])));
    const out = new Float64Array(count);
    for (let g = 0; g < count; g++) out[g] = discounted(model, groups.x[g]!, groups.tx[g]!, groups.T[g]!);
    return out;
  };
  const logParams = names.map((name) => Math.log(params[name]!));
  return logParameterGradients(evaluate, logParams, { value }).gradients;
}

/**
 * Gamma-Gamma's expected spend S = p (v + x m) / (p x + q − 1) and its derivatives with respect to
 * (log p, log q, log v), in closed form (Fader, Hardie & Lee 2005 "RFM and CLV", eq. 5); x is taken as 0 when
 * the customer has no positive repeat spend (the population mean, as `gammaGammaExpectedSpend` does):
 *   ∂S/∂log p = S (q − 1) / D,  ∂S/∂log q = −S q / D,  ∂S/∂log v = p v / D,  with D = p x + q − 1.
 *
 * @example spendWithGradient({ p: 6.25, q: 3.74, v: 15.44 }, 2, 22.35).spend // 24.663713910761153
 */
export function spendWithGradient(params: { p: number; q: number; v: number }, x: number, m: number): { spend: number; gradient: [number, number, number] } {
  const { p, q, v } = params;
  const own = x > 0 && m > 0 ? x : 0;
  const denominator = p * own + q - 1;
  if (!(denominator > 0)) throw new InvalidInputError(`Gamma-Gamma q = ${q} ≤ 1: the population mean spend is infinite`);
  const spend = (p * (v + own * m)) / denominator;
  return { spend, gradient: [(spend * (q - 1)) / denominator, (-spend * q) / denominator, (p * v) / denominator] };
}

export interface ClvIntervalInput {
  /** Each customer's discounted expected purchases over the horizon at the estimate. */
  discountedPurchases: ArrayLike<number>;
  /** ∂(discounted purchases)/∂φ_k per group of customers with the same summary (k = purchase parameters). */
  purchaseGradients: readonly ArrayLike<number>[];
  /** The group of each customer (index into `purchaseGradients[k]`). */
  groupOfCustomer: ArrayLike<number>;
  /** Covariance of the purchase model's log-parameters (see `logScaleCovariance`). */
  purchaseCovarianceLog: readonly (readonly number[])[];
  /** Each customer's repeat purchases and average repeat spend (Gamma-Gamma's x and m). */
  x: ArrayLike<number>;
  monetary: ArrayLike<number>;
  spendParams: { p: number; q: number; v: number };
  /** Covariance of Gamma-Gamma's (log p, log q, log v). */
  spendCovarianceLog: readonly (readonly number[])[];
  margin: number;
  level?: number;
}

export interface ClvIntervals {
  level: number;
  /** Each customer's predicted CLV (currency units) and its interval. */
  value: Float64Array;
  low: Float64Array;
  high: Float64Array;
  /** The total over all customers, its standard error and interval (from the summed gradient, not the summed intervals). */
  total: { value: number; standardError: number } & Interval;
}

/**
 * Delta-method intervals of every customer's predicted CLV (discounted purchases × expected spend × margin)
 * and of their total. See the top of this file for the method and what the interval means.
 *
 * @example clvIntervals({ discountedPurchases: [1.47], purchaseGradients: gradients, groupOfCustomer: [0], purchaseCovarianceLog, x: [2], monetary: [22.35], spendParams, spendCovarianceLog, margin: 1 }).low[0] // below the value
 */
export function clvIntervals(input: ClvIntervalInput): ClvIntervals {
  const level = input.level ?? CLV_INTERVAL_LEVEL;
  const z = zForLevel(level);
  const n = input.discountedPurchases.length;
  const kPurchase = input.purchaseGradients.length;
  if (input.purchaseCovarianceLog.length !== kPurchase) throw new InvalidInputError(`the purchase covariance must be ${kPurchase} × ${kPurchase}`);
  if (input.spendCovarianceLog.length !== 3) throw new InvalidInputError("the Gamma-Gamma covariance must be 3 × 3");
  if (input.x.length !== n || input.monetary.length !== n || input.groupOfCustomer.length !== n) throw new InvalidInputError("every customer column must have the same length");
  const { margin } = input;
  const value = new Float64Array(n);
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  const totalPurchaseGradient = new Float64Array(kPurchase);
  const totalSpendGradient = new Float64Array(3);
  const purchaseGradient = new Float64Array(kPurchase);
  const spendGradient = new Float64Array(3);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const purchases = input.discountedPurchases[i]!;
    const { spend, gradient } = spendWithGradient(input.spendParams, input.x[i]!, input.monetary[i]!);
    const group = input.groupOfCustomer[i]!;
    for (let k = 0; k < kPurchase; k++) {
      purchaseGradient[k] = margin * spend * input.purchaseGradients[k]![group]!;
      totalPurchaseGradient[k]! += purchaseGradient[k]!;
    }
    for (let k = 0; k < 3; k++) {
      spendGradient[k] = margin * purchases * gradient[k]!;
      totalSpendGradient[k]! += spendGradient[k]!;
    }
    const v = margin * purchases * spend;
    const variance = quadraticForm(purchaseGradient, input.purchaseCovarianceLog) + quadraticForm(spendGradient, input.spendCovarianceLog);
    const bounds = logNormalBounds(v, Math.sqrt(Math.max(0, variance)), z);
    value[i] = v;
    low[i] = bounds.low;
    high[i] = bounds.high;
    total += v;
  }
  const totalVariance = quadraticForm(totalPurchaseGradient, input.purchaseCovarianceLog) + quadraticForm(totalSpendGradient, input.spendCovarianceLog);
  const standardError = Math.sqrt(Math.max(0, totalVariance));
  return { level, value, low, high, total: { value: total, standardError, ...logNormalInterval(total, standardError, level) } };
}

/**
 * The q-quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan 1996,
 * type 7, R's and NumPy's default).
 *
 * @example quantileOfSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new InvalidInputError("no values to take a quantile of");
  if (!(q >= 0 && q <= 1)) throw new InvalidInputError(`quantile ${q} must be between 0 and 1`);
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/**
 * `draws` vectors from the multivariate normal N(mean, covariance): mean + L z with L the Cholesky factor
 * and z standard normal. Throws `InvalidInputError` when the covariance is not positive definite.
 *
 * @example drawNormal([0, 0], [[1, 0], [0, 4]], 3, createRandom(1)).map((draw) => draw.length) // [2, 2, 2] (three draws of a 2-vector)
 */
export function drawNormal(mean: readonly number[], covariance: readonly (readonly number[])[], draws: number, random: Random): number[][] {
  const lower = choleskyFactor(covariance);
  if (!lower) throw new InvalidInputError("the covariance is not positive definite");
  const n = mean.length;
  return Array.from({ length: draws }, () => {
    const z = Array.from({ length: n }, () => random.normal());
    return mean.map((m, i) => {
      let sum = m;
      for (let j = 0; j <= i; j++) sum += lower[i]![j]! * z[j]!;
      return sum;
    });
  });
}

/**
 * The parametric bootstrap: draws log-parameters from N(φ̂, Σ_φ), evaluates `value` at each draw and
 * returns the (1 − level)/2 and (1 + level)/2 percentiles of the values. Used to check the delta method;
 * a total's interval must come from totals per draw (sum inside `value`), never from summing intervals.
 *
 * @example parametricBootstrapInterval((phi) => Math.exp(phi[0]!), [0], [[0.01]], { draws: 2000, random: createRandom(3) }) // ≈ { low: 0.85, high: 1.18 }
 */
export function parametricBootstrapInterval(
  value: (logParams: readonly number[]) => number,
  logParams: readonly number[],
  covarianceLog: readonly (readonly number[])[],
  { draws, random, level = CLV_INTERVAL_LEVEL }: { draws: number; random: Random; level?: number },
): Interval {
  if (!Number.isInteger(draws) || draws < 2) throw new InvalidInputError(`draws ${draws} must be a whole number ≥ 2`);
  const values = Float64Array.from(drawNormal(logParams, covarianceLog, draws, random), value).sort();
  return { low: quantileOfSorted(values, (1 - level) / 2), high: quantileOfSorted(values, (1 + level) / 2) };
}
