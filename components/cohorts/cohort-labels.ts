import { periodParts, type CohortPeriod } from "@/lib/analysis/cohort-periods";
import { formatMonth } from "@/lib/format";

/** A cohort's name for people: "Jul 2024" for a month, "Q3 2024" (from the catalogue) for a quarter. */
export function cohortLabel(index: number, period: CohortPeriod, locale: string, quarterLabel: (parts: { quarter: number; year: number }) => string): string {
  const { year, number } = periodParts(index, period);
  if (period === "month") return formatMonth(`${year}-${String(number).padStart(2, "0")}`, { locale });
  return quarterLabel({ quarter: number, year });
}
