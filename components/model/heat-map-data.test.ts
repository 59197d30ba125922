import { expect, test } from "vitest";
import { DEFAULT_GRID_BINS } from "@/lib/clv/holdout";
import { columnLabels, formatHeatValue, heatCells, heatFillClass, rowLabels } from "./heat-map-data";

test("row and column labels from the bin edges", () => {
  expect(rowLabels(DEFAULT_GRID_BINS.repeatPurchases)).toEqual(["0", "1", "2", "3", "4", "5", "6–7", "8–10", "11–15", "16+"]);
  expect(columnLabels(DEFAULT_GRID_BINS.daysSinceLastPurchase)).toEqual(["0–4", "4–8", "8–13", "13–26", "26–39", "39–52", "52–78", "78–104", "104+"]);
  // A grid without its empty trailing bins labels its last ones by the full list.
  expect(rowLabels([0, 1, 2, 3, 4, 5, 6, 8])).toEqual(["0", "1", "2", "3", "4", "5", "6–7", "8–10"]);
  expect(columnLabels([0, 28, 56])).toEqual(["0–4", "4–8", "8–13"]);
  expect(rowLabels([0, 2], [0, 2])).toEqual(["0–1", "2+"]);
});

test("cells carry counts and values, the largest value sets the scale", () => {
  const { cells, largest } = heatCells(
    { repeatPurchases: [0, 1], daysSinceLastPurchase: [0, 28], customers: [[3, 0], [1, 2]], probabilityAlive: [[1, null], [0.4, 0.9]], expectedPurchases: [[0.5, null], [1.5, 2.5]] },
    "expectedPurchases",
  );
  expect(largest).toBe(2.5);
  expect(cells).toContainEqual({ row: 0, column: 1, customers: 0, value: null });
  expect(cells).toHaveLength(4);
});

test("text on dark cells turns white, and black in the dark theme from 67%", () => {
  expect(heatFillClass(0.9)).toBe("fill-white dark:fill-black");
  expect(heatFillClass(0.7)).toBe("fill-black dark:fill-black");
  expect(heatFillClass(0.2)).toBe("fill-black dark:fill-white");
});

test("cell values as the map prints them: P(alive) in whole percent, purchases with one decimal below 10", () => {
  expect(formatHeatValue("probabilityAlive", 0.9797, "en-GB")).toBe("98%");
  expect(formatHeatValue("expectedPurchases", 2.345, "en-GB")).toBe("2.3");
  expect(formatHeatValue("expectedPurchases", 12.6, "en-GB")).toBe("13");
  expect(formatHeatValue("expectedPurchases", 2.345, "nl-NL")).toBe("2,3");
});
