/**
 * Scales and ticks of the quadrant map (pure: no React, no DOM), so they can be tested on their own.
 * x is relationship duration in days, shown in months or years; y is CLV in cents, linear or log.
 */

export const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_YEAR = 365.25;

/** The log scale's floor when no customer has a positive CLV (one currency unit). */
export const LOG_FLOOR_CENTS = 100;

/**
 * The smallest CLV the log scale shows: the power of ten at or below the 2nd percentile of the positive
 * values (and at or below `thresholdCents`, so the threshold line is always on the plot), at least one cent.
 * Lower values (zero and negative CLV included) are drawn on the floor line. Spreads the low quadrants'
 * points over the height instead of piling them on a fixed €1 line.
 *
 * @example logFloorCents([3, 3, 40, 140, 240], 100) // 1
 */
export function logFloorCents(values: ArrayLike<number>, thresholdCents = Number.POSITIVE_INFINITY): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) count++;
  if (count === 0) return Math.min(LOG_FLOOR_CENTS, thresholdCents > 0 ? 10 ** Math.floor(Math.log10(thresholdCents)) : LOG_FLOOR_CENTS);
  // A typed array sorts numerically without a comparator: several times faster for a map's thousands of points.
  const positive = new Float64Array(count);
  for (let i = 0, at = 0; i < values.length; i++) if (values[i]! > 0) positive[at++] = values[i]!;
  positive.sort();
  let low = positive[Math.floor(0.02 * (positive.length - 1))]!;
  if (thresholdCents > 0) low = Math.min(low, thresholdCents);
  return Math.max(1, 10 ** Math.floor(Math.log10(low)));
}

/** A step of 1, 2 or 5 times a power of ten that gives about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * A domain widened to whole steps, and its ticks.
 *
 * @example niceLinear(-1234, 98765, 5) // { min: -20000, max: 100000, ticks: [-20000, 0, 20000, 40000, 60000, 80000, 100000] }
 */
export function niceLinear(min: number, max: number, count = 5): { min: number; max: number; ticks: number[] } {
  if (min === max) {
    max = min + 1;
    min = Math.min(0, min);
  }
  const step = niceStep(max - min, count);
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = low; value <= high + step / 2; value += step) ticks.push(Math.round(value / step) * step);
  return { min: low, max: high, ticks };
}

/**
 * Log domain from the floor up to the first 1, 2 or 5 times a power of ten at or above `max`, with a tick
 * at every power of ten and at the top.
 *
 * @example niceLog(100, 250000) // { min: 100, max: 500000, ticks: [100, 1000, 10000, 100000, 500000] }
 */
export function niceLog(floor: number, max: number): { min: number; max: number; ticks: number[] } {
  const low = 10 ** Math.floor(Math.log10(floor));
  const top = Math.max(max, low * 10);
  const power = 10 ** Math.floor(Math.log10(top));
  const high = [1, 2, 5, 10].map((factor) => factor * power).find((value) => value >= top * 0.9999)!;
  const ticks: number[] = [];
  for (let value = low; value <= high * 1.0001; value *= 10) ticks.push(Math.round(value));
  if (ticks[ticks.length - 1] !== Math.round(high)) ticks.push(Math.round(high));
  return { min: low, max: high, ticks };
}

/** Ticks of the duration axis: whole years for long histories, whole months (every 1, 3, 6) otherwise. */
export function durationTicks(maxDays: number): { unit: "month" | "year"; max: number; ticks: { days: number; count: number }[] } {
  if (maxDays > 2 * DAYS_PER_YEAR) {
    const years = Math.ceil(maxDays / DAYS_PER_YEAR);
    const every = years > 12 ? 5 : years > 6 ? 2 : 1;
    const top = Math.ceil(years / every) * every;
    const ticks = [];
    for (let count = 0; count <= top; count += every) ticks.push({ days: count * DAYS_PER_YEAR, count });
    return { unit: "year", max: top * DAYS_PER_YEAR, ticks };
  }
  const months = Math.max(1, Math.ceil(maxDays / DAYS_PER_MONTH));
  const every = months > 12 ? 6 : months > 6 ? 3 : 1;
  const top = Math.ceil(months / every) * every;
  const ticks = [];
  for (let count = 0; count <= top; count += every) ticks.push({ days: count * DAYS_PER_MONTH, count });
  return { unit: "month", max: top * DAYS_PER_MONTH, ticks };
}

/** Maps a value of [d0, d1] onto [r0, r1], linearly or on a log scale (values below d0 clamp to d0). */
export function scaler(d0: number, d1: number, r0: number, r1: number, log = false): (value: number) => number {
  if (log) {
    const l0 = Math.log10(d0);
    const span = Math.log10(d1) - l0 || 1;
    return (value) => r0 + ((Math.log10(Math.max(value, d0)) - l0) / span) * (r1 - r0);
  }
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * How long someone has been a customer, as the tooltip says it: days under two months, months under two
 * years, then years to one decimal.
 */
export function durationParts(days: number): { unit: "days" | "months" | "years"; count: number } {
  if (days < 2 * DAYS_PER_MONTH) return { unit: "days", count: Math.round(days) };
  if (days < 2 * DAYS_PER_YEAR) return { unit: "months", count: Math.round(days / DAYS_PER_MONTH) };
  return { unit: "years", count: Math.round((days / DAYS_PER_YEAR) * 10) / 10 };
}
