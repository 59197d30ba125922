import { describe, expect, test } from "vitest";
import { MAX_LABEL, SAMPLE_SIZE } from "@/lib/queries/quadrant-map";
import { markerPath, packPoints, seriesStyle } from "./map-points";
import { DAYS_PER_YEAR, durationParts, durationTicks, logFloorCents, niceLinear, niceLog, scaler } from "./map-scales";

describe("quadrant map scales", () => {
  test("linear domains widen to whole steps and include zero for negative values", () => {
    expect(niceLinear(-1234, 98765, 5)).toEqual({ min: -20000, max: 100000, ticks: [-20000, 0, 20000, 40000, 60000, 80000, 100000] });
    expect(niceLinear(0, 0)).toMatchObject({ min: 0, max: 1 });
  });

  test("log domains start at the floor and tick at every power of ten", () => {
    expect(niceLog(100, 250000)).toEqual({ min: 100, max: 500000, ticks: [100, 1000, 10000, 100000, 500000] });
    expect(niceLog(100, 90000)).toEqual({ min: 100, max: 100000, ticks: [100, 1000, 10000, 100000] });
    const y = scaler(100, 1_000_000, 400, 0, true);
    expect(y(100)).toBe(400);
    expect(y(-5000)).toBe(400); // zero and negative CLV clamp to the floor
    expect(y(10_000)).toBeCloseTo(200);
  });

  test("the log scale's floor is a power of ten under nearly every customer with a positive CLV", () => {
    // One customer at 3 cents, the rest from €0.40 up: the floor sits under the 2nd percentile, not under the outlier.
    const values = [3, ...Array.from({ length: 98 }, (_, i) => 40 + i * 100), 0, -500];
    expect(logFloorCents(values)).toBe(10);
    expect(logFloorCents(values, 5)).toBe(1); // with the threshold at 5 cents, the floor is not above it
    expect(logFloorCents([250_000, 900_000])).toBe(100_000);
    expect(logFloorCents([0, -3])).toBe(100); // nothing positive: €1
    expect(logFloorCents([0.2, 0.4])).toBe(1); // never below a cent
  });

  test("the duration axis counts months for short histories and years for long ones", () => {
    expect(durationTicks(200)).toMatchObject({ unit: "month", ticks: [{ count: 0 }, { count: 3 }, { count: 6 }, { count: 9 }] });
    const long = durationTicks(3 * DAYS_PER_YEAR + 10);
    expect(long.unit).toBe("year");
    expect(long.ticks.map((tick) => tick.count)).toEqual([0, 1, 2, 3, 4]);
    expect(long.max).toBeGreaterThanOrEqual(3 * DAYS_PER_YEAR + 10);
  });

  test.each([
    [12, { unit: "days", count: 12 }],
    [400, { unit: "months", count: 13 }],
    [1000, { unit: "years", count: 2.7 }],
  ])("a relationship of %i days reads as %j", (days, parts) => {
    expect(durationParts(days)).toEqual(parts);
  });

  test("16 series look different from each other (colour and shape)", () => {
    const looks = Array.from({ length: 16 }, (_, index) => JSON.stringify(seriesStyle(index)));
    expect(new Set(looks).size).toBe(16);
    expect(markerPath("circle", 10, 20, 2)).toBe("M8,20a2,2 0 1,0 4,0a2,2 0 1,0 -4,0");
  });
});

describe("the map's data in the page", () => {
  test("4,016 points with long names, big ids and big amounts stay under 230 KB of JSON", () => {
    const points = Array.from({ length: SAMPLE_SIZE + 16 }, (_, i) => ({
      customerId: 9_000_000 + i,
      label: "Margaretha van den Be…", // MAX_LABEL characters
      clvCents: -12_345_678 - i,
      relationshipDays: 9999,
      ended: true,
      clvTier: 10,
      rfmSegment: "cant-lose-them" as const,
      quadrant: "low-long" as const,
    }));
    expect(points[0]!.label).toHaveLength(MAX_LABEL);
    // Inside the page the JSON is a string again: every quote is escaped once more.
    const json = JSON.stringify(JSON.stringify(packPoints(points)));
    expect(Buffer.byteLength(json)).toBeLessThan(230 * 1024);
  });
});
