import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { Card } from "@/components/ui/card";
import { isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { AliveCurve } from "@/lib/queries/customer-profile-alive";
import { AliveChart } from "./alive-chart";
import { PurchaseTimelineChart } from "./purchase-timeline-chart";
import { aliveChartConfig, purchaseTimelineConfig } from "./timeline-config";
import type { TimelineData } from "./timeline-data";

/** The purchase timeline in its chart frame, with a summary in words. */
export async function TimelineSection({ data, asOfDate, currency, locale }: { data: TimelineData; asOfDate: string | null; currency: string; locale: string }) {
  const [t, te] = await Promise.all([getTranslations("customers"), getTranslations("chartExport")]);
  const marks = [...data.purchases, ...data.refunds].sort((a, b) => a.day - b.day);
  const config = purchaseTimelineConfig({ purchases: t("timelinePurchases"), refunds: t("timelineRefunds"), cumulative: t("timelineCumulative") });
  const summary =
    marks.length === 0
      ? t("timelineEmpty")
      : t("timelineSummary", {
          purchases: data.purchases.length,
          refunds: data.refunds.length,
          first: formatDate(marks[0]!.date, locale),
          last: formatDate(marks.at(-1)!.date, locale),
          net: formatMoney(data.cumulative.at(-1)!.netValueCents, { locale, currency }),
        });
  const netAfter = new Map(data.cumulative.map((point) => [point.day, point.netValueCents]));
  return (
    <ChartContainer
      id="purchase-timeline"
      title={t("timelineTitle")}
      description={t("timelineDescription")}
      config={config}
      summary={summary}
      legendLabel={t("legend")}
      exportOptions={{
        name: "purchase-timeline",
        asOfDate: asOfDate ?? undefined,
        // What the chart draws: every purchase and refund day, and the net value built up after it.
        table: {
          columns: [te("columns.date"), te("columns.kind"), te("columns.orders"), te("columns.amount"), t("timelineCumulative")],
          rows: [...data.purchases.map((mark) => ({ mark, kind: t("alivePurchase") })), ...data.refunds.map((mark) => ({ mark, kind: t("timelineRefunds") }))]
            .sort((a, b) => a.mark.day - b.mark.day)
            .map(({ mark, kind }) => [mark.date, kind, mark.orders, mark.amountCents / 100, (netAfter.get(mark.day) ?? 0) / 100]),
        },
      }}
    >
      {marks.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("timelineEmpty")}</p>
      ) : (
        <PurchaseTimelineChart data={data} asOfDay={asOfDate ? parseIsoDay(asOfDate) : null} locale={locale} currency={currency} />
      )}
    </ChartContainer>
  );
}

/** P(alive) over time in its chart frame; says so when the model has no P(alive) or there is no purchase to judge from. */
export async function AliveSection({ curve, asOfDate, locale }: { curve: AliveCurve; asOfDate: string; locale: string }) {
  const [t, te] = await Promise.all([getTranslations("customers"), getTranslations("chartExport")]);
  const date = formatDate(asOfDate, locale);
  if (curve.status !== "ok") {
    return (
      <Card className="px-5 py-4" data-state={`alive-${curve.status}`}>
        <h2 className="font-semibold">{t("aliveTitle")}</h2>
        <p className="mt-1 text-sm text-muted-foreground">
          {curve.status === "no-model" ? t("aliveNoModel", { model: curve.modelLabel }) : t("aliveNoPurchases", { date })}
        </p>
      </Card>
    );
  }
  const { points } = curve;
  const lowest = points.reduce((low, point) => (point.probabilityAlive < low.probabilityAlive ? point : low), points[0]!);
  const day = (n: number) => formatDate(isoFromDayNumber(n), locale);
  const summary = t("aliveSummary", {
    first: day(points[0]!.day),
    last: day(points.at(-1)!.day),
    start: formatPercent(points[0]!.probabilityAlive, locale),
    end: formatPercent(points.at(-1)!.probabilityAlive, locale),
    lowest: formatPercent(lowest.probabilityAlive, locale),
    lowestDate: day(lowest.day),
  });
  return (
    <ChartContainer
      id="alive-over-time"
      title={t("aliveTitle")}
      description={t("aliveDescription", { model: curve.modelLabel, date })}
      config={aliveChartConfig({ line: t("aliveLine"), purchase: t("alivePurchase") })}
      summary={summary}
      legendLabel={t("legend")}
      exportOptions={{
        name: "p-alive-over-time",
        asOfDate,
        table: {
          columns: [te("columns.date"), t("aliveLine"), te("columns.purchaseDay")],
          rows: points.map((point) => [isoFromDayNumber(point.day), point.probabilityAlive, point.purchase ? te("columns.yes") : ""]),
        },
      }}
    >
      <AliveChart points={points} locale={locale} />
    </ChartContainer>
  );
}
