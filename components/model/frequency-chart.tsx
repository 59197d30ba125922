"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import { formatCount } from "@/lib/format";

export interface FrequencyBar {
  label: string;
  customers: number;
  actual: number;
  expected: number;
}

function TooltipContent({ active, payload, locale, labels }: { active?: boolean; payload?: { payload: FrequencyBar }[]; locale: string; labels: FrequencyLabels }) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  const number = (value: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{labels.group.replace("{count}", bar.label)}</p>
      <p className="tabular-nums">{labels.customers.replace("{count}", formatCount(bar.customers, locale))}</p>
      <p className="tabular-nums">
        {labels.actual}: {number(bar.actual)}
      </p>
      <p className="tabular-nums">
        {labels.predicted}: {number(bar.expected)}
      </p>
    </div>
  );
}

export interface FrequencyLabels {
  actual: string;
  predicted: string;
  axis: string;
  /** "{count} repeat purchases before" */
  group: string;
  /** "{count} customers" */
  customers: string;
}

/** Mean holdout purchases by calibration repeat purchases (Fader, Hardie & Lee 2005, Figure 4): actual and predicted bars side by side. */
export function FrequencyChart({ bars, locale, labels }: { bars: FrequencyBar[]; locale: string; labels: FrequencyLabels }) {
  return (
    <BarChart responsive data={bars} style={{ width: "100%", height: 300 }} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="label" {...axisProps} label={{ value: labels.axis, position: "insideBottom", offset: -10, fill: "var(--chart-axis)", fontSize: 12 }} />
      <YAxis {...axisProps} width={48} tickFormatter={(value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} />
      <Tooltip content={<TooltipContent locale={locale} labels={labels} />} cursor={{ fill: "var(--muted)" }} />
      <Bar dataKey="actual" name={labels.actual} fill="var(--chart-1)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      <Bar dataKey="expected" name={labels.predicted} fill="var(--chart-2)" fillOpacity={0.55} stroke="var(--chart-2)" strokeWidth={1.5} strokeDasharray="4 2" radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
