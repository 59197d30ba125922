"use client";

import { useInBrowser } from "@/components/charts/use-in-browser";
import { heatBackground, heatIntensity } from "@/components/segments/heat";
import { formatCount } from "@/lib/format";
import type { FrequencyRecencyGrid } from "@/lib/clv/holdout";
import { columnLabels, formatHeatValue, heatCells, heatFillClass, rowLabels } from "./heat-map-data";

export interface HeatMapLabels {
  rows: string;
  columns: string;
  low: string;
  high: string;
  /** Accessible table caption. */
  caption: string;
  /** "{count} customers" */
  customers: string;
  empty: string;
}

const LEFT = 80;
const TOP = 46;
const CELL_WIDTH = 54;
const CELL_HEIGHT = 40;
const LEGEND = 44;

/**
 * A frequency × recency heat map drawn as SVG (so the Export button can save it): rows are repeat purchases,
 * columns weeks since the last purchase; each cell shows the measure's mean and the number of customers, its
 * colour follows the measure (P(alive) on its own 0..1 scale, expected purchases relative to the largest
 * cell). An sr-only table carries every number for screen readers. Drawn from the grid in the browser only,
 * as the Recharts charts are: as server markup its ~90 cells a map were ~50 KB of RSC payload and ~46 KB of
 * HTML; until then a box of the map's size holds its place.
 */
export function HeatMap({
  grid,
  measure,
  labels,
  locale,
}: {
  grid: FrequencyRecencyGrid;
  measure: "probabilityAlive" | "expectedPurchases";
  labels: HeatMapLabels;
  locale: string;
}) {
  const { cells, largest } = heatCells(grid, measure);
  const format = (value: number) => formatHeatValue(measure, value, locale);
  const scale = measure === "probabilityAlive" ? 1 : largest;
  const rows = rowLabels(grid.repeatPurchases);
  const columns = columnLabels(grid.daysSinceLastPurchase);
  const width = LEFT + columns.length * CELL_WIDTH + 4;
  const height = TOP + rows.length * CELL_HEIGHT + LEGEND;
  const gradientId = `heat-gradient-${measure}`;
  const legendY = TOP + rows.length * CELL_HEIGHT + 16;
  const legendWidth = Math.min(220, columns.length * CELL_WIDTH);
  const intensity = (value: number) => (scale > 0 ? Math.min(1, Math.max(0, value / scale)) : 0);
  const inBrowser = useInBrowser();
  if (!inBrowser) return <div className="mx-auto" style={{ width: "100%", maxWidth: width, aspectRatio: `${width} / ${height}` }} data-heat-map-placeholder />;
  return (
    <div>
      <svg
        data-export-chart
        data-heat-map={measure}
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: "100%", maxWidth: width, height: "auto" }}
        className="mx-auto block text-foreground"
        role="img"
        aria-label={labels.caption}
        fontFamily="inherit"
      >
        <defs>
          <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
            <stop offset="0%" stopColor="var(--heat-low)" />
            <stop offset="100%" stopColor="var(--heat-high)" />
          </linearGradient>
        </defs>
        <text x={LEFT + (columns.length * CELL_WIDTH) / 2} y={14} textAnchor="middle" fontSize={12} className="fill-muted-foreground">
          {labels.columns}
        </text>
        {columns.map((label, c) => (
          <text key={label} x={LEFT + c * CELL_WIDTH + CELL_WIDTH / 2} y={36} textAnchor="middle" fontSize={11} className="fill-muted-foreground">
            {label}
          </text>
        ))}
        <text x={12} y={TOP + (rows.length * CELL_HEIGHT) / 2} textAnchor="middle" fontSize={12} className="fill-muted-foreground" transform={`rotate(-90 12 ${TOP + (rows.length * CELL_HEIGHT) / 2})`}>
          {labels.rows}
        </text>
        {rows.map((label, r) => (
          <text key={label} x={LEFT - 8} y={TOP + r * CELL_HEIGHT + CELL_HEIGHT / 2 + 4} textAnchor="end" fontSize={11} className="fill-muted-foreground">
            {label}
          </text>
        ))}
        {cells.map((cell) => {
          const x = LEFT + cell.column * CELL_WIDTH;
          const y = TOP + cell.row * CELL_HEIGHT;
          if (cell.value === null) {
            return <rect key={`${cell.row}.${cell.column}`} x={x + 1} y={y + 1} width={CELL_WIDTH - 2} height={CELL_HEIGHT - 2} rx={4} style={{ fill: "var(--muted)" }} opacity={0.5} data-cell={`${cell.row}.${cell.column}`} data-customers={0} />;
          }
          // P(alive) on its own scale; expected purchases by the square root of the share of the largest cell (as the segment heat map).
          const level = measure === "probabilityAlive" ? intensity(cell.value) : heatIntensity(cell.value, scale);
          return (
            <g key={`${cell.row}.${cell.column}`} data-cell={`${cell.row}.${cell.column}`} data-customers={cell.customers} data-value={cell.value}>
              <title>{`${rows[cell.row]} × ${columns[cell.column]}: ${format(cell.value)}, ${labels.customers.replace("{count}", formatCount(cell.customers, locale))}`}</title>
              <rect x={x + 1} y={y + 1} width={CELL_WIDTH - 2} height={CELL_HEIGHT - 2} rx={4} style={{ fill: heatBackground(level) }} />
              <text x={x + CELL_WIDTH / 2} y={y + 18} textAnchor="middle" fontSize={12} fontWeight={600} className={heatFillClass(level)}>
                {format(cell.value)}
              </text>
              <text x={x + CELL_WIDTH / 2} y={y + 32} textAnchor="middle" fontSize={9.5} className={heatFillClass(level)} opacity={0.85}>
                {formatCount(cell.customers, locale)}
              </text>
            </g>
          );
        })}
        <text x={LEFT} y={legendY + 10} fontSize={11} textAnchor="end" dx={-6} className="fill-muted-foreground">
          {labels.low}
        </text>
        <rect x={LEFT} y={legendY} width={legendWidth} height={12} rx={3} fill={`url(#${gradientId})`} />
        <text x={LEFT + legendWidth + 6} y={legendY + 10} fontSize={11} className="fill-muted-foreground">
          {labels.high}
        </text>
      </svg>
      {/* A table ignores the 1px width of sr-only, so the wrapper hides it. */}
      <div className="sr-only">
        <table>
          <caption>{labels.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.rows}</th>
              {columns.map((label) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((label, r) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {columns.map((column, c) => {
                  const cell = cells.find((candidate) => candidate.row === r && candidate.column === c)!;
                  return <td key={column}>{cell.value === null ? labels.empty : `${format(cell.value)} (${labels.customers.replace("{count}", formatCount(cell.customers, locale))})`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
