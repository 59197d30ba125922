/**
 * Pareto/NBD, the model of Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are
 * they and what will they do next?", Management Science 33(1):1–24, in the notation of Fader & Hardie
 * (2005), "A note on deriving the Pareto/NBD model and related expressions": the maximum-likelihood fit
 * and the model's entry in the registry. The likelihood and its gradient are in `pareto-nbd-likelihood.ts`
 * (with the tail integral in `pareto-nbd-tail-integral.ts`), the predictions for given parameters
 * (P(alive), expected purchases, DERT) in `pareto-nbd-predictions.ts`.
 */
import { InsufficientDataError, ModelFitError, NumericalLimitError } from "./errors";
import { fitMaximumLikelihood, type LogScaleLikelihood, type MaximumLikelihoodEstimate, type MaximumLikelihoodOptions } from "./maximum-likelihood";
import { paretoNbdLikelihood, PARETO_NBD_PARAMETER_NAMES } from "./pareto-nbd-likelihood";
import { checkParetoNbdParams, paretoNbdModel } from "./pareto-nbd-predictions";
import { describeRfm, groupRfm, toColumns, type GroupedRfm } from "./rfm-data";
import type { FitOptions, FitResult, PurchaseData, PurchaseModelDefinition, RfmColumns } from "./types";

const LABEL = "Pareto/NBD";

/** The smallest data the model is fitted to (it needs repeat buyers to separate buying from dying). */
export const PARETO_NBD_MINIMUM_CUSTOMERS = 20;
export const PARETO_NBD_MINIMUM_REPEAT_BUYERS = 10;

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
