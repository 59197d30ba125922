/**
 * MBG/NBD, the modified BG/NBD of Batislam, Denizel & Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", International Journal of Research in Marketing
 * 24(3):201–209, with the erratum of Wagner & Hoppe (2008), IJRM 25(3):225–226. As BG/NBD, but a customer
 * may also drop out right after the first purchase, so one-time buyers are not all assumed alive.
 */
import {
  checkBetaGeometricParams,
  betaGeometricLogLikelihood,
  fitBetaGeometric,
  BETA_GEOMETRIC_PARAMETER_NAMES,
  type BetaGeometricParams,
} from "./beta-geometric-likelihood";
import { checkCustomer, checkHorizon } from "./bg-nbd";
import { InvalidInputError } from "./errors";
import { logHypergeometric2F1Series } from "./hypergeometric-series";
import { logNegativeBinomialPmf, negativeBinomialSurvival } from "./negative-binomial";
import { logBeta } from "./special";
import type { FitOptions, FitResult, PurchaseData, PurchaseModel, PurchaseModelDefinition } from "./types";

const NEAR_ONE = 1e-5;

/**
 * P(alive | x, t_x, T) for MBG/NBD (Batislam et al. 2007, Appendix A, eq. 5):
 * 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}); below 1 also for x = 0.
 *
 * @example mbgnbdProbabilityAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 0, 38.86) // 0.3897350809187629
 */
export function mbgnbdProbabilityAlive(params: BetaGeometricParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Numerator of the conditional expectation: F/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; z)]. */
function kernel(r: number, alpha: number, a: number, b: number, x: number, T: number, t: number, factor: number): number {
  const z = t / (alpha + T + t);
  const logPower = (r + x) * Math.log((alpha + T) / (alpha + T + t));
  return (factor / (a - 1)) * -Math.expm1(logPower + logHypergeometric2F1Series(r + x, b + x + 1, a + b + x, z));
}

function nearOne(evaluate: (a: number) => number, a: number): number {
  if (Math.abs(a - 1) >= NEAR_ONE) return evaluate(a);
  return 0.5 * (evaluate(1 + NEAR_ONE) + evaluate(1 - NEAR_ONE));
}

/**
 * E[X(t)] for a new customer (Batislam et al. 2007, eq. 6; the factor b/(a−1) because the customer may
 * drop out at time 0): b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
 *
 * @example mbgnbdExpectedPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 78) // 1.8047575775531…
 */
export function mbgnbdExpectedPurchases(params: BetaGeometricParams, t: number): number {
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return nearOne((aa) => kernel(r, alpha, aa, b, 0, 0, t, b), a);
}

/**
 * E[Y(t) | x, t_x, T] (Batislam et al. 2007, eq. 7, corrected by Wagner & Hoppe 2008):
 * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] /
 * (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}).
 *
 * @example mbgnbdConditionalExpectedPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 2, 30.43, 38.86, 39) // 1.2629606232673576
 */
export function mbgnbdConditionalExpectedPurchases(params: BetaGeometricParams, x: number, tx: number, T: number, t: number): number {
  checkCustomer(x, tx, T);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const numerator = nearOne((aa) => kernel(r, alpha, aa, b, x, T, t, aa + b + x), a);
  const logOdds = Math.log(a / (b + x)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return numerator / (1 + Math.exp(logOdds));
}

/**
 * P(X(t) = n) for a new customer (Batislam et al. 2007, eq. 8): B(a, b+n+1)/B(a, b) · NBD(n) +
 * B(a+1, b+n)/B(a, b) · P(NBD ≥ n); for n = 0 the second term is the chance of dropping out at time 0.
 *
 * @example mbgnbdProbabilityOfPurchases({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 39) // 0.58247318949329
 */
export function mbgnbdProbabilityOfPurchases(params: BetaGeometricParams, n: number, t: number): number {
  if (!Number.isInteger(n) || n < 0) throw new InvalidInputError(`number of purchases n = ${n} must be a whole number ≥ 0`);
  checkHorizon(t);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = params;
  const logTheta = Math.log(alpha / (alpha + t));
  const logOneMinusTheta = Math.log(t / (alpha + t));
  const logBetaAB = logBeta(a, b);
  const first = Math.exp(logBeta(a, b + n + 1) - logBetaAB + logNegativeBinomialPmf(r, n, logTheta, logOneMinusTheta));
  const second = Math.exp(logBeta(a + 1, b + n) - logBetaAB) * negativeBinomialSurvival(r, n, logTheta, logOneMinusTheta);
  return first + second;
}

/** The MBG/NBD predictive model for given parameters (validated: all positive). */
export function mbgnbdModel(params: Readonly<Record<string, number>>): PurchaseModel {
  const checked = checkBetaGeometricParams(params, "mbgnbd");
  return {
    model: "mbgnbd",
    params: { ...checked },
    probabilityAlive: (x, tx, T) => {
      checkCustomer(x, tx, T);
      return mbgnbdProbabilityAlive(checked, x, tx, T);
    },
    expectedPurchases: (t) => mbgnbdExpectedPurchases(checked, t),
    conditionalExpectedPurchases: (x, tx, T, t) => mbgnbdConditionalExpectedPurchases(checked, x, tx, T, t),
    probabilityOfPurchases: (n, t) => mbgnbdProbabilityOfPurchases(checked, n, t),
  };
}

/**
 * Maximum-likelihood MBG/NBD fit (Batislam et al. 2007, eq. 4); see `fitBetaGeometric`.
 *
 * @example fitMbgNbd(cdnowSummary).params // { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } (as BTYDplus)
 */
export function fitMbgNbd(data: PurchaseData, options?: FitOptions): FitResult<"mbgnbd"> {
  return fitBetaGeometric(data, "mbgnbd", options) as FitResult<"mbgnbd">;
}

/** Total MBG/NBD log-likelihood of parameters on a summary. */
export function mbgnbdLogLikelihood(params: Readonly<Record<string, number>>, data: PurchaseData): number {
  return betaGeometricLogLikelihood(params, data, "mbgnbd");
}

/** MBG/NBD for the model registry (models.ts). */
export const mbgnbd: PurchaseModelDefinition = {
  name: "mbgnbd",
  label: "MBG/NBD",
  parameterNames: BETA_GEOMETRIC_PARAMETER_NAMES,
  fit: fitMbgNbd,
  fromParams: mbgnbdModel,
};
