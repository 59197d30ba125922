import { describe, expect, test } from "vitest";
import { isUncertain, purchaseModelReadings, readableDuration, spendModelReadings } from "./parameter-readings";

describe("parameter readings", () => {
  test.each([
    [1, { unit: "weeks", count: 1 }],
    [8.6, { unit: "weeks", count: 9 }],
    [12.4, { unit: "weeks", count: 12 }],
    [18.16, { unit: "months", count: 4 }],
    [100, { unit: "months", count: 23 }],
    [104.36, { unit: "years", count: 2 }],
    [300, { unit: "years", count: 5.7 }],
  ])("%d weeks read as %o", (weeks, duration) => {
    expect(readableDuration(weeks)).toEqual(duration);
  });

  test("BG/NBD on CDNOW: a purchase about every 4 months while active, a quarter stop after each repeat purchase", () => {
    const readings = purchaseModelReadings("bgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    expect(readings.map((reading) => reading.key)).toEqual(["purchaseRate", "rateSpread", "dropout"]);
    expect(readings[0]).toMatchObject({ duration: { unit: "months", count: 4 } });
    expect((readings[0] as { perYear: number }).perYear).toBeCloseTo((365.25 / 7) * (0.243 / 4.414), 10);
    expect(readings[1]).toMatchObject({ similar: false });
    expect((readings[2] as { share: number }).share).toBeCloseTo(0.793 / (0.793 + 2.426), 12);
    expect(purchaseModelReadings("mbgnbd", { r: 1, alpha: 5, a: 1, b: 3 }).map((reading) => reading.key)).toEqual(["purchaseRate", "rateSpread", "dropoutIncludingFirst"]);
  });

  test("Pareto/NBD: the lifetime at the mean drop-out rate and the share still active after a year", () => {
    const [, , lifetime] = purchaseModelReadings("paretonbd", { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 });
    expect(lifetime).toMatchObject({ key: "lifetime", duration: { unit: "months", count: 4 } });
    expect((lifetime as { activeAfterYear: number }).activeAfterYear).toBeCloseTo((11.67 / (11.67 + 365.25 / 7)) ** 0.606, 12);
  });

  test("Gamma-Gamma: the typical order value exists only when q > 1", () => {
    expect(spendModelReadings({ p: 6.25, q: 3.74, v: 15.44 })).toEqual([{ key: "orderValue", parameters: ["p", "q", "v"], amountCents: 3522 }]);
    expect(spendModelReadings({ p: 6.25, q: 0.9, v: 15.44 })).toEqual([{ key: "orderValueSpread", parameters: ["p", "q", "v"] }]);
  });

  test("the simple formula reads as yearly retention", () => {
    expect(purchaseModelReadings("simple", { retentionRateYearly: 0.4 })).toEqual([{ key: "retention", parameters: ["retentionRateYearly"], share: 0.4 }]);
  });

  test("a parameter is uncertain when its 95% interval reaches 0", () => {
    expect(isUncertain(1, 0.3)).toBe(false);
    expect(isUncertain(1, 0.6)).toBe(true);
    expect(isUncertain(1, undefined)).toBe(false);
  });
});
