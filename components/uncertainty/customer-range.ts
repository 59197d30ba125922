/** A predicted CLV's interval as the pages show it (cents; `level` 0.9 for 90%). */
export interface ClvRangeValue {
  lowCents: number;
  highCents: number;
  level: number;
}

/**
 * A customer row's range, or null when its snapshot has none (the simple formula, or a snapshot computed
 * before ranges existed): then no range is shown, never a made-up one.
 *
 * @example customerRange({ predictedClvLowCents: 900, predictedClvHighCents: 1600 }, 0.9) // { lowCents: 900, highCents: 1600, level: 0.9 }
 */
export function customerRange(row: { predictedClvLowCents?: number | null; predictedClvHighCents?: number | null }, level: number): ClvRangeValue | null {
  const { predictedClvLowCents: low, predictedClvHighCents: high } = row;
  if (low === null || low === undefined || high === null || high === undefined) return null;
  return { lowCents: low, highCents: high, level };
}
