/**
 * Which cohorts the chart draws: the ones named in the URL (`cohorts=2025-01,2025-04`), else a default
 * spread over the history. At most `MAX_CHART_COHORTS` (one per chart colour), so the lines stay apart.
 * Pure: no database, no React.
 */
export const MAX_CHART_COHORTS = 8;
/** How many cohorts the chart shows when the URL does not say. */
export const DEFAULT_CHART_COHORTS = 6;

/**
 * `count` keys evenly spread from the oldest to the newest (both included), so that long and short
 * curves are compared.
 *
 * @example spreadSelection(["a", "b", "c", "d", "e"], 3) // ["a", "c", "e"]
 */
export function spreadSelection(keys: readonly string[], count = DEFAULT_CHART_COHORTS): string[] {
  if (keys.length <= count) return [...keys];
  if (count <= 1) return keys.slice(-1);
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (keys.length - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b).map((index) => keys[index]!);
}

/** The `count` newest keys. */
export function recentSelection(keys: readonly string[], count = DEFAULT_CHART_COHORTS): string[] {
  return keys.slice(-count);
}

/**
 * The chart's cohorts: the URL's list (comma separated) restricted to existing keys, in table order, at
 * most `MAX_CHART_COHORTS`; the default spread when the list names none of them.
 */
export function chartSelection(keys: readonly string[], param: string | undefined): string[] {
  const wanted = new Set((param ?? "").split(",").map((key) => key.trim()).filter(Boolean));
  const chosen = keys.filter((key) => wanted.has(key)).slice(0, MAX_CHART_COHORTS);
  return chosen.length > 0 ? chosen : spreadSelection(keys);
}
