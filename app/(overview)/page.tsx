import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { RevenueByMonthChart } from "@/components/charts/revenue-by-month-chart";
import { revenueByMonthConfig } from "@/components/charts/revenue-by-month-config";
import { ChangesSince } from "@/components/overview/changes-since";
import { ClvDistribution } from "@/components/overview/clv-distribution";
import { ClvKpis } from "@/components/overview/clv-kpis";
import { RfmShares } from "@/components/overview/rfm-shares";
import { TierBreakdown } from "@/components/overview/tier-breakdown";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { formatMoney, formatMonth } from "@/lib/format";
import { getCustomerCount } from "@/lib/queries/database-stats";
import { getMonthlyRevenue, markPartialMonths } from "@/lib/queries/overview";
import { getPreviousSnapshot, getSnapshotActivity } from "@/lib/queries/snapshot-overview";
import { getPurchaseDateRange } from "@/lib/queries/snapshots";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

export default async function OverviewPage({ searchParams }: PageProps<"/">) {
  const [{ page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("overview")]);
  const { snapshot } = page;
  if (!snapshot) {
    // Data without figures yet (being computed, or too little data for a model): show that, and the
    // purchases that did arrive.
    const range = await getCustomerCount() > 0 ? await getPurchaseDateRange() : null;
    return (
      <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")}>
        {range?.firstDate ? <RevenueSection firstDate={range.firstDate} lastDate={range.lastDate} locale={locale} /> : null}
      </PageWithoutSnapshot>
    );
  }
  // Links keep the snapshot the page shows (an older one when the URL asks for it).
  const query = snapshot.id === page.currentId ? "" : `?snapshot=${snapshot.id}`;
  const activity = await getSnapshotActivity(snapshot);
  const previous = await getPreviousSnapshot(snapshot.id);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <SnapshotNote page={page} locale={locale} currentHref="/" />
      </div>
      <ClvKpis snapshot={snapshot} activity={activity} locale={locale} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <ClvDistribution snapshot={snapshot} bins={activity.bins} locale={locale} />
        <TierBreakdown snapshot={snapshot} locale={locale} query={query} />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <RfmShares snapshot={snapshot} locale={locale} query={query} />
        </div>
        <div className="lg:col-span-2">
          <ChangesSince
            current={{ snapshot, activity }}
            previous={previous ? { snapshot: previous, activity: await getSnapshotActivity(previous) } : null}
            locale={locale}
          />
        </div>
      </div>
      <p className="flex flex-wrap gap-6 text-sm">
        <Link href={`/segments${query}`} className="text-accent underline">
          {t("openSegments")}
        </Link>
        <Link href={`/quadrants${query}`} className="text-accent underline">
          {t("openQuadrants")}
        </Link>
      </p>
      <RevenueSection firstDate={snapshot.firstPurchaseDate} lastDate={snapshot.lastPurchaseDate} locale={locale} />
    </div>
  );
}

async function RevenueSection({ firstDate, lastDate, locale }: { firstDate: string | null; lastDate: string | null; locale: string }) {
  const t = await getTranslations("revenueChart");
  const months = markPartialMonths(await getMonthlyRevenue(), firstDate, lastDate);
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
      exportOptions={{
        name: "revenue-by-month",
        table: {
          columns: [t("month"), t("revenue"), t("netValue"), t("orders"), t("incompleteMonth")],
          rows: months.map((row) => [row.month, row.revenueCents / 100, row.netValueCents / 100, row.orders, row.partial ? "1" : ""]),
        },
      }}
    >
      <RevenueByMonthChart data={months} locale={locale} />
    </ChartContainer>
  );
}
