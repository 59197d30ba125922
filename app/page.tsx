import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { RevenueByMonthChart } from "@/components/charts/revenue-by-month-chart";
import { revenueByMonthConfig } from "@/components/charts/revenue-by-month-config";
import { EmptyOverview } from "@/components/overview/empty-overview";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { PageHeader } from "@/components/ui/page-header";
import { formatMoney, formatMonth } from "@/lib/format";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { getMonthlyRevenue, getOverviewFigures, markPartialMonths } from "@/lib/queries/overview";

export default async function OverviewPage() {
  await connection(); // read the database on every request, never at build time
  const [t, locale] = await Promise.all([getTranslations("overview"), getFormatLocale()]);
  const figures = getOverviewFigures();

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {figures.customers === 0 ? (
        <EmptyOverview />
      ) : (
        <>
          <OverviewKpis figures={figures} locale={locale} />
          <RevenueSection firstDate={figures.firstPurchaseDate} lastDate={figures.lastPurchaseDate} locale={locale} />
        </>
      )}
    </div>
  );
}

async function RevenueSection({ firstDate, lastDate, locale }: { firstDate: string | null; lastDate: string | null; locale: string }) {
  const t = await getTranslations("revenueChart");
  const months = markPartialMonths(getMonthlyRevenue(), firstDate, lastDate);
  const month = (key: string) => formatMonth(key, { locale });
  const partial = months.filter((row) => row.partial).map((row) => month(row.month));
  const best = months.reduce((top, row) => (row.revenueCents > (top?.revenueCents ?? -Infinity) ? row : top), months[0]);
  const summary =
    months.length === 0 || !best
      ? t("summaryEmpty")
      : t("summary", {
          first: month(months[0]!.month),
          last: month(months[months.length - 1]!.month),
          best: month(best.month),
          bestRevenue: formatMoney(best.revenueCents, { locale }),
        });
  return (
    <ChartContainer
      id="revenue-by-month"
      title={t("title")}
      description={t("description") + (partial.length > 0 ? ` ${t("partialNote", { months: partial.join(` ${t("and")} `) })}` : "")}
      config={revenueByMonthConfig({ revenue: t("revenue"), netValue: t("netValue") })}
      legendLabel={t("legend")}
      summary={summary}
    >
      <RevenueByMonthChart data={months} locale={locale} />
    </ChartContainer>
  );
}
