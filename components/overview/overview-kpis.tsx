import { getTranslations } from "next-intl/server";
import { KpiCard } from "@/components/ui/kpi-card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { OverviewFigures } from "@/lib/queries/overview";

/** The headline figures of the customer base to date. */
export async function OverviewKpis({ figures, locale }: { figures: OverviewFigures; locale: string }) {
  const t = await getTranslations("overview");
  const activeShare = figures.customers > 0 ? figures.activeCustomers / figures.customers : 0;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" role="list" aria-label={t("keyFigures")}>
      <div role="listitem">
        <KpiCard
          label={t("customers")}
          value={formatCount(figures.customers, locale)}
          detail={t("activeCustomers", { active: formatCount(figures.activeCustomers, locale), share: formatPercent(activeShare, locale, 0) })}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label={t("revenueToDate")}
          value={formatMoney(figures.revenueCents, { locale })}
          detail={t("netValueAfterCost", { value: formatMoney(figures.netValueCents, { locale }) })}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label={t("orders")}
          value={formatCount(figures.orders, locale)}
          detail={t("ordersDetail", { average: formatMoney(figures.averageOrderValueCents, { locale }), refunds: figures.refunds })}
        />
      </div>
      <div role="listitem">
        <KpiCard
          label={t("purchaseHistory")}
          value={formatDate(figures.lastPurchaseDate, locale)}
          detail={t("purchaseHistoryDetail", { first: formatDate(figures.firstPurchaseDate, locale) })}
        />
      </div>
    </div>
  );
}
