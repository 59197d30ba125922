/**
 * Pareto/NBD, the model of Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are
 * they and what will they do next?", Management Science 33(1):1–24, in the notation of Fader & Hardie
 * (2005), "A note on deriving the Pareto/NBD model and related expressions". While alive a customer buys
 * at Poisson rate λ ~ Gamma(r, alpha); the unobserved lifetime is exponential with rate μ ~ Gamma(s, beta).
 * Parameters and times are in the time unit of the data (weeks for the papers' CDNOW analyses).
 *
 * Maximum-likelihood fit (likelihood and gradient in `pareto-nbd-likelihood.ts`) and the predictions:
 * P(alive), E[X(t)], E[Y(t) | x, t_x, T], P(X(t) = n) and the discounted expected residual transactions
 * (DERT) of Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", JMR 42(4).
 */
import { checkCustomer, checkHorizon } from "./bg-nbd";
import { InsufficientDataError, InvalidInputError, ModelFitError, NumericalLimitError } from "./errors";
import { fitMaximumLikelihood, type LogScaleLikelihood, type MaximumLikelihoodEstimate, type MaximumLikelihoodOptions } from "./maximum-likelihood";
import { logNegativeBinomialPmf } from "./negative-binomial";
import { logIntegrateExp, scaledConfluentU } from "./pareto-nbd-integrals";
import {
  logTailIntegral,
  paretoNbdLikelihood,
  PARETO_NBD_PARAMETER_NAMES,
  type ParetoNbdParams,
  type TailIntegral,
} from "./pareto-nbd-likelihood";
import { describeRfm, groupRfm, toColumns, type GroupedRfm } from "./rfm-data";
import { logGamma } from "./special";
import type { FitOptions, FitResult, PurchaseData, PurchaseModel, PurchaseModelDefinition, RfmColumns } from "./types";

export { PARETO_NBD_PARAMETER_NAMES, type ParetoNbdParams } from "./pareto-nbd-likelihood";

const LABEL = "Pareto/NBD";

/** The smallest data the model is fitted to (it needs repeat buyers to separate buying from dying). */
export const PARETO_NBD_MINIMUM_CUSTOMERS = 20;
export const PARETO_NBD_MINIMUM_REPEAT_BUYERS = 10;

/**
 * Throws `InvalidInputError` unless r, alpha, s and beta are positive finite numbers.
 *
 * @example checkParetoNbdParams({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }) // { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }
 */
export function checkParetoNbdParams(params: Readonly<Record<string, number>>): ParetoNbdParams {
  for (const name of PARETO_NBD_PARAMETER_NAMES) {
    const value = params[name];
    if (value === undefined || !Number.isFinite(value) || !(value > 0)) {
      throw new InvalidInputError(`${LABEL} parameter ${name} must be a positive number (got ${value})`);
    }
  }
  return { r: params.r!, alpha: params.alpha!, s: params.s!, beta: params.beta! };
}

const scratch = new Float64Array(4);
const tail: TailIntegral = { value: 0, dp: 0, dq: 0, dAlpha: 0, dBeta: 0 };

/** log I(t) = log ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ (see `pareto-nbd-likelihood.ts`). */
function logTail(params: ParetoNbdParams, x: number, t: number): number {
  logTailIntegral(params.r + x, params.s + 1, params.alpha, params.beta, t, scratch, tail);
  return tail.value;
}

/**
 * log of the two terms of the likelihood's bracket (Fader & Hardie 2005 note, §3): the "alive at T"
 * term (α+T)^{−(r+x)} (β+T)^{−s} and the "died in (t_x, T]" term s/(r+s+x) A₀.
 */
function logBracketTerms(params: ParetoNbdParams, x: number, tx: number, T: number): { alive: number; died: number } {
  const { r, alpha, s, beta } = params;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  if (tx >= T) return { alive, died: Number.NEGATIVE_INFINITY };
  const upper = logTail(params, x, tx);
  const lower = logTail(params, x, T);
  // t_x a rounding error below T: the integral over (t_x, T) is below what doubles resolve (and the
  // difference of the tails may come out ≥ 0, whose log is not a number), so the customer counts as alive.
  if (!(lower < upper)) return { alive, died: Number.NEGATIVE_INFINITY };
  return { alive, died: Math.log(s) + upper + Math.log(-Math.expm1(lower - upper)) };
}

/** −expm1(−εL)/ε, the limit L at ε = 0: [1 − (1 + u)^{−ε}]/ε with L = log(1 + u). */
function powerDifferenceRatio(epsilon: number, logBase: number): number {
  const product = epsilon * logBase;
  if (Math.abs(product) < 1e-10) return logBase * (1 - 0.5 * product);
  return -Math.expm1(-product) / epsilon;
}

