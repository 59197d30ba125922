/**
 * Named errors of the CLV engine. Callers can tell bad input from a failed fit from data that is too thin,
 * and every message says what to change.
 */

/** Input that the models cannot accept (recency greater than age, negative frequency, a bad option...). */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}

/** Too few customers (or too few repeat buyers) to estimate a model; the message names the minimum. */
export class InsufficientDataError extends Error {
  constructor(
    message: string,
    readonly minimum: number,
    readonly actual: number,
  ) {
    super(message);
    this.name = "InsufficientDataError";
  }
}

/** The maximum-likelihood fit did not converge or reached a degenerate point; `reason` says why. */
export class ModelFitError extends Error {
  constructor(
    readonly model: string,
    readonly reason: string,
  ) {
    super(`${model} fit failed: ${reason}`);
    this.name = "ModelFitError";
  }
}

/**
 * A series, quadrature or iteration reached its cap before meeting its tolerance (the computation is
 * bounded rather than left to run for minutes); `limit` is the cap that was hit. The model fitters turn it
 * into a `ModelFitError`.
 */
export class NumericalLimitError extends Error {
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
    this.name = "NumericalLimitError";
  }
}

/** The Hessian of the negative log-likelihood is not positive definite, so there are no standard errors. */
export class HessianNotPositiveDefiniteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HessianNotPositiveDefiniteError";
  }
}
