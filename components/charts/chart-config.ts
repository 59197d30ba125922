/** Maps each series of a chart to its label and its theme colour (a CSS variable, so light and dark both work). */
export type ChartConfig = Record<string, { label: string; color: `var(--chart-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8})` }>;

/** Axis and grid styling shared by all charts. */
export const axisProps = {
  stroke: "var(--chart-axis)",
  tick: { fill: "var(--chart-axis)", fontSize: 12 },
  tickLine: false,
} as const;

export const gridProps = { stroke: "var(--chart-grid)", strokeDasharray: "3 3", vertical: false } as const;
