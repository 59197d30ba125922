import { clsx } from "clsx";
import type { ImportHistoryRow } from "@/lib/queries/imports";
import { formatCount } from "@/lib/format";

const STATUS: Record<ImportHistoryRow["status"], { label: string; className: string }> = {
  committed: { label: "Imported", className: "bg-chart-3/15 text-chart-3" },
  rejected: { label: "Nothing imported", className: "bg-danger/10 text-danger" },
  failed: { label: "Failed", className: "bg-danger/10 text-danger" },
};

const when = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
const cell = "px-3 py-2 align-top";
const number = `${cell} text-right tabular-nums`;

/** Earlier imports, newest first; says so when there are none yet. */
export function ImportHistoryTable({ rows }: { rows: ImportHistoryRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-muted-foreground">No imports yet. Every file you import is listed here with its counts, also when nothing was imported.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Earlier imports, newest first</caption>
        <thead className="bg-muted text-xs text-muted-foreground">
          <tr>
            <th scope="col" className={cell}>When</th>
            <th scope="col" className={cell}>File</th>
            <th scope="col" className={cell}>Kind</th>
            <th scope="col" className={`${cell} text-right`}>Rows read</th>
            <th scope="col" className={`${cell} text-right`}>Imported</th>
            <th scope="col" className={`${cell} text-right`}>Updated</th>
            <th scope="col" className={`${cell} text-right`}>Duplicates</th>
            <th scope="col" className={`${cell} text-right`}>Rejected</th>
            <th scope="col" className={cell}>Status</th>
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
                {row.source === "cli" ? <span className="ml-1 text-xs text-muted-foreground">(command line)</span> : null}
              </td>
              <td className={cell}>{row.kind === "transactions" ? "Transactions" : "Customers"}</td>
              <td className={number}>{formatCount(row.rowsRead)}</td>
              <td className={number}>{formatCount(row.imported)}</td>
              <td className={number}>{formatCount(row.updated)}</td>
              <td className={number}>{formatCount(row.duplicates)}</td>
              <td className={number}>{formatCount(row.rejected)}</td>
              <td className={`${cell} min-w-56`}>
                <span className={clsx("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS[row.status].className)}>{STATUS[row.status].label}</span>
                {row.message ? <p className="mt-1 line-clamp-3 text-xs text-muted-foreground" title={row.message}>{row.message}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
