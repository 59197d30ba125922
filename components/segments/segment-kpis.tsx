import { getTranslations } from "next-intl/server";
import { KpiCard } from "@/components/ui/kpi-card";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { GroupFigures } from "@/lib/queries/segments";

/** The headline figures of a drill-down: size and value of the group, and its part of all customers. */
export async function SegmentKpis({ group, all, locale, currency }: { group: GroupFigures; all: GroupFigures; locale: string; currency: string }) {
  const t = await getTranslations("segments.kpis");
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const share = (part: number, whole: number) => formatPercent(whole > 0 ? part / whole : 0, locale);
  const figures = [
    { key: "customers", label: t("customers"), value: formatCount(group.customers, locale) },
    { key: "customerShare", label: t("customerShare"), value: share(group.customers, all.customers), detail: t("customerShareDetail", { total: formatCount(all.customers, locale) }) },
    { key: "predictedClv", label: t("predictedClv"), value: money(group.predictedClvCents) },
    { key: "valueShare", label: t("valueShare"), value: share(group.predictedClvCents, all.predictedClvCents), detail: t("valueShareDetail", { total: money(all.predictedClvCents) }) },
    { key: "averageClv", label: t("averageClv"), value: group.customers > 0 ? money(group.predictedClvCents / group.customers) : "–" },
    {
      key: "averageAlive",
      label: t("averageAlive"),
      value: group.averageProbabilityAlive === null ? "–" : formatPercent(group.averageProbabilityAlive, locale),
      detail: group.averageProbabilityAlive === null && group.customers > 0 ? t("aliveUnknown") : undefined,
    },
  ];
  return (
    <ul aria-label={t("label")} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {figures.map((figure) => (
        <li key={figure.key} data-kpi={figure.key}>
          <KpiCard label={figure.label} value={figure.value} detail={figure.detail} />
        </li>
      ))}
    </ul>
  );
}
