import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { heatBackground, heatIntensity, heatTextClass } from "@/components/segments/heat";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatMoney } from "@/lib/format";
import type { MigrationCell, MigrationMatrix } from "@/lib/queries/snapshot-migration";
import { historyHref, type HistoryMeasure } from "./history-params";

/** What a cell shows: its customers, or their predicted CLV (in the later snapshot; the earlier one for customers no longer scored). */
export function cellAmount(cell: MigrationCell, measure: HistoryMeasure): number {
  return measure === "customers" ? cell.customers : cell.to === null ? cell.beforeClvCents : cell.afterClvCents;
}

/**
 * The migration matrix: rows are the groups of the earlier snapshot (and the new customers), columns the groups
 * of the later one (and the customers no longer scored). Each number links to those customers; row and column
 * headers link to the group's drill-down in its snapshot. Shading is a cell's share of its row.
 */
export async function MigrationMatrixTable({
  matrix,
  names,
  measure,
  selected,
  settingsChanged,
  locale,
  currency,
}: {
  matrix: MigrationMatrix;
  /** Group names: `names.from(key)` in the earlier snapshot, `names.to(key)` in the later one. */
  names: { from: (key: string) => string; to: (key: string) => string };
  measure: HistoryMeasure;
  selected: { from: string | null; to: string | null } | null;
  settingsChanged: boolean;
  locale: string;
  currency: string;
}) {
  const t = await getTranslations("history");
  const { fromId, toId, by } = matrix;
  const show = (amount: number) => (measure === "customers" ? formatCount(amount, locale) : formatMoney(amount, { locale, currency, compact: true }));
  const cellOf = new Map(matrix.cells.map((cell) => [`${cell.from ?? ""}>${cell.to ?? ""}`, cell]));
  const rowKeys: (string | null)[] = [...matrix.rows.map((row) => row.key), null];
  const columnKeys: (string | null)[] = [...matrix.columns.map((column) => column.key), null];
  const rowName = (key: string | null) => (key === null ? t("groups.new") : names.from(key));
  const columnName = (key: string | null) => (key === null ? t("groups.gone") : names.to(key));
  const sum = (cells: MigrationCell[]) => cells.reduce((total, cell) => total + cellAmount(cell, measure), 0);
  const rowTotal = (key: string | null) => sum(matrix.cells.filter((cell) => cell.from === key));
  const columnTotal = (key: string | null) => sum(matrix.cells.filter((cell) => cell.to === key));
  const drillDown = (key: string, snapshotId: number) => `/segments/${by}/${encodeURIComponent(key)}?snapshot=${snapshotId}`;
  const headerClass = "px-2 py-2 text-right font-medium align-bottom";
  return (
    <Card data-section="matrix">
      <CardHeader>
        <CardTitle>{t("matrix.title")}</CardTitle>
        <CardDescription>
          {t("matrix.description", { from: fromId, to: toId })} {measure === "value" ? t("matrix.valueNote", { from: fromId, to: toId }) : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-sm" data-matrix-summary>
          {t("matrix.summary", {
            stayed: formatCount(matrix.stayed, locale),
            moved: formatCount(matrix.moved, locale),
            new: formatCount(matrix.newCustomers, locale),
            gone: formatCount(matrix.noLongerScored, locale),
          })}
        </p>
        {settingsChanged ? <p className="text-xs text-warning">{t("matrix.settingsChanged")}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full border-separate border-spacing-0.5 text-sm tabular-nums" data-matrix={by}>
            <caption className="sr-only">{t("matrix.caption", { from: fromId, to: toId })}</caption>
            <thead className="text-xs text-muted-foreground">
              <tr>
                <td className="px-2 py-2 text-left align-bottom">{t("matrix.corner")}</td>
                {columnKeys.map((key) => (
                  <th key={key ?? "gone"} scope="col" className={headerClass} data-column={key ?? "gone"}>
                    {key === null ? (
                      columnName(key)
                    ) : (
                      <Link href={drillDown(key, toId)} className="hover:underline" aria-label={t("matrix.rowLink", { group: columnName(key), id: toId })}>
                        {columnName(key)}
                      </Link>
                    )}
                  </th>
                ))}
                <th scope="col" className={headerClass}>
                  {t("matrix.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rowKeys.map((rowKey) => {
                const total = rowTotal(rowKey);
                return (
                  <tr key={rowKey ?? "new"} data-row={rowKey ?? "new"}>
                    <th scope="row" className="px-2 py-2 text-left text-xs font-medium text-muted-foreground">
                      {rowKey === null ? (
                        rowName(rowKey)
                      ) : (
                        <Link href={drillDown(rowKey, fromId)} className="hover:underline" aria-label={t("matrix.rowLink", { group: rowName(rowKey), id: fromId })}>
                          {rowName(rowKey)}
                        </Link>
                      )}
                    </th>
                    {columnKeys.map((columnKey) => {
                      const cell = cellOf.get(`${rowKey ?? ""}>${columnKey ?? ""}`);
                      const stayed = rowKey !== null && rowKey === columnKey;
                      const isSelected = selected !== null && selected.from === rowKey && selected.to === columnKey;
                      if (rowKey === null && columnKey === null) return <td key="none" aria-hidden="true" />;
                      if (!cell || cell.customers === 0) {
                        return (
                          <td key={columnKey ?? "gone"} className={clsx("rounded px-2 py-2 text-right text-muted-foreground", stayed && "ring-2 ring-inset ring-foreground/30")} data-cell={`${rowKey ?? "new"}.${columnKey ?? "gone"}`} data-customers={0}>
                            –
                          </td>
                        );
                      }
                      const amount = cellAmount(cell, measure);
                      const intensity = heatIntensity(amount, total);
                      return (
                        <td
                          key={columnKey ?? "gone"}
                          className={clsx("rounded px-2 py-2 text-right", heatTextClass(intensity), stayed && "font-semibold ring-2 ring-inset ring-foreground/40", isSelected && "outline-2 outline-offset-1 outline-accent")}
                          style={{ background: heatBackground(intensity) }}
                          data-cell={`${rowKey ?? "new"}.${columnKey ?? "gone"}`}
                          data-customers={cell.customers}
                        >
                          <Link
                            href={`${historyHref({ from: fromId, to: toId, by, measure, cell })}#cell-customers`}
                            className="hover:underline"
                            aria-label={t("matrix.cellLabel", { count: show(amount), from: rowName(rowKey), to: columnName(columnKey) })}
                          >
                            {show(amount)}
                          </Link>
                        </td>
                      );
                    })}
                    <td className="px-2 py-2 text-right font-medium" data-row-total={rowKey ?? "new"}>
                      {show(total)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="font-medium">
                <th scope="row" className="px-2 py-2 text-left text-xs text-muted-foreground">
                  {t("matrix.total")}
                </th>
                {columnKeys.map((key) => (
                  <td key={key ?? "gone"} className="px-2 py-2 text-right" data-column-total={key ?? "gone"}>
                    {show(columnTotal(key))}
                  </td>
                ))}
                <td className="px-2 py-2 text-right">{show(sum(matrix.cells))}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}
