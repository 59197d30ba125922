"use client";

import { useTranslations } from "next-intl";
import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatMonth } from "@/lib/format";
import { axisProps, gridProps } from "./chart-config";
import { revenueByMonthConfig, type RevenueByMonthPoint } from "./revenue-by-month-config";

function TooltipContent({ active, payload, locale }: { active?: boolean; payload?: { payload: RevenueByMonthPoint }[]; locale: string }) {
  const t = useTranslations("revenueChart");
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">
        {formatMonth(point.month, { locale })}
        {point.partial ? <span className="font-normal text-muted-foreground"> ({t("incompleteMonth")})</span> : null}
      </p>
      <p className="tabular-nums">
        {t("revenue")}: {formatMoney(point.revenueCents, { locale })}
      </p>
      <p className="tabular-nums">
        {t("netValue")}: {formatMoney(point.netValueCents, { locale })}
      </p>
      <p className="tabular-nums">
        {t("orders")}: {formatCount(point.orders, locale)}
      </p>
    </div>
  );
}

/** Revenue per calendar month as bars, with the net value after cost as a line. */
export function RevenueByMonthChart({ data, locale }: { data: RevenueByMonthPoint[]; locale: string }) {
  const t = useTranslations("revenueChart");
  const config = revenueByMonthConfig({ revenue: t("revenue"), netValue: t("netValue") });
  return (
    <ComposedChart responsive data={data} style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="month" {...axisProps} tickFormatter={(month: string) => formatMonth(month, { short: true, locale })} minTickGap={24} />
      <YAxis {...axisProps} width={72} tickFormatter={(cents: number) => formatMoney(cents, { compact: true, locale })} />
      <Tooltip content={<TooltipContent locale={locale} />} cursor={{ fill: "var(--muted)" }} />
      <Bar dataKey="revenueCents" name={config.revenueCents.label} fill={config.revenueCents.color} radius={[3, 3, 0, 0]} isAnimationActive={false}>
        {data.map((point) => (
          <Cell key={point.month} fillOpacity={point.partial ? 0.4 : 1} />
        ))}
      </Bar>
      <Line dataKey="netValueCents" name={config.netValueCents.label} stroke={config.netValueCents.color} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}
