import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { formatCount } from "@/lib/format";
import { lastPage, pageRange, tableHref, type TableState } from "@/lib/filters/table-params";

const linkClass = "rounded-md border border-border px-2.5 py-1 hover:bg-muted";
const disabledClass = "rounded-md border border-border px-2.5 py-1 opacity-40";

/** "1–50 of 1,234" and links to the first, previous, next and last page. */
export async function CustomerTablePaging({
  total,
  state,
  pathname,
  params,
  locale,
}: {
  total: number;
  state: TableState;
  pathname: string;
  params: URLSearchParams;
  locale: string;
}) {
  const t = await getTranslations("customerTable");
  const pages = lastPage(total);
  const page = Math.min(state.page, pages);
  const { from, to } = pageRange(page, total);
  const pageLink = (target: number, label: string, symbol: string, enabled: boolean) =>
    enabled ? (
      <Link href={tableHref(pathname, params, { page: target })} className={linkClass} aria-label={label} title={label} scroll={false}>
        <span aria-hidden="true">{symbol}</span>
      </Link>
    ) : (
      <span className={disabledClass} aria-hidden="true">
        {symbol}
      </span>
    );
  return (
    <nav aria-label={t("paging")} className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
      <p data-range>
        {t("range", { from: formatCount(from, locale), to: formatCount(to, locale), total: formatCount(total, locale) })}
      </p>
      <div className="flex items-center gap-2">
        {pageLink(1, t("first"), "«", page > 1)}
        {pageLink(page - 1, t("previous"), "‹", page > 1)}
        <span className="px-2 tabular-nums" aria-current="page">
          {t("pageOf", { page: formatCount(page, locale), pages: formatCount(pages, locale) })}
        </span>
        {pageLink(page + 1, t("next"), "›", page < pages)}
        {pageLink(pages, t("last"), "»", page < pages)}
      </div>
    </nav>
  );
}