/**
 * log L(r, α, s, β | x, t_x, T) of one customer (Fader & Hardie 2005 note, §3, with its A₀ in
 * integral form).
 *
 * @example paretoNbdCustomerLogLikelihood({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 2, 30.43, 38.86) // -9.554510694614422
 */
export function paretoNbdCustomerLogLikelihood(params: Readonly<Record<string, number>>, x: number, tx: number, T: number): number {
  const checked = checkParetoNbdParams(params);
  checkCustomer(x, tx, T);
  const { r, alpha, s, beta } = checked;
  const { alive, died } = logBracketTerms(checked, x, Math.min(tx, T), T);
  const constant = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return constant + (died > alive ? died + Math.log1p(Math.exp(alive - died)) : alive + Math.log1p(Math.exp(died - alive)));
}

/**
 * Total Pareto/NBD log-likelihood of parameters on a customer summary (§3 of the 2005 note, summed
 * over customers; identical (x, t_x, T) grouped).
 *
 * @example paretoNbdLogLikelihood({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, cdnowSummary) // ≈ −9594.97 (published −9595.0)
 */
export function paretoNbdLogLikelihood(params: Readonly<Record<string, number>>, data: PurchaseData): number {
  const { r, alpha, s, beta } = checkParetoNbdParams(params);
  const likelihood = paretoNbdLikelihood(groupRfm(toColumns(data)));
  return -likelihood.negativeLogLikelihood([r, alpha, s, beta].map(Math.log));
}

/**
 * P(alive | x, t_x, T) (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note, §5):
 * 1 / (1 + s/(r+s+x) (α+T)^{r+x} (β+T)^s A₀), on the log scale.
 *
 * @example paretoNbdProbabilityAlive({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 2, 30.43, 38.86) // 0.8691106439681371
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkCustomer(x, tx, T);
  const { alive, died } = logBracketTerms(params, x, Math.min(tx, T), T);
  if (died === Number.NEGATIVE_INFINITY) return 1;
  const logOdds = died - alive;
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(t)], the expected purchases of a new customer in (0, t] (Fader & Hardie 2005 note, §4):
 * rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}] (the limit rβ/α · log(1 + t/β) at s = 1).
 *
 * @example paretoNbdExpectedPurchases({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 39) // 1.2131177118615135
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  checkHorizon(t);
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * powerDifferenceRatio(s - 1, Math.log1p(t / beta));
}

/**
 * E[Y(t) | x, t_x, T], the expected purchases in (T, T + t] of a customer with history (x, t_x, T)
 * (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note, §6):
 * (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive | x, t_x, T).
 *
 * @example paretoNbdConditionalExpectedPurchases({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 2, 30.43, 38.86, 39) // 1.455092843844255
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  checkHorizon(t);
  const { r, alpha, s, beta } = params;
  const alive = paretoNbdProbabilityAlive(params, x, tx, T);
  return ((r + x) / (alpha + T)) * (beta + T) * powerDifferenceRatio(s - 1, Math.log1p(t / (beta + T))) * alive;
}

/**
 * P(X(t) = n), the probability that a new customer makes exactly n purchases in (0, t] (Fader & Hardie
 * 2006, "Deriving an expression for P(X(t) = x) under the Pareto/NBD model", §3–4, in the form before
 * the integral over the drop-out time τ is solved):
 *   NBD(n; r, α/(α+t)) (β/(β+t))^s + s α^r β^s Γ(r+n)/(Γ(r) n!) ∫₀^t τⁿ (α+τ)^{−(r+n)} (β+τ)^{−(s+1)} dτ,
 * the integral by adaptive Gauss–Kronrod quadrature on the log scale.
 *
 * @example paretoNbdProbabilityOfPurchases({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 0, 39) // 0.5935759370282293
 */
export function paretoNbdProbabilityOfPurchases(params: ParetoNbdParams, n: number, t: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InvalidInputError(`number of purchases n = ${n} must be a whole number ≥ 0`);
  checkHorizon(t);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = params;
  const logTheta = Math.log(alpha / (alpha + t));
  const logOneMinusTheta = Math.log(t / (alpha + t));
  const aliveThroughout = logNegativeBinomialPmf(r, n, logTheta, logOneMinusTheta) + s * Math.log(beta / (beta + t));
  const logIntegrand = (tau: number): number =>
    (n === 0 ? 0 : n * Math.log(tau)) - (r + n) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau);
  const logIntegral = logIntegrateExp(logIntegrand, 0, t);
  const diedBefore =
    Math.log(s) + r * Math.log(alpha) + s * Math.log(beta) + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + logIntegral;
  return Math.min(1, Math.exp(aliveThroughout) + Math.exp(diedBefore));
}

