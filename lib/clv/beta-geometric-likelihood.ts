/**
 * The likelihood of the beta-geometric purchase models, BG/NBD and MBG/NBD, with its analytic gradient,
 * and their shared maximum-likelihood fit.
 *
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way", eq. 6; in logs as in
 * Fader & Hardie's note "Implementing the BG/NBD model"):
 *   L = Γ(r+x)α^r/Γ(r) · B(a, b+x)/B(a, b) · [ (α+T)^{−(r+x)} + δ_{x>0} a/(b+x−1) (α+t_x)^{−(r+x)} ]
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, eq. 4; customers may also drop out right after the first
 * purchase, so the second term is present for x = 0 as well):
 *   L = Γ(r+x)α^r/Γ(r) · B(a, b+x+1)/B(a, b) · [ (α+T)^{−(r+x)} + a/(b+x) (α+t_x)^{−(r+x)} ]
 */
import { InsufficientDataError, InvalidInputError } from "./errors";
import { fitMaximumLikelihood, type LogScaleLikelihood } from "./maximum-likelihood";
import { describeRfm, groupRfm, toColumns, type GroupedRfm } from "./rfm-data";
import { digamma, logGamma } from "./special";
import type { FitOptions, FitResult, PurchaseData } from "./types";

export type BetaGeometricVariant = "bgnbd" | "mbgnbd";

/** BG/NBD and MBG/NBD parameters: λ ~ Gamma(r, alpha) purchase rates, p ~ Beta(a, b) drop-out chances. */
export interface BetaGeometricParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Parameter names in the papers' order. */
export const BETA_GEOMETRIC_PARAMETER_NAMES = ["r", "alpha", "a", "b"] as const;

/** The smallest data a beta-geometric model is fitted to (it needs repeat buyers to see drop-out). */
export const MINIMUM_CUSTOMERS = 20;
/** Repeat buyers (x > 0) needed to see drop-out at all. */
export const MINIMUM_REPEAT_BUYERS = 10;

/** Display names. */
export const VARIANT_LABEL: Record<BetaGeometricVariant, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD" };

/** Throws `InvalidInputError` unless r, alpha, a, b are positive finite numbers. */
export function checkBetaGeometricParams(params: Readonly<Record<string, number>>, variant: BetaGeometricVariant): BetaGeometricParams {
  for (const name of BETA_GEOMETRIC_PARAMETER_NAMES) {
    const value = params[name];
    if (value === undefined || !Number.isFinite(value) || !(value > 0)) {
      throw new InvalidInputError(`${VARIANT_LABEL[variant]} parameter ${name} must be a positive number (got ${value})`);
    }
  }
  return { r: params.r!, alpha: params.alpha!, a: params.a!, b: params.b! };
}

/**
 * −log L and its gradient over θ = (log r, log α, log a, log b) for grouped data. Terms that depend on x
 * only (log-gamma, digamma) are computed once per distinct x, log(α + T) once per distinct T, and so on.
 */
export function betaGeometricLikelihood(data: GroupedRfm, variant: BetaGeometricVariant): LogScaleLikelihood {
  const modified = variant === "mbgnbd" ? 1 : 0;
  const { xLevels, txLevels, TLevels, weight, groups } = data;
  const nx = xLevels.values.length;
  const levelX = new Float64Array(nx);
  const levelConstant = new Float64Array(nx); // log-gamma terms of x only
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  const logOffset = new Float64Array(nx); // log(b + x − 1) (BG) or log(b + x) (MBG)
  const inverseOffset = new Float64Array(nx);
  const hasSecondTerm = new Uint8Array(nx);
  const logAlphaT = new Float64Array(TLevels.values.length);
  const inverseAlphaT = new Float64Array(TLevels.values.length);
  const logAlphaTx = new Float64Array(txLevels.values.length);
  const inverseAlphaTx = new Float64Array(txLevels.values.length);

  const evaluate = (theta: readonly number[], wantGradient: boolean): { value: number; gradient: number[] } => {
    const r = Math.exp(theta[0]!);
    const alpha = Math.exp(theta[1]!);
    const a = Math.exp(theta[2]!);
    const b = Math.exp(theta[3]!);
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const abConstant = logGamma(a + b) - logGamma(b);
    const psiAB = wantGradient ? digamma(a + b) : 0;
    const psiB = wantGradient ? digamma(b) : 0;
    const psiR = wantGradient ? digamma(r) : 0;
    const logGammaR = logGamma(r);
    for (let k = 0; k < nx; k++) {
      const x = xLevels.values[k]!;
      levelX[k] = x;
      // BG/NBD: B(a, b+x)/B(a, b); MBG/NBD: B(a, b+x+1)/B(a, b).
      const shift = x + modified;
      levelConstant[k] = logGamma(r + x) - logGammaR + r * logAlpha + abConstant + logGamma(b + shift) - logGamma(a + b + shift);
      hasSecondTerm[k] = modified || x > 0 ? 1 : 0;
      const offset = b + x - 1 + modified;
      logOffset[k] = hasSecondTerm[k] ? Math.log(offset) : 0;
      inverseOffset[k] = hasSecondTerm[k] ? 1 / offset : 0;
      if (wantGradient) {
        dR[k] = digamma(r + x) - psiR + logAlpha;
        const psiABShift = digamma(a + b + shift);
        dA[k] = psiAB - psiABShift;
        dB[k] = psiAB + digamma(b + shift) - psiB - psiABShift;
      }
    }
    for (let k = 0; k < TLevels.values.length; k++) {
      logAlphaT[k] = Math.log(alpha + TLevels.values[k]!);
      inverseAlphaT[k] = 1 / (alpha + TLevels.values[k]!);
    }
    for (let k = 0; k < txLevels.values.length; k++) {
      logAlphaTx[k] = Math.log(alpha + txLevels.values[k]!);
      inverseAlphaTx[k] = 1 / (alpha + txLevels.values[k]!);
    }
    let logLikelihood = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    for (let g = 0; g < groups; g++) {
      const k = xLevels.index[g]!;
      const w = weight[g]!;
      const x = levelX[k]!;
      const tLevel = TLevels.index[g]!;
      const rx = r + x;
      const a3 = -rx * logAlphaT[tLevel]!;
      let logBracket = a3;
      let w4 = 0;
      let txLevel = 0;
      if (hasSecondTerm[k]) {
        txLevel = txLevels.index[g]!;
        const a4 = logA - logOffset[k]! - rx * logAlphaTx[txLevel]!;
        // log(e^{a3} + e^{a4}) and the share of the second term, without overflow
        if (a4 > a3) {
          const e = Math.exp(a3 - a4);
          logBracket = a4 + Math.log1p(e);
          w4 = 1 / (1 + e);
        } else {
          const e = Math.exp(a4 - a3);
          logBracket = a3 + Math.log1p(e);
          w4 = e / (1 + e);
        }
      }
      logLikelihood += w * (levelConstant[k]! + logBracket);
      if (wantGradient) {
        const w3 = 1 - w4;
        const logTerm = w3 * logAlphaT[tLevel]! + (w4 > 0 ? w4 * logAlphaTx[txLevel]! : 0);
        const inverseTerm = w3 * inverseAlphaT[tLevel]! + (w4 > 0 ? w4 * inverseAlphaTx[txLevel]! : 0);
        gR += w * (dR[k]! - logTerm);
        gAlpha += w * (r / alpha - rx * inverseTerm);
        gA += w * (dA[k]! + w4 / a);
        gB += w * (dB[k]! - w4 * inverseOffset[k]!);
      }
    }
    // Gradient of −log L with respect to θ = log(param): −(∂ log L / ∂ param) · param.
    return { value: -logLikelihood, gradient: wantGradient ? [-gR * r, -gAlpha * alpha, -gA * a, -gB * b] : [] };
  };

  return {
    parameterNames: BETA_GEOMETRIC_PARAMETER_NAMES,
    negativeLogLikelihood: (theta) => evaluate(theta, false).value,
    negativeLogLikelihoodWithGradient: (theta) => evaluate(theta, true),
  };
}

