/**
 * Customer lifetime value: the model-based discounted value over a horizon in months (the monthly-sum
 * method of Python lifetimes' `customer_lifetime_value`, so numbers can be compared with it), the simple
 * formula marketers know, and historic value to date.
 */
import { InvalidInputError } from "./errors";
import type { PurchaseModel, TimeUnit } from "./types";

/**
 * Time units per month as Python lifetimes counts them (`customer_lifetime_value`'s `freq` factor:
 * `{"W": 4.345, "M": 1.0, "D": 30, "H": 720}`): a month is 30 days, 4.345 weeks, or 1 month. Note this is
 * lifetimes' convention and differs slightly from our summary's month of 30.4375 days; we reproduce it
 * exactly so that results match lifetimes.
 */
export const LIFETIMES_UNITS_PER_MONTH: Record<TimeUnit, number> = { day: 30, week: 4.345, month: 1 };

export interface MonthlyClvOptions {
  /** The time unit of the model's parameters. */
  unit: TimeUnit;
  /** Horizon in months (whole number ≥ 1; default 12). */
  horizonMonths?: number;
  /** Discount rate per month (default 0.01). */
  discountRateMonthly?: number;
  /** Profit margin applied to the expected spend (default 1: amounts are already net value). */
  margin?: number;
}

/** Checked options with defaults filled in. */
export function monthlyClvSettings(options: MonthlyClvOptions): Required<MonthlyClvOptions> & { unitsPerMonth: number } {
  const horizonMonths = options.horizonMonths ?? 12;
  const discountRateMonthly = options.discountRateMonthly ?? 0.01;
  const margin = options.margin ?? 1;
  const unitsPerMonth = LIFETIMES_UNITS_PER_MONTH[options.unit];
  if (unitsPerMonth === undefined) throw new InvalidInputError(`unknown time unit "${options.unit}" (use day, week or month)`);
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1) throw new InvalidInputError(`horizon ${horizonMonths} must be a whole number of months ≥ 1`);
  if (!Number.isFinite(discountRateMonthly) || discountRateMonthly <= -1) throw new InvalidInputError(`monthly discount rate ${discountRateMonthly} must be a number > −1`);
  if (!Number.isFinite(margin)) throw new InvalidInputError(`margin ${margin} must be a finite number`);
  return { unit: options.unit, horizonMonths, discountRateMonthly, margin, unitsPerMonth };
}

/**
 * Σ_{i=1..H} (E[Y(i·f)] − E[Y((i−1)·f)]) / (1 + d)^i for one customer: the discounted expected purchases
 * over H months, where f is the number of time units per month (`LIFETIMES_UNITS_PER_MONTH`) and E[Y(t)]
 * the conditional expected purchases in (T, T + t]. Multiply by expected spend and margin for CLV.
 *
 * @example discountedExpectedPurchases(bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), 2, 30.43, 38.86, { unit: "week" }) // 1.4713603659571062 (CDNOW's published BG/NBD parameters)
 */
export function discountedExpectedPurchases(model: PurchaseModel, x: number, tx: number, T: number, options: MonthlyClvOptions): number {
  const { horizonMonths, discountRateMonthly, unitsPerMonth } = monthlyClvSettings(options);
  let total = 0;
  let previous = 0;
  for (let month = 1; month <= horizonMonths; month++) {
    const cumulative = model.conditionalExpectedPurchases(x, tx, T, month * unitsPerMonth);
    total += (cumulative - previous) / (1 + discountRateMonthly) ** month;
    previous = cumulative;
  }
  return total;
}

/**
 * Model-based CLV by the monthly-sum method of Python lifetimes (`GammaGammaFitter.customer_lifetime_value`):
 * Σ_{i=1..H} (E[Y(i·f)] − E[Y((i−1)·f)]) × expected spend × margin / (1 + d)^i.
 *
 * @example monthlyClv(bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), 2, 30.43, 38.86, 24.66, { unit: "week" }) // 36.283746624502236
 */
export function monthlyClv(model: PurchaseModel, x: number, tx: number, T: number, expectedSpend: number, options: MonthlyClvOptions): number {
  if (!Number.isFinite(expectedSpend)) throw new InvalidInputError(`expected spend ${expectedSpend} must be a finite number`);
  const { margin } = monthlyClvSettings(options);
  return discountedExpectedPurchases(model, x, tx, T, options) * expectedSpend * margin;
}

export interface SimpleClvInput {
  averageOrderValue: number;
  purchasesPerYear: number;
  lifespanYears: number;
  /** Profit margin (default 1). */
  margin?: number;
}

/**
 * The marketers' formula: average order value × purchases per year × expected lifespan in years × margin
 * (undiscounted; e.g. Gupta & Lehmann 2003, "Customers as assets", simplest form).
 *
 * @example simpleClv({ averageOrderValue: 40, purchasesPerYear: 3, lifespanYears: 2.5 }) // 300
 */
export function simpleClv(input: SimpleClvInput): number {
  const { averageOrderValue, purchasesPerYear, lifespanYears, margin = 1 } = input;
  for (const [name, value] of Object.entries({ averageOrderValue, purchasesPerYear, lifespanYears, margin })) {
    if (!Number.isFinite(value)) throw new InvalidInputError(`${name} ${value} must be a finite number`);
  }
  if (purchasesPerYear < 0) throw new InvalidInputError(`purchasesPerYear ${purchasesPerYear} must not be negative`);
  if (lifespanYears < 0) throw new InvalidInputError(`lifespanYears ${lifespanYears} must not be negative`);
  return averageOrderValue * purchasesPerYear * lifespanYears * margin;
}

/**
 * Expected lifespan in years from a yearly retention rate: 1 / (1 − retention), the mean of the
 * geometric number of years a customer stays (Berger & Nasr 1998, "Customer lifetime value", case 1).
 *
 * @example lifespanYearsFromRetention(0.6) // 2.5
 */
export function lifespanYearsFromRetention(retentionRateYearly: number): number {
  if (!(retentionRateYearly >= 0) || !(retentionRateYearly < 1)) throw new InvalidInputError(`yearly retention rate ${retentionRateYearly} must be in [0, 1)`);
  return 1 / (1 - retentionRateYearly);
}

/**
 * Historic CLV: net value to date, the sum of a customer's amounts times the margin.
 *
 * @example historicClv(350, 0.3) // 105
 */
export function historicClv(revenueToDate: number, margin = 1): number {
  if (!Number.isFinite(revenueToDate) || !Number.isFinite(margin)) throw new InvalidInputError("revenue and margin must be finite numbers");
  return revenueToDate * margin;
}
