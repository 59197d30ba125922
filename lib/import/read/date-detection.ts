/**
 * Decides the date format of a column from a sample of its values, and says when the sample cannot
 * tell (`03/04/2025` is 3 April in the Netherlands and March 4 in the United States) so the user chooses.
 */
import { DATE_FORMATS, parseDate, type DateFormat } from "./date-format";

export interface DetectedDateFormat {
  /** The suggested format, or `null` when no format reads at least half of the sample. */
  format: DateFormat | null;
  /**
   * True when several formats read the whole sample but give different dates: the user must choose
   * among `candidates`.
   */
  ambiguous: boolean;
  /** The formats that read the most values, in order of preference (Dutch day-month before month-day). */
  candidates: DateFormat[];
  /** Share (0..1) of the non-empty sample values that the suggested format reads. */
  matchedShare: number;
  /** Up to three sample values the suggested format does not read (or every format fails on). */
  unreadableExamples: string[];
}

const MIN_SHARE = 0.5;

/**
 * Tries every format on the non-empty values and keeps those that read the most (future and impossible
 * dates count as not read). Excel day numbers are only considered when every value is one (5 digits).
 *
 * @example detectDateFormat(["23-11-2025", "01-12-2025"], { today: "2026-01-01" }).format // "DD-MM-YYYY"
 * @example detectDateFormat(["03/04/2025", "05/06/2025"], { today: "2026-01-01" }).candidates // ["DD/MM/YYYY", "MM/DD/YYYY"]
 */
export function detectDateFormat(samples: string[], options: { today: string }): DetectedDateFormat {
  const values = samples.map((sample) => sample.trim()).filter((sample) => sample !== "");
  if (values.length === 0) return { format: null, ambiguous: false, candidates: [], matchedShare: 0, unreadableExamples: [] };
  const serialOnly = values.every((value) => /^\d{5}(?:[.,]\d+)?$/.test(value));
  const readings = DATE_FORMATS.filter((format) => format !== "EXCEL_SERIAL" || serialOnly).map((format) => ({
    format,
    results: values.map((value) => parseDate(value, format, options)),
  }));
  const counts = readings.map((reading) => reading.results.filter((result) => result.ok).length);
  const best = Math.max(...counts);
  const winners = readings.filter((_, index) => counts[index] === best);
  const matchedShare = best / values.length;
  if (best === 0 || matchedShare < MIN_SHARE) {
    return { format: null, ambiguous: false, candidates: [], matchedShare, unreadableExamples: values.slice(0, 3) };
  }
  const chosen = winners[0]!;
  const differs = winners.slice(1).some((other) =>
    other.results.some((result, index) => {
      const mine = chosen.results[index]!;
      return result.ok !== mine.ok || (result.ok && mine.ok && result.value !== mine.value);
    }),
  );
  const unreadableExamples = values.filter((_, index) => !chosen.results[index]!.ok).slice(0, 3);
  return {
    format: chosen.format,
    ambiguous: differs,
    candidates: winners.map((winner) => winner.format),
    matchedShare,
    unreadableExamples,
  };
}
