import { KpiCard } from "@/components/ui/kpi-card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { OverviewFigures } from "@/lib/queries/overview";

/** The headline figures of the customer base to date. */
export function OverviewKpis({ figures }: { figures: OverviewFigures }) {
  const activeShare = figures.customers > 0 ? figures.activeCustomers / figures.customers : 0;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" role="list" aria-label="Key figures">
      <div role="listitem">
        <KpiCard
          label="Customers"
          value={formatCount(figures.customers)}
          detail={`${formatCount(figures.activeCustomers)} bought in the last 12 months (${formatPercent(activeShare, undefined, 0)})`}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label="Revenue to date"
          value={formatMoney(figures.revenueCents)}
          detail={`Net value after cost: ${formatMoney(figures.netValueCents)}`}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label="Orders"
          value={formatCount(figures.orders)}
          detail={`Average order ${formatMoney(figures.averageOrderValueCents)} · ${formatCount(figures.refunds)} refunds`}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label="Purchase history"
          value={formatDate(figures.lastPurchaseDate)}
          detail={`Last purchase · first on ${formatDate(figures.firstPurchaseDate)}`}
        />
      </div>
    </div>
  );
}
