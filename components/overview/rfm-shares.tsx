import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { RfmShareChart, type RfmShareBar } from "./rfm-share-chart";

/** RFM segments by size and value: a chart for the eye and a table for screen readers and exact numbers. */
export async function RfmShares({ snapshot, locale, query }: { snapshot: SnapshotInfo; locale: string; query: string }) {
  const [t, tr, tm] = await Promise.all([getTranslations("overview"), getTranslations("rfm"), getTranslations("measures")]);
  const total = snapshot.summary.totals.predictedClvCents;
  const bars: RfmShareBar[] = snapshot.summary.rfm
    .filter((segment) => segment.customers > 0)
    .map((segment) => ({
      key: segment.key,
      name: tr(`${segment.key}.name`),
      customers: segment.customers,
      customerShare: snapshot.customers > 0 ? segment.customers / snapshot.customers : 0,
      predictedClvCents: segment.predictedClvCents,
      valueShare: total > 0 ? segment.predictedClvCents / total : 0,
      href: `/segments/rfm/${segment.key}${query}`,
    }));
  const largest = bars.reduce((top, bar) => (bar.customers > (top?.customers ?? -1) ? bar : top), bars[0]);
  const richest = bars.reduce((top, bar) => (bar.valueShare > (top?.valueShare ?? -1) ? bar : top), bars[0]);
  const labels = { customers: t("rfmCustomers"), value: t("rfmValue") };
  return (
    <ChartContainer
      id="rfm-segments"
      title={t("rfmTitle")}
      description={t("rfmDescription")}
      config={{ customerShare: { label: labels.customers, color: "var(--chart-8)" }, valueShare: { label: labels.value, color: "var(--chart-1)" } }}
      exportOptions={{
        name: "rfm-segments",
        asOfDate: snapshot.asOfDate,
        table: {
          columns: [t("rfmTitle"), tm("customers"), labels.customers, tm("predictedClv"), labels.value],
          rows: bars.map((bar) => [bar.name, bar.customers, bar.customerShare, bar.predictedClvCents / 100, bar.valueShare]),
        },
      }}
      summary={
        largest && richest
          ? t("rfmSummary", {
              largest: largest.name,
              largestShare: formatPercent(largest.customerShare, locale),
              richest: richest.name,
              richestShare: formatPercent(richest.valueShare, locale),
            })
          : ""
      }
    >
      <RfmShareChart bars={bars} locale={locale} labels={labels} />
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-accent">{t("rfmTable")}</summary>
        <table className="mt-2 w-full">
          <thead className="text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="py-1 text-left font-medium">
                {t("rfmTitle")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {tm("customers")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {labels.customers}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {tm("predictedClv")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {labels.value}
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {bars.map((bar) => (
              <tr key={bar.key} className="border-t border-border">
                <th scope="row" className="py-1 text-left font-normal">
                  <Link href={bar.href} className="text-accent hover:underline">
                    {bar.name}
                  </Link>
                </th>
                <td className="py-1 text-right">{formatCount(bar.customers, locale)}</td>
                <td className="py-1 text-right">{formatPercent(bar.customerShare, locale)}</td>
                <td className="py-1 text-right">{formatMoney(bar.predictedClvCents, { locale })}</td>
                <td className="py-1 text-right">{formatPercent(bar.valueShare, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </ChartContainer>
  );
}
