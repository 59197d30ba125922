"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-config";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";

export interface RfmShareBar {
  key: string;
  name: string;
  customers: number;
  customerShare: number;
  predictedClvCents: number;
  valueShare: number;
  href: string;
}

function TooltipContent({ active, payload, locale, labels }: { active?: boolean; payload?: { payload: RfmShareBar }[]; locale: string; labels: { customers: string; value: string } }) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{bar.name}</p>
      <p className="tabular-nums">
        {labels.customers}: {formatPercent(bar.customerShare, locale)} ({formatCount(bar.customers, locale)})
      </p>
      <p className="tabular-nums">
        {labels.value}: {formatPercent(bar.valueShare, locale)} ({formatMoney(bar.predictedClvCents, { locale })})
      </p>
    </div>
  );
}

/** Per RFM segment: its share of customers next to its share of predicted value. A click opens the segment. */
export function RfmShareChart({ bars, locale, labels }: { bars: RfmShareBar[]; locale: string; labels: { customers: string; value: string } }) {
  const router = useRouter();
  return (
    <BarChart
      responsive
      layout="vertical"
      data={bars}
      style={{ width: "100%", height: Math.max(240, bars.length * 34) }}
      margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
      barGap={1}
      onClick={(state) => {
        const index = state?.activeTooltipIndex;
        const bar = typeof index === "number" || typeof index === "string" ? bars[Number(index)] : undefined;
        if (bar) router.push(bar.href);
      }}
    >
      <XAxis type="number" {...axisProps} tickFormatter={(share: number) => formatPercent(share, locale, 0)} domain={[0, "auto"]} />
      <YAxis type="category" dataKey="name" {...axisProps} width={150} interval={0} />
      <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={false} />
      <Tooltip content={<TooltipContent locale={locale} labels={labels} />} cursor={{ fill: "var(--muted)" }} />
      <Bar dataKey="customerShare" name={labels.customers} fill="var(--chart-8)" radius={[0, 3, 3, 0]} isAnimationActive={false} style={{ cursor: "pointer" }} />
      <Bar dataKey="valueShare" name={labels.value} fill="var(--chart-1)" radius={[0, 3, 3, 0]} isAnimationActive={false} style={{ cursor: "pointer" }} />
    </BarChart>
  );
}
