import { clsx } from "clsx";
import { getTranslations } from "next-intl/server";
import type { ImportHistoryRow } from "@/lib/queries/imports";
import { formatCount } from "@/lib/format";

const STATUS = {
  committed: { label: "statusCommitted", className: "bg-chart-3/15 text-chart-3" },
  rejected: { label: "statusRejected", className: "bg-danger/10 text-danger" },
  failed: { label: "statusFailed", className: "bg-danger/10 text-danger" },
  receiving: { label: "statusReceiving", className: "bg-muted text-muted-foreground" },
  running: { label: "statusRunning", className: "bg-muted text-muted-foreground" },
  interrupted: { label: "statusInterrupted", className: "bg-danger/10 text-danger" },
} as const satisfies Record<ImportHistoryRow["status"], { label: string; className: string }>;

const when = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
const cell = "px-3 py-2 align-top";
const number = `${cell} text-right tabular-nums`;

/** Earlier imports, newest first; says so when there are none yet. */
export async function ImportHistoryTable({ rows }: { rows: ImportHistoryRow[] }) {
  const t = await getTranslations("import.historyTable");
  if (rows.length === 0) {
    return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-muted text-xs text-muted-foreground">
          <tr>
            <th scope="col" className={cell}>{t("when")}</th>
            <th scope="col" className={cell}>{t("file")}</th>
            <th scope="col" className={cell}>{t("kind")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("rowsRead")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("imported")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("updated")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("duplicates")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("rejected")}</th>
            <th scope="col" className={cell}>{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-border">
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={row.startedAt}>{when.format(new Date(row.startedAt))}</time>
              </td>
              <td className={`${cell} max-w-64 break-words`}>
                {row.fileName}
                {row.source === "cli" ? <span className="ml-1 text-xs text-muted-foreground">{t("commandLine")}</span> : null}
              </td>
              <td className={cell}>{row.kind === "transactions" ? t("transactions") : t("customers")}</td>
              <td className={number}>{formatCount(row.rowsRead)}</td>
              <td className={number}>{formatCount(row.imported)}</td>
              <td className={number}>{formatCount(row.updated)}</td>
              <td className={number}>{formatCount(row.duplicates)}</td>
              <td className={number}>{formatCount(row.rejected)}</td>
              <td className={`${cell} min-w-56`}>
                <span className={clsx("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS[row.status].className)}>{t(STATUS[row.status].label)}</span>
                {row.message ? <p className="mt-1 line-clamp-3 text-xs text-muted-foreground" title={row.message}>{row.message}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
