"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps } from "@/components/charts/chart-config";
import { isoFromDayNumber } from "@/lib/clv/iso-date";
import { formatDate, formatMoney } from "@/lib/format";
import { alignedZeroAxes, monthAxis, type TimelineData } from "./timeline-data";
import { purchaseTimelineConfig } from "./timeline-config";

/** Everything that happened on the hovered day: its purchase, its refund and the net value up to then. */
function TimelineTooltip({
  active,
  payload,
  data,
  locale,
  currency,
}: {
  active?: boolean;
  payload?: { payload: { day: number } }[];
  data: TimelineData;
  locale: string;
  currency: string;
}) {
  const t = useTranslations("customers");
  const day = payload?.[0]?.payload.day;
  if (!active || day === undefined) return null;
  const money = (cents: number) => formatMoney(cents, { locale, currency, cents: true });
  const purchase = data.purchases.find((mark) => mark.day === day);
  const refund = data.refunds.find((mark) => mark.day === day);
  const net = data.cumulative.findLast((point) => point.day <= day);
  return (
    <div className="rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{formatDate(isoFromDayNumber(day), locale)}</p>
      {purchase ? <p className="tabular-nums">{t("tooltipPurchase", { orders: purchase.orders, amount: money(purchase.amountCents) })}</p> : null}
      {refund ? <p className="tabular-nums">{t("tooltipRefund", { amount: money(refund.amountCents) })}</p> : null}
      {net ? <p className="tabular-nums">{t("tooltipCumulative", { amount: money(net.netValueCents) })}</p> : null}
    </div>
  );
}

/**
 * Every purchase day as a dot at the day's revenue and every refund day as a triangle below zero (left
 * axis), with the cumulative net value as a step line (right axis). The dashed line is the analysis date.
 */
export function PurchaseTimelineChart({ data, asOfDay, locale, currency }: { data: TimelineData; asOfDay: number | null; locale: string; currency: string }) {
  const t = useTranslations("customers");
  const config = purchaseTimelineConfig({ purchases: t("timelinePurchases"), refunds: t("timelineRefunds"), cumulative: t("timelineCumulative") });
  const days = [...data.purchases, ...data.refunds].map((mark) => mark.day);
  if (asOfDay !== null) days.push(asOfDay);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const pad = Math.max(7, Math.round((last - first) * 0.02));
  const domain: [number, number] = [first - pad, last + pad];
  const compact = (cents: number) => formatMoney(cents, { locale, currency, compact: true });
  // The net value stays what it is until the analysis date (or the last transaction): draw the last step to there.
  const lastNet = data.cumulative.at(-1);
  const cumulative = lastNet && last > lastNet.day ? [...data.cumulative, { ...lastNet, day: last }] : data.cumulative;
  const axes = alignedZeroAxes(
    [...data.purchases, ...data.refunds].map((mark) => mark.amountCents),
    cumulative.map((point) => point.netValueCents),
  );
  return (
    <ComposedChart responsive style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
      <CartesianGrid {...gridProps} />
      <XAxis {...monthAxis(domain, locale)} {...axisProps} />
      <YAxis yAxisId="amount" dataKey="amountCents" domain={axes.left.domain} ticks={axes.left.ticks} {...axisProps} width={72} tickFormatter={compact} label={{ value: t("timelineAmountAxis"), angle: -90, position: "insideLeft", fill: "var(--chart-axis)", fontSize: 12, dy: 30 }} />
      <YAxis yAxisId="net" dataKey="netValueCents" domain={axes.right.domain} ticks={axes.right.ticks} orientation="right" {...axisProps} width={72} tickFormatter={compact} label={{ value: t("timelineCumulativeAxis"), angle: 90, position: "insideRight", fill: "var(--chart-axis)", fontSize: 12, dy: -30 }} />
      <ReferenceLine yAxisId="amount" y={0} stroke="var(--chart-axis)" />
      {asOfDay !== null ? <ReferenceLine yAxisId="amount" x={asOfDay} stroke="var(--chart-axis)" strokeDasharray="4 4" /> : null}
      <Tooltip content={<TimelineTooltip data={data} locale={locale} currency={currency} />} cursor={{ stroke: "var(--chart-axis)", strokeDasharray: "3 3" }} />
      <Line
        yAxisId="net"
        data={cumulative}
        dataKey="netValueCents"
        name={config.cumulative.label}
        type="stepAfter"
        stroke={config.cumulative.color}
        strokeWidth={2}
        dot={false}
        activeDot={false}
        isAnimationActive={false}
        className="timeline-cumulative"
      />
      <Scatter
        yAxisId="amount"
        data={data.purchases}
        dataKey="amountCents"
        name={config.purchases.label}
        fill={config.purchases.color}
        shape="circle"
        isAnimationActive={false}
        className="timeline-purchases"
      />
      <Scatter
        yAxisId="amount"
        data={data.refunds}
        dataKey="amountCents"
        name={config.refunds.label}
        fill={config.refunds.color}
        shape="triangle"
        isAnimationActive={false}
        className="timeline-refunds"
      />
    </ComposedChart>
  );
}
