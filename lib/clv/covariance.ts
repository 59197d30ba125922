/**
 * Standard errors of maximum-likelihood estimates: the Hessian of the negative log-likelihood at the
 * estimate (by central differences of the function or of an analytic gradient), its Cholesky factor, and
 * the asymptotic covariance matrix (the inverse of the observed Fisher information) with the standard
 * errors on its diagonal. A Hessian that is not positive definite raises `HessianNotPositiveDefiniteError`
 * instead of giving NaN standard errors. The minimisers that find the estimate are in `optimize.ts`.
 */
import { HessianNotPositiveDefiniteError, InvalidInputError } from "./errors";
import type { Objective } from "./optimize";

/**
 * Central-difference Hessian of f at x (Nocedal & Wright eqs. 8.20–8.21 with central differences).
 * The step of coordinate i is `relativeStep · |x_i|` (or `relativeStep` when x_i = 0), so positive
 * natural parameters stay positive. Default relative step 1e-4 ≈ eps^(1/4).
 *
 * @example numericHessian(([a, b]) => a * a * b, [1, 2]) // ≈ [[4, 2], [2, 0]]
 */
export function numericHessian(f: Objective, x: readonly number[], relativeStep = 1e-4): number[][] {
  const n = x.length;
  const steps = x.map((value) => (value === 0 ? relativeStep : relativeStep * Math.abs(value)));
  const center = f(x);
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const point = x.slice();
  const at = (i: number, di: number, j: number, dj: number): number => {
    point[i] = x[i]! + di * steps[i]!;
    point[j] = (i === j ? point[j]! : x[j]!) + dj * steps[j]!;
    const value = f(point);
    point[i] = x[i]!;
    point[j] = x[j]!;
    return value;
  };
  for (let i = 0; i < n; i++) {
    const h = steps[i]!;
    hessian[i]![i] = (at(i, 1, i, 0) - 2 * center + at(i, -1, i, 0)) / (h * h);
    for (let j = i + 1; j < n; j++) {
      const value = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * steps[j]!);
      hessian[i]![j] = value;
      hessian[j]![i] = value;
    }
  }
  return hessian;
}

/**
 * Hessian from an analytic gradient by central differences of the gradient, symmetrised:
 * H_ij = (g_j(x + h_i e_i) − g_j(x − h_i e_i)) / (2 h_i), averaged with H_ji. More accurate than second
 * differences of the function (error O(h²) with round-off eps·|g|/h instead of eps·|f|/h²). The step is
 * `relativeStep · |x_i|` (`relativeStep` when x_i = 0), so positive parameters stay positive.
 *
 * @example hessianFromGradient(([a, b]) => [2 * a * b, a * a], [1, 2]) // ≈ [[4, 2], [2, 0]]
 */
export function hessianFromGradient(gradient: (x: readonly number[]) => number[], x: readonly number[], relativeStep = 1e-5): number[][] {
  const n = x.length;
  const columns: number[][] = [];
  const point = x.slice();
  for (let i = 0; i < n; i++) {
    const step = x[i] === 0 ? relativeStep : relativeStep * Math.abs(x[i]!);
    point[i] = x[i]! + step;
    const up = gradient(point);
    point[i] = x[i]! - step;
    const down = gradient(point);
    point[i] = x[i]!;
    columns.push(up.map((value, j) => (value - down[j]!) / (2 * step)));
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 0.5 * (columns[i]![j]! + columns[j]![i]!)));
}

/**
 * Lower-triangular Cholesky factor L of a symmetric matrix (A = L Lᵀ; Golub & Van Loan, Matrix
 * Computations, 4th ed., Algorithm 4.2.1), or null if it is not positive definite.
 *
 * @example choleskyFactor([[4, 2], [2, 5]]) // [[2, 0], [1, 2]]
 */
export function choleskyFactor(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j]![j]!;
    for (let k = 0; k < j; k++) diagonal -= lower[j]![k]! ** 2;
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return null;
    const root = Math.sqrt(diagonal);
    lower[j]![j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k++) sum -= lower[i]![k]! * lower[j]![k]!;
      lower[i]![j] = sum / root;
    }
  }
  return lower;
}

/**
 * The asymptotic covariance matrix of maximum-likelihood estimates: the inverse of the Hessian of the
 * negative log-likelihood at the maximum (the observed Fisher information), by Cholesky decomposition.
 * Throws `HessianNotPositiveDefiniteError` when the Hessian is not positive definite (the fit is at a
 * saddle, a boundary, or the model is not identified) or has a non-finite entry.
 *
 * @example covarianceFromHessian([[4, 0], [0, 25]]) // [[0.25, 0], [0, 0.04]]
 */
export function covarianceFromHessian(hessian: readonly (readonly number[])[]): number[][] {
  const n = hessian.length;
  if (n === 0 || hessian.some((row) => row.length !== n)) {
    throw new InvalidInputError(`the Hessian must be a non-empty square matrix, got ${n} rows`);
  }
  if (hessian.some((row) => row.some((value) => !Number.isFinite(value)))) {
    throw new HessianNotPositiveDefiniteError("the Hessian has a non-finite entry (the log-likelihood is not smooth at the estimate)");
  }
  const lower = choleskyFactor(hessian);
  if (!lower) {
    throw new HessianNotPositiveDefiniteError(
      "the Hessian of the negative log-likelihood is not positive definite: the estimate is not a strict maximum (boundary, flat direction or unidentified parameter)",
    );
  }
  // Invert L, then A⁻¹ = L⁻ᵀ L⁻¹.
  const inverseLower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    inverseLower[i]![i] = 1 / lower[i]![i]!;
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= lower[i]![k]! * inverseLower[k]![j]!;
      inverseLower[i]![j] = sum / lower[i]![i]!;
    }
  }
  const covariance = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += inverseLower[k]![i]! * inverseLower[k]![j]!;
      covariance[i]![j] = sum;
      covariance[j]![i] = sum;
    }
  }
  return covariance;
}

/**
 * Standard errors of maximum-likelihood estimates: square roots of the diagonal of the inverse Hessian of
 * the negative log-likelihood, taken in the natural parameters. Never NaN: throws
 * `HessianNotPositiveDefiniteError` instead.
 *
 * @example standardErrorsFromHessian([[4, 0], [0, 25]]) // [0.5, 0.2]
 */
export function standardErrorsFromHessian(hessian: readonly (readonly number[])[]): number[] {
  const covariance = covarianceFromHessian(hessian);
  return covariance.map((row, i) => Math.sqrt(row[i]!));
}