/**
 * DERT, the discounted expected residual transactions of a customer with history (x, t_x, T) under
 * continuous discounting at rate δ per time unit (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4), DERT of the Pareto/NBD):
 *   DERT = α^r β^s δ^{s−1} Γ(r+x+1) U(s, s; δ(β+T)) / (Γ(r) (α+T)^{r+x+1} L(r, α, s, β | x, t_x, T)),
 * computed as P(alive) · (r+x)/(α+T) · z^s U(s, s; z) / δ with z = δ(β+T) (the same expression after
 * dividing out the likelihood), U by its integral representation (`scaledConfluentU`). Multiply by the
 * expected margin per transaction for a CLV. A yearly rate of 15 % on weekly data is δ = ln(1.15)/52.
 *
 * @example paretoNbdDiscountedExpectedTransactions({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 2, 30.43, 38.86, Math.log(1.15) / 52) // 6.500513836788725
 */
export function paretoNbdDiscountedExpectedTransactions(params: ParetoNbdParams, x: number, tx: number, T: number, continuousDiscountRate: number): number {
  if (!(continuousDiscountRate > 0) || !Number.isFinite(continuousDiscountRate)) {
    throw new InvalidInputError(`the continuous discount rate must be a positive number per time unit (got ${continuousDiscountRate})`);
  }
  const { r, alpha, s, beta } = params;
  const alive = paretoNbdProbabilityAlive(params, x, tx, T);
  const z = continuousDiscountRate * (beta + T);
  return (alive * ((r + x) / (alpha + T)) * scaledConfluentU(s, z)) / continuousDiscountRate;
}

/** The Pareto/NBD predictive model, with DERT for CLV under continuous discounting. */
export interface ParetoNbdModel extends PurchaseModel {
  readonly model: "paretonbd";
  /** DERT(δ | x, t_x, T) (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4)). */
  discountedExpectedTransactions(x: number, tx: number, T: number, continuousDiscountRate: number): number;
}

/**
 * The Pareto/NBD predictive model for given parameters (validated: all positive).
 *
 * @example paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }).probabilityAlive(0, 0, 38.86) // 0.29496148643704223
 */
export function paretoNbdModel(params: Readonly<Record<string, number>>): ParetoNbdModel {
  const checked = checkParetoNbdParams(params);
  return {
    model: "paretonbd",
    params: { ...checked },
    probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(checked, x, tx, T),
    expectedPurchases: (t) => paretoNbdExpectedPurchases(checked, t),
    conditionalExpectedPurchases: (x, tx, T, t) => paretoNbdConditionalExpectedPurchases(checked, x, tx, T, t),
    probabilityOfPurchases: (n, t) => paretoNbdProbabilityOfPurchases(checked, n, t),
    discountedExpectedTransactions: (x, tx, T, rate) => paretoNbdDiscountedExpectedTransactions(checked, x, tx, T, rate),
  };
}

/**
 * Shapes r and s above this mean no heterogeneity: the gamma distribution of purchase (drop-out) rates
 * has a coefficient of variation 1/√shape below 1 %, and the likelihood keeps rising towards its
 * supremum at shape → ∞ with the mean rate shape/scale fixed (data with one common drop-out rate, as
 * BG/NBD-like data often have). There is no maximum then, and an unbounded optimiser walks up that ridge
 * for ever, each step costlier (the ₂F₁ series and integrals of the likelihood grow with the shape).
 */
const SHAPE_LIMIT = 1e4;
const LOG_SHAPE_LIMIT = Math.log(SHAPE_LIMIT);
/** θ indices of (shape, scale): (log r, log α) and (log s, log β). */
const SHAPE_SCALE_PAIRS = [
  [0, 1],
  [2, 3],
] as const;

/** The lowest −log L the optimiser saw and where. */
interface Lowest {
  value: number;
  theta: number[];
}

/**
 * The likelihood as the optimiser sees it: beyond `SHAPE_LIMIT`, (log shape, log scale) is moved back
 * along the ray of constant mean rate shape/scale to the limit, so −log L is flat out there (gradient by
 * the chain rule). The optimiser therefore stops on that plateau instead of following the ridge, and
 * `lowest` records whether the best point it saw lies on it (then there is no maximum).
 */
