import "server-only";
import { getTranslations } from "next-intl/server";
import type { ChartExportOptions } from "@/components/charts/chart-export-menu";
import type { HeatMapCell } from "@/lib/export/chart-drawing";
import { formatCount, formatMoney } from "@/lib/format";
import type { SegmentBreakdown } from "@/lib/queries/segments";
import { heatIntensity, type HeatMode } from "./heat";

/**
 * What the Export button of the CLV tier x RFM cross-table exports: the heat map drawn as an SVG grid
 * (the page shows it as an HTML table) with the same counts, amounts and colours as on screen, and a CSV
 * with one row per cell (tier, segment, customers, predicted CLV; empty cells as 0).
 */
export async function crossTableExport({
  breakdown,
  heat,
  locale,
  currency,
  asOfDate,
  filters,
}: {
  breakdown: SegmentBreakdown;
  heat: HeatMode;
  locale: string;
  currency: string;
  asOfDate: string;
  /** The active filters in words (describeFilter). */
  filters: string;
}): Promise<ChartExportOptions> {
  const [t, tRfm, tm, te] = await Promise.all([getTranslations("segments.crossTable"), getTranslations("rfm"), getTranslations("measures"), getTranslations("chartExport")]);
  const byKey = new Map(breakdown.cells.map((cell) => [`${cell.tier}.${cell.segment}`, cell]));
  const amount = (cell: { customers: number; predictedClvCents: number }) => (heat === "count" ? cell.customers : cell.predictedClvCents);
  const largest = Math.max(0, ...breakdown.cells.map(amount));
  const money = (cents: number) => formatMoney(cents, { locale, currency, compact: true });
  const count = (value: number) => formatCount(value, locale);
  const figures = (group: { customers: number; predictedClvCents: number }) => ({ value: count(group.customers), detail: money(group.predictedClvCents) });
  return {
    name: "clv-tiers-rfm",
    asOfDate,
    filters,
    legend: [],
    table: {
      columns: [tm("tier"), tm("rfm"), tm("customers"), tm("predictedClv")],
      rows: breakdown.tiers.flatMap((tier) =>
        breakdown.rfm.map((segment) => {
          const cell = byKey.get(`${tier.tier}.${segment.key}`);
          return [tier.name, tRfm(`${segment.key}.name`), cell?.customers ?? 0, (cell?.predictedClvCents ?? 0) / 100];
        }),
      ),
    },
    drawing: {
      kind: "heat-map",
      corner: t("tierHeader"),
      columns: breakdown.rfm.map((segment) => tRfm(`${segment.key}.name`)),
      rows: breakdown.tiers.map((tier) => ({
        label: tier.name,
        cells: breakdown.rfm.map((segment): HeatMapCell | null => {
          const cell = byKey.get(`${tier.tier}.${segment.key}`);
          return cell && cell.customers > 0 ? { ...figures(cell), intensity: heatIntensity(amount(cell), largest) } : null;
        }),
        total: figures(tier),
      })),
      totalLabel: t("total"),
      columnTotals: breakdown.rfm.map(figures),
      grandTotal: figures(breakdown.totals),
      scale: { label: te("heatScale", { measure: heat === "count" ? t("byCount") : t("byValue") }), low: t("legendLow"), high: t("legendHigh") },
    },
  };
}
