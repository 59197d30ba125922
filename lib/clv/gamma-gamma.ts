/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4):415–430, section "Adding monetary value";
 * Fader & Hardie (2013), "The Gamma-Gamma model of monetary value"). A customer's transaction values
 * are Gamma(p, ν) with ν ~ Gamma(q, v) across customers (the papers call v "gamma"). Fitted on the
 * customers with repeat purchases (x > 0) and positive average repeat spend m (the papers' zbar).
 */
import { InsufficientDataError, InvalidInputError } from "./errors";
import { fitMaximumLikelihood, type LogScaleLikelihood } from "./maximum-likelihood";
import { digamma, logGamma } from "./special";
import type { FitOptions, FitResult } from "./types";

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Parameter names as in Python lifetimes (the papers call v "gamma"). */
export const GAMMA_GAMMA_PARAMETER_NAMES = ["p", "q", "v"] as const;
/** The fewest repeat buyers with positive spend the model is fitted to. */
export const GAMMA_GAMMA_MINIMUM_CUSTOMERS = 10;

/** Frequencies and average repeat spend of the customers the model is fitted to. */
export interface SpendData {
  x: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

/** Throws `InvalidInputError` unless p, q, v are positive finite numbers. */
export function checkGammaGammaParams(params: Readonly<Record<string, number>>): GammaGammaParams {
  for (const name of GAMMA_GAMMA_PARAMETER_NAMES) {
    const value = params[name];
    if (value === undefined || !Number.isFinite(value) || !(value > 0)) {
      throw new InvalidInputError(`Gamma-Gamma parameter ${name} must be a positive number (got ${value})`);
    }
  }
  return { p: params.p!, q: params.q!, v: params.v! };
}

/** The rows the model is fitted to: x > 0 and m > 0 (others carry no spend information). */
export function spendRows(data: SpendData): { x: Float64Array; monetary: Float64Array } {
  if (data.x.length !== data.monetary.length) throw new InvalidInputError(`x and monetary must have the same length (got ${data.x.length} and ${data.monetary.length})`);
  const x: number[] = [];
  const monetary: number[] = [];
  for (let i = 0; i < data.x.length; i++) {
    const xi = data.x[i]!;
    const mi = data.monetary[i]!;
    if (!Number.isFinite(xi) || xi < 0 || xi !== Math.floor(xi)) throw new InvalidInputError(`customer ${i}: frequency x = ${xi} must be a whole number ≥ 0`);
    if (!Number.isFinite(mi)) throw new InvalidInputError(`customer ${i}: monetary value ${mi} is not a finite number`);
    if (xi > 0 && mi > 0) {
      x.push(xi);
      monetary.push(mi);
    }
  }
  return { x: Float64Array.from(x), monetary: Float64Array.from(monetary) };
}

/**
 * The distinct (x, m) pairs of the spend rows and how many customers have each: the Gamma-Gamma
 * likelihood (Fader & Hardie 2013, eq. 3) is a sum of one term per customer that depends on (x, m) only,
 * so each pair's term is computed once and weighted. Amounts in cents repeat often: 198,776 repeat buyers
 * of the 400k-customer benchmark file have 93,827 distinct pairs.
 *
 * @example Array.from(distinctSpendPairs(Float64Array.of(1, 1, 2), Float64Array.of(9.5, 9.5, 9.5)).weight) // [2, 1] (two customers with x = 1, m = 9.5; one with x = 2)
 */
export function distinctSpendPairs(x: Float64Array, monetary: Float64Array): { x: Float64Array; monetary: Float64Array; weight: Float64Array } {
  const byX = new Map<number, Map<number, number>>();
  const pairX: number[] = [];
  const pairMonetary: number[] = [];
  const pairWeight: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let byMonetary = byX.get(x[i]!);
    if (byMonetary === undefined) {
      byMonetary = new Map();
      byX.set(x[i]!, byMonetary);
    }
    const pair = byMonetary.get(monetary[i]!);
    if (pair === undefined) {
      byMonetary.set(monetary[i]!, pairX.length);
      pairX.push(x[i]!);
      pairMonetary.push(monetary[i]!);
      pairWeight.push(1);
    } else {
      pairWeight[pair]! += 1;
    }
  }
  return { x: Float64Array.from(pairX), monetary: Float64Array.from(pairMonetary), weight: Float64Array.from(pairWeight) };
}

/**
 * −log L and gradient over θ = (log p, log q, log v). Per customer (Fader & Hardie 2013, eq. 3):
 * log f(m | x) = log Γ(px+q) − log Γ(px) − log Γ(q) + q log v + (px−1) log m + px log x − (px+q) log(v + x m).
 */
function gammaGammaLikelihood(customerX: Float64Array, customerMonetary: Float64Array): LogScaleLikelihood {
  // Customers with the same (x, m) have the same term: evaluate each distinct pair once, weighted by its count.
  const { x, monetary, weight } = distinctSpendPairs(customerX, customerMonetary);
  const n = x.length;
  // Group by x for the gamma functions; precompute the logs of the data.
  const levelOf = new Map<number, number>();
  const levels: number[] = [];
  const level = new Int32Array(n);
  const logM = new Float64Array(n);
  const logX = new Float64Array(n);
  const xm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = levelOf.get(x[i]!);
    if (k === undefined) {
      k = levels.length;
      levelOf.set(x[i]!, k);
      levels.push(x[i]!);
    }
    level[i] = k;
    logM[i] = Math.log(monetary[i]!);
    logX[i] = Math.log(x[i]!);
    xm[i] = x[i]! * monetary[i]!;
  }
  const levelCount = new Float64Array(levels.length);
  for (let i = 0; i < n; i++) levelCount[level[i]!]! += weight[i]!;
  const levelLogGamma = new Float64Array(levels.length);
  const levelDigammaP = new Float64Array(levels.length); // x ψ(px+q) − x ψ(px)
  const levelDigammaQ = new Float64Array(levels.length); // ψ(px+q)

  const evaluate = (theta: readonly number[], wantGradient: boolean): { value: number; gradient: number[] } => {
    const p = Math.exp(theta[0]!);
    const q = Math.exp(theta[1]!);
    const v = Math.exp(theta[2]!);
    const logV = Math.log(v);
    const constant = -logGamma(q) + q * logV;
    let total = 0;
    for (let k = 0; k < levels.length; k++) {
      const xk = levels[k]!;
      levelLogGamma[k] = logGamma(p * xk + q) - logGamma(p * xk);
      total += levelCount[k]! * (levelLogGamma[k]! + constant);
      if (wantGradient) {
        const psiSum = digamma(p * xk + q);
        levelDigammaP[k] = xk * (psiSum - digamma(p * xk));
        levelDigammaQ[k] = psiSum;
      }
    }
    let gP = 0;
    let gQ = 0;
    let gV = 0;
    const psiQ = wantGradient ? digamma(q) : 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const w = weight[i]!;
      const px = p * xi;
      const logDenominator = Math.log(v + xm[i]!);
      total += w * ((px - 1) * logM[i]! + px * logX[i]! - (px + q) * logDenominator);
      if (wantGradient) {
        const k = level[i]!;
        gP += w * (levelDigammaP[k]! + xi * (logM[i]! + logX[i]! - logDenominator));
        gQ += w * (levelDigammaQ[k]! - psiQ + logV - logDenominator);
        gV += w * (q / v - (px + q) / (v + xm[i]!));
      }
    }
    return { value: -total, gradient: wantGradient ? [-gP * p, -gQ * q, -gV * v] : [] };
  };
  return {
    parameterNames: GAMMA_GAMMA_PARAMETER_NAMES,
    negativeLogLikelihood: (theta) => evaluate(theta, false).value,
    negativeLogLikelihoodWithGradient: (theta) => evaluate(theta, true),
  };
}

