import { Link } from "@/components/ui/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { SegmentFigures } from "@/lib/queries/segments";

export interface SegmentGroupRow {
  id: string;
  href: string;
  name: string;
  /** A line under the name (what an RFM segment means, a quadrant's tactic). */
  note?: string;
  /** Shown after the name (the count of open decisions). */
  badge?: ReactNode;
  figures: SegmentFigures;
}

/** One kind of group (tiers, RFM segments or quadrants): size, CLV and value share per group, with totals. */
export async function SegmentGroupTable({
  caption,
  rows,
  totals,
  locale,
  currency,
  kind,
}: {
  caption: string;
  rows: SegmentGroupRow[];
  totals: SegmentFigures;
  locale: string;
  currency: string;
  kind: string;
}) {
  const [t, tMeasures] = await Promise.all([getTranslations("segments.groups"), getTranslations("measures")]);
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const average = (figures: SegmentFigures) => (figures.customers > 0 ? money(figures.predictedClvCents / figures.customers) : "–");
  return (
    <div className="overflow-x-auto">
      {/* Every cell's padding and number alignment set once here, not on each of ~100 cells (page bytes). */}
      <table className="w-full min-w-[48rem] border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:text-right [&_td]:tabular-nums" data-group-table={kind}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">{t("group")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{tMeasures("customers")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("customerShare")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{tMeasures("historicClv")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{tMeasures("predictedClv")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("averageClv")}</th>
            <th scope="col" className="w-48 px-3 py-2 text-left font-medium">{tMeasures("valueShare")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-border last:border-b-0" data-group={row.id} data-customers={row.figures.customers}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={row.href} prefetch={false} className="font-medium text-accent hover:underline">
                  {row.name}
                </Link>
                {row.badge ? <span className="ml-2">{row.badge}</span> : null}
                {row.note ? <span className="block max-w-md text-xs text-muted-foreground">{row.note}</span> : null}
              </th>
              <td>{formatCount(row.figures.customers, locale)}</td>
              <td>{formatPercent(row.figures.customerShare, locale)}</td>
              <td>{money(row.figures.historicClvCents)}</td>
              <td>{money(row.figures.predictedClvCents)}</td>
              <td>{average(row.figures)}</td>
              <td>
                <span className="flex items-center gap-2">
                  <span className="h-2 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden="true">
                    <span className="block h-full rounded-full bg-chart-1" style={{ width: `${Math.max(0, Math.min(1, row.figures.valueShare)) * 100}%` }} />
                  </span>
                  <span className="w-14 text-right tabular-nums">{formatPercent(row.figures.valueShare, locale)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-border font-medium">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">{t("totalRow")}</th>
            <td>{formatCount(totals.customers, locale)}</td>
            <td>{formatPercent(totals.customers > 0 ? 1 : 0, locale)}</td>
            <td>{money(totals.historicClvCents)}</td>
            <td>{money(totals.predictedClvCents)}</td>
            <td>{average(totals)}</td>
            <td>{formatPercent(totals.customers > 0 ? 1 : 0, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
