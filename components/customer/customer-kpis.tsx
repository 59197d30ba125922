import { getTranslations } from "next-intl/server";
import { ClvRange, customerRange } from "@/components/uncertainty/clv-range";
import { KpiCard } from "@/components/ui/kpi-card";
import { CLV_INTERVAL_LEVEL } from "@/lib/clv/clv-interval";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { CustomerScoreRow } from "@/lib/queries/customer-scores";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { formatDecimal } from "./format-decimal";

/**
 * The customer's headline figures in the snapshot: value to date and ahead, P(alive), expected purchases
 * and next purchase, order value and how long they have been buying.
 */
export async function CustomerKpis({
  score,
  snapshot,
  ownAverage,
  locale,
}: {
  score: CustomerScoreRow;
  snapshot: SnapshotInfo;
  /** The customer's own orders and average order value up to the analysis date. */
  ownAverage: { orders: number; averageCents: number } | null;
  locale: string;
}) {
  const [t, m] = await Promise.all([getTranslations("customers"), getTranslations("measures")]);
  const money = (cents: number) => formatMoney(cents, { locale, currency: snapshot.summary.currency });
  const months = snapshot.settings.horizonMonths;
  const asOf = formatDate(snapshot.asOfDate, locale);
  const cards = [
    { key: "historic", label: m("historicClv"), value: money(score.historicClvCents), detail: t("historicDetail", { date: asOf }) },
    {
      key: "predicted",
      label: m("predictedClv"),
      value: money(score.predictedClvCents),
      detail: t("predictedDetail", { months }),
      range: customerRange(score, snapshot.summary.predictedClvInterval?.level ?? CLV_INTERVAL_LEVEL),
    },
    { key: "total", label: m("totalClv"), value: money(score.totalClvCents), detail: t("totalDetail") },
    score.probabilityAlive === null
      ? { key: "alive", label: m("probabilityAlive"), value: t("aliveNone"), detail: t("aliveNoneDetail") }
      : { key: "alive", label: m("probabilityAlive"), value: formatPercent(score.probabilityAlive, locale), detail: t("aliveDetail") },
    { key: "expected", label: m("expectedPurchases"), value: formatDecimal(score.expectedPurchases, locale), detail: t("expectedPurchasesDetail", { months }) },
    score.expectedNextPurchaseDate
      ? { key: "next", label: m("nextPurchase"), value: formatDate(score.expectedNextPurchaseDate, locale), detail: t("nextPurchaseDetail") }
      : { key: "next", label: m("nextPurchase"), value: t("nextPurchaseNone"), detail: t("nextPurchaseNoneDetail", { months }) },
    {
      key: "order",
      label: t("averageOrderValue"),
      value: ownAverage ? money(ownAverage.averageCents) : t("unknown"),
      detail: t("averageOrderValueDetail", { orders: ownAverage?.orders ?? 0, expected: money(score.expectedOrderValueCents) }),
    },
    {
      key: "purchases",
      label: m("purchases"),
      value: formatDecimal(score.purchases, locale, 0),
      detail: t("purchasesDetail", {
        days: m("days", { count: score.relationshipDays }),
        date: formatDate(lastPurchaseDate(snapshot.asOfDate, score.daysSinceLastPurchase), locale),
        length: m("days", { count: score.relationshipLengthDays ?? score.relationshipDays }),
        state: score.relationshipEnded === 1 ? t("relationshipEnded") : t("relationshipRunning"),
      }),
    },
  ];
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" role="list" aria-label={t("keyFigures")}>
      {cards.map((card) => (
        <div role="listitem" key={card.key} data-kpi={card.key}>
          <KpiCard
            label={card.label}
            value={card.value}
            detail={card.detail}
            below={
              "range" in card && card.range ? (
                <ClvRange range={card.range} valueCents={score.predictedClvCents} locale={locale} currency={snapshot.summary.currency} explain="customer" />
              ) : null
            }
          />
        </div>
      ))}
    </div>
  );
}

/** The ISO date `days` before an ISO date. */
function lastPurchaseDate(asOfDate: string, days: number): string {
  return new Date(Date.parse(`${asOfDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
