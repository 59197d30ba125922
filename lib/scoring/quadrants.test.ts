import { describe, expect, test } from "vitest";
import { QUADRANT_ORDER, assignQuadrants, median, thresholdCents } from "./quadrants";

describe("quadrants", () => {
  test("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  test("thresholds: the median by default, or a fixed amount", () => {
    expect(thresholdCents({ mode: "median" }, [100, 300, 200])).toBe(200);
    expect(thresholdCents({ mode: "fixed", amountCents: 5000 }, [100, 300, 200])).toBe(5000);
  });

  test("high means at or above the threshold on each axis", () => {
    const historic = [500, 500, 100, 100, 300];
    const predicted = [900, 100, 900, 100, 500];
    const quadrants = assignQuadrants(historic, predicted, 300, 500);
    expect([...quadrants].map((q) => QUADRANT_ORDER[q])).toEqual(["high-high", "high-low", "low-high", "low-low", "high-high"]);
  });

  test("with median thresholds about half the customers are high on each axis", () => {
    const historic = Array.from({ length: 1000 }, (_, i) => i);
    const predicted = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const quadrants = assignQuadrants(historic, predicted, median(historic), median(predicted));
    const highHistoric = [...quadrants].filter((q) => QUADRANT_ORDER[q]!.startsWith("high")).length;
    const highPredicted = [...quadrants].filter((q) => QUADRANT_ORDER[q]!.endsWith("-high")).length;
    expect(highHistoric).toBe(500);
    expect(highPredicted).toBe(500);
  });
});
