import { describe, expect, test } from "vitest";
import { QUADRANT_KEYS } from "@/lib/settings/schema";
import { QUADRANT_ORDER, assignQuadrants, median, thresholdClvCents, thresholdDays } from "./quadrants";

const keysOf = (quadrants: Uint8Array) => [...quadrants].map((q) => QUADRANT_ORDER[q]);

describe("quadrants", () => {
  test("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(median(Int32Array.from([30, 10, 20]))).toBe(20);
  });

  test("thresholds: the median customer by default, or a fixed number of days / amount", () => {
    expect(thresholdDays({ mode: "median" }, [100, 300, 200])).toBe(200);
    expect(thresholdDays({ mode: "fixed", days: 365 }, [100, 300, 200])).toBe(365);
    expect(thresholdClvCents({ mode: "median" }, [100, 300, 200, 400])).toBe(250);
    expect(thresholdClvCents({ mode: "fixed", amountCents: 5000 }, [100, 300, 200])).toBe(5000);
  });

  test("the summary order is the settings' key order", () => {
    expect(QUADRANT_ORDER).toEqual([...QUADRANT_KEYS]);
  });

  test("CLV decides high or low, relationship days long or short", () => {
    // A long-standing valuable customer, a valuable newcomer, a long-standing low spender, a low-value newcomer.
    const days = [900, 30, 900, 30];
    const clv = [80_000, 80_000, 1_000, 1_000];
    expect(keysOf(assignQuadrants(days, clv, 365, 10_000))).toEqual(["high-long", "high-short", "low-long", "low-short"]);
  });

  test("a customer exactly on a threshold line is on the long and high side", () => {
    expect(keysOf(assignQuadrants([365, 365, 364], [10_000, 9_999, 10_000], 365, 10_000))).toEqual(["high-long", "low-long", "high-short"]);
  });

  test("fixed thresholds are honoured whatever the other customers look like", () => {
    const days = [10, 20, 30, 40, 1000];
    const clv = [100, 200, 300, 400, 500];
    // Everyone is short below 2000 days, and everyone is high from 0 cents.
    expect(keysOf(assignQuadrants(days, clv, thresholdDays({ mode: "fixed", days: 2000 }, days), thresholdClvCents({ mode: "fixed", amountCents: 0 }, clv)))).toEqual(
      Array(5).fill("high-short"),
    );
    expect(keysOf(assignQuadrants(days, clv, thresholdDays({ mode: "fixed", days: 30 }, days), thresholdClvCents({ mode: "fixed", amountCents: 401 }, clv)))).toEqual([
      "low-short",
      "low-short",
      "low-long",
      "low-long",
      "high-long",
    ]);
  });

  test("with median thresholds half the customers are on each side of each axis", () => {
    const days = Array.from({ length: 1000 }, (_, i) => i * 3);
    const clv = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) * 100);
    const quadrants = keysOf(assignQuadrants(days, clv, median(days), median(clv)));
    expect(quadrants.filter((key) => key!.startsWith("high-")).length).toBe(500);
    expect(quadrants.filter((key) => key!.endsWith("-long")).length).toBe(500);
    // The longest relationships are the long half, whatever their CLV.
    expect(quadrants.slice(500).every((key) => key!.endsWith("-long"))).toBe(true);
  });

  test("with an odd count the median customer is on the high side; ties all go the same way, in any order", () => {
    expect(keysOf(assignQuadrants([1, 2, 3], [10, 20, 30], median([1, 2, 3]), median([10, 20, 30])))).toEqual(["low-short", "high-long", "high-long"]);
    const days = [50, 50, 50, 50, 10, 90];
    const clv = [7, 7, 7, 7, 1, 9];
    const forward = keysOf(assignQuadrants(days, clv, median(days), median(clv)));
    expect(forward).toEqual(["high-long", "high-long", "high-long", "high-long", "low-short", "high-long"]);
    const reversed = keysOf(assignQuadrants([...days].reverse(), [...clv].reverse(), median(days), median(clv)));
    expect(reversed).toEqual([...forward].reverse());
  });

  test("an ended relationship is short whatever its length; the median is that of the relationships still running", () => {
    // A loyal customer, a customer whose long relationship ended, a newcomer, and the same three with a low CLV.
    const days = [1200, 1300, 40, 1200, 1300, 40];
    const clv = [90_000, 90_000, 90_000, 100, 100, 100];
    const ended = [0, 1, 0, 0, 1, 0];
    expect(thresholdDays({ mode: "median" }, days, ended)).toBe(620);
    expect(keysOf(assignQuadrants(days, clv, 620, 10_000, ended))).toEqual(["high-long", "high-short", "high-short", "low-long", "low-short", "low-short"]);
    // Without the ended flags (time since the first purchase) the lapsed customer would be long.
    expect(keysOf(assignQuadrants(days, clv, 620, 10_000))[1]).toBe("high-long");
    // Every relationship ended: the median of all of them, and nobody is long.
    expect(thresholdDays({ mode: "median" }, [10, 20, 30], [1, 1, 1])).toBe(20);
    expect(keysOf(assignQuadrants([10, 20, 30], [1, 1, 1], 20, 0, [1, 1, 1]))).toEqual(["high-short", "high-short", "high-short"]);
  });
});
