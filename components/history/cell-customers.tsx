import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/lib/format";
import type { ComparedCustomer, MigrationMatrix } from "@/lib/queries/snapshot-migration";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { ComparedCustomersTable } from "./compared-customers-table";
import { historyHref, type HistoryMeasure } from "./history-params";

/** Customers of a matrix cell to a page. */
export const CELL_PAGE_SIZE = 50;

/** The page of a cell's list that exists: `page` from the URL, at most the last page of the cell's customers. */
export function cellPage(customers: number, page: number): { current: number; pages: number } {
  const pages = Math.max(1, Math.ceil(customers / CELL_PAGE_SIZE));
  return { current: Math.min(page, pages), pages };
}

/** The customers of the matrix cell chosen in the URL (`rows`: its page of them), the most valuable first, 50 to a page. */
export async function CellCustomers({
  from,
  to,
  matrix,
  cell,
  page,
  rows,
  measure,
  names,
  locale,
}: {
  from: SnapshotInfo;
  to: SnapshotInfo;
  matrix: MigrationMatrix;
  cell: { from: string | null; to: string | null };
  page: number;
  rows: ComparedCustomer[];
  measure: HistoryMeasure;
  names: { from: (key: string) => string; to: (key: string) => string };
  locale: string;
}) {
  const t = await getTranslations("history");
  const found = matrix.cells.find((candidate) => candidate.from === cell.from && candidate.to === cell.to);
  const base = { from: from.id, to: to.id, by: matrix.by, measure };
  const title = t("cell.title", { from: cell.from === null ? t("groups.new") : names.from(cell.from), to: cell.to === null ? t("groups.gone") : names.to(cell.to) });
  if (!found) {
    return (
      <Card id="cell-customers" data-section="cell">
        <CardHeader>
          <CardTitle>{title}</CardTitle>
          <CardDescription>{t("cell.unknown")}</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const { current, pages } = cellPage(found.customers, page);
  return (
    <Card id="cell-customers" data-section="cell" data-cell-customers={found.customers}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{t("cell.description", { count: formatCount(found.customers, locale) })}</CardDescription>
        </div>
        <Link href={historyHref(base)} className="text-sm text-accent underline" scroll={false}>
          {t("cell.close")}
        </Link>
      </CardHeader>
      <CardContent className="space-y-3">
        <ComparedCustomersTable rows={rows} from={from} to={to} caption={title} locale={locale} />
        {pages > 1 ? (
          <nav aria-label={t("cell.page", { page: current, pages })} className="flex items-center gap-4 text-sm">
            {current > 1 ? (
              <Link href={`${historyHref({ ...base, cell, page: current - 1 })}#cell-customers`} className="text-accent underline">
                {t("cell.previous")}
              </Link>
            ) : null}
            <span className="text-muted-foreground">{t("cell.page", { page: current, pages })}</span>
            {current < pages ? (
              <Link href={`${historyHref({ ...base, cell, page: current + 1 })}#cell-customers`} className="text-accent underline">
                {t("cell.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </CardContent>
    </Card>
  );
}
