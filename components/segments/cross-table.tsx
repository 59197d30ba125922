import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { decisionsHref, OpenNotesBadge } from "@/components/decisions/open-notes-badge";
import { formatCount, formatMoney } from "@/lib/format";
import type { CrossTableCell, RfmFigures, SegmentFigures, TierFigures } from "@/lib/queries/segments";
import { heatBackground, heatIntensity, heatTextClass, type HeatMode } from "./heat";

export interface CrossTableProps {
  tiers: TierFigures[];
  rfm: RfmFigures[];
  cells: CrossTableCell[];
  totals: SegmentFigures;
  heat: HeatMode;
  /** Open decisions by group (`countOpenDecisionNotes`, `cell/<tier>.<segment>`): a badge in each cell that has them. */
  openNotes: ReadonlyMap<string, number>;
  /** The query string (`?channel=Webshop&snapshot=3`, or "") every drill-down link carries. */
  linkQuery: string;
  locale: string;
  currency: string;
}

/**
 * The CLV tier x RFM segment cross-table as a heat map: an HTML table (rows: tiers, columns: segments)
 * whose cells are links to their drill-down, with the count and predicted CLV written in every cell and
 * totals per row and column. The colour follows the count or the value (`heat` in the URL).
 */
export async function CrossTable({ tiers, rfm, cells, totals, heat, openNotes, linkQuery, locale, currency }: CrossTableProps) {
  const [t, tRfm] = await Promise.all([getTranslations("segments.crossTable"), getTranslations("rfm")]);
  const byKey = new Map(cells.map((cell) => [`${cell.tier}.${cell.segment}`, cell]));
  const amount = (cell: { customers: number; predictedClvCents: number }) => (heat === "count" ? cell.customers : cell.predictedClvCents);
  const largest = Math.max(0, ...cells.map(amount));
  const money = (cents: number) => formatMoney(cents, { locale, currency, compact: true });
  const count = (value: number) => formatCount(value, locale);

  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[70rem] border-separate border-spacing-0.5 text-sm" data-cross-table>
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-2 text-left align-bottom text-xs font-medium text-muted-foreground">
              {t("tierHeader")}
            </th>
            {rfm.map((segment) => (
              <th key={segment.key} scope="col" className="w-[7.5%] px-1 py-2 text-center align-bottom text-xs font-medium leading-tight">
                <Link href={`/segments/rfm/${segment.key}${linkQuery}`} prefetch={false} className="hover:underline">
                  {tRfm(`${segment.key}.name`)}
                </Link>
              </th>
            ))}
            <th scope="col" className="px-2 py-2 text-right align-bottom text-xs font-medium text-muted-foreground">
              {t("total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier.tier}>
              <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                <Link href={`/segments/tier/${tier.tier}${linkQuery}`} prefetch={false} className="hover:underline">
                  {tier.name}
                </Link>
              </th>
              {rfm.map((segment) => {
                const cell = byKey.get(`${tier.tier}.${segment.key}`);
                if (!cell || cell.customers === 0) {
                  return (
                    <td key={segment.key} className="rounded-md bg-muted/40 px-1 py-2 text-center text-muted-foreground" data-cell={`${tier.tier}.${segment.key}`} data-count={0}>
                      <span aria-hidden="true">–</span>
                      <span className="sr-only">{t("empty")}</span>
                    </td>
                  );
                }
                const intensity = heatIntensity(amount(cell), largest);
                return (
                  <td
                    key={segment.key}
                    className={heatTextClass(intensity)}
                    style={{ background: heatBackground(intensity) }}
                    data-cell={`${tier.tier}.${segment.key}`}
                    data-count={cell.customers}
                    data-value={cell.predictedClvCents}
                  >
                    <Link
                      href={`/segments/cell/${tier.tier}.${segment.key}${linkQuery}`}
                      prefetch={false}
                      aria-label={t("cellLink", { tier: tier.name, segment: tRfm(`${segment.key}.name`), customers: count(cell.customers), value: money(cell.predictedClvCents) })}
                    >
                      {/* Styled in app/globals.css ([data-cross-table] heat cells): figures, then value. */}
                      <span>{count(cell.customers)}</span>
                      <span>{money(cell.predictedClvCents)}</span>
                    </Link>
                    <OpenNotesBadge
                      compact
                      count={openNotes.get(`cell/${tier.tier}.${segment.key}`)}
                      href={decisionsHref(`/segments/cell/${tier.tier}.${segment.key}${linkQuery}`)}
                      name={`${tier.name} × ${tRfm(`${segment.key}.name`)}`}
                      className="absolute right-0.5 top-0.5"
                    />
                  </td>
                );
              })}
              <td className="whitespace-nowrap px-2 py-1 text-right tabular-nums" data-row-total={tier.tier}>
                <span className="block font-semibold">{count(tier.customers)}</span>
                <span className="block text-xs text-muted-foreground">{money(tier.predictedClvCents)}</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="px-2 py-2 text-left font-medium text-muted-foreground">
              {t("total")}
            </th>
            {rfm.map((segment) => (
              <td key={segment.key} className="px-1 py-2 text-center tabular-nums" data-column-total={segment.key}>
                <span className="block font-semibold">{count(segment.customers)}</span>
                <span className="block text-xs text-muted-foreground">{money(segment.predictedClvCents)}</span>
              </td>
            ))}
            <td className="px-2 py-2 text-right tabular-nums" data-grand-total>
              <span className="block font-semibold">{count(totals.customers)}</span>
              <span className="block text-xs text-muted-foreground">{money(totals.predictedClvCents)}</span>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
