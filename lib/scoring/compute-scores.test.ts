import { beforeAll, describe, expect, test } from "vitest";
import { InsufficientDataError, InvalidInputError } from "@/lib/clv/errors";
import { DEFAULT_SETTINGS, type Settings } from "@/lib/settings/schema";
import { computeScores } from "./compute-scores";
import { demoTransactions } from "./demo-transactions.test-helpers";
import { QUADRANT_ORDER, median } from "./quadrants";
import { RFM_SEGMENT_KEYS } from "./rfm-segments";
import type { ScoringResult } from "./types";
import { parseIsoDay } from "@/lib/clv/iso-date";


const settings = (change: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...change });
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe("computeScores on the demo company", () => {
  const data = demoTransactions({ customers: 800, seed: 11, years: 2, endDate: "2026-02-14" });
  let result: ScoringResult;
  beforeAll(() => {
    result = computeScores(data, settings());
  });

  test("scores every customer with purchases, as of the last purchase", () => {
    expect(result.asOfDate).toBe("2026-02-14");
    expect(result.figures.customerIds.length + result.summary.excludedCustomers).toBe(data.customerIds.length);
    expect(["bgnbd", "mbgnbd", "paretonbd"]).toContain(result.model);
    expect(result.fit.selection.comparison.length).toBe(3);
    expect(result.fit.holdout).not.toBeNull();
  });

  test("the tiers split exactly 20-60-20 by customer count, most valuable first", () => {
    const n = result.figures.customerIds.length;
    const counts = [1, 2, 3].map((tier) => result.figures.tier.filter((t) => t === tier).length);
    expect(counts).toEqual([Math.round(n * 0.2), Math.round(n * 0.8) - Math.round(n * 0.2), n - Math.round(n * 0.8)]);
    expect(result.summary.tiers.map((t) => t.customers)).toEqual(counts);
    const predicted = Array.from(result.figures.predictedClvCents);
    const lowest = (tier: number) => Math.min(...predicted.filter((_, i) => result.figures.tier[i] === tier));
    const highest = (tier: number) => Math.max(...predicted.filter((_, i) => result.figures.tier[i] === tier));
    expect(lowest(1)).toBeGreaterThanOrEqual(highest(2));
    expect(lowest(2)).toBeGreaterThanOrEqual(highest(3));
  });

  test("totals, tiers, quadrants and segments add up to the customers' figures", () => {
    const { figures, summary } = result;
    expect(summary.totals.historicClvCents).toBe(sum(figures.historicClvCents));
    expect(summary.totals.predictedClvCents).toBe(sum(figures.predictedClvCents));
    for (const rows of [summary.tiers, summary.quadrants, summary.rfm]) {
      expect(sum(rows.map((row) => row.customers))).toBe(figures.customerIds.length);
      expect(sum(rows.map((row) => row.predictedClvCents))).toBe(summary.totals.predictedClvCents);
    }
    expect(sum(summary.tiers.map((t) => t.valueShare))).toBeCloseTo(1, 12);
    expect(summary.rfm.map((s) => s.key)).toEqual([...RFM_SEGMENT_KEYS]);
  });

  test("historic CLV is the net value (revenue − cost, refunds included) up to the analysis date", () => {
    const expected = new Map<number, number>();
    for (let i = 0; i < data.rows; i++) {
      const id = data.customerIds[data.customer[i]!]!;
      expected.set(id, (expected.get(id) ?? 0) + data.revenueCents[i]! - data.costCents![i]!);
    }
    result.figures.customerIds.forEach((id, i) => expect(result.figures.historicClvCents[i]).toBe(expected.get(id)));
  });

  test("per-customer figures are consistent", () => {
    const { figures } = result;
    for (let i = 0; i < figures.customerIds.length; i++) {
      expect(figures.totalClvCents[i]).toBe(figures.historicClvCents[i]! + figures.predictedClvCents[i]!);
      expect(figures.probabilityAlive![i]).toBeGreaterThanOrEqual(0);
      expect(figures.probabilityAlive![i]).toBeLessThanOrEqual(1);
      expect(figures.expectedPurchases[i]).toBeGreaterThanOrEqual(0);
      expect(figures.expectedOrderValueCents[i]).toBeGreaterThan(0);
      expect(figures.daysSinceLastPurchase[i]).toBeGreaterThanOrEqual(0);
      expect(figures.relationshipDays[i]).toBeGreaterThanOrEqual(0);
      if (!Number.isNaN(figures.nextPurchaseDay[i]!)) expect(figures.nextPurchaseDay[i]).toBeGreaterThan(parseIsoDay("2026-02-14"));
      // Expected next purchase within the horizon only when at least one purchase is expected.
      expect(Number.isNaN(figures.nextPurchaseDay[i]!)).toBe(figures.expectedPurchases[i]! < 1);
    }
  });

  test("relationship days run from the first purchase to the analysis date", () => {
    const first = new Map<number, number>();
    for (let i = 0; i < data.rows; i++) {
      if (data.revenueCents[i]! < 0) continue;
      const id = data.customerIds[data.customer[i]!]!;
      first.set(id, Math.min(first.get(id) ?? Number.POSITIVE_INFINITY, data.day[i]!));
    }
    const asOf = parseIsoDay("2026-02-14");
    result.figures.customerIds.forEach((id, i) => expect(result.figures.relationshipDays[i]).toBe(asOf - first.get(id)!));
    // First to last purchase is the relationship minus the time since the last purchase.
    for (let i = 0; i < result.figures.customerIds.length; i++) expect(result.figures.daysSinceLastPurchase[i]).toBeLessThanOrEqual(result.figures.relationshipDays[i]!);
  });

  test("quadrants: CLV (the tier measure, predicted) against relationship length; ended relationships are short", () => {
    const { figures, summary } = result;
    const n = figures.customerIds.length;
    const axes = summary.quadrantAxes!;
    const running = figures.relationshipLengthDays.filter((_, i) => !figures.relationshipEnded[i]);
    expect(axes).toEqual({
      relationship: { definition: "lifetime", aliveCutoff: 0.5, inactivityDays: null },
      clvMeasure: "predicted",
      thresholdDays: median(running),
      durationMode: "median",
      thresholdClvCents: median(figures.predictedClvCents),
      clvMode: "median",
    });
    for (let i = 0; i < n; i++) {
      const high = figures.predictedClvCents[i]! >= axes.thresholdClvCents;
      const ended = figures.probabilityAlive![i]! < 0.5;
      expect(figures.relationshipEnded[i]).toBe(ended ? 1 : 0);
      // An ended relationship ended on or before the analysis date; a running one is projected past it.
      if (ended) expect(figures.relationshipLengthDays[i]).toBeLessThanOrEqual(figures.relationshipDays[i]!);
      else expect(figures.relationshipLengthDays[i]).toBeGreaterThanOrEqual(figures.relationshipDays[i]!);
      const long = !ended && figures.relationshipLengthDays[i]! >= axes.thresholdDays;
      expect(QUADRANT_ORDER[figures.quadrant[i]!]).toBe(`${high ? "high" : "low"}-${long ? "long" : "short"}`);
    }
    // About half the customers on each side of the CLV axis, half of the running relationships long.
    const highs = summary.quadrants.filter((q) => q.key.startsWith("high-")).reduce((total, q) => total + q.customers, 0);
    const longs = summary.quadrants.filter((q) => q.key.endsWith("-long")).reduce((total, q) => total + q.customers, 0);
    expect(Math.abs(highs - n / 2)).toBeLessThanOrEqual(n * 0.02);
    expect(Math.abs(longs - running.length / 2)).toBeLessThanOrEqual(running.length * 0.05);
    expect(summary.quadrants.map((q) => [q.key, q.name])).toEqual([
      ["high-long", "Loyal stars"],
      ["high-short", "Promising newcomers"],
      ["low-long", "Loyal low spenders"],
      ["low-short", "Lapsed or drifting"],
    ]);
    expect(sum(summary.quadrants.map((q) => q.valueShare))).toBeCloseTo(1, 12);
    // The high quadrants hold most of the predicted value.
    expect(summary.quadrants[0]!.valueShare + summary.quadrants[1]!.valueShare).toBeGreaterThan(0.5);
  });

  test("the same data and settings give the same figures", () => {
    const again = computeScores(data, settings());
    expect(Array.from(again.figures.predictedClvCents)).toEqual(Array.from(result.figures.predictedClvCents));
    expect(Array.from(again.figures.tier)).toEqual(Array.from(result.figures.tier));
  });

  test("starting from the previous snapshot's estimates gives the same figures (to the cent, nearly)", () => {
    const warm = computeScores(data, settings(), undefined, result.fit);
    expect(warm.model).toBe(result.model);
    for (const [name, value] of Object.entries(result.fit.purchaseModel.params)) expect(warm.fit.purchaseModel.params[name]).toBeCloseTo(value, 3);
    const difference = Math.abs(warm.summary.totals.predictedClvCents - result.summary.totals.predictedClvCents);
    expect(difference / result.summary.totals.predictedClvCents).toBeLessThan(1e-4);
  });
});

