/**
 * BG/NBD, the beta-geometric/negative binomial model of Fader, Hardie & Lee (2005), "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2):275–284.
 * While active, a customer buys at Poisson rate λ ~ Gamma(r, alpha); after each repeat purchase they
 * drop out with probability p ~ Beta(a, b). Parameters are in the time unit of the data.
 */
import {
  checkBetaGeometricParams,
  betaGeometricLogLikelihood,
  fitBetaGeometric,
  BETA_GEOMETRIC_PARAMETER_NAMES,
  type BetaGeometricParams,
} from "./beta-geometric-likelihood";
import { InvalidInputError } from "./errors";
import { hypergeometric2F1Series, logHypergeometric2F1Series } from "./hypergeometric-series";
import { logNegativeBinomialPmf, negativeBinomialSurvival } from "./negative-binomial";
import { logBeta } from "./special";
import type { FitOptions, FitResult, PurchaseData, PurchaseModel, PurchaseModelDefinition } from "./types";

export type { BetaGeometricParams as BgNbdParams } from "./beta-geometric-likelihood";

/** Near a = 1 the factor (a+b+x−1)/(a−1) and the bracket both vanish; evaluate symmetrically around 1. */
const NEAR_ONE = 1e-5;

/**
 * Throws `InvalidInputError` unless (x, t_x, T) is a possible history: x a whole number ≥ 0, 0 ≤ t_x ≤ T,
 * t_x = 0 when x = 0.
 *
 * @example checkCustomer(2, 40, 30) // throws: recency t_x = 40 is greater than age T = 30
 */
export function checkCustomer(x: number, tx: number, T: number): void {
  if (!Number.isFinite(x) || x < 0 || x !== Math.floor(x)) throw new InvalidInputError(`frequency x = ${x} must be a whole number ≥ 0`);
  if (!(tx >= 0) || !(T >= 0) || !Number.isFinite(T)) throw new InvalidInputError(`recency t_x = ${tx} and age T = ${T} must be finite and ≥ 0`);
  if (tx > T * (1 + 1e-9)) throw new InvalidInputError(`recency t_x = ${tx} is greater than age T = ${T}`);
  if (x === 0 && tx !== 0) throw new InvalidInputError(`recency t_x = ${tx} must be 0 when x = 0`);
}

/**
 * Throws `InvalidInputError` unless the prediction horizon t is a finite number ≥ 0.
 *
 * @example checkHorizon(-1) // throws: horizon t = -1 must be a finite number ≥ 0
 */
export function checkHorizon(t: number): void {
  if (!Number.isFinite(t) || t < 0) throw new InvalidInputError(`horizon t = ${t} must be a finite number ≥ 0`);
}

/**
 * P(alive | x, t_x, T) for BG/NBD (Fader, Hardie & Lee 2005, eq. A.5 via Fader & Hardie's note
 * "Computing P(alive) using the BG/NBD model"): 1 / (1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}).
 *
 * @example bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // 0.7265785700806728
 */
export function bgnbdProbabilityAlive(params: BetaGeometricParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))], for a ≠ 1. */
function bgnbdExpectationKernel(r: number, alpha: number, a: number, b: number, x: number, T: number, t: number): number {
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const logPower = (r + x) * Math.log((alpha + T) / (alpha + T + t));
  const bracket =
    c > 0
      ? -Math.expm1(logPower + logHypergeometric2F1Series(r + x, b + x, c, z))
      : 1 - Math.exp(logPower) * hypergeometric2F1Series(r + x, b + x, c, z);
  return (c / (a - 1)) * bracket;
}

function expectationNearOne(r: number, alpha: number, a: number, b: number, x: number, T: number, t: number): number {
  if (Math.abs(a - 1) >= NEAR_ONE) return bgnbdExpectationKernel(r, alpha, a, b, x, T, t);
  return 0.5 * (bgnbdExpectationKernel(r, alpha, 1 + NEAR_ONE, b, x, T, t) + bgnbdExpectationKernel(r, alpha, 1 - NEAR_ONE, b, x, T, t));
}

/**
 * E[X(t)], the expected repeat purchases of a new customer in (0, t] (Fader, Hardie & Lee 2005, eq. 9):
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 *
 * @example bgnbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39) // 1.1967231933208022
 */
export function bgnbdExpectedPurchases(params: BetaGeometricParams, t: number): number {
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return expectationNearOne(r, alpha, a, b, 0, 0, t);
}

/**
 * E[Y(t) | x, t_x, T], the expected purchases in (T, T + t] of a customer with history (x, t_x, T)
 * (Fader, Hardie & Lee 2005, eq. 10): the eq. 9 form with r+x, α+T, b+x, a+b+x−1, divided by
 * 1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}.
 *
 * @example bgnbdConditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86, 39) // 1.2260281747671335 (published: 1.226)
 */
export function bgnbdConditionalExpectedPurchases(params: BetaGeometricParams, x: number, tx: number, T: number, t: number): number {
  checkCustomer(x, tx, T);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return dividedByAliveOdds(params, x, tx, T, expectationNearOne(r, alpha, a, b, x, T, t));
}

/** Eq. 10's numerator divided by its denominator 1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}. */
function dividedByAliveOdds({ r, alpha, a, b }: BetaGeometricParams, x: number, tx: number, T: number, numerator: number): number {
  if (x === 0) return numerator;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return numerator / (1 + Math.exp(logOdds));
}

