/**
 * The Pareto/NBD fit on large data (30,000 simulated customers, fitted twice: about 4.5 s). In the slow tier
 * (`npm run test:slow`), not in the default `vitest run`.
 */
import { describe, expect, it } from "vitest";
import { fitParetoNbd } from "./pareto-nbd";
import { simulateParetoNbd } from "./pareto-nbd-simulate.test-helpers";

describe("Pareto/NBD fit", () => {
  it("polishes a subsample's estimate on all data for large inputs and reaches the same maximum", () => {
    const sim = simulateParetoNbd({ r: 1.2, alpha: 4, s: 0.4, beta: 20 }, { customers: 30_000, age: [5, 52], seed: 11 });
    const fast = fitParetoNbd(sim);
    const thorough = fitParetoNbd(sim, { starts: [[Math.log(0.5), 1, 0, 2]] });
    expect(fast.logLikelihood).toBeCloseTo(thorough.logLikelihood, 4);
    expect(fast.params.r).toBeCloseTo(thorough.params.r!, 3);
  });
});
