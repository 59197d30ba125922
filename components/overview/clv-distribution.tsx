import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { ClvBin } from "@/lib/queries/snapshot-overview";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { ClvHistogramChart, type ClvHistogramBar } from "./clv-histogram-chart";

/** The CLV distribution card: labels the bins in the page's language and describes the chart in words. */
export async function ClvDistribution({ snapshot, bins, locale }: { snapshot: SnapshotInfo; bins: ClvBin[]; locale: string }) {
  const t = await getTranslations("overview");
  const money = (cents: number) => formatMoney(cents, { locale, cents: false, compact: cents >= 1_000_000 });
  const label = (bin: ClvBin) =>
    bin.fromCents === null
      ? t("histogramBelow", { to: money(bin.toCents ?? 0) })
      : bin.toCents === null
        ? t("histogramAbove", { from: money(bin.fromCents) })
        : t("histogramRange", { from: money(bin.fromCents), to: money(bin.toCents) });
  const bars: ClvHistogramBar[] = bins.map((bin) => ({ label: label(bin), customers: bin.customers, predictedClvCents: bin.predictedClvCents }));
  const common = bars.reduce((top, bar) => (bar.customers > (top?.customers ?? -1) ? bar : top), bars[0]);
  const last = bars[bars.length - 1];
  const summary =
    common && last
      ? t("histogramSummary", {
          range: common.label,
          customers: formatCount(common.customers, locale),
          top: formatPercent(snapshot.customers > 0 ? last.customers / snapshot.customers : 0, locale),
          topRange: last.label,
        })
      : "";
  return (
    <ChartContainer
      id="clv-distribution"
      title={t("histogramTitle")}
      description={t("histogramDescription", { months: snapshot.settings.horizonMonths })}
      config={{ customers: { label: t("histogramCustomers"), color: "var(--chart-1)" } }}
      summary={summary}
      exportOptions={{
        name: "clv-distribution",
        asOfDate: snapshot.asOfDate,
        table: {
          columns: [t("histogramRangeColumn"), t("histogramCustomers"), t("histogramValueCents")],
          rows: bins.map((bin, index) => [bars[index]!.label, bin.customers, bin.predictedClvCents / 100]),
        },
      }}
    >
      <ClvHistogramChart bars={bars} locale={locale} />
    </ChartContainer>
  );
}
