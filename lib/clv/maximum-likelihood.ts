/**
 * Maximum-likelihood estimation shared by the models: minimise the negative log-likelihood over the
 * logarithms of the (positive) parameters from several starting points, check the result, and compute
 * standard errors from the Hessian in the natural parameters. A failed or degenerate fit throws
 * `ModelFitError` with the reason; it never returns numbers that merely look fine.
 */
import { covarianceFromHessian, hessianFromGradient, numericHessian } from "./covariance";
import { HessianNotPositiveDefiniteError, ModelFitError } from "./errors";
import { minimizeMultiStart, type MinimizeResult } from "./optimize";

/** A likelihood over positive parameters, evaluated at their logarithms. */
export interface LogScaleLikelihood {
  readonly parameterNames: readonly string[];
  /** −log L (total over customers) at θ = log(params). */
  negativeLogLikelihood(logParams: readonly number[]): number;
  /** −log L and its gradient with respect to θ = log(params), in one pass (optional but much faster). */
  negativeLogLikelihoodWithGradient?(logParams: readonly number[]): { value: number; gradient: number[] };
}

export interface MaximumLikelihoodOptions {
  starts: readonly (readonly number[])[];
  maxIterations?: number;
}

export interface MaximumLikelihoodEstimate {
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  /** The asymptotic covariance of the estimates (inverse Hessian, natural parameters, in `parameterNames` order). */
  covariance: number[][];
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/** |log parameter| beyond this means the estimate ran off to 0 or infinity (e^30 ≈ 1e13). */
const LOG_PARAMETER_LIMIT = 30;

function record(names: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

/**
 * Maximises a likelihood over positive parameters (optimised on the log scale, several starts) and
 * returns the estimates with standard errors (square roots of the diagonal of the inverse Hessian of
 * −log L in the natural parameters). Throws `ModelFitError` when no start converges, when a parameter
 * runs off to 0 or infinity, or when the Hessian is not positive definite.
 *
 * @example
 * // Exponential rate λ from waiting times 1, 2, 3 (MLE 1 / mean = 0.5, SE λ/√n ≈ 0.2887):
 * fitMaximumLikelihood("exponential", { parameterNames: ["lambda"],
 *   negativeLogLikelihood: ([l]) => -(3 * l - Math.exp(l) * 6) }, { starts: [[0]] })
 * // { params: { lambda: 0.5 }, standardErrors: { lambda: 0.2887 }, logLikelihood: -5.079, ... }
 */
export function fitMaximumLikelihood(model: string, likelihood: LogScaleLikelihood, options: MaximumLikelihoodOptions): MaximumLikelihoodEstimate {
  const names = likelihood.parameterNames;
  const withGradient = likelihood.negativeLogLikelihoodWithGradient?.bind(likelihood);
  const objective = (theta: readonly number[]): number => {
    if (theta.some((value) => Math.abs(value) > 2 * LOG_PARAMETER_LIMIT)) return Number.POSITIVE_INFINITY;
    return likelihood.negativeLogLikelihood(theta);
  };
  const minimizeOptions = {
    maxIterations: options.maxIterations,
    stopWhenTwoAgree: true,
    valueAndGradient: withGradient
      ? (theta: readonly number[]) =>
          theta.some((value) => Math.abs(value) > 2 * LOG_PARAMETER_LIMIT) ? { value: Number.POSITIVE_INFINITY, gradient: theta.map(() => 0) } : withGradient(theta)
      : undefined,
  };
  const { best, runs } = minimizeMultiStart(objective, options.starts, minimizeOptions);
  const iterations = runs.reduce((sum, run) => sum + run.iterations, 0);
  if (!Number.isFinite(best.value)) {
    throw new ModelFitError(model, "the log-likelihood is not finite at any starting point");
  }
  if (!best.converged) {
    throw new ModelFitError(model, `the optimiser did not converge from ${runs.length} starting points (${best.message}; largest gradient ${best.gradientNorm.toPrecision(3)})`);
  }
  checkBounded(model, names, best);
  const estimate = best.x.map(Math.exp);
  const hessian = withGradient
    ? hessianFromGradient((params) => {
        const { gradient } = withGradient(params.map(Math.log));
        return gradient.map((g, i) => g / params[i]!); // d(−log L)/dp = d(−log L)/dθ · dθ/dp
      }, estimate)
    : numericHessian((params) => likelihood.negativeLogLikelihood(params.map(Math.log)), estimate);
  let covariance: number[][];
  try {
    covariance = covarianceFromHessian(hessian);
  } catch (error) {
    if (error instanceof HessianNotPositiveDefiniteError) {
      throw new ModelFitError(model, `no standard errors at the estimate (${names.map((n, i) => `${n} = ${estimate[i]!.toPrecision(4)}`).join(", ")}): ${error.message}`);
    }
    throw error;
  }
  const standardErrors = covariance.map((row, i) => Math.sqrt(row[i]!));
  return {
    params: record(names, estimate),
    standardErrors: record(names, standardErrors),
    covariance,
    logLikelihood: -best.value,
    converged: true,
    iterations,
  };
}

function checkBounded(model: string, names: readonly string[], result: MinimizeResult): void {
  result.x.forEach((theta, i) => {
    if (Math.abs(theta) > LOG_PARAMETER_LIMIT) {
      const direction = theta > 0 ? "infinity" : "zero";
      throw new ModelFitError(
        model,
        `parameter ${names[i]} ran off to ${direction} (${Math.exp(theta).toPrecision(3)}): the data do not identify it (too little variation between customers, or too few customers who stopped buying)`,
      );
    }
  });
}