/** How many numerators a model keeps (about 40 MB at most); past it the memory starts afresh. */
const NUMERATOR_MEMO_LIMIT = 1 << 20;

/**
 * `bgnbdConditionalExpectedPurchases` with eq. 10's numerator, a Gauss hypergeometric series, computed
 * once per (x, T, t): it does not depend on t_x. Scoring asks for 12 monthly horizons of every distinct
 * (x, t_x, T) (124,620 in the 400k-customer benchmark file) but these share far fewer (x, T). Same numbers
 * as the function it stands for.
 *
 * @example const expected = memoizedConditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * expected(2, 30.43, 38.86, 39) // 1.2260281747671335, as bgnbdConditionalExpectedPurchases
 */
export function memoizedConditionalExpectedPurchases(params: BetaGeometricParams): (x: number, tx: number, T: number, t: number) => number {
  const { r, alpha, a, b } = params;
  let memo = new Map<number, Map<number, Map<number, number>>>();
  let size = 0;
  // Scoring asks for one customer's horizons one after another: keep that customer's (x, T) numerators and
  // eq. 10's denominator at hand instead of looking them up (and taking three logarithms) for every horizon.
  let lastX = Number.NaN;
  let lastTx = Number.NaN;
  let lastT = Number.NaN;
  let lastByHorizon = new Map<number, number>();
  let lastDenominator = 1;
  return (x, tx, T, t) => {
    if (x !== lastX || tx !== lastTx || T !== lastT) {
      checkCustomer(x, tx, T);
      let byT = memo.get(x);
      if (byT === undefined) {
        byT = new Map();
        memo.set(x, byT);
      }
      let byHorizon = byT.get(T);
      if (byHorizon === undefined) {
        byHorizon = new Map();
        byT.set(T, byHorizon);
      }
      lastX = x;
      lastTx = tx;
      lastT = T;
      lastByHorizon = byHorizon;
      lastDenominator = x === 0 ? 1 : 1 + Math.exp(Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
    }
    checkHorizon(t);
    if (t === 0) return 0;
    let numerator = lastByHorizon.get(t);
    if (numerator === undefined) {
      numerator = expectationNearOne(r, alpha, a, b, x, T, t);
      lastByHorizon.set(t, numerator);
      if (++size > NUMERATOR_MEMO_LIMIT) {
        memo = new Map();
        size = 0;
        lastX = Number.NaN;
      }
    }
    return x === 0 ? numerator : numerator / lastDenominator;
  };
}

/**
 * P(X(t) = n) for a new customer (Fader, Hardie & Lee 2005, eq. 8):
 * B(a, b+n)/B(a, b) · NBD(n) + δ_{n>0} B(a+1, b+n−1)/B(a, b) · P(NBD ≥ n), with NBD(r, α/(α+t)).
 *
 * @example bgnbdProbabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 39) // 0.5737863520960099
 */
export function bgnbdProbabilityOfPurchases(params: BetaGeometricParams, n: number, t: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InvalidInputError(`number of purchases n = ${n} must be a whole number ≥ 0`);
  checkHorizon(t);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = params;
  const logTheta = Math.log(alpha / (alpha + t));
  const logOneMinusTheta = Math.log(t / (alpha + t));
  const logBetaAB = logBeta(a, b);
  const first = Math.exp(logBeta(a, b + n) - logBetaAB + logNegativeBinomialPmf(r, n, logTheta, logOneMinusTheta));
  if (n === 0) return first;
  const second = Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * negativeBinomialSurvival(r, n, logTheta, logOneMinusTheta);
  return first + second;
}

/**
 * The BG/NBD predictive model for given parameters (validated: all positive).
 *
 * @example bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).conditionalExpectedPurchases(2, 30.43, 38.86, 39) // 1.2260281747671335 (published: 1.226)
 */
export function bgnbdModel(params: Readonly<Record<string, number>>): PurchaseModel {
  const checked = checkBetaGeometricParams(params, "bgnbd");
  return {
    model: "bgnbd",
    params: { ...checked },
    probabilityAlive: (x, tx, T) => {
      checkCustomer(x, tx, T);
      return bgnbdProbabilityAlive(checked, x, tx, T);
    },
    expectedPurchases: (t) => bgnbdExpectedPurchases(checked, t),
    conditionalExpectedPurchases: memoizedConditionalExpectedPurchases(checked),
    probabilityOfPurchases: (n, t) => bgnbdProbabilityOfPurchases(checked, n, t),
  };
}

/**
 * Maximum-likelihood BG/NBD fit (Fader, Hardie & Lee 2005, eq. 6); see `fitBetaGeometric`.
 *
 * @example fitBgNbd(cdnowSummary).params // { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }
 */
export function fitBgNbd(data: PurchaseData, options?: FitOptions): FitResult<"bgnbd"> {
  return fitBetaGeometric(data, "bgnbd", options) as FitResult<"bgnbd">;
}

/** Total BG/NBD log-likelihood of parameters on a summary (eq. 6 summed over customers). */
export function bgnbdLogLikelihood(params: Readonly<Record<string, number>>, data: PurchaseData): number {
  return betaGeometricLogLikelihood(params, data, "bgnbd");
}

/** BG/NBD for the model registry (models.ts). */
export const bgnbd: PurchaseModelDefinition = {
  name: "bgnbd",
  label: "BG/NBD",
  parameterNames: BETA_GEOMETRIC_PARAMETER_NAMES,
  fit: fitBgNbd,
  fromParams: bgnbdModel,
};
