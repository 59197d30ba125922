import { describe, expect, it } from "vitest";
import { bgnbd } from "./bg-nbd";
import { akaikeInformationCriterion, bayesianInformationCriterion, compareModels, holdoutAccuracy } from "./compare";
import { mbgnbd } from "./mbg-nbd";
import { purchaseModelDefinition, purchaseModels } from "./models";
import { simulateBetaGeometric } from "./simulate";
import type { PurchaseModelDefinition } from "./types";

describe("model comparison", () => {
  it("computes AIC, BIC and holdout errors", () => {
    expect(akaikeInformationCriterion(-9582.4, 4)).toBeCloseTo(19172.8, 9);
    expect(bayesianInformationCriterion(-9582.4, 4, 2357)).toBeCloseTo(4 * Math.log(2357) + 19164.8, 9);
    const accuracy = holdoutAccuracy([1, 2, 3], [1, 0, 5]);
    expect(accuracy.predictedTotal).toBe(6);
    expect(accuracy.actualTotal).toBe(6);
    expect(accuracy.totalErrorPercent).toBe(0);
    expect(accuracy.meanAbsoluteError).toBeCloseTo(4 / 3, 12);
    expect(accuracy.rootMeanSquaredError).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(() => holdoutAccuracy([1], [1, 2])).toThrow(/equal length/);
  });

  it("prefers the model the data were simulated from, in likelihood and in the holdout", () => {
    const data = simulateBetaGeometric({ r: 0.6, alpha: 5, a: 1.5, b: 1.2 }, "mbgnbd", { customers: 20_000, age: [20, 52], holdout: 39, seed: 17 });
    const comparison = compareModels(data, { models: [bgnbd, mbgnbd], holdout: { purchases: data.holdoutPurchases, durationUnits: 39 } });
    expect(comparison.models.map((m) => m.model)).toEqual(["bgnbd", "mbgnbd"]);
    expect(comparison.bestByBic).toBe("mbgnbd");
    const [bg, mbg] = comparison.models;
    expect(mbg!.logLikelihood!).toBeGreaterThan(bg!.logLikelihood!);
    expect(Math.abs(mbg!.holdout!.totalErrorPercent)).toBeLessThan(5);
    expect(mbg!.holdout!.actualTotal).toBe(data.holdoutPurchases.reduce((a, b) => a + b, 0));
  });

  it("reports a model that cannot be fitted instead of failing the comparison", () => {
    const broken: PurchaseModelDefinition = {
      ...bgnbd,
      name: "paretonbd",
      label: "Broken",
      fit: () => {
        throw new Error("no convergence");
      },
    };
    const data = simulateBetaGeometric({ r: 0.5, alpha: 5, a: 0.8, b: 2 }, "bgnbd", { customers: 500, age: 30, seed: 2 });
    const comparison = compareModels(data, { models: [bgnbd, broken] });
    expect(comparison.models[1]!.error).toBe("Error: no convergence");
    expect(comparison.models[1]!.aic).toBeNull();
    expect(comparison.bestByAic).toBe("bgnbd");
  });

  it("the registry knows the models by name", () => {
    expect(purchaseModels.map((m) => m.name)).toContain("bgnbd");
    expect(purchaseModelDefinition("mbgnbd").parameterNames).toEqual(["r", "alpha", "a", "b"]);
    expect(() => purchaseModelDefinition("nope")).toThrow(/unknown purchase model "nope"/);
  });
});
