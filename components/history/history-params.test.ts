import { describe, expect, test } from "vitest";
import { cellKey, historyHref, parseCellKey, parseHistoryParams } from "./history-params";

describe("history URL", () => {
  test("reads the comparison, grouping, measure, cell and page", () => {
    expect(parseHistoryParams({ from: "3", to: "5", by: "rfm", measure: "value", cell: "champions.gone", page: "2" })).toEqual({
      from: 3,
      to: 5,
      by: "rfm",
      measure: "value",
      cell: { from: "champions", to: null },
      page: 2,
    });
  });

  test("defaults for missing or bad values", () => {
    expect(parseHistoryParams({ from: "x", to: "-1", by: "country", measure: "sum", cell: "new.gone", page: "0" })).toEqual({
      from: undefined,
      to: undefined,
      by: "tier",
      measure: "customers",
      cell: null,
      page: 1,
    });
  });

  test.each([
    ["1.2", { from: "1", to: "2" }],
    ["new.high-long", { from: null, to: "high-long" }],
    ["cant-lose-them.gone", { from: "cant-lose-them", to: null }],
    [".2", null],
    ["1.", null],
    ["1.<b>", null],
  ])("cell %s", (value, cell) => {
    expect(parseCellKey(value)).toEqual(cell);
    if (cell) expect(cellKey(cell)).toBe(value);
  });

  test("links leave out the defaults", () => {
    expect(historyHref({ from: 3, to: 5 })).toBe("/history?from=3&to=5");
    expect(historyHref({ from: 3, to: 5, by: "quadrant", measure: "value", cell: { from: null, to: "low-short" }, page: 3 })).toBe(
      "/history?from=3&to=5&by=quadrant&measure=value&cell=new.low-short&page=3",
    );
  });
});
