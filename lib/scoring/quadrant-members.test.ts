/**
 * Who ends up in each quadrant of the demo company with the default settings (README, "The quadrant map"):
 * customers who have in all likelihood left are not in a long-relationship quadrant, every customer is in
 * exactly one quadrant, and each default name and tactic fits its members.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { computeScores } from "./compute-scores";
import { demoTransactions } from "./demo-transactions.test-helpers";
import { QUADRANT_ORDER, median } from "./quadrants";
import type { ScoringResult } from "./types";


describe("the quadrants of the demo company (5,000 customers, 3 years, default settings)", () => {
  let result: ScoringResult;
  const members = (key: string) => {
    const { figures } = result;
    return [...figures.quadrant.keys()].filter((i) => QUADRANT_ORDER[figures.quadrant[i]!] === key);
  };
  beforeAll(() => {
    // The seeded demo company: `npm run db:seed -- --customers 5000 --seed 7 --years 3`.
    result = computeScores(demoTransactions({ customers: 5000, seed: 7, years: 3, endDate: "2026-12-06" }), DEFAULT_SETTINGS);
  }, 120_000);

  test("every customer is in exactly one quadrant, and the summary counts them", () => {
    const { figures, summary } = result;
    const n = figures.customerIds.length;
    expect(new Set(figures.customerIds).size).toBe(n);
    expect(figures.quadrant).toHaveLength(n);
    expect([...figures.quadrant].every((q) => q >= 0 && q < 4)).toBe(true);
    expect(QUADRANT_ORDER.reduce((sum, key) => sum + members(key).length, 0)).toBe(n);
    expect(summary.quadrants.map((row) => row.customers)).toEqual(QUADRANT_ORDER.map((key) => members(key).length));
  });

  test("fewer than 2% of the customers in the long-relationship quadrants have P(alive) < 0.2", () => {
    const alive = result.figures.probabilityAlive!;
    const long = [...members("high-long"), ...members("low-long")];
    expect(long.length).toBeGreaterThan(result.figures.customerIds.length / 10);
    const gone = long.filter((i) => alive[i]! < 0.2).length;
    expect(gone / long.length).toBeLessThan(0.02);
  });

  test("each default name and tactic fits its members", () => {
    const { figures, summary } = result;
    const alive = figures.probabilityAlive!;
    const medianOf = (key: string, values: ArrayLike<number>) => median(members(key).map((i) => values[i]!));
    const name = (key: string) => summary.quadrants.find((row) => row.key === key)!.name;
    // "Loyal": a group that still buys (likely alive, bought within the last half year, the median member).
    for (const key of ["high-long", "low-long"]) {
      expect(name(key)).toMatch(/^Loyal/);
      expect(medianOf(key, alive)).toBeGreaterThan(0.6);
      expect(medianOf(key, figures.daysSinceLastPurchase)).toBeLessThan(183);
    }
    // "Promising newcomers": customers for less than a year, still buying.
    expect(name("high-short")).toBe("Promising newcomers");
    expect(medianOf("high-short", figures.relationshipDays)).toBeLessThan(365);
    expect(medianOf("high-short", alive)).toBeGreaterThan(0.6);
    // "Lapsed or drifting", with a win-back tactic: most of them have stopped buying.
    expect(name("low-short")).toBe("Lapsed or drifting");
    expect(summary.quadrants.find((row) => row.key === "low-short")!.tactic).toMatch(/stopped buying/);
    expect(members("low-short").filter((i) => figures.relationshipEnded[i]).length / members("low-short").length).toBeGreaterThan(0.5);
    // The summary carries the same medians for the quadrant cards.
    for (const key of QUADRANT_ORDER) {
      const row = summary.quadrants.find((candidate) => candidate.key === key)!;
      expect(row.medianProbabilityAlive).toBeCloseTo(medianOf(key, alive), 12);
      expect(row.medianDaysSinceLastPurchase).toBe(medianOf(key, figures.daysSinceLastPurchase));
    }
  });
});
