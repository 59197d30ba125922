import type { ChartConfig } from "./chart-config";

export interface RevenueByMonthPoint {
  /** `YYYY-MM` */
  month: string;
  revenueCents: number;
  netValueCents: number;
  orders: number;
  /** Only part of the month is in the data: drawn lighter. */
  partial?: boolean;
}

/** Series of the revenue chart with their labels (translated by the caller) and theme colours. */
export function revenueByMonthConfig(labels: { revenue: string; netValue: string }) {
  return {
    revenueCents: { label: labels.revenue, color: "var(--chart-1)" },
    netValueCents: { label: labels.netValue, color: "var(--chart-2)" },
  } satisfies ChartConfig;
}