describe("computeScores settings", () => {
  const data = demoTransactions({ customers: 500, seed: 5, years: 2, endDate: "2026-02-14" });

  test("a chosen model is used, with its holdout error", () => {
    const result = computeScores(data, settings({ model: "bgnbd" }));
    expect(result.model).toBe("bgnbd");
    expect(result.fit.selection.comparison.map((row) => row.model)).toEqual(["bgnbd"]);
    expect(Object.keys(result.fit.purchaseModel.params)).toEqual(["r", "alpha", "a", "b"]);
    expect(Object.keys(result.fit.purchaseModel.standardErrors)).toEqual(["r", "alpha", "a", "b"]);
  });

  test("the simple formula: no P(alive), retention instead of a fitted model", () => {
    const result = computeScores(data, settings({ model: "simple" }));
    // Without P(alive) a relationship has ended after more than 365 days without a purchase (the setting).
    expect(result.summary.quadrantAxes!.relationship).toEqual({ definition: "lifetime", aliveCutoff: null, inactivityDays: 365 });
    result.figures.daysSinceLastPurchase.forEach((days, i) => expect(result.figures.relationshipEnded[i]).toBe(days > 365 ? 1 : 0));
    result.figures.quadrant.forEach((q, i) => {
      if (result.figures.relationshipEnded[i]) expect(QUADRANT_ORDER[q]!.endsWith("-short")).toBe(true);
    });
    expect(result.model).toBe("simple");
    expect(result.figures.probabilityAlive).toBeNull();
    expect(result.fit.retention!.rateYearly).toBeGreaterThan(0);
    expect(result.fit.retention!.rateYearly).toBeLessThan(1);
    expect(result.summary.totals.predictedClvCents).toBeGreaterThan(0);
  });

  test("a longer horizon predicts more; a higher discount rate less", () => {
    const base = computeScores(data, settings({ model: "bgnbd" })).summary.totals.predictedClvCents;
    expect(computeScores(data, settings({ model: "bgnbd", horizonMonths: 24 })).summary.totals.predictedClvCents).toBeGreaterThan(base);
    expect(computeScores(data, settings({ model: "bgnbd", discountRateYearly: 0.5 })).summary.totals.predictedClvCents).toBeLessThan(base);
  });

  test("without costs the profit margin applies to revenue", () => {
    const revenueOnly = demoTransactions({ customers: 500, seed: 5, years: 2, endDate: "2026-02-14" }, { withoutCosts: true });
    const result = computeScores(revenueOnly, settings({ model: "bgnbd", profitMargin: 0.25 }));
    expect(result.fit.margin.source).toBe("setting");
    expect(result.fit.margin.applied).toBeCloseTo(0.25 * (1 - result.fit.margin.refundShare), 12);
    const revenue = sum(revenueOnly.revenueCents);
    // Each customer's historic value is rounded to the cent.
    expect(Math.abs(result.summary.totals.historicClvCents - 0.25 * revenue)).toBeLessThanOrEqual(result.figures.customerIds.length / 2);
  });

  test("an earlier analysis date ignores later purchases", () => {
    const result = computeScores(data, settings({ model: "bgnbd", analysisDate: "2025-12-31" }));
    expect(result.asOfDate).toBe("2025-12-31");
    expect(result.lastPurchaseDate <= "2025-12-31").toBe(true);
    expect(Math.min(...result.figures.daysSinceLastPurchase)).toBeGreaterThanOrEqual(0);
  });

  test("tiers can rank by historic value and use any bands that add up to 100", () => {
    const result = computeScores(data, settings({ model: "bgnbd", tierMeasure: "historic", tiers: [{ name: "A", percent: 10 }, { name: "B", percent: 30 }, { name: "C", percent: 30 }, { name: "D", percent: 30 }] }));
    const n = result.figures.customerIds.length;
    expect(result.summary.tiers.map((t) => t.customers)).toEqual([Math.round(n * 0.1), Math.round(n * 0.4) - Math.round(n * 0.1), Math.round(n * 0.7) - Math.round(n * 0.4), n - Math.round(n * 0.7)]);
    const historic = Array.from(result.figures.historicClvCents);
    expect(Math.min(...historic.filter((_, i) => result.figures.tier[i] === 1))).toBeGreaterThanOrEqual(Math.max(...historic.filter((_, i) => result.figures.tier[i] === 2)));
  });

  test("quadrants follow the tier measure and fixed thresholds", () => {
    const quadrants = {
      ...DEFAULT_SETTINGS.quadrants,
      relationship: { ...DEFAULT_SETTINGS.quadrants.relationship, definition: "sinceFirstPurchase" as const },
      durationThreshold: { mode: "fixed" as const, days: 365 },
      clvThreshold: { mode: "fixed" as const, amountCents: 20_000 },
    };
    const result = computeScores(data, settings({ model: "bgnbd", tierMeasure: "historic", quadrants }));
    const { figures, summary } = result;
    expect(summary.quadrantAxes).toEqual({
      relationship: { definition: "sinceFirstPurchase", aliveCutoff: null, inactivityDays: null },
      clvMeasure: "historic",
      thresholdDays: 365,
      durationMode: "fixed",
      thresholdClvCents: 20_000,
      clvMode: "fixed",
    });
    expect([...figures.relationshipLengthDays]).toEqual([...figures.relationshipDays]);
    for (let i = 0; i < figures.customerIds.length; i++) {
      const high = figures.historicClvCents[i]! >= 20_000;
      const long = figures.relationshipDays[i]! >= 365;
      expect(QUADRANT_ORDER[figures.quadrant[i]!]).toBe(`${high ? "high" : "low"}-${long ? "long" : "short"}`);
    }
    // Every quadrant is in the summary, in the settings' order, also when empty.
    expect(summary.quadrants.map((q) => q.key)).toEqual([...QUADRANT_ORDER]);
    expect(sum(summary.quadrants.map((q) => q.customers))).toBe(figures.customerIds.length);
  });

  test("fails with a named error and a message for people", () => {
    expect(() => computeScores({ ...data, rows: 0 }, settings())).toThrow(InsufficientDataError);
    expect(() => computeScores(data, settings({ analysisDate: "2001-01-01" }))).toThrow(InvalidInputError);
    expect(() => computeScores(data, settings({ analysisDate: "2001-01-01" }))).toThrow(/before the first purchase/);
  });
});
