import { expect, test } from "vitest";
import { axisTicks, niceCeiling, trackingRows, trackingTotals } from "./tracking-data";

test("tracking rows add up week by week, weeks 7 days apart", () => {
  const rows = trackingRows({ firstWeekEnd: "2024-07-07", calibrationWeeks: 2, customers: 10, excludedCustomers: 0, actual: [1, 2, 4], expected: [1.5, 1.5, 3.25] });
  expect(rows.map((row) => row.weekEnd)).toEqual(["2024-07-07", "2024-07-14", "2024-07-21"]);
  expect(rows.map((row) => row.cumulativeActual)).toEqual([1, 3, 7]);
  expect(rows.map((row) => row.cumulativeExpected)).toEqual([1.5, 3, 6.3]);
  expect(trackingTotals(rows, 2)).toEqual({ holdoutActual: 4, holdoutExpected: 3.25, cumulativeActual: 7, cumulativeExpected: 6.3 });
});

test("a round top for the axis", () => {
  expect([0.7, 1, 5423, 89.6, 101, 9000].map(niceCeiling)).toEqual([0.8, 1, 6000, 100, 150, 10000]);
});

test("axis ticks in round steps", () => {
  expect(axisTicks(5000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  expect(axisTicks(6000)).toEqual([0, 1500, 3000, 4500, 6000]);
  expect(axisTicks(80)).toEqual([0, 20, 40, 60, 80]);
  expect(axisTicks(150)).toEqual([0, 30, 60, 90, 120, 150]);
});
