import { describe, expect, it } from "vitest";
import { covarianceFromHessian, numericHessian, standardErrorsFromHessian } from "./covariance";
import { HessianNotPositiveDefiniteError } from "./errors";
import { numericGradient } from "./optimize";

describe("derivatives and standard errors", () => {
  it("numericGradient and numericHessian match analytic derivatives", () => {
    const gradient = numericGradient(([a, b]) => a! * a! + 3 * b!, [2, 1]);
    expect(gradient[0]).toBeCloseTo(4, 7);
    expect(gradient[1]).toBeCloseTo(3, 7);
    const hessian = numericHessian(([a, b]) => Math.exp(a!) * b! * b!, [0.3, 2]);
    expect(hessian[0]![0]).toBeCloseTo(Math.exp(0.3) * 4, 5);
    expect(hessian[0]![1]).toBeCloseTo(Math.exp(0.3) * 4, 5);
    expect(hessian[1]![0]).toBe(hessian[0]![1]);
    expect(hessian[1]![1]).toBeCloseTo(2 * Math.exp(0.3), 5);
  });

  it("standard errors of a normal mean equal sigma / sqrt(n)", () => {
    const data = [4.1, 5.3, 3.9, 6.2, 5.0, 4.4, 5.8, 4.9];
    const sigma = 0.8;
    const nll = ([mu]: readonly number[]) => data.reduce((acc, y) => acc + (y - mu!) ** 2 / (2 * sigma * sigma), 0);
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    const [se] = standardErrorsFromHessian(numericHessian(nll, [mean]));
    expect(se).toBeCloseTo(sigma / Math.sqrt(data.length), 6);
  });

  it("inverts a positive-definite matrix", () => {
    const covariance = covarianceFromHessian([
      [4, 1],
      [1, 3],
    ]);
    expect(covariance[0]![0]).toBeCloseTo(3 / 11, 14);
    expect(covariance[0]![1]).toBeCloseTo(-1 / 11, 14);
    expect(covariance[1]![1]).toBeCloseTo(4 / 11, 14);
  });

  it("throws a named error for a Hessian that is not positive definite", () => {
    expect(() => standardErrorsFromHessian([[1, 2], [2, 1]])).toThrow(HessianNotPositiveDefiniteError);
    expect(() => standardErrorsFromHessian([[1, 0], [0, Number.NaN]])).toThrow(HessianNotPositiveDefiniteError);
    expect(() => standardErrorsFromHessian([[0]])).toThrow(/not positive definite/);
  });
});
