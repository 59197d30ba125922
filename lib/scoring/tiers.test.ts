import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { assignTiers, tierSizes } from "./tiers";

const count = (tiers: Uint8Array, tier: number) => tiers.filter((t) => t === tier).length;

describe("CLV tiers", () => {
  test("split exactly 20-60-20 by customer count", () => {
    const values = Array.from({ length: 5000 }, (_, i) => Math.round(Math.abs(Math.sin(i + 1)) * 100_000));
    const ids = values.map((_, i) => i + 1);
    const tiers = assignTiers(values, ids, [20, 60, 20]);
    expect([count(tiers, 1), count(tiers, 2), count(tiers, 3)]).toEqual([1000, 3000, 1000]);
    // Every customer of a higher tier is worth at least as much as every customer of a lower tier.
    const lowestOf = (tier: number) => Math.min(...values.filter((_, i) => tiers[i] === tier));
    const highestOf = (tier: number) => Math.max(...values.filter((_, i) => tiers[i] === tier));
    expect(lowestOf(1)).toBeGreaterThanOrEqual(highestOf(2));
    expect(lowestOf(2)).toBeGreaterThanOrEqual(highestOf(3));
  });

  test("ties at a cut are decided by customer id, whatever the input order", () => {
    // Ten customers worth the same: the five lowest ids take the top tier of a 50-50 split.
    const ids = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
    const tiers = assignTiers(new Array(10).fill(100), ids, [50, 25, 25]);
    const top = ids.filter((_, i) => tiers[i] === 1).sort((a, b) => a - b);
    expect(top).toEqual([1, 2, 3, 4, 5]);
    // The second cut is at round(7.5) = 8.
    expect(ids.filter((_, i) => tiers[i] === 2).sort((a, b) => a - b)).toEqual([6, 7, 8]);
  });

  test("the same customers in any order get the same tiers (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }), fc.integer(), (values, seed) => {
        const ids = values.map((_, i) => i + 1);
        const tiers = assignTiers(values, ids, [20, 60, 20]);
        const order = ids.map((_, i) => i).sort((a, b) => ((a * 2654435761 + seed) % 997) - ((b * 2654435761 + seed) % 997) || a - b);
        const shuffled = assignTiers(order.map((i) => values[i]!), order.map((i) => ids[i]!), [20, 60, 20]);
        order.forEach((i, position) => expect(shuffled[position]).toBe(tiers[i]));
      }),
    );
  });

  test.each([
    [1000, [20, 60, 20], [200, 600, 200]],
    [1001, [20, 60, 20], [200, 601, 200]],
    [7, [20, 60, 20], [1, 5, 1]],
    [2, [20, 60, 20], [0, 2, 0]],
    [0, [20, 60, 20], [0, 0, 0]],
    [100, [10, 20, 30, 40], [10, 20, 30, 40]],
    [3, [33.3, 33.4, 33.3], [1, 1, 1]],
  ])("%i customers in %o tiers: %o", (customers, percents, sizes) => {
    expect(tierSizes(customers, percents)).toEqual(sizes);
  });

  test("every cut is within half a customer of its percentage (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 8 }), (customers, weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const percents = weights.map((w) => (100 * w) / total);
        const sizes = tierSizes(customers, percents);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(customers);
        let cumulativeCount = 0;
        let cumulativePercent = 0;
        sizes.forEach((size, j) => {
          expect(size).toBeGreaterThanOrEqual(0);
          cumulativeCount += size;
          cumulativePercent += percents[j]!;
          expect(Math.abs(cumulativeCount - (customers * cumulativePercent) / 100)).toBeLessThanOrEqual(0.5 + 1e-6);
        });
      }),
    );
  });

  test("rejects percentages that do not add up to 100", () => {
    expect(() => tierSizes(10, [20, 60, 30])).toThrow(RangeError);
    expect(() => tierSizes(10, [0, 80, 20])).toThrow(RangeError);
  });
});