/**
 * Total log-likelihood of BG/NBD or MBG/NBD parameters on a customer summary (in its time unit).
 *
 * @example betaGeometricLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnowSummary, "bgnbd") // ≈ −9582.4
 */
export function betaGeometricLogLikelihood(params: Readonly<Record<string, number>>, data: PurchaseData, variant: BetaGeometricVariant): number {
  const { r, alpha, a, b } = checkBetaGeometricParams(params, variant);
  const likelihood = betaGeometricLikelihood(groupRfm(toColumns(data)), variant);
  return -likelihood.negativeLogLikelihood([r, alpha, a, b].map(Math.log));
}

/** Starting points on the log scale: a data-driven guess and spread-out alternatives. */
function startingPoints(grouped: GroupedRfm): number[][] {
  const { meanX, meanT } = describeRfm(grouped);
  const rateGuess = Math.max(meanX, 0.05) / Math.max(meanT, 1e-3); // repeat purchases per time unit
  const start = (r: number, a: number, b: number): number[] => [Math.log(r), Math.log(r / rateGuess), Math.log(a), Math.log(b)];
  return [start(1, 1, 1), start(0.3, 0.7, 2.5), start(3, 2, 10)];
}

/**
 * Maximum-likelihood fit of BG/NBD or MBG/NBD: groups identical (x, t_x, T), optimises the log-parameters
 * from several starts with the analytic gradient, and returns parameters with standard errors. Throws
 * `InsufficientDataError` below 20 customers or 10 repeat buyers, `ModelFitError` when the fit fails.
 */
export function fitBetaGeometric(data: PurchaseData, variant: BetaGeometricVariant, options: FitOptions = {}): FitResult<BetaGeometricVariant> {
  const started = performance.now();
  const grouped = groupRfm(toColumns(data));
  const label = VARIANT_LABEL[variant];
  if (grouped.customers < MINIMUM_CUSTOMERS) {
    throw new InsufficientDataError(`${label} needs at least ${MINIMUM_CUSTOMERS} customers to estimate; got ${grouped.customers}`, MINIMUM_CUSTOMERS, grouped.customers);
  }
  const { repeatBuyers } = describeRfm(grouped);
  if (repeatBuyers < MINIMUM_REPEAT_BUYERS) {
    throw new InsufficientDataError(
      `${label} needs at least ${MINIMUM_REPEAT_BUYERS} customers with repeat purchases (x > 0) to estimate drop-out; got ${repeatBuyers}`,
      MINIMUM_REPEAT_BUYERS,
      repeatBuyers,
    );
  }
  const estimate = fitMaximumLikelihood(label, betaGeometricLikelihood(grouped, variant), {
    starts: options.starts ?? startingPoints(grouped),
    maxIterations: options.maxIterations,
  });
  return {
    model: variant,
    params: estimate.params,
    standardErrors: estimate.standardErrors,
    covariance: estimate.covariance,
    logLikelihood: estimate.logLikelihood,
    converged: estimate.converged,
    iterations: estimate.iterations,
    seconds: (performance.now() - started) / 1000,
    customers: grouped.customers,
  };
}
