import { describe, expect, test } from "vitest";
import { InsufficientDataError } from "@/lib/clv/errors";
import { estimateRetention, simpleFormulaPredictions } from "./simple-formula";

describe("simple formula", () => {
  test("retention: the share of last year's earlier buyers who bought again, as a yearly rate", () => {
    // 20 customers bought in the first year (days 0..364 of a 730-day history); 15 of them again in the second.
    const customer: number[] = [];
    const day: number[] = [];
    for (let c = 0; c < 20; c++) {
      customer.push(c);
      day.push(10 + c);
      if (c < 15) {
        customer.push(c);
        day.push(400 + c);
      }
    }
    const retention = estimateRetention({ customer, day }, 20, 0, 729);
    expect(retention.windowDays).toBe(365);
    expect(retention.base).toBe(20);
    expect(retention.retained).toBe(15);
    expect(retention.rateYearly).toBeCloseTo(0.75 ** (365.25 / 365), 12);
    expect(retention.standardError).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 20), 3);
  });

  test("too little data is a named error", () => {
    expect(() => estimateRetention({ customer: [0], day: [0] }, 1, 0, 40)).toThrow(InsufficientDataError);
    expect(() => estimateRetention({ customer: [0, 0], day: [0, 400] }, 1, 0, 729)).toThrow(/at least 10 customers/);
  });

  test("order value × purchases per year × retention over the horizon", () => {
    // Six purchases of €40 in three years: two a year; retention 1, no discounting: 12 months = 2 purchases.
    const result = simpleFormulaPredictions({ purchaseDays: [6], firstDay: [0], revenue: [240], asOfDay: 1095 }, 1, { horizonMonths: 12, discountRateMonthly: 0 });
    expect(result.averageOrderValue[0]).toBe(40);
    expect(result.expectedPurchases[0]).toBeCloseTo(6 / (1096 / 365.25), 12); // age 1,096 days
    expect(result.discountedPurchases[0]).toBeCloseTo(result.expectedPurchases[0]!, 12);
    expect(result.probabilityAlive).toBeNull();
    // One purchase is expected after about half a year.
    expect(result.daysToNextPurchase[0]! / (365.25 / 12)).toBeCloseTo(6, 0);
  });

  test("a new customer is not extrapolated from a single recent purchase (age at least a year)", () => {
    const result = simpleFormulaPredictions({ purchaseDays: [1], firstDay: [995], revenue: [50], asOfDay: 1000 }, 0.5, { horizonMonths: 12, discountRateMonthly: 0 });
    expect(result.expectedPurchases[0]).toBeLessThan(1);
  });
});
