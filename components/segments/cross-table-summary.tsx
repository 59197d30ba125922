import { getTranslations } from "next-intl/server";
import { formatCount, formatMoney } from "@/lib/format";
import type { CrossTableCell, SegmentBreakdown } from "@/lib/queries/segments";

/** One sentence under the heat map: how many cells hold customers, the largest and the most valuable cell. */
export async function CrossTableSummary({ breakdown, locale, currency }: { breakdown: SegmentBreakdown; locale: string; currency: string }) {
  const [t, tRfm] = await Promise.all([getTranslations("segments.crossTable"), getTranslations("rfm")]);
  const filled = breakdown.cells.filter((cell) => cell.customers > 0);
  if (filled.length === 0) return null;
  const top = (measure: (cell: CrossTableCell) => number) => filled.reduce((best, cell) => (measure(cell) > measure(best) ? cell : best));
  const largest = top((cell) => cell.customers);
  const richest = top((cell) => cell.predictedClvCents);
  const tierName = (tier: number) => breakdown.tiers.find((row) => row.tier === tier)?.name ?? String(tier);
  return (
    <p className="text-sm text-muted-foreground" data-cross-table-summary>
      {t("summary", {
        customers: formatCount(breakdown.totals.customers, locale),
        cells: formatCount(filled.length, locale),
        allCells: formatCount(breakdown.tiers.length * breakdown.rfm.length, locale),
        tier: tierName(largest.tier),
        segment: tRfm(`${largest.segment}.name`),
        count: formatCount(largest.customers, locale),
        valueTier: tierName(richest.tier),
        valueSegment: tRfm(`${richest.segment}.name`),
        value: formatMoney(richest.predictedClvCents, { locale, currency }),
      })}
    </p>
  );
}
