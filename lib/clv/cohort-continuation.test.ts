import { describe, expect, test } from "vitest";
import { bgnbdModel } from "./bg-nbd";
import { DAYS_PER_CALENDAR_MONTH, conditionalPurchaseCurve, cumulativeContinuation, retentionPurchaseCurve } from "./cohort-continuation";
import { mbgnbdModel } from "./mbg-nbd";
import { paretoNbdModel } from "./pareto-nbd-predictions";

// CDNOW estimates from the papers (Fader, Hardie & Lee 2005; Fader & Hardie 2005 note), in weeks.
const bgnbd = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const mbgnbd = mbgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const paretonbd = paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 });

describe("conditionalPurchaseCurve", () => {
  test("is the model's E[Y(t) | x, t_x, T] with t in days (published BG/NBD value 1.226 at 39 weeks)", () => {
    expect(conditionalPurchaseCurve(bgnbd, 2, 30.43, 38.86)(39 * 7)).toBeCloseTo(1.226, 3);
  });

  test.each([
    ["BG/NBD", bgnbd],
    ["MBG/NBD", mbgnbd],
    ["Pareto/NBD", paretonbd],
  ] as const)("%s: equals conditionalExpectedPurchases at every day count, and 0 at 0", (_, model) => {
    const curve = conditionalPurchaseCurve(model, 3, 20, 35);
    expect(curve(0)).toBe(0);
    for (const days of [1, 30, 91, 365]) expect(curve(days)).toBeCloseTo(model.conditionalExpectedPurchases(3, 20, 35, days / 7), 12);
  });

  test("makes an average member a valid history: x rounded, t_x = 0 when x = 0, t_x at most T", () => {
    expect(conditionalPurchaseCurve(bgnbd, 1.6, 12, 10)(70)).toBeCloseTo(bgnbd.conditionalExpectedPurchases(2, 10, 10, 10), 12);
    expect(conditionalPurchaseCurve(bgnbd, 0.2, 5, 10)(70)).toBeCloseTo(bgnbd.conditionalExpectedPurchases(0, 0, 10, 10), 12);
  });
});

describe("retentionPurchaseCurve", () => {
  test("adds retention^(m/12) per month, linear within a month", () => {
    const curve = retentionPurchaseCurve(0.5);
    expect(curve(0)).toBe(0);
    expect(curve(DAYS_PER_CALENDAR_MONTH)).toBeCloseTo(0.5 ** (1 / 12), 12);
    expect(curve(2 * DAYS_PER_CALENDAR_MONTH)).toBeCloseTo(0.5 ** (1 / 12) + 0.5 ** (2 / 12), 12);
    expect(curve(1.5 * DAYS_PER_CALENDAR_MONTH)).toBeCloseTo(0.5 ** (1 / 12) + 0.5 * 0.5 ** (2 / 12), 12);
  });

  test("full retention is one purchase per month", () => {
    expect(retentionPurchaseCurve(1)(12 * DAYS_PER_CALENDAR_MONTH)).toBeCloseTo(12, 12);
  });

  test("rejects a retention outside 0..1", () => {
    expect(() => retentionPurchaseCurve(1.2)).toThrow(/between 0 and 1/);
  });
});

describe("cumulativeContinuation", () => {
  test("a single customer whose value is E[Y(H)] follows E[Y(t)] exactly", () => {
    const horizonDays = 12 * 4.345 * 7;
    const curve = conditionalPurchaseCurve(paretonbd, 2, 30.43, 38.86);
    const boundaries = [10, 40, 100, 200, horizonDays];
    const continuation = cumulativeContinuation([{ curve, valueOverHorizon: curve(horizonDays) }], horizonDays, boundaries);
    boundaries.forEach((days, k) => expect(continuation[k]).toBeCloseTo(paretonbd.conditionalExpectedPurchases(2, 30.43, 38.86, days / 7), 10));
  });

  test("the increments over the periods add up to the horizon total, whatever the boundaries", () => {
    const horizonDays = 365;
    const groups = [
      { curve: conditionalPurchaseCurve(bgnbd, 0, 0, 20), valueOverHorizon: 1234 },
      { curve: conditionalPurchaseCurve(bgnbd, 4, 18, 20), valueOverHorizon: 5678 },
      { curve: retentionPurchaseCurve(0.7), valueOverHorizon: 90 },
    ];
    const boundaries = [17, 47, 78, 108, 139, 169, 200, 231, 261, 292, 322, 353, 384];
    const continuation = cumulativeContinuation(groups, horizonDays, boundaries);
    const increments = continuation.map((value, k) => value - (k === 0 ? 0 : continuation[k - 1]!));
    expect(increments.every((increment) => increment >= 0)).toBe(true);
    expect(increments.reduce((sum, increment) => sum + increment, 0)).toBeCloseTo(1234 + 5678 + 90, 8);
  });

  test("nothing expected: the value is spread evenly; before the analysis date nothing accrues", () => {
    expect(cumulativeContinuation([{ curve: () => 0, valueOverHorizon: 100 }], 10, [-3, 5, 10])).toEqual([0, 50, 100]);
  });

  test("rejects a horizon that is not positive", () => {
    expect(() => cumulativeContinuation([], 0, [])).toThrow(/horizon/);
  });
});
