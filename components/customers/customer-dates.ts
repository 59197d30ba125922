/** Dates and durations of the customer table, derived from a snapshot's analysis date. Pure. */

const DAY_MS = 86_400_000;

/** The ISO date `days` before `isoDate`: the last purchase is the analysis date minus days since it. */
export function daysBefore(isoDate: string, days: number): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(time) ? "" : new Date(time - days * DAY_MS).toISOString().slice(0, 10);
}

/** A relationship length in the largest unit that reads well: days under 2 months, months under 2 years, then years. */
export function relationshipParts(days: number): { unit: "days" | "months" | "years"; count: number } {
  if (days < 61) return { unit: "days", count: Math.max(0, Math.round(days)) };
  if (days < 730) return { unit: "months", count: Math.floor(days / 30.4375) };
  return { unit: "years", count: Math.round((days / 365.25) * 10) / 10 };
}
