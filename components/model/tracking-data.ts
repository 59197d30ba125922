/** The tracking plot's rows from a snapshot's stored series (pure). */
import { dayNumberFromIso, isoFromDayNumber } from "@/lib/clv/iso-date";
import type { ModelValidationFigures } from "@/lib/scoring/types";

export interface TrackingRow {
  /** 1-based week number since the first purchase week. */
  week: number;
  /** Last day of the week (ISO). */
  weekEnd: string;
  actual: number;
  expected: number;
  cumulativeActual: number;
  cumulativeExpected: number;
}

/** The stored weekly series of a snapshot's holdout (what the chart receives; it builds its rows itself). */
export type Tracking = NonNullable<NonNullable<ModelValidationFigures["holdout"]>["tracking"]>;

/**
 * Weekly and cumulative repeat purchases, actual and expected, week by week.
 *
 * @example trackingRows({ firstWeekEnd: "2024-07-07", actual: [1, 2], expected: [1.5, 1.5], ... })[1] // { week: 2, weekEnd: "2024-07-14", cumulativeActual: 3, cumulativeExpected: 3, ... }
 */
export function trackingRows(tracking: Tracking): TrackingRow[] {
  const first = dayNumberFromIso(tracking.firstWeekEnd, "first week end");
  let actual = 0;
  let expected = 0;
  return tracking.actual.map((value, i) => {
    actual += value;
    expected += tracking.expected[i] ?? 0;
    return {
      week: i + 1,
      weekEnd: isoFromDayNumber(first + 7 * i),
      actual: value,
      expected: Math.round((tracking.expected[i] ?? 0) * 100) / 100,
      cumulativeActual: actual,
      cumulativeExpected: Math.round(expected * 10) / 10,
    };
  });
}

/** Totals over the holdout weeks (after `calibrationWeeks`) and over everything. */
export function trackingTotals(rows: TrackingRow[], calibrationWeeks: number) {
  const holdout = rows.slice(calibrationWeeks);
  return {
    holdoutActual: holdout.reduce((sum, row) => sum + row.actual, 0),
    holdoutExpected: holdout.reduce((sum, row) => sum + row.expected, 0),
    cumulativeActual: rows.at(-1)?.cumulativeActual ?? 0,
    cumulativeExpected: rows.at(-1)?.cumulativeExpected ?? 0,
  };
}

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten at or above `value`: a round top for the axis. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const multiple of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (multiple * power >= value) return multiple * power;
  return 10 * power;
}

/** Ticks from 0 to `top` in 5, 4, 3 or 2 equal steps of a round size (1, 1.5, 2, 2.5, 3 or 5 × a power of ten). */
export function axisTicks(top: number): number[] {
  const round = (step: number) => {
    const mantissa = step / 10 ** Math.floor(Math.log10(step));
    return [1, 1.5, 2, 2.5, 3, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
  };
  const steps = [5, 4, 3, 2].find((n) => round(top / n)) ?? 1;
  return Array.from({ length: steps + 1 }, (_, i) => (top / steps) * i);
}
