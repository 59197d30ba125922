import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { customerRange } from "@/components/uncertainty/customer-range";
import { CLV_INTERVAL_LEVEL } from "@/lib/clv/clv-interval";
import { NamesHiddenNote } from "@/components/privacy/names-hidden-note";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import { sortHref, type CustomerTableSort, type TableState } from "@/lib/filters/table-params";
import type { CustomerScoreRow } from "@/lib/queries/customer-scores";
import { daysBefore, relationshipParts } from "./customer-dates";
import { CustomerTablePaging } from "./customer-table-paging";

export interface CustomerTableProps {
  rows: CustomerScoreRow[];
  /** All customers matching the filter (for "1–50 of 1,234"). */
  total: number;
  state: TableState;
  /** The page the table is on (`/customers`, `/segments/tier/1`): sort and page links stay there. */
  pathname: string;
  /** The page's URL parameters (filter, snapshot, sort, page), kept by every link. */
  params: URLSearchParams;
  /** The snapshot's analysis date: last purchase = this minus days since the last purchase. */
  asOfDate: string;
  /** Tier names by tier number (index 0 is tier 1). */
  tierNames: string[];
  locale: string;
  currency: string;
  /** The search text, to say what found nothing. */
  search?: string;
  /** Shown when nothing matches, to undo the filters. */
  clearHref?: string;
  /**
   * The privacy setting hides names from the reader (the rows carry none): the name column shows the customer
   * number and one note says why.
   */
  namesHidden?: boolean;
}

type Column = { key: string; label: string; sort?: CustomerTableSort; numeric?: boolean };

/**
 * The customers of a snapshot as a table: rendered on the server, sorted and paged by links (the state is
 * in the URL, so a shared link opens the same rows). Names and other customer data are user data: they are
 * only ever rendered as text.
 */
export async function CustomerTable({ rows, total, state, pathname, params, asOfDate, tierNames, locale, currency, search, clearHref, namesHidden = false }: CustomerTableProps) {
  const [t, tRfm, tMeasures, tRange] = await Promise.all([getTranslations("customerTable"), getTranslations("rfm"), getTranslations("measures"), getTranslations("uncertainty")]);
  // The predicted CLV's 90% range as the cell's title (none for snapshots without ranges).
  const rangeTitle = (row: CustomerScoreRow) => {
    const range = customerRange(row, CLV_INTERVAL_LEVEL);
    return range ? tRange("tableTitle", { level: formatPercent(range.level, locale, 0), low: money(range.lowCents), high: money(range.highCents) }) : undefined;
  };
  const columns: Column[] = [
    // Names hidden: one column, the customer number (its "name" sort orders by number then).
    ...(namesHidden ? [{ key: "name", label: t("columns.number"), sort: "name" } as const] : [{ key: "name", label: t("columns.name"), sort: "name" } as const, { key: "number", label: t("columns.number") }]),
    { key: "predicted", label: t("columns.predicted"), sort: "predicted", numeric: true },
    { key: "historic", label: t("columns.historic"), sort: "historic", numeric: true },
    { key: "alive", label: t("columns.alive"), sort: "alive", numeric: true },
    { key: "rfm", label: t("columns.rfm") },
    { key: "tier", label: t("columns.tier") },
    { key: "lastPurchase", label: t("columns.lastPurchase"), sort: "lastPurchase", numeric: true },
    { key: "relationship", label: t("columns.relationship"), sort: "relationship", numeric: true },
  ];
  const sortedColumn = columns.find((column) => column.sort === state.sort)!;
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const snapshot = params.get("snapshot");
  const customerHref = (id: number) => `/customers/${id}${snapshot ? `?snapshot=${encodeURIComponent(snapshot)}` : ""}`;
  const relationship = (days: number) => {
    const { unit, count } = relationshipParts(days);
    return tMeasures(unit, { count });
  };

  if (total === 0) {
    return (
      <div className="rounded-xl border border-dashed border-border px-6 py-10 text-center text-sm text-muted-foreground" data-state="no-customers">
        <p>{search ? t("emptySearch", { search }) : t("empty")}</p>
        {namesHidden ? <NamesHiddenNote className="mt-2" /> : null}
        {clearHref ? (
          <Link href={clearHref} className="mt-3 inline-block text-accent underline">
            {t("clearFilters")}
          </Link>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      {namesHidden ? <NamesHiddenNote /> : null}
      <div className="overflow-x-auto rounded-xl border border-border bg-card">
        {/* Cell styles (number columns right-aligned, the name a link) are set per column in app/globals.css. */}
        <table className="w-full min-w-[64rem] border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2" data-customer-table data-number-column-only={namesHidden || undefined}>
          <caption className="sr-only">
            {t("caption", { column: sortedColumn.label, direction: state.dir === "asc" ? t("ascending") : t("descending") })}
          </caption>
          <thead className="border-b border-border bg-muted/60 text-left text-xs text-muted-foreground">
            <tr>
              {columns.map((column) => {
                const sorted = column.sort !== undefined && column.sort === state.sort;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={sorted ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                    className={`font-medium ${column.numeric ? "text-right" : ""}`}
                  >
                    {column.sort ? (
                      <Link
                        href={sortHref(pathname, params, state, column.sort)}
                        className={`inline-flex items-center gap-1 hover:text-foreground ${sorted ? "text-foreground" : ""}`}
                        title={t("sortBy", { column: column.label })}
                        scroll={false}
                      >
                        {column.label}
                        <span aria-hidden="true" className="w-3 text-[0.7rem]">
                          {sorted ? (state.dir === "asc" ? "▲" : "▼") : "↕"}
                        </span>
                      </Link>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="[&>tr]:border-b [&>tr]:border-border [&>tr:last-child]:border-b-0 [&>tr:hover]:bg-muted/40">
            {rows.map((row) => (
              <tr key={row.customerId} data-customer-id={row.customerId}>
                <th scope="row">
                  <Link href={customerHref(row.customerId)} prefetch={false}>
                    {namesHidden ? row.externalId : row.name?.trim() ? row.name : <span className="italic text-muted-foreground">{t("noName")}</span>}
                  </Link>
                </th>
                {namesHidden ? null : <td>{row.externalId}</td>}
                <td title={rangeTitle(row)}>{money(row.predictedClvCents)}</td>
                <td>{money(row.historicClvCents)}</td>
                <td>{row.probabilityAlive === null ? "–" : formatPercent(row.probabilityAlive, locale, 0)}</td>
                <td>{tRfm(`${row.rfmSegment}.name`)}</td>
                <td>{tierNames[row.clvTier - 1] ?? row.clvTier}</td>
                <td>{formatDate(daysBefore(asOfDate, row.daysSinceLastPurchase), locale)}</td>
                <td>
                  {relationship(row.relationshipLengthDays ?? row.relationshipDays)}
                  {row.relationshipEnded === 1 ? <span>{` ${t("endedMark")}`}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Explained once under the table, not in a tooltip on each row (~300 bytes a row in the HTML and RSC payload). */}
      {rows.some((row) => row.relationshipEnded === 1) ? (
        <p className="text-xs text-muted-foreground" data-ended-note>
          {t("endedMark")}: {t("relationshipEnded")}
        </p>
      ) : null}
      <CustomerTablePaging total={total} state={state} pathname={pathname} params={params} locale={locale} />
    </div>
  );
}
