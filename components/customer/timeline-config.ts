import type { ChartConfig } from "@/components/charts/chart-config";

/** Series of the purchase timeline with their labels (translated by the caller) and theme colours. */
export function purchaseTimelineConfig(labels: { purchases: string; refunds: string; cumulative: string }) {
  return {
    purchases: { label: labels.purchases, color: "var(--chart-1)" },
    refunds: { label: labels.refunds, color: "var(--chart-4)" },
    cumulative: { label: labels.cumulative, color: "var(--chart-2)" },
  } satisfies ChartConfig;
}

/** Series of the P(alive) chart. */
export function aliveChartConfig(labels: { line: string; purchase: string }) {
  return {
    line: { label: labels.line, color: "var(--chart-3)" },
    purchase: { label: labels.purchase, color: "var(--chart-1)" },
  } satisfies ChartConfig;
}
