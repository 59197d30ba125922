/**
 * The value quadrants: historic value (what a customer was worth so far) against predicted value (what
 * they are expected to be worth over the horizon), each split at a threshold (the median customer by
 * default, or a fixed amount). "High" means at or above the threshold.
 */
import type { QuadrantKey, QuadrantThreshold } from "@/lib/settings/schema";

/**
 * The median of the values (the mean of the two middle values for an even count); 0 for no values.
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

/** The threshold in cents for the values (cents) of one axis. */
export function thresholdCents(threshold: QuadrantThreshold, valuesCents: ArrayLike<number>): number {
  return threshold.mode === "fixed" ? threshold.amountCents : median(valuesCents);
}

/** Position of each quadrant key in the columnar result of `assignQuadrants`. */
export const QUADRANT_ORDER: readonly QuadrantKey[] = ["high-high", "low-high", "low-low", "high-low"];

/**
 * Quadrant of every customer, as an index into QUADRANT_ORDER.
 *
 * @example assignQuadrants([10, 0], [0, 10], 5, 5) // Uint8Array [3, 1] ("high-low", "low-high")
 */
export function assignQuadrants(historicCents: ArrayLike<number>, predictedCents: ArrayLike<number>, historicThreshold: number, predictedThreshold: number): Uint8Array {
  const n = historicCents.length;
  const quadrants = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const highHistoric = historicCents[i]! >= historicThreshold;
    const highPredicted = predictedCents[i]! >= predictedThreshold;
    quadrants[i] = highHistoric ? (highPredicted ? 0 : 3) : highPredicted ? 1 : 2;
  }
  return quadrants;
}
