"use client";

import { useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import { formatCount, formatDate, formatMonth } from "@/lib/format";
import { axisTicks, niceCeiling, trackingRows, type Tracking, type TrackingRow } from "./tracking-data";

export interface TrackingLabels {
  actual: string;
  predicted: string;
  holdout: string;
  weekEnding: string;
}

function TooltipContent({ active, payload, cumulative, locale, labels }: { active?: boolean; payload?: { payload: TrackingRow }[]; cumulative: boolean; locale: string; labels: TrackingLabels }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{labels.weekEnding.replace("{date}", formatDate(row.weekEnd, locale))}</p>
      <p className="tabular-nums">
        {labels.actual}: {formatCount(cumulative ? row.cumulativeActual : row.actual, locale)}
      </p>
      <p className="tabular-nums">
        {labels.predicted}: {number(cumulative ? row.cumulativeExpected : row.expected)}
      </p>
    </div>
  );
}

/**
 * The tracking plot (Fader, Hardie & Lee 2005, Figures 2 and 3): repeat purchases, actual (solid) against
 * predicted (dashed), cumulative or per week; the holdout weeks are shaded. It receives the stored weekly
 * series and builds its rows in the browser: rows with six named fields a week were ~19 KB of the page's RSC.
 */
export function TrackingChart({ tracking, cumulative, locale, labels }: { tracking: Tracking; cumulative: boolean; locale: string; labels: TrackingLabels }) {
  const rows = useMemo(() => trackingRows(tracking), [tracking]);
  const calibrationWeeks = tracking.calibrationWeeks;
  const weeks = rows.length;
  const step = Math.max(1, Math.ceil(weeks / 8 / 4.35) * 4);
  const ticks = rows.filter((row) => (row.week - 1) % step === 0).map((row) => row.week);
  const weekEnd = new Map(rows.map((row) => [row.week, row.weekEnd]));
  const highest = Math.max(1, ...rows.map((row) => (cumulative ? Math.max(row.cumulativeActual, row.cumulativeExpected) : Math.max(row.actual, row.expected))));
  const top = niceCeiling(highest * 1.12);
  return (
    <LineChart responsive data={rows} style={{ width: "100%", height: 300 }} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid {...gridProps} />
      <ReferenceArea
        x1={calibrationWeeks + 0.5}
        x2={weeks + 0.5}
        fill="var(--muted)"
        fillOpacity={0.8}
        ifOverflow="extendDomain"
        label={{ value: labels.holdout, position: "insideTop", fill: "var(--chart-axis)", fontSize: 12 }}
      />
      <XAxis
        dataKey="week"
        type="number"
        domain={[0.5, weeks + 0.5]}
        ticks={ticks}
        {...axisProps}
        tickFormatter={(week: number) => formatMonth((weekEnd.get(week) ?? "").slice(0, 7), { short: true, locale })}
      />
      {/* Headroom above the highest week, so the "Holdout" label does not sit on the lines. */}
      <YAxis {...axisProps} width={56} allowDecimals={false} domain={[0, top]} ticks={axisTicks(top)} tickFormatter={(value: number) => formatCount(value, locale)} />
      <Tooltip content={<TooltipContent cumulative={cumulative} locale={locale} labels={labels} />} />
      <Line
        dataKey={cumulative ? "cumulativeActual" : "actual"}
        name={labels.actual}
        stroke="var(--chart-1)"
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
        className="tracking-line-actual"
      />
      <Line
        dataKey={cumulative ? "cumulativeExpected" : "expected"}
        name={labels.predicted}
        stroke="var(--chart-2)"
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
        className="tracking-line-predicted"
      />
    </LineChart>
  );
}
