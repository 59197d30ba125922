import { describe, expect, test } from "vitest";
import { fixedFields, parseSegmentRef, segmentFilter, segmentPath, segmentSlug, withoutFixed } from "./segment-ref";

describe("parseSegmentRef", () => {
  test.each([
    ["tier", "1", { kind: "tier", tier: 1 }],
    ["tier", "4", { kind: "tier", tier: 4 }],
    ["rfm", "champions", { kind: "rfm", segment: "champions" }],
    ["rfm", "cant-lose-them", { kind: "rfm", segment: "cant-lose-them" }],
    ["quadrant", "high-long", { kind: "quadrant", quadrant: "high-long" }],
    ["cell", "1.champions", { kind: "cell", tier: 1, segment: "champions" }],
    ["cell", "2.at-risk", { kind: "cell", tier: 2, segment: "at-risk" }],
  ])("%s/%s", (kind, key, expected) => {
    expect(parseSegmentRef(kind, key, 4)).toEqual(expected);
  });

  test.each([
    ["tier", "0"],
    ["tier", "5"],
    ["tier", "01"],
    ["tier", "1.5"],
    ["tier", "abc"],
    ["rfm", "kings"],
    ["rfm", "Champions"],
    ["quadrant", "middle"],
    ["cell", "champions"],
    ["cell", "5.champions"],
    ["cell", "1.kings"],
    ["cell", "1."],
    ["customer", "1"],
    ["tier", "%E0%A4%A"],
  ])("%s/%s is unknown", (kind, key) => {
    expect(parseSegmentRef(kind, key, 4)).toBeNull();
  });

  test("an encoded key is decoded", () => {
    expect(parseSegmentRef("cell", "1%2Echampions", 4)).toEqual({ kind: "cell", tier: 1, segment: "champions" });
  });
});

describe("what a drill-down fixes", () => {
  test("filter, path, hidden fields and file name", () => {
    const cell = parseSegmentRef("cell", "3.lost", 4)!;
    expect(segmentFilter(cell)).toEqual({ tier: 3, segment: "lost" });
    expect(segmentPath(cell)).toBe("/segments/cell/3.lost");
    expect(fixedFields("cell")).toEqual(["tier", "rfm"]);
    expect(segmentSlug(cell)).toBe("cell-3-lost");
    expect(segmentSlug(parseSegmentRef("quadrant", "high-long", 4)!)).toBe("quadrant-high-long");
  });

  test("the comparison group is the URL filter without the fixed conditions", () => {
    const filter = { tier: 2, segment: "champions" as const, quadrant: "low-short" as const, channel: "Webshop" };
    expect(withoutFixed(filter, "tier")).toEqual({ segment: "champions", quadrant: "low-short", channel: "Webshop" });
    expect(withoutFixed(filter, "cell")).toEqual({ quadrant: "low-short", channel: "Webshop" });
    expect(withoutFixed(filter, "quadrant")).toEqual({ tier: 2, segment: "champions", channel: "Webshop" });
  });
});
