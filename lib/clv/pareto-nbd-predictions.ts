/**
 * Pareto/NBD predictions for given parameters (Schmittlein, Morrison & Colombo 1987, "Counting your
 * customers: who are they and what will they do next?", Management Science 33(1):1–24, in the notation of
 * Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions"): P(alive),
 * E[X(t)], E[Y(t) | x, t_x, T], P(X(t) = n), one customer's log-likelihood, and the discounted expected
 * residual transactions (DERT) of Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", JMR
 * 42(4). While alive a customer buys at Poisson rate λ ~ Gamma(r, alpha); the unobserved lifetime is
 * exponential with rate μ ~ Gamma(s, beta). Parameters and times are in the time unit of the data. The
 * fit is in `pareto-nbd.ts`.
 */
import { checkCustomer, checkHorizon } from "./bg-nbd";
import { InvalidInputError } from "./errors";
import { logNegativeBinomialPmf } from "./negative-binomial";
import { logIntegrateExp, scaledConfluentU } from "./pareto-nbd-integrals";
import { PARETO_NBD_PARAMETER_NAMES, type ParetoNbdParams } from "./pareto-nbd-likelihood";
import { logTailIntegral, type TailIntegral } from "./pareto-nbd-tail-integral";
import { logGamma } from "./special";
import type { PurchaseModel } from "./types";

/**
 * Throws `InvalidInputError` unless r, alpha, s and beta are positive finite numbers.
 *
 * @example checkParetoNbdParams({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }) // { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }
 */
export function checkParetoNbdParams(params: Readonly<Record<string, number>>): ParetoNbdParams {
  for (const name of PARETO_NBD_PARAMETER_NAMES) {
    const value = params[name];
    if (value === undefined || !Number.isFinite(value) || !(value > 0)) {
      throw new InvalidInputError(`Pareto/NBD parameter ${name} must be a positive number (got ${value})`);
    }
  }
  return { r: params.r!, alpha: params.alpha!, s: params.s!, beta: params.beta! };
}

const scratch = new Float64Array(4);
const tail: TailIntegral = { value: 0, dp: 0, dq: 0, dAlpha: 0, dBeta: 0 };

/** log I(t) = log ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ (see `pareto-nbd-tail-integral.ts`). */
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
