"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import { formatCount, formatMoney } from "@/lib/format";

/** One bar of the CLV distribution, with its label already in the page's language. */
export interface ClvHistogramBar {
  label: string;
  customers: number;
  predictedClvCents: number;
}

function TooltipContent({ active, payload, locale }: { active?: boolean; payload?: { payload: ClvHistogramBar }[]; locale: string }) {
  const t = useTranslations("overview");
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{bar.label}</p>
      <p className="tabular-nums">
        {t("histogramCustomers")}: {formatCount(bar.customers, locale)}
      </p>
      <p className="tabular-nums">
        {t("histogramValue")}: {formatMoney(bar.predictedClvCents, { locale })}
      </p>
    </div>
  );
}

/** Customers per predicted-CLV bar (bins from lib/analysis/histogram.ts). */
export function ClvHistogramChart({ bars, locale }: { bars: ClvHistogramBar[]; locale: string }) {
  return (
    <BarChart responsive data={bars} style={{ width: "100%", height: 300 }} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="label" {...axisProps} interval={0} angle={-30} textAnchor="end" height={64} fontSize={11} />
      <YAxis {...axisProps} width={56} tickFormatter={(value: number) => formatCount(value, locale)} />
      <Tooltip content={<TooltipContent locale={locale} />} cursor={{ fill: "var(--muted)" }} />
      <Bar dataKey="customers" fill="var(--chart-1)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
