/**
 * The quadrant map: CLV (y) against relationship length (x), each split at a threshold (the median
 * customer by default, or a fixed value from the settings). Reinartz & Kumar's profitability-against-
 * lifetime-duration matrix (Journal of Marketing 2000; Harvard Business Review 2002).
 * - CLV is the measure the tiers rank by (`tierMeasure`: predicted, historic or total CLV), in cents.
 * - Relationship length is what the settings define (relationship-lengths.ts): by default from the first
 *   purchase to the day P(alive) falls (or is projected to fall) below the cutoff.
 * The rule: a relationship that has ended (P(alive) below the cutoff now, or no purchase for longer than the
 * inactivity setting) is on the short side, whatever its length, so a customer who has in all likelihood left
 * is never in a long-relationship quadrant. The median threshold is therefore the median length of the
 * relationships still running: it splits the customers who can be long in two.
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

/**
 * Where a long relationship starts, in days: the fixed setting, or the median length of the relationships
 * that have not ended (`ended[i]` = 1; all of them when `ended` is left out or every relationship has ended).
 *
 * @example thresholdDays({ mode: "median" }, [100, 900, 300, 200], [0, 1, 0, 0]) // 200
 */
export function thresholdDays(threshold: DurationThreshold, relationshipDays: ArrayLike<number>, ended?: ArrayLike<number>): number {
  if (threshold.mode === "fixed") return threshold.days;
  if (!ended) return median(relationshipDays);
  const running: number[] = [];
  for (let i = 0; i < relationshipDays.length; i++) if (!ended[i]) running.push(relationshipDays[i]!);
  return median(running.length > 0 ? running : relationshipDays);
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
 * Quadrant of every customer, as an index into QUADRANT_ORDER. A relationship that has ended (`ended[i]` = 1)
 * is short whatever its length.
 *
 * @example assignQuadrants([400, 20], [10, 9000], 100, 5000) // Uint8Array [2, 1] ("low-long", "high-short")
 * @example assignQuadrants([400, 400], [10, 10], 100, 5000, [0, 1]) // Uint8Array [2, 3] ("low-long", "low-short": ended)
 */
export function assignQuadrants(
  relationshipDays: ArrayLike<number>,
  clvCents: ArrayLike<number>,
  daysThreshold: number,
  clvThreshold: number,
  ended?: ArrayLike<number>,
): Uint8Array {
  const n = relationshipDays.length;
  const quadrants = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const long = relationshipDays[i]! >= daysThreshold && !ended?.[i];
    const high = clvCents[i]! >= clvThreshold;
    quadrants[i] = high ? (long ? HIGH_LONG : HIGH_SHORT) : long ? LOW_LONG : LOW_SHORT;
  }
  return quadrants;
}
