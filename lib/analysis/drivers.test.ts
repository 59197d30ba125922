import { describe, expect, test } from "vitest";
import { analyseDrivers, benjaminiHochberg, erfc, SMALL_SAMPLE, twoProportionZ, twoSidedPValue, type DriverCount } from "./drivers";

const count = (value: string, segmentCount: number, overallCount: number, key = "loyalty_member"): DriverCount => ({
  dimension: "attribute",
  key,
  value,
  segmentCount,
  overallCount,
});

describe("normal tail", () => {
  test.each([
    [0, 1],
    [0.5, 0.4795001222],
    [1, 0.1572992071],
    [2, 0.0046777350],
    [-1, 1.8427007929],
  ])("erfc(%f) = %f", (x, expected) => {
    expect(erfc(x)).toBeCloseTo(expected, 7);
  });

  test("1.96 is the two-sided 5% point, 2.576 the 1% point", () => {
    expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedPValue(-2.5758293035489)).toBeCloseTo(0.01, 6);
    expect(twoSidedPValue(0)).toBe(1);
  });
});

describe("two-proportion z-test", () => {
  test("0.6 of 100 against 0.4 of 100 (pooled 0.5)", () => {
    // (0.6 - 0.4) / sqrt(0.25 * 0.02) = 0.2 / 0.0707107
    expect(twoProportionZ(60, 100, 40, 100)).toBeCloseTo(2.828427, 5);
  });

  test("no variation or an empty group gives 0", () => {
    expect(twoProportionZ(100, 100, 50, 50)).toBe(0);
    expect(twoProportionZ(0, 100, 0, 50)).toBe(0);
    expect(twoProportionZ(5, 10, 0, 0)).toBe(0);
  });
});

describe("Benjamini–Hochberg", () => {
  test("the worked example: the largest k with p(k) <= k q / m, and all smaller", () => {
    // sorted: 0.01 <= 1 * .05 / 4; 0.03 > 2 * .05 / 4; 0.04 > 3 * .05 / 4; 0.5 > .05: only the first
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.5])).toEqual([true, false, false, false]);
    // 0.02 <= 2*.05/4 = .025 and 0.01 <= .0125: both
    expect(benjaminiHochberg([0.01, 0.02, 0.2, 0.9])).toEqual([true, true, false, false]);
    // a later rank qualifying pulls in the earlier ones: .03 > .025 but .036 <= .0375
    expect(benjaminiHochberg([0.001, 0.03, 0.036, 0.9])).toEqual([true, true, true, false]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe("analyseDrivers", () => {
  // 1000 customers, 100 in the segment. Loyalty members: 80 of the segment, 300 overall.
  const counts = [count("yes", 80, 300), count("no", 20, 700), count("espresso", 12, 100, "interest"), count("tea", 0, 400, "interest"), count("rare", 2, 5, "interest")];
  const analysis = analyseDrivers(counts, 100, 1000);
  const find = (key: string, value: string) => analysis.drivers.find((driver) => driver.key === key && driver.value === value)!;

  test("shares, lift and expected counts", () => {
    const yes = find("loyalty_member", "yes");
    expect(yes.segmentShare).toBeCloseTo(0.8);
    expect(yes.overallShare).toBeCloseTo(0.3);
    expect(yes.lift).toBeCloseTo(0.8 / 0.3);
    expect(yes.expectedCount).toBeCloseTo(30);
    expect(find("interest", "tea").lift).toBe(0);
  });

  test("the segment is tested against the rest, not against the whole that contains it", () => {
    const yes = find("loyalty_member", "yes");
    // rest: 220 of 900
    expect(yes.z).toBeCloseTo(twoProportionZ(80, 100, 220, 900), 10);
    expect(yes.significant).toBe(true);
    expect(find("interest", "espresso").significant).toBe(false); // 12% vs 9.8%
  });

  test("over- and under-represented, strongest first; small samples flagged", () => {
    expect(analysis.over.map((driver) => driver.value)).toEqual(["yes", "rare", "espresso"]);
    expect(analysis.under.map((driver) => driver.value)).toEqual(["tea", "no"]);
    expect(find("interest", "rare").smallSample).toBe(true);
    // none found, but 40 expected: a real gap, not a small sample
    expect(find("interest", "tea").smallSample).toBe(false);
    // 12 found and 10 expected, both below SMALL_SAMPLE
    expect(SMALL_SAMPLE).toBe(30);
    expect(find("interest", "espresso").smallSample).toBe(true);
    expect(find("loyalty_member", "yes").smallSample).toBe(false);
  });

  test("values nobody has are left out; an empty segment has no evidence", () => {
    expect(analyseDrivers([count("x", 0, 0)], 10, 100).drivers).toEqual([]);
    const empty = analyseDrivers([count("yes", 0, 300)], 0, 1000);
    expect(empty.drivers[0]).toMatchObject({ segmentShare: 0, lift: 1, significant: false, smallSample: true });
    expect(empty.over).toEqual([]);
    expect(empty.under).toEqual([]);
  });

  test("a segment that is everyone has lift 1 everywhere and nothing significant", () => {
    const all = analyseDrivers([count("yes", 300, 300), count("no", 700, 700)], 1000, 1000);
    expect(all.drivers.every((driver) => driver.lift === 1 && !driver.significant)).toBe(true);
  });

  test("inconsistent counts are rejected", () => {
    expect(() => analyseDrivers([count("yes", 5, 3)], 10, 100)).toThrow(/Inconsistent/);
    expect(() => analyseDrivers([], 200, 100)).toThrow(/must be part/);
  });
});
