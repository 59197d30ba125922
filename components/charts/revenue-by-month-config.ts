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

/** Shared by the chart (client) and its container's legend (server), so it lives outside the client file. */
export const revenueByMonthConfig = {
  revenueCents: { label: "Revenue", color: "var(--chart-1)" },
  netValueCents: { label: "Net value (revenue − cost)", color: "var(--chart-2)" },
} satisfies ChartConfig;