/**
 * Total Gamma-Gamma log-likelihood of (p, q, v) over the customers with x > 0 and m > 0.
 *
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, cdnowSummary) // −4055.9247127301746
 */
export function gammaGammaLogLikelihood(params: Readonly<Record<string, number>>, data: SpendData): number {
  const { p, q, v } = checkGammaGammaParams(params);
  const rows = spendRows(data);
  return -gammaGammaLikelihood(rows.x, rows.monetary).negativeLogLikelihood([p, q, v].map(Math.log));
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the customers with x > 0 and m > 0 (others are ignored; the
 * result's `customers` counts the ones used). Throws `InsufficientDataError` below 10 such customers and
 * `ModelFitError` when the fit fails (e.g. spend that does not vary between customers: v and q run off).
 *
 * @example fitGammaGamma(cdnowSummary).params // { p: 6.2488, q: 3.7446, v: 15.4478 } on CDNOW's 946 repeat buyers (published 6.25, 3.74, 15.44)
 */
export function fitGammaGamma(data: SpendData, options: FitOptions = {}): FitResult<"gammagamma"> {
  const started = performance.now();
  const rows = spendRows(data);
  const n = rows.x.length;
  if (n < GAMMA_GAMMA_MINIMUM_CUSTOMERS) {
    throw new InsufficientDataError(
      `Gamma-Gamma needs at least ${GAMMA_GAMMA_MINIMUM_CUSTOMERS} customers with repeat purchases (x > 0) and positive spend; got ${n}`,
      GAMMA_GAMMA_MINIMUM_CUSTOMERS,
      n,
    );
  }
  let sumM = 0;
  for (let i = 0; i < n; i++) sumM += rows.monetary[i]!;
  const meanM = sumM / n;
  // Starting points: E[M] = p v / (q − 1), so v = meanM (q − 1) / p for a few (p, q).
  const start = (p: number, q: number): number[] => [Math.log(p), Math.log(q), Math.log((meanM * (q - 1)) / p)];
  const estimate = fitMaximumLikelihood("Gamma-Gamma", gammaGammaLikelihood(rows.x, rows.monetary), {
    starts: options.starts ?? [start(1, 2), start(5, 4), start(0.5, 10)],
    maxIterations: options.maxIterations,
  });
  return {
    model: "gammagamma",
    params: estimate.params,
    standardErrors: estimate.standardErrors,
    covariance: estimate.covariance,
    logLikelihood: estimate.logLikelihood,
    converged: estimate.converged,
    iterations: estimate.iterations,
    seconds: (performance.now() - started) / 1000,
    customers: n,
  };
}

/**
 * E[M | p, q, v, x, m], the expected average transaction value of a customer with x repeat purchases of
 * average value m (Fader, Hardie & Lee 2005 "RFM and CLV", eq. 5): p (v + x m) / (p x + q − 1), a weighted
 * mean of the population mean p v / (q − 1) and the customer's own m. For x = 0 it is the population mean,
 * which needs q > 1 (throws `InvalidInputError` otherwise).
 *
 * @example gammaGammaExpectedSpend({ p: 6.25, q: 3.74, v: 15.44 }, 2, 22.35) // 24.663713910761153
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  if (!Number.isFinite(x) || x < 0) throw new InvalidInputError(`frequency x = ${x} must be ≥ 0`);
  const weightOwn = x > 0 && m > 0 ? x : 0; // customers without positive repeat spend get the population mean
  const denominator = p * weightOwn + q - 1;
  if (!(denominator > 0)) {
    throw new InvalidInputError(`Gamma-Gamma q = ${q} ≤ 1: the population mean spend p v / (q − 1) is infinite, so customers without repeat purchases have no expected spend`);
  }
  return (p * (v + weightOwn * m)) / denominator;
}

/** Population mean transaction value p v / (q − 1) (q > 1). */
export function gammaGammaPopulationMeanSpend(params: GammaGammaParams): number {
  return gammaGammaExpectedSpend(params, 0, 0);
}
