import { describe, expect, it } from "vitest";
import { minimize, minimizeBfgs, minimizeMultiStart, minimizeNelderMead } from "./optimize";

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
