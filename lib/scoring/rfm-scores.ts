/**
 * R, F and M scores from 1 (worst fifth of the customers) to 5 (best fifth), the quintiles of RFM
 * analysis (Hughes 1994, "Strategic database marketing"). A customer's score is
 * 1 + floor(5 × (customers with a worse value) / customers), so customers with the same value always get
 * the same score (with many one-time buyers, F = 1 covers all of them instead of splitting identical
 * customers over scores 1 to 3 by chance); without ties each score holds a fifth of the customers.
 */

/**
 * Quintile scores 1..5 of `values`; `better` says which direction is better (recency: fewer days since the
 * last purchase is better).
 *
 * @example quintileScores([10, 20, 30, 40, 50], "higher") // Uint8Array [1, 2, 3, 4, 5]
 * @example quintileScores([1, 1, 1, 1, 9], "higher") // Uint8Array [1, 1, 1, 1, 5]
 */
export function quintileScores(values: ArrayLike<number>, better: "higher" | "lower"): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const sign = better === "higher" ? 1 : -1;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) throw new RangeError(`value ${i} is not a number`);
    sorted[i] = sign * value;
  }
  sorted.sort();
  for (let i = 0; i < n; i++) {
    const worse = lowerBound(sorted, sign * values[i]!);
    scores[i] = 1 + Math.floor((5 * worse) / n);
  }
  return scores;
}

/** Number of entries of the ascending array that are smaller than `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
