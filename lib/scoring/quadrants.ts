/**
 * The quadrant map: CLV (y) against relationship duration (x), each split at a threshold (the median
 * customer by default, or a fixed value from the settings).
 * - CLV is the measure the tiers rank by (`tierMeasure`: predicted, historic or total CLV), in cents.
 * - Relationship duration is the number of days from a customer's first purchase to the analysis date
 *   (how long they have been a customer), not first to last purchase: a customer who bought twice long
 *   ago and then stopped has a long relationship that has gone quiet, which is what the map shows.
 * "High" and "long" mean at or above the threshold, so a customer exactly on a threshold line is always on
 * the high / long side and the split does not depend on the order of the customers.
 */
import { QUADRANT_KEYS, type ClvThreshold, type DurationThreshold, type QuadrantKey } from "@/lib/settings/schema";

/**
 * The median of the values (the mean of the two middle values for an even count); 0 for no values.
 * With distinct values exactly half of them are at or above it (for an even count).
 *
 * @example median([3, 1, 2]) // 2
 * @example median([4, 1, 2, 3]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const middle = n >> 1;
  return n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Where a long relationship starts, in days, for the customers' relationship days. */
export function thresholdDays(threshold: DurationThreshold, relationshipDays: ArrayLike<number>): number {
  return threshold.mode === "fixed" ? threshold.days : median(relationshipDays);
}

/** Where a high CLV starts, in cents, for the customers' CLV (cents). */
export function thresholdClvCents(threshold: ClvThreshold, clvCents: ArrayLike<number>): number {
  return threshold.mode === "fixed" ? threshold.amountCents : median(clvCents);
}

/** Position of each quadrant key in the columnar result of `assignQuadrants` (and in the summary). */
export const QUADRANT_ORDER: readonly QuadrantKey[] = QUADRANT_KEYS;

const HIGH_LONG = QUADRANT_ORDER.indexOf("high-long");
const HIGH_SHORT = QUADRANT_ORDER.indexOf("high-short");
const LOW_LONG = QUADRANT_ORDER.indexOf("low-long");
const LOW_SHORT = QUADRANT_ORDER.indexOf("low-short");

/**
 * Quadrant of every customer, as an index into QUADRANT_ORDER.
 *
 * @example assignQuadrants([400, 20], [10, 9000], 100, 5000) // Uint8Array [2, 1] ("low-long", "high-short")
 */
export function assignQuadrants(relationshipDays: ArrayLike<number>, clvCents: ArrayLike<number>, daysThreshold: number, clvThreshold: number): Uint8Array {
  const n = relationshipDays.length;
  const quadrants = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const long = relationshipDays[i]! >= daysThreshold;
    const high = clvCents[i]! >= clvThreshold;
    quadrants[i] = high ? (long ? HIGH_LONG : HIGH_SHORT) : long ? LOW_LONG : LOW_SHORT;
  }
  return quadrants;
}
