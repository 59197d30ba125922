/**
 * CLV tiers (the 20-60-20 split of customer value practice, or any bands that add up to 100%): customers
 * are ranked by a value, most valuable first, and cut by count. Ties in value are ranked by customer id
 * (lowest first), so the same data always gives the same tiers.
 */

/**
 * The number of customers in each tier for `customers` customers: the cut after tier j is at
 * round(customers × (p1 + … + pj) / 100), so every cut is within half a customer of its percentage and
 * the counts add up to `customers`.
 *
 * @example tierSizes(1000, [20, 60, 20]) // [200, 600, 200]
 * @example tierSizes(1001, [20, 60, 20]) // [200, 601, 200]
 */
export function tierSizes(customers: number, percents: readonly number[]): number[] {
  const total = percents.reduce((sum, p) => sum + p, 0);
  if (percents.length === 0 || percents.some((p) => !(p > 0)) || Math.abs(total - 100) > 1e-6) {
    throw new RangeError(`tier percentages must be positive and add up to 100 (got ${percents.join(", ")})`);
  }
  const sizes: number[] = [];
  let cumulative = 0;
  let previousCut = 0;
  percents.forEach((percent, j) => {
    cumulative += percent;
    const cut = j === percents.length - 1 ? customers : Math.round((customers * cumulative) / 100);
    sizes.push(cut - previousCut);
    previousCut = cut;
  });
  return sizes;
}

/**
 * Tier of each customer, 1 = most valuable: ranked by `values` (highest first), ties by `ids` (lowest
 * first), then cut by `tierSizes`.
 *
 * @example assignTiers([5, 9, 1, 9, 3], [1, 2, 3, 4, 5], [20, 60, 20]) // Uint8Array [2, 1, 3, 2, 2]
 */
export function assignTiers(values: ArrayLike<number>, ids: ArrayLike<number>, percents: readonly number[]): Uint8Array {
  const n = values.length;
  if (ids.length !== n) throw new RangeError(`values and ids must have the same length (got ${n} and ${ids.length})`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => values[j]! - values[i]! || ids[i]! - ids[j]!);
  const sizes = tierSizes(n, percents);
  const tiers = new Uint8Array(n);
  let position = 0;
  sizes.forEach((size, j) => {
    for (let k = 0; k < size; k++) tiers[order[position++]!] = j + 1;
  });
  return tiers;
}
