import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { niceBinEdges } from "./histogram";

describe("niceBinEdges", () => {
  test("round 1-2-5 edges that cover the range", () => {
    expect(niceBinEdges(1_500, 90_000)).toEqual([1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]);
  });

  test("a wide range with few bars still reaches past the high end", () => {
    const edges = niceBinEdges(0, 100_000_000_000, 3);
    expect(edges.length - 1).toBeLessThanOrEqual(3);
    expect(edges[edges.length - 1]!).toBeGreaterThan(100_000_000_000);
  });

  test("tiny and negative low ends start at one currency unit", () => {
    expect(niceBinEdges(-5_000, 300)[0]).toBe(100);
    expect(niceBinEdges(0, 0)).toEqual([100]);
  });

  test("every range is covered by at most the maximum number of ascending bins", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e11 }), fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 3, max: 20 }), (a, b, maxBins) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const edges = niceBinEdges(low, high, maxBins);
        expect(edges.length - 1).toBeLessThanOrEqual(maxBins);
        for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
        expect(edges[0]!).toBeLessThanOrEqual(Math.max(low, 100));
        if (high >= 100) expect(edges[edges.length - 1]!).toBeGreaterThan(high);
      }),
    );
  });
});
