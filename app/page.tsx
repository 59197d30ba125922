import { connection } from "next/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { RevenueByMonthChart } from "@/components/charts/revenue-by-month-chart";
import { revenueByMonthConfig } from "@/components/charts/revenue-by-month-config";
import { EmptyOverview } from "@/components/overview/empty-overview";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { formatMoney, formatMonth } from "@/lib/format";
import { getMonthlyRevenue, getOverviewFigures, markPartialMonths } from "@/lib/queries/overview";

export default async function OverviewPage() {
  await connection(); // read the database on every request, never at build time
  const figures = getOverviewFigures();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">Your customer base to date, from every purchase and refund on record.</p>
      </div>
      {figures.customers === 0 ? (
        <EmptyOverview />
      ) : (
        <>
          <OverviewKpis figures={figures} />
          <RevenueSection firstDate={figures.firstPurchaseDate} lastDate={figures.lastPurchaseDate} />
        </>
      )}
    </div>
  );
}

function RevenueSection({ firstDate, lastDate }: { firstDate: string | null; lastDate: string | null }) {
  const months = markPartialMonths(getMonthlyRevenue(), firstDate, lastDate);
  const partial = months.filter((month) => month.partial).map((month) => formatMonth(month.month));
  const best = months.reduce((top, month) => (month.revenueCents > (top?.revenueCents ?? -Infinity) ? month : top), months[0]);
  const summary =
    months.length === 0
      ? "No purchases yet."
      : `Revenue per month from ${formatMonth(months[0]!.month)} to ${formatMonth(months[months.length - 1]!.month)}; ` +
        `the highest month is ${formatMonth(best!.month)} with ${formatMoney(best!.revenueCents)}.`;
  return (
    <ChartContainer
      id="revenue-by-month"
      title="Revenue per month"
      description={
        "Revenue after refunds per calendar month, and the net value that remains after cost." +
        (partial.length > 0 ? ` Lighter bars are incomplete months (${partial.join(" and ")}).` : "")
      }
      config={revenueByMonthConfig}
      summary={summary}
    >
      <RevenueByMonthChart data={months} />
    </ChartContainer>
  );
}
