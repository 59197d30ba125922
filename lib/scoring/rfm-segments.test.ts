import { describe, expect, test } from "vitest";
import { RFM_RULES, RFM_SEGMENTS, RFM_SEGMENT_KEYS, rfmSegment, type RfmSegmentKey } from "./rfm-segments";

const ABBREVIATIONS: Record<string, RfmSegmentKey> = {
  CH: "champions",
  LC: "loyal-customers",
  PL: "potential-loyalist",
  NC: "new-customers",
  PR: "promising",
  NA: "need-attention",
  AS: "about-to-sleep",
  AR: "at-risk",
  CL: "cant-lose-them",
  HI: "hibernating",
  LO: "lost",
};

/** The whole scheme written out: for each R, rows F = 1..5, columns M = 1..5. */
const GRID: Record<number, string[]> = {
  5: ["NC NC NC NC NC", "PL PL PL PL PL", "LC LC LC LC LC", "LC LC LC CH CH", "LC LC LC CH CH"],
  4: ["PR PR PR PR PR", "PL PL PL PL PL", "LC LC LC LC LC", "LC LC LC CH CH", "LC LC LC CH CH"],
  3: ["AS AS AS NA NA", "AS AS NA NA NA", "LC LC LC LC LC", "LC LC LC LC LC", "LC LC LC LC LC"],
  2: ["HI HI HI HI AR", "HI HI HI AR AR", "HI HI AR AR AR", "HI AR AR AR AR", "AR AR AR AR AR"],
  1: ["LO LO HI HI AR", "LO LO HI AR AR", "HI HI AR AR AR", "HI AR AR CL CL", "AR AR AR CL CL"],
};

const combinations = Object.entries(GRID).flatMap(([r, rows]) =>
  rows.flatMap((row, f) => row.split(" ").map((abbreviation, m) => [Number(r), f + 1, m + 1, ABBREVIATIONS[abbreviation]!] as const)),
);

describe("RFM segments", () => {
  test("the table covers all 125 combinations", () => {
    expect(combinations).toHaveLength(125);
    expect(new Set(combinations.map(([r, f, m]) => `${r}${f}${m}`)).size).toBe(125);
  });

  test.each(combinations)("R %i, F %i, M %i is %s", (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
  });

  test("every combination matches at least one rule, and the first match decides", () => {
    for (const [r, f, m, segment] of combinations) {
      const matching = RFM_RULES.filter((rule) => rule.test(r, f, m));
      expect(matching.length).toBeGreaterThan(0);
      expect(matching[0]!.segment).toBe(segment);
    }
  });

  test("every one of the 11 segments is used and named", () => {
    expect(new Set(combinations.map(([, , , segment]) => segment))).toEqual(new Set(RFM_SEGMENT_KEYS));
    expect(RFM_SEGMENT_KEYS.map((key) => RFM_SEGMENTS[key].name)).toEqual([
      "Champions",
      "Loyal Customers",
      "Potential Loyalist",
      "New Customers",
      "Promising",
      "Need Attention",
      "About To Sleep",
      "At Risk",
      "Can't Lose Them",
      "Hibernating",
      "Lost",
    ]);
  });

  test.each([
    [0, 3, 3],
    [6, 3, 3],
    [3, 2.5, 3],
    [3, 3, Number.NaN],
  ])("rejects scores outside 1..5: R %s, F %s, M %s", (r, f, m) => {
    expect(() => rfmSegment(r, f, m)).toThrow(RangeError);
  });
});
