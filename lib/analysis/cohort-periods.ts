/**
 * Calendar periods of the cohort view: months and quarters numbered as integers so that "periods since
 * acquisition" is a subtraction. A month's index is `year * 12 + (month - 1)`, a quarter's
 * `year * 4 + (quarter - 1)`; a month index becomes a quarter index with `Math.floor(month / 3)`.
 * Pure: no database, no React.
 */
import { dayNumberFromCivil, isoFromDayNumber } from "@/lib/clv/iso-date";

export type CohortPeriod = "month" | "quarter";
export const COHORT_PERIODS: readonly CohortPeriod[] = ["month", "quarter"];

/** Above this many months of history the view starts in quarters (more than ~24 monthly cohorts do not read). */
export const MONTHS_BEFORE_QUARTERS = 24;

/**
 * The month index of an ISO date: `monthIndexOfDate("2024-07-15")` gives 24294 (2024 × 12 + 6).
 */
export function monthIndexOfDate(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** A month index in the period's numbering: `periodOfMonth(24294, "quarter")` gives 8098 (2024 Q3). */
export function periodOfMonth(monthIndex: number, period: CohortPeriod): number {
  return period === "month" ? monthIndex : Math.floor(monthIndex / 3);
}

/** The period index of an ISO date. */
export function periodIndexOfDate(isoDate: string, period: CohortPeriod): number {
  return periodOfMonth(monthIndexOfDate(isoDate), period);
}

/** The first month index of a period. */
function firstMonth(index: number, period: CohortPeriod): number {
  return period === "month" ? index : index * 3;
}

/** Day number (days since 1970-01-01) of the first day of a period. */
export function periodStartDay(index: number, period: CohortPeriod): number {
  const month = firstMonth(index, period);
  return dayNumberFromCivil(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** Day number of the last day of a period: `isoFromDayNumber(periodEndDay(8098, "quarter"))` is "2024-09-30". */
export function periodEndDay(index: number, period: CohortPeriod): number {
  return periodStartDay(index + 1, period) - 1;
}

/** ISO date of the last day of a period. */
export function periodEndDate(index: number, period: CohortPeriod): string {
  return isoFromDayNumber(periodEndDay(index, period));
}

/**
 * A stable key for a period, used in the URL and as a React key: `2024-07` for a month, `2024-Q3` for a
 * quarter.
 */
export function periodKey(index: number, period: CohortPeriod): string {
  if (period === "month") return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The year and the month (1..12) or quarter (1..4) of a period, for labels. */
export function periodParts(index: number, period: CohortPeriod): { year: number; number: number } {
  const perYear = period === "month" ? 12 : 4;
  return { year: Math.floor(index / perYear), number: (index % perYear) + 1 };
}

/** The `period` URL parameter: `month` or `quarter`, or undefined when absent or unknown. */
export function parseCohortPeriod(value: string | undefined): CohortPeriod | undefined {
  return value === "month" || value === "quarter" ? value : undefined;
}

/**
 * The period the view starts in when the URL does not say: months for up to 24 months of history
 * (first purchase to the analysis date, both months counted), quarters beyond, so the table stays readable.
 *
 * @example defaultCohortPeriod("2024-07-01", "2026-06-30") // "month" (24 months)
 * @example defaultCohortPeriod("2023-01-05", "2026-02-14") // "quarter" (38 months)
 */
export function defaultCohortPeriod(firstPurchaseDate: string, asOfDate: string): CohortPeriod {
  if (!firstPurchaseDate || !asOfDate) return "month";
  const months = monthIndexOfDate(asOfDate) - monthIndexOfDate(firstPurchaseDate) + 1;
  return months > MONTHS_BEFORE_QUARTERS ? "quarter" : "month";
}
