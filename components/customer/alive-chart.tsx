"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, ComposedChart, Line, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import type { AliveOverTimePoint } from "@/lib/clv/alive-over-time";
import { isoFromDayNumber } from "@/lib/clv/iso-date";
import { formatDate, formatPercent } from "@/lib/format";
import { aliveChartConfig } from "./timeline-config";
import { monthAxis } from "./timeline-data";

function AliveTooltip({ active, payload, locale }: { active?: boolean; payload?: { payload: AliveOverTimePoint }[]; locale: string }) {
  const t = useTranslations("customers");
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">
        {formatDate(isoFromDayNumber(point.day), locale)}
        {point.purchase ? <span className="font-normal text-muted-foreground"> · {t("alivePurchase")}</span> : null}
      </p>
      <p className="tabular-nums">
        {t("aliveLine")}: {formatPercent(point.probabilityAlive, locale)}
      </p>
    </div>
  );
}

/** P(alive) from the first purchase to the analysis date (0–100%), with a dot on every purchase day. */
export function AliveChart({ points, locale }: { points: AliveOverTimePoint[]; locale: string }) {
  const t = useTranslations("customers");
  const config = aliveChartConfig({ line: t("aliveLine"), purchase: t("alivePurchase") });
  const first = points[0]!.day;
  const last = points.at(-1)!.day;
  const domain: [number, number] = [first, Math.max(last, first + 1)];
  return (
    <ComposedChart responsive data={points} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
      <CartesianGrid {...gridProps} />
      <XAxis {...monthAxis(domain, locale)} {...axisProps} />
      <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(share: number) => formatPercent(share, locale, 0)} {...axisProps} width={48} />
      <Tooltip content={<AliveTooltip locale={locale} />} cursor={{ stroke: "var(--chart-axis)", strokeDasharray: "3 3" }} />
      <Line dataKey="probabilityAlive" name={config.line.label} type="linear" stroke={config.line.color} strokeWidth={2} dot={false} isAnimationActive={false} className="alive-line" />
      <Scatter
        data={points.filter((point) => point.purchase)}
        dataKey="probabilityAlive"
        name={config.purchase.label}
        fill={config.purchase.color}
        shape="circle"
        isAnimationActive={false}
        className="alive-purchases"
      />
    </ComposedChart>
  );
}