function cappedLikelihood(likelihood: LogScaleLikelihood, lowest: Lowest): LogScaleLikelihood {
  const capped = (theta: readonly number[]): number[] => {
    const point = theta.slice();
    for (const [shape, scale] of SHAPE_SCALE_PAIRS) {
      const excess = theta[shape]! - LOG_SHAPE_LIMIT;
      if (excess > 0) {
        point[shape] = LOG_SHAPE_LIMIT;
        point[scale] = theta[scale]! - excess;
      }
    }
    return point;
  };
  const track = (theta: readonly number[], value: number): void => {
    if (value < lowest.value) {
      lowest.value = value;
      lowest.theta = theta.slice();
    }
  };
  return {
    parameterNames: likelihood.parameterNames,
    negativeLogLikelihood: (theta) => {
      const value = likelihood.negativeLogLikelihood(capped(theta));
      track(theta, value);
      return value;
    },
    negativeLogLikelihoodWithGradient: (theta) => {
      const result = likelihood.negativeLogLikelihoodWithGradient!(capped(theta));
      for (const [shape, scale] of SHAPE_SCALE_PAIRS) {
        if (theta[shape]! > LOG_SHAPE_LIMIT) result.gradient[shape] = -result.gradient[scale]!;
      }
      track(theta, result.value);
      return result;
    },
  };
}

/** The `ModelFitError` for a best point on the plateau of `cappedLikelihood`, or null when it is not. */
function ridgeError(lowest: Lowest): ModelFitError | null {
  if (lowest.theta.length === 0) return null;
  const reasons: string[] = [];
  for (const [shape, scale] of SHAPE_SCALE_PAIRS) {
    if (lowest.theta[shape]! < LOG_SHAPE_LIMIT) continue;
    const mean = Math.exp(lowest.theta[shape]! - lowest.theta[scale]!).toPrecision(3);
    reasons.push(
      shape === 0
        ? `the purchase rates show no heterogeneity (r and alpha grow without bound with r/alpha ≈ ${mean} purchases per time unit)`
        : `the drop-out rates show no heterogeneity (s and beta grow without bound with s/beta ≈ ${mean} drop-outs per time unit)`,
    );
  }
  if (reasons.length === 0) return null;
  return new ModelFitError(
    LABEL,
    `${reasons.join(" and ")}: the likelihood has no maximum, only a limit where the gamma distribution collapses to one rate (shape above ${SHAPE_LIMIT}); such data are better described by BG/NBD or MBG/NBD`,
  );
}

/**
 * `fitMaximumLikelihood` on `cappedLikelihood`; throws the ridge `ModelFitError` when the best point
 * lies beyond `SHAPE_LIMIT`, whether or not the fit itself succeeded.
 */
function fitCapped(likelihood: LogScaleLikelihood, options: MaximumLikelihoodOptions): MaximumLikelihoodEstimate {
  const lowest: Lowest = { value: Number.POSITIVE_INFINITY, theta: [] };
  let estimate: MaximumLikelihoodEstimate;
  try {
    estimate = fitMaximumLikelihood(LABEL, cappedLikelihood(likelihood, lowest), options);
  } catch (error) {
    const ridge = ridgeError(lowest);
    if (error instanceof ModelFitError) throw ridge ?? error;
    if (error instanceof NumericalLimitError) {
      throw ridge ?? new ModelFitError(LABEL, `the likelihood could not be evaluated to full accuracy on the optimiser's path (${error.message})`);
    }
    throw error;
  }
  const ridge = ridgeError(lowest);
  if (ridge) throw ridge;
  return estimate;
}

/** Starting points on the log scale: a data-driven guess and spread-out alternatives. */
function startingPoints(grouped: GroupedRfm): number[][] {
  const { meanX, meanT } = describeRfm(grouped);
  const rate = Math.max(meanX, 0.05) / Math.max(meanT, 1e-3); // repeat purchases per time unit
  const age = Math.max(meanT, 1e-3);
  const start = (r: number, s: number, lifetimes: number): number[] => [Math.log(r), Math.log(r / rate), Math.log(s), Math.log(s * lifetimes * age)];
  return [start(1, 1, 1), start(0.5, 0.5, 0.3), start(2, 2, 3)];
}

/** Above this many distinct (x, t_x, T), the starting points are first tried on a subsample. */
const PILOT_ABOVE_GROUPS = 20_000;
const PILOT_CUSTOMERS = 10_000;

/**
 * The multi-start estimate on every k-th customer (a systematic sample of about 10,000), as the start of
 * the full-data fit; null when that fit fails (the caller then starts from the default points).
 */
