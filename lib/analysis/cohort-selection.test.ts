import { describe, expect, test } from "vitest";
import { MAX_CHART_COHORTS, chartSelection, recentSelection, spreadSelection } from "./cohort-selection";

const keys = Array.from({ length: 24 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`);

describe("chart selection", () => {
  test("by default six cohorts spread from the oldest to the newest", () => {
    const selection = chartSelection(keys, undefined);
    expect(selection).toHaveLength(6);
    expect(selection[0]).toBe(keys[0]);
    expect(selection.at(-1)).toBe(keys.at(-1));
  });

  test("few cohorts: all of them", () => {
    expect(spreadSelection(["a", "b"])).toEqual(["a", "b"]);
    expect(spreadSelection(["a", "b", "c", "d", "e"], 3)).toEqual(["a", "c", "e"]);
  });

  test("the URL's cohorts, in table order, unknown ones dropped, at most eight", () => {
    expect(chartSelection(keys, "2024-05,2024-02,1999-01")).toEqual(["2024-02", "2024-05"]);
    expect(chartSelection(keys, keys.join(","))).toHaveLength(MAX_CHART_COHORTS);
    expect(chartSelection(keys, "1999-01")).toEqual(spreadSelection(keys));
  });

  test("the most recent", () => {
    expect(recentSelection(keys, 2)).toEqual(["2024-23", "2024-24"]);
  });
});
