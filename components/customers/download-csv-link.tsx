import { getTranslations } from "next-intl/server";
import { formatCount } from "@/lib/format";

/**
 * The "Download CSV" link of a customer list: the export route with the same filter, drill-down and
 * snapshot as the page (sort and page do not matter: the file holds every matching customer).
 */
export async function DownloadCsvLink({ query, count, locale }: { query: URLSearchParams; count: number; locale: string }) {
  const t = await getTranslations("customerTable");
  const params = new URLSearchParams(query);
  for (const name of ["sort", "dir", "page", "heat"]) params.delete(name);
  const search = params.toString();
  return (
    <a
      href={`/api/customers/export${search ? `?${search}` : ""}`}
      download
      className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-card px-3 text-sm font-medium hover:bg-muted"
      title={t("downloadDescription", { count: formatCount(count, locale) })}
      data-download-csv
    >
      <span aria-hidden="true">⤓</span>
      {t("download")}
    </a>
  );
}
