import { describe, expect, it } from "vitest";
import { HessianNotPositiveDefiniteError } from "./errors";
import {
  covarianceFromHessian,
  minimize,
  minimizeBfgs,
  minimizeMultiStart,
  minimizeNelderMead,
  numericGradient,
  numericHessian,
  standardErrorsFromHessian,
} from "./optimize";

const rosenbrock = ([a, b]: readonly number[]): number => (1 - a!) ** 2 + 100 * (b! - a! * a!) ** 2;

describe("minimizers", () => {
  it("BFGS finds the Rosenbrock minimum with numeric gradients", () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("BFGS uses an analytic gradient when given", () => {
    let calls = 0;
    const quadratic = ([a, b, c]: readonly number[]) => (a! - 3) ** 2 + 5 * (b! + 1) ** 2 + 0.1 * (c! - 7) ** 2 + a! * b!;
    const result = minimizeBfgs(quadratic, [0, 0, 0], {
      valueAndGradient: (x) => {
        calls += 1;
        const [a, b, c] = x as [number, number, number];
        return { value: quadratic(x), gradient: [2 * (a - 3) + b, 10 * (b + 1) + a, 0.2 * (c - 7)] };
      },
    });
    expect(result.converged).toBe(true);
    // Stationary point of the quadratic: 2a + b = 6, a + 10b = -10, c = 7.
    expect(result.x[0]).toBeCloseTo(70 / 19, 6);
    expect(result.x[1]).toBeCloseTo(-26 / 19, 6);
    expect(result.x[2]).toBeCloseTo(7, 5);
    expect(calls).toBe(result.evaluations);
  });

  it("Nelder–Mead handles a kink", () => {
    const result = minimizeNelderMead(([a, b]) => Math.abs(a! - 1) + (b! - 2) ** 2, [0, 0]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(2, 6);
  });

  it("treats non-finite values as infeasible instead of returning them", () => {
    // log-barrier: infinite below 0.5, minimum at 1
    const f = ([a]: readonly number[]) => (a! < 0.5 ? Number.NaN : (a! - 1) ** 2 - Math.log(a! - 0.5) * 1e-9);
    const result = minimize(f, [3]);
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
  });

  it("reports non-convergence honestly", () => {
    const limited = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(limited.converged).toBe(false);
    expect(limited.message).toMatch(/iteration limit/);
    // A rough surface: no point has a small gradient, so the fallback cannot certify convergence either.
    const rough = minimize(([a]) => a! * a! + 1e-3 * Math.sin(1e6 * a!), [2]);
    expect(rough.converged).toBe(false);
    expect(rough.message).toMatch(/did not converge/);
  });

  it("a non-finite start is reported, not minimised", () => {
    const result = minimizeBfgs(() => Number.NaN, [1, 1]);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/not finite at the starting point/);
  });

  it("multi-start keeps the lowest converged run", () => {
    const f = ([a]: readonly number[]) => (a! * a! - 4) ** 2 + 0.5 * a!; // two basins, left one lower
    const { best, runs } = minimizeMultiStart(f, [[3], [-3]]);
    expect(runs).toHaveLength(2);
    expect(best.x[0]!).toBeLessThan(0);
    expect(best.value).toBe(Math.min(...runs.map((r) => r.value)));
  });
});

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