function pilotEstimate(columns: RfmColumns, maxIterations: number | undefined): { start: number[]; iterations: number } | null {
  const n = columns.x.length;
  const stride = Math.max(1, Math.floor(n / PILOT_CUSTOMERS));
  const pick = (column: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(Math.ceil(n / stride));
    for (let i = 0, j = 0; i < n; i += stride, j++) out[j] = column[i]!;
    return out;
  };
  const sample = groupRfm({ x: pick(columns.x), tx: pick(columns.tx), T: pick(columns.T) });
  if (describeRfm(sample).repeatBuyers < PARETO_NBD_MINIMUM_REPEAT_BUYERS) return null;
  try {
    const pilot = fitCapped(paretoNbdLikelihood(sample), { starts: startingPoints(sample), maxIterations });
    return { start: PARETO_NBD_PARAMETER_NAMES.map((name) => Math.log(pilot.params[name]!)), iterations: pilot.iterations };
  } catch (error) {
    if (error instanceof ModelFitError) return null;
    throw error;
  }
}

/**
 * Maximum-likelihood Pareto/NBD fit (Fader & Hardie 2005 note, §3; Schmittlein, Morrison & Colombo
 * 1987): groups identical (x, t_x, T), optimises log r, log α, log s, log β from several starts with the
 * analytic gradient (BFGS), and returns the estimates with standard errors from the Hessian. Above
 * 20,000 distinct triplets the starting points are searched on a ~10,000-customer systematic subsample
 * first and the best estimate is polished on all data. Throws
 * `InsufficientDataError` below 20 customers or 10 repeat buyers, `ModelFitError` when the fit fails,
 * including when the likelihood has no maximum because purchase or drop-out rates show no heterogeneity
 * (shape r or s running off to infinity, common for data simulated from or shaped like BG/NBD).
 *
 * @example fitParetoNbd(cdnowSummary).params // { r: 0.5533, alpha: 10.5776, s: 0.6062, beta: 11.6679 } (published 0.55, 10.58, 0.61, 11.67; LL −9594.97)
 */
export function fitParetoNbd(data: PurchaseData, options: FitOptions = {}): FitResult<"paretonbd"> {
  const started = performance.now();
  const grouped = groupRfm(toColumns(data));
  if (grouped.customers < PARETO_NBD_MINIMUM_CUSTOMERS) {
    throw new InsufficientDataError(
      `${LABEL} needs at least ${PARETO_NBD_MINIMUM_CUSTOMERS} customers to estimate; got ${grouped.customers}`,
      PARETO_NBD_MINIMUM_CUSTOMERS,
      grouped.customers,
    );
  }
  const { repeatBuyers } = describeRfm(grouped);
  if (repeatBuyers < PARETO_NBD_MINIMUM_REPEAT_BUYERS) {
    throw new InsufficientDataError(
      `${LABEL} needs at least ${PARETO_NBD_MINIMUM_REPEAT_BUYERS} customers with repeat purchases (x > 0) to estimate drop-out; got ${repeatBuyers}`,
      PARETO_NBD_MINIMUM_REPEAT_BUYERS,
      repeatBuyers,
    );
  }
  const likelihood = paretoNbdLikelihood(grouped);
  let starts = options.starts ?? startingPoints(grouped);
  let pilotIterations = 0;
  if (!options.starts && grouped.groups > PILOT_ABOVE_GROUPS) {
    // Large data: search from all starting points on a systematic subsample, then polish the best
    // estimate on the full data (the returned estimate is the full-data maximum either way).
    const pilot = pilotEstimate(toColumns(data), options.maxIterations);
    if (pilot) {
      starts = [pilot.start];
      pilotIterations = pilot.iterations;
    }
  }
  let estimate;
  try {
    estimate = fitCapped(likelihood, { starts, maxIterations: options.maxIterations });
  } catch (error) {
    if (!(error instanceof ModelFitError) || pilotIterations === 0) throw error;
    estimate = fitCapped(likelihood, { starts: startingPoints(grouped), maxIterations: options.maxIterations });
  }
  return {
    model: "paretonbd",
    params: estimate.params,
    standardErrors: estimate.standardErrors,
    covariance: estimate.covariance,
    logLikelihood: estimate.logLikelihood,
    converged: estimate.converged,
    iterations: estimate.iterations + pilotIterations,
    seconds: (performance.now() - started) / 1000,
    customers: grouped.customers,
  };
}

/** Pareto/NBD for the model registry (`lib/clv/models.ts`). */
export const paretonbd: PurchaseModelDefinition = {
  name: "paretonbd",
  label: LABEL,
  parameterNames: PARETO_NBD_PARAMETER_NAMES,
  fit: fitParetoNbd,
  fromParams: paretoNbdModel,
};
