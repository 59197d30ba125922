import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ClvRange, type ClvRangeValue } from "@/components/uncertainty/clv-range";
import { KpiCard } from "@/components/ui/kpi-card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import { AT_RISK_SEGMENTS, type SnapshotActivity } from "@/lib/queries/snapshot-overview";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** The headline figures of a snapshot: customers, activity, value to date and to come, and where it sits. */
export async function ClvKpis({ snapshot, activity, locale }: { snapshot: SnapshotInfo; activity: SnapshotActivity; locale: string }) {
  const t = await getTranslations("overview");
  const { summary, settings } = snapshot;
  const money = (cents: number) => formatMoney(cents, { locale });
  const customers = snapshot.customers;
  const topTier = summary.tiers[0];
  const atRisk = summary.rfm.filter((segment) => (AT_RISK_SEGMENTS as readonly string[]).includes(segment.key));
  const atRiskCustomers = atRisk.reduce((sum, segment) => sum + segment.customers, 0);
  // The total's interval (missing for the simple formula and older snapshots: no range then); the
  // average's is the total's divided by the number of customers, which is not uncertain.
  const interval = summary.predictedClvInterval;
  const averageRange: ClvRangeValue | null =
    interval && customers > 0 ? { lowCents: interval.lowCents / customers, highCents: interval.highCents / customers, level: interval.level } : null;
  const averageCents = customers > 0 ? summary.totals.predictedClvCents / customers : 0;
  const cards: { key: string; label: string; value: string; detail: string; below?: ReactNode }[] = [
    { key: "customers", label: t("kpiCustomers"), value: formatCount(customers, locale), detail: t("kpiCustomersDetail", { date: formatDate(snapshot.asOfDate, locale) }) },
    activity.hasProbabilityAlive
      ? {
          key: "active",
          label: t("kpiActive"),
          value: formatCount(Math.round(activity.expectedActive), locale),
          detail: t("kpiActiveDetail", {
            share: formatPercent(customers > 0 ? activity.expectedActive / customers : 0, locale, 0),
            likely: formatCount(activity.likelyActive, locale),
          }),
        }
      : { key: "active", label: t("kpiActive"), value: "–", detail: t("kpiActiveSimple") },
    { key: "historic", label: t("kpiHistoric"), value: money(summary.totals.historicClvCents), detail: t("kpiHistoricDetail") },
    {
      key: "predicted",
      label: t("kpiPredicted", { months: settings.horizonMonths }),
      value: money(summary.totals.predictedClvCents),
      detail: t("kpiPredictedDetail", { model: snapshot.fit.purchaseModel.label, rate: formatPercent(settings.discountRateYearly, locale, 0) }),
      below: interval ? <ClvRange range={interval} valueCents={summary.totals.predictedClvCents} locale={locale} explain="total" /> : null,
    },
    {
      key: "average",
      label: t("kpiAverage"),
      value: money(averageCents),
      detail: t("kpiAverageDetail", { total: money(customers > 0 ? summary.totals.totalClvCents / customers : 0) }),
      below: averageRange ? <ClvRange range={averageRange} valueCents={averageCents} locale={locale} /> : null,
    },
    topTier
      ? {
          key: "top-tier",
          label: t("kpiTopTier"),
          value: formatPercent(topTier.valueShare, locale, 0),
          detail: t("kpiTopTierDetail", { percent: formatPercent(topTier.percent / 100, locale, 0), tier: topTier.name }),
        }
      : null,
    {
      key: "at-risk",
      label: t("kpiAtRisk"),
      value: money(atRisk.reduce((sum, segment) => sum + segment.predictedClvCents, 0)),
      detail: t("kpiAtRiskDetail", {
        customers: formatCount(atRiskCustomers, locale),
        historic: money(atRisk.reduce((sum, segment) => sum + segment.historicClvCents, 0)),
      }),
    },
  ].filter((card) => card !== null);
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" role="list" aria-label={t("keyFigures")}>
      {cards.map((card) => (
        <div role="listitem" key={card.key} data-kpi={card.key}>
          <KpiCard label={card.label} value={card.value} detail={card.detail} below={card.below} />
        </div>
      ))}
    </div>
  );
}
