import { describe, expect, test } from "vitest";
import { bgnbdModel } from "./bg-nbd";
import { monthlyClv } from "./clv";
import { paretoNbdModel } from "./pareto-nbd-predictions";
import { discountFactors, expectedPurchasesCurve, monthsToFirstPurchase, predictPurchases } from "./predict-purchases";

// CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie's Pareto/NBD note), in weeks.
const bgnbd = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const pareto = paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 });
const customers = { x: [0, 2, 2, 7, 0], tx: [0, 30.43, 30.43, 35.1, 0], T: [38.86, 38.86, 38.86, 38.86, 10] };

describe("purchase predictions", () => {
  test("the Pareto/NBD closed-form curve equals the engine's E[Y(t)] month by month", () => {
    const out = new Float64Array(24);
    for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86], [14, 37, 38.86]] as const) {
      expectedPurchasesCurve(pareto, x, tx, T, pareto.probabilityAlive(x, tx, T), 4.345, out);
      out.forEach((value, i) => expect(value).toBeCloseTo(pareto.conditionalExpectedPurchases(x, tx, T, (i + 1) * 4.345), 12));
    }
  });

  test("the curve also holds at s = 1 (the logarithmic limit)", () => {
    const model = paretoNbdModel({ r: 0.5, alpha: 10, s: 1, beta: 12 });
    const out = new Float64Array(3);
    expectedPurchasesCurve(model, 1, 5, 20, model.probabilityAlive(1, 5, 20), 4.345, out);
    out.forEach((value, i) => expect(value).toBeCloseTo(model.conditionalExpectedPurchases(1, 5, 20, (i + 1) * 4.345), 10));
  });

  test.each([
    ["BG/NBD", bgnbd],
    ["Pareto/NBD", pareto],
  ])("%s: discounted purchases × spend reproduce lib/clv's monthly-sum CLV", (_, model) => {
    const predictions = predictPurchases(customers, model, { unit: "week", horizonMonths: 12, discountRateMonthly: 0.01 });
    customers.x.forEach((x, i) => {
      const expected = monthlyClv(model, x, customers.tx[i]!, customers.T[i]!, 25, { unit: "week", horizonMonths: 12, discountRateMonthly: 0.01 });
      expect(predictions.discountedPurchases[i]! * 25).toBeCloseTo(expected, 9);
      expect(predictions.expectedPurchases[i]).toBeCloseTo(model.conditionalExpectedPurchases(x, customers.tx[i]!, customers.T[i]!, 12 * 4.345), 12);
      expect(predictions.probabilityAlive![i]).toBeCloseTo(model.probabilityAlive(x, customers.tx[i]!, customers.T[i]!), 12);
    });
    // Identical customers get identical predictions.
    expect(predictions.discountedPurchases[1]).toBe(predictions.discountedPurchases[2]);
  });

  test("next purchase: when the expected purchases reach one, within the horizon", () => {
    expect(monthsToFirstPurchase([0.4, 0.9, 1.4])).toBeCloseTo(2.2, 12);
    expect(monthsToFirstPurchase([1.5])).toBeCloseTo(2 / 3, 12);
    expect(monthsToFirstPurchase([0.2, 0.3])).toBeNaN();
    const predictions = predictPurchases(customers, bgnbd, { unit: "week", horizonMonths: 12, discountRateMonthly: 0 });
    // A frequent recent buyer is expected back within weeks; a one-time buyer of long ago not within a year.
    expect(predictions.daysToNextPurchase[3]).toBeGreaterThan(0);
    expect(predictions.daysToNextPurchase[3]).toBeLessThan(60);
    expect(predictions.daysToNextPurchase[0]).toBeNaN();
  });

  test("discount factors", () => {
    expect([...discountFactors(3, 0.1)].map((f) => Number(f.toFixed(6)))).toEqual([0.909091, 0.826446, 0.751315]);
  });
});
