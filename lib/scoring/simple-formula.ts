/**
 * The simple CLV formula marketers know, per customer: average order value × purchases per year ×
 * retention over the horizon (Berger & Nasr 1998, "Customer lifetime value: marketing models and
 * applications", case 1: a constant yearly retention rate r, so a customer is still there after m months
 * with probability r^(m/12)). No P(alive): the formula does not look at recency.
 *
 * - purchases per year: the customer's purchase days / their age in years (at least one year, so a
 *   customer of last week is not extrapolated from a single purchase);
 * - retention: of the customers who bought in the window before the last one, the share that bought again
 *   in the last window (windows of a year, or half the history when that is shorter), as a yearly rate.
 */
import { InsufficientDataError } from "@/lib/clv/errors";
import { discountFactors, monthsToFirstPurchase, type HorizonOptions, type PurchasePredictions } from "../clv/predict-purchases";

export const SIMPLE_FORMULA_MINIMUM_BASE = 10;

export interface RetentionEstimate {
  rateYearly: number;
  standardError: number;
  windowDays: number;
  /** Customers who bought in the earlier window, and how many of them bought again in the last. */
  base: number;
  retained: number;
}

/**
 * Yearly retention from purchase days by customer. `firstDay`/`lastDay` are the data's first purchase and
 * the analysis date (day numbers); rows after the analysis date are ignored.
 *
 * @example estimateRetention({ customer: [...Array(10).keys(), 0, 1, 2, 3, 4], day: [...Array(10).fill(10), ...Array(5).fill(400)] }, 10, 0, 729).rateYearly // 0.49976 (5 of the 10 who bought in year 1 bought again in year 2: 0.5^(365.25/365))
 * @example estimateRetention({ customer: [0, 0, 1], day: [0, 400, 10] }, 2, 0, 729) // throws: The simple formula needs at least 10 customers who bought in the 365 days before the last 365 days; got 2
 */
export function estimateRetention(rows: { customer: ArrayLike<number>; day: ArrayLike<number>; rows?: number }, customers: number, firstDay: number, lastDay: number): RetentionEstimate {
  const historyDays = lastDay - firstDay + 1;
  const windowDays = Math.min(365, Math.floor(historyDays / 2));
  if (windowDays < 28) {
    throw new InsufficientDataError(`The simple formula needs at least 8 weeks of purchases to estimate retention; the data cover ${historyDays} days`, 56, historyDays);
  }
  const lastWindowStart = lastDay - windowDays + 1;
  const earlierWindowStart = lastWindowStart - windowDays;
  const seen = new Uint8Array(customers); // bit 1: bought in the earlier window, bit 2: in the last
  const count = rows.rows ?? rows.customer.length;
  for (let i = 0; i < count; i++) {
    const day = rows.day[i]!;
    if (day > lastDay || day < earlierWindowStart) continue;
    seen[rows.customer[i]!]! |= day >= lastWindowStart ? 2 : 1;
  }
  let base = 0;
  let retained = 0;
  for (let c = 0; c < customers; c++) {
    if (seen[c]! & 1) {
      base++;
      if (seen[c]! & 2) retained++;
    }
  }
  if (base < SIMPLE_FORMULA_MINIMUM_BASE) {
    throw new InsufficientDataError(
      `The simple formula needs at least ${SIMPLE_FORMULA_MINIMUM_BASE} customers who bought in the ${windowDays} days before the last ${windowDays} days; got ${base}`,
      SIMPLE_FORMULA_MINIMUM_BASE,
      base,
    );
  }
  const rateWindow = retained / base;
  const exponent = 365.25 / windowDays;
  const rateYearly = Math.min(rateWindow ** exponent, 0.999);
  const seWindow = Math.sqrt((rateWindow * (1 - rateWindow)) / base);
  const standardError = rateWindow > 0 ? exponent * rateWindow ** (exponent - 1) * seWindow : 0;
  return { rateYearly, standardError, windowDays, base, retained };
}

export interface SimpleFormulaInput {
  purchaseDays: ArrayLike<number>;
  firstDay: ArrayLike<number>;
  /** Revenue of the customer's purchases to date (currency units). */
  revenue: ArrayLike<number>;
  asOfDay: number;
}

/** Predictions of the simple formula, plus each customer's own average order value. */
export function simpleFormulaPredictions(
  input: SimpleFormulaInput,
  retentionYearly: number,
  options: Pick<HorizonOptions, "horizonMonths" | "discountRateMonthly">,
): PurchasePredictions & { averageOrderValue: Float64Array } {
  const n = input.purchaseDays.length;
  const discount = discountFactors(options.horizonMonths, options.discountRateMonthly);
  const survival = Float64Array.from({ length: options.horizonMonths }, (_, i) => retentionYearly ** ((i + 1) / 12));
  const monthDays = 365.25 / 12;
  const expectedPurchases = new Float64Array(n);
  const discountedPurchases = new Float64Array(n);
  const daysToNextPurchase = new Float64Array(n);
  const averageOrderValue = new Float64Array(n);
  const cumulative = new Float64Array(options.horizonMonths);
  for (let i = 0; i < n; i++) {
    const purchases = input.purchaseDays[i]!;
    const ageYears = Math.max((input.asOfDay - input.firstDay[i]! + 1) / 365.25, 1);
    const perMonth = purchases / ageYears / 12;
    let total = 0;
    let discounted = 0;
    for (let m = 0; m < options.horizonMonths; m++) {
      const month = perMonth * survival[m]!;
      total += month;
      discounted += month * discount[m]!;
      cumulative[m] = total;
    }
    expectedPurchases[i] = total;
    discountedPurchases[i] = discounted;
    daysToNextPurchase[i] = monthsToFirstPurchase(cumulative) * monthDays;
    averageOrderValue[i] = purchases > 0 ? input.revenue[i]! / purchases : 0;
  }
  return { probabilityAlive: null, expectedPurchases, discountedPurchases, daysToNextPurchase, averageOrderValue };
}
