import { getTranslations } from "next-intl/server";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { KpiChange, KpiKey } from "@/lib/queries/snapshot-compare";

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** The headline figures of two snapshots and their difference, one row each (the overview's "since the previous snapshot" and the history page). */
export async function KpiChangesTable({ rows, locale, currency, caption }: { rows: KpiChange[]; locale: string; currency?: string; caption?: string }) {
  const [t, tm] = await Promise.all([getTranslations("overview"), getTranslations("measures")]);
  const labels: Record<KpiKey, string> = {
    customers: tm("customers"),
    active: t("kpiActive"),
    historic: tm("historicClv"),
    predicted: tm("predictedClv"),
    average: tm("averageClv"),
    "top-tier": t("kpiTopTier"),
    "at-risk": t("kpiAtRisk"),
  };
  const show = (row: KpiChange, value: number) =>
    row.kind === "money" ? formatMoney(value, { locale, currency }) : row.kind === "share" ? formatPercent(value, locale) : formatCount(Math.round(value), locale);
  const difference = (row: KpiChange) =>
    row.kind === "share" ? `${formatCount(Math.round(row.change * 1000) / 10, locale)} pp` : show(row, row.change);
  return (
    <table className="w-full text-sm">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead className="text-left text-xs text-muted-foreground">
        <tr>
          <th scope="col" className="py-1 font-medium">
            {t("changesMeasure")}
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            {t("changesBefore")}
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            {t("changesNow")}
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            {t("changesDifference")}
          </th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map((row) => (
          <tr key={row.key} className="border-t border-border" data-change={row.key}>
            <th scope="row" className="py-1.5 text-left font-normal">
              {labels[row.key]}
            </th>
            <td className="py-1.5 pl-3 text-right whitespace-nowrap text-muted-foreground">{show(row, row.before)}</td>
            <td className="py-1.5 pl-3 text-right whitespace-nowrap">{show(row, row.now)}</td>
            <td className="py-1.5 pl-3 text-right font-medium whitespace-nowrap">{signed(difference(row), row.change)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
