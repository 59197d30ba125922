import { describe, expect, test } from "vitest";
import { quintileScores } from "./rfm-scores";

describe("quintileScores", () => {
  test("without ties each score holds a fifth of the customers", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000); // a permutation of 0..999
    const scores = quintileScores(values, "higher");
    for (let score = 1; score <= 5; score++) expect(scores.filter((s) => s === score)).toHaveLength(200);
    values.forEach((value, i) => expect(scores[i]).toBe(1 + Math.floor(value / 200)));
  });

  test("lower is better for recency", () => {
    expect([...quintileScores([1, 10, 100, 1000, 10000], "lower")]).toEqual([5, 4, 3, 2, 1]);
  });

  test("ties share a score: many one-time buyers all get F = 1", () => {
    const purchases = [1, 1, 1, 1, 1, 1, 2, 2, 5, 9];
    expect([...quintileScores(purchases, "higher")]).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  test("one customer, and equal values, score 1", () => {
    expect([...quintileScores([42], "higher")]).toEqual([1]);
    expect([...quintileScores([3, 3, 3], "lower")]).toEqual([1, 1, 1]);
  });

  test("the order of the customers does not matter", () => {
    const values = [5, 3, 9, 1, 7, 3, 8];
    const scores = quintileScores(values, "higher");
    const reversed = quintileScores([...values].reverse(), "higher");
    expect([...reversed].reverse()).toEqual([...scores]);
  });

  test("rejects NaN", () => {
    expect(() => quintileScores([1, Number.NaN], "higher")).toThrow(RangeError);
  });
});
