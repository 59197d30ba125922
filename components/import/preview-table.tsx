"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { CustomerRow } from "@/lib/import/read/customer-row";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import type { ImportField } from "@/lib/import/read/fields";
import type { SniffResult } from "@/lib/import/read/sniff";
import { formatCount, formatDate, formatMoney } from "@/lib/format";
import { isRefundedInFull } from "@/lib/scoring/purchase-rule";
import { columnLabel } from "./column-mapping-table";

type Column = {
  /** Message key under import.preview. */
  label: "customer" | "date" | "amount" | "cost" | "quantity" | "order" | "channel" | "category" | "name" | "email" | "country" | "city" | "firstPurchase" | "attributes";
  value: (row: TransactionRow & CustomerRow) => string;
  numeric?: boolean;
  /** Shown only when this field has a column. */
  field?: ImportField;
  /** Long text that may wrap. */
  wrap?: boolean;
  /** The column holds the date read with the chosen format. */
  date?: boolean;
};

const TRANSACTION_COLUMNS: Column[] = [
  { label: "customer", value: (row) => row.customerId },
  { label: "date", date: true, value: (row) => formatDate(row.purchaseDate) },
  { label: "amount", value: (row) => formatMoney(row.revenueCents, { cents: true }), numeric: true },
  { label: "cost", field: "cost", value: (row) => formatMoney(row.costCents, { cents: true }), numeric: true },
  { label: "quantity", field: "quantity", value: (row) => formatCount(row.quantity), numeric: true },
  { label: "order", field: "order", value: (row) => row.orderId ?? "" },
  { label: "channel", field: "channel", value: (row) => row.channel ?? "" },
  { label: "category", field: "category", wrap: true, value: (row) => row.productCategory ?? "" },
];

const CUSTOMER_COLUMNS: Column[] = [
  { label: "customer", value: (row) => row.customerId },
  { label: "name", field: "name", value: (row) => row.name ?? "" },
  { label: "email", field: "email", value: (row) => row.email ?? "" },
  { label: "country", field: "country", value: (row) => row.country ?? "" },
  { label: "city", field: "city", value: (row) => row.city ?? "" },
  { label: "channel", field: "channel", value: (row) => row.acquisitionChannel ?? "" },
  { label: "firstPurchase", field: "firstSeen", date: true, value: (row) => formatDate(row.firstSeenDate) },
  {
    label: "attributes",
    wrap: true,
    value: (row) =>
      Object.entries(row.attributes)
        .map(([key, value]) => `${key}: ${value}`)
        .join(" · "),
  },
];

const cell = "px-3 py-1.5 align-top";

/** The first rows of the file as Klantwaarde reads them with the current choices, or as plain cells while the mapping is incomplete. */
export function PreviewTable({ sniff }: { sniff: SniffResult }) {
  const t = useTranslations("import.preview");
  if (sniff.preview.length === 0) return <p className="text-sm text-muted-foreground">{t("noRows")}</p>;
  if (sniff.previewOutcomes.length === 0) return <RawPreview sniff={sniff} />;
  const columns = (sniff.kind === "transactions" ? TRANSACTION_COLUMNS : CUSTOMER_COLUMNS).filter(
    (column) => column.field === undefined || sniff.mapping[column.field] !== undefined || (column.field === "name" && (sniff.platform?.nameColumns?.length ?? 0) > 0),
  );
  const rejected = sniff.previewOutcomes.filter((outcome) => !outcome.ok).length;
  // Until the user chooses between day-month and month-day, show the dates as written, not as guessed.
  const dateUnsure = sniff.problems.some((problem) => problem.code === "ambiguous-date-format" || problem.code === "unknown-date-format");
  const dateColumn = sniff.mapping[sniff.kind === "transactions" ? "date" : "firstSeen"];
  const className = (column: Column) => clsx(cell, column.numeric && "text-right tabular-nums", !column.wrap && "whitespace-nowrap");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="pb-2 text-left text-xs text-muted-foreground">
          {t("caption", { count: formatCount(sniff.previewOutcomes.length) })}
          {rejected > 0 ? t("captionRejected", { count: formatCount(rejected) }) : ""}.
          {dateUnsure ? ` ${t("dateUnsure")}` : ""}
        </caption>
        <thead className="bg-muted text-xs text-muted-foreground">
          <tr>
            <th scope="col" className={cell}>{t("line")}</th>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={clsx(cell, column.numeric && "text-right")}>
                {t(column.label)}
              </th>
            ))}
            <th scope="col" className={cell}>{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {sniff.previewOutcomes.map((outcome, index) =>
            outcome.ok ? (
              <tr key={outcome.row.line} className="border-b border-border">
                <td className={`${cell} tabular-nums text-muted-foreground`}>{outcome.row.line}</td>
                {columns.map((column) => (
                  <td key={column.label} className={className(column)}>
                    {column.date && dateUnsure && dateColumn !== undefined
                      ? `${sniff.preview[index]?.cells[dateColumn]?.trim() ?? ""} (?)`
                      : column.value(outcome.row as TransactionRow & CustomerRow)}
                  </td>
                ))}
                <RowStatusCell row={outcome.row as TransactionRow} />
              </tr>
            ) : (
              <tr key={outcome.line} className="border-b border-border bg-danger/5">
                <td className={`${cell} tabular-nums text-muted-foreground`}>{outcome.line}</td>
                <td colSpan={columns.length} className={`${cell} font-mono text-xs`}>
                  {outcome.cells.join(` ${sniff.delimiter === "\t" ? "⇥" : sniff.delimiter} `)}
                </td>
                <td className={`${cell} text-danger`}>{outcome.errors.map((error) => `${error.column}: ${error.reason}`).join("; ")}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function RawPreview({ sniff }: { sniff: SniffResult }) {
  const t = useTranslations("import");
  const noName = (n: number) => t("mapping.noName", { n: String(n) });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left font-mono text-xs">
        <caption className="pb-2 text-left font-sans text-xs text-muted-foreground">{t("preview.rawCaption")}</caption>
        <thead className="bg-muted text-muted-foreground">
          <tr>
            <th scope="col" className={cell}>{t("preview.line")}</th>
            {sniff.header.map((_, index) => (
              <th key={index} scope="col" className={cell}>
                {columnLabel(sniff.header, index, noName)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sniff.preview.map((record) => (
            <tr key={record.line} className="border-b border-border">
              <td className={`${cell} text-muted-foreground`}>{record.line}</td>
              {record.cells.map((value, index) => (
                <td key={index} className={cell}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * How the import will take a valid row: a purchase ("OK", with what was refunded on it), an order refunded
 * in full (stored, adds nothing: lib/scoring/purchase-rule.ts), or no purchase by its status.
 */
function RowStatusCell({ row }: { row: TransactionRow }) {
  const t = useTranslations("import.preview");
  if (row.noPurchase !== undefined) return <td className={`${cell} text-muted-foreground`}>{t("noPurchase", { status: row.noPurchase })}</td>;
  const refundedCents = row.refundedCents ?? 0;
  const amount = formatMoney(refundedCents, { cents: true });
  if (isRefundedInFull(row.revenueCents, refundedCents)) return <td className={`${cell} text-muted-foreground`}>{t("refundedInFull", { amount })}</td>;
  return <td className={`${cell} text-chart-3`}>{refundedCents > 0 ? t("refundedInPart", { amount }) : t("ok")}</td>;
}
