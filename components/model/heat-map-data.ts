/** Labels and colours of the frequency × recency heat maps (pure). */
import { DEFAULT_GRID_BINS, type FrequencyRecencyGrid } from "@/lib/clv/holdout";
import { formatPercent } from "@/lib/format";
import { decimals } from "./model-numbers";

/** The edge after `from` in the full list of bins (a stored grid leaves off its empty trailing bins). */
function nextEdge(edges: readonly number[], all: readonly number[], i: number): number | undefined {
  const from = edges[i]!;
  return edges[i + 1] ?? (all.includes(from) ? all[all.indexOf(from) + 1] : undefined);
}

/** Row labels from the lower edges of repeat purchases: "0", "1", "6–7", "16+". */
export function rowLabels(edges: readonly number[], all: readonly number[] = DEFAULT_GRID_BINS.repeatPurchases): string[] {
  return edges.map((from, i) => {
    const next = nextEdge(edges, all, i);
    if (next === undefined) return `${from}+`;
    return next - 1 === from ? String(from) : `${from}–${next - 1}`;
  });
}

/** Column labels in weeks from the lower edges in days: "0–4", "4–8", "104+". */
export function columnLabels(edgesDays: readonly number[], all: readonly number[] = DEFAULT_GRID_BINS.daysSinceLastPurchase): string[] {
  return edgesDays.map((from, i) => {
    const next = nextEdge(edgesDays, all, i);
    return next === undefined ? `${Math.round(from / 7)}+` : `${Math.round(from / 7)}–${Math.round(next / 7)}`;
  });
}

export interface HeatCell {
  row: number;
  column: number;
  customers: number;
  value: number | null;
}

/** The cells of one measure, row by row, with the largest value (for the colour scale). */
export function heatCells(grid: FrequencyRecencyGrid, measure: "probabilityAlive" | "expectedPurchases"): { cells: HeatCell[]; largest: number } {
  const values = grid[measure];
  const cells: HeatCell[] = [];
  let largest = 0;
  grid.customers.forEach((row, r) =>
    row.forEach((customers, c) => {
      const value = values?.[r]?.[c] ?? null;
      if (value !== null && value > largest) largest = value;
      cells.push({ row: r, column: c, customers, value });
    }),
  );
  return { cells, largest };
}

/** SVG text colour classes that keep 4.5:1 contrast on a heat cell (the switch points of components/segments/heat.ts). */
export function heatFillClass(intensity: number): string {
  const percent = Math.round(intensity * 100);
  return `${percent >= 82 ? "fill-white" : "fill-black"} ${percent >= 67 ? "dark:fill-black" : "dark:fill-white"}`;
}

/**
 * A cell's value as the heat map prints it: P(alive) in whole percent, expected purchases with one decimal
 * below 10. One function for the server's summary and the browser's drawing, so both read the same.
 *
 * @example formatHeatValue("probabilityAlive", 0.9797, "en-GB") // "98%"
 */
export function formatHeatValue(measure: "probabilityAlive" | "expectedPurchases", value: number, locale: string): string {
  return measure === "probabilityAlive" ? formatPercent(value, locale, 0) : decimals(value, locale, value < 10 ? 1 : 0);
}
