"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatMonth } from "@/lib/format";
import { axisProps, gridProps } from "./chart-config";
import { revenueByMonthConfig, type RevenueByMonthPoint } from "./revenue-by-month-config";

function TooltipContent({ active, payload }: { active?: boolean; payload?: { payload: RevenueByMonthPoint }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">
        {formatMonth(point.month)}
        {point.partial ? <span className="font-normal text-muted-foreground"> (incomplete month)</span> : null}
      </p>
      <p className="tabular-nums">Revenue: {formatMoney(point.revenueCents)}</p>
      <p className="tabular-nums">Net value: {formatMoney(point.netValueCents)}</p>
      <p className="tabular-nums">Orders: {formatCount(point.orders)}</p>
    </div>
  );
}

/** Revenue per calendar month as bars, with the net value after cost as a line. */
export function RevenueByMonthChart({ data }: { data: RevenueByMonthPoint[] }) {
  return (
    <ComposedChart responsive data={data} style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="month" {...axisProps} tickFormatter={(month: string) => formatMonth(month, { short: true })} minTickGap={24} />
      <YAxis {...axisProps} width={64} tickFormatter={(cents: number) => formatMoney(cents, { compact: true })} />
      <Tooltip content={<TooltipContent />} cursor={{ fill: "var(--muted)" }} />
      <Bar dataKey="revenueCents" name={revenueByMonthConfig.revenueCents.label} fill={revenueByMonthConfig.revenueCents.color} radius={[3, 3, 0, 0]} isAnimationActive={false}>
        {data.map((point) => (
          <Cell key={point.month} fillOpacity={point.partial ? 0.4 : 1} />
        ))}
      </Bar>
      <Line dataKey="netValueCents" name={revenueByMonthConfig.netValueCents.label} stroke={revenueByMonthConfig.netValueCents.color} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}
