/**
 * Writes CSV that is safe to open in Excel: text that Excel would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) gets a `'` in front, so `=HYPERLINK(...)` from a customer
 * name stays text (CSV injection, OWASP). Numbers are written as numbers, so a refund of -12.50 from a
 * number stays -12.50, while the text "-12,50" becomes '-12,50.
 * Used for "download the rejected rows" and for every export.
 */
import type { DecimalSeparator } from "./amount";

export type CsvCell = string | number | bigint | boolean | null | undefined;

export interface CsvWriteOptions {
  /** Default `,`; use `;` for files meant for a Dutch Excel. */
  delimiter?: string;
  /** Decimal separator for number cells (default `.`); `,` goes with a `;` delimiter. */
  decimal?: DecimalSeparator;
  /** Default CRLF, as Excel and RFC 4180 expect. */
  lineEnding?: "\r\n" | "\n";
}

/** A text that Excel or LibreOffice would read as a formula (also after apostrophes we added before). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A text that we escaped: one apostrophe to take off when reading it back. */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** Prefixes a text cell with `'` when a spreadsheet would run it as a formula. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Takes off the `'` that {@link escapeFormula} added, so a downloaded file of rejected rows can be
 * fixed and imported again. `'=SUM(A1)` → `=SUM(A1)`; `'t Hoekje` stays as it is.
 */
export function unescapeFormula(text: string): string {
  return text.charCodeAt(0) === 39 && ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}

function quoteIfNeeded(text: string, delimiter: string): string {
  if (text.includes('"')) return `"${text.replace(/"/g, '""')}"`;
  if (text.includes(delimiter) || text.includes("\n") || text.includes("\r") || text !== text.trim()) return `"${text}"`;
  return text;
}

/**
 * One cell as CSV text. Strings are formula-escaped and quoted when needed; finite numbers and
 * bigints are written plainly (with the chosen decimal separator); `null`, `undefined` and non-finite
 * numbers become an empty cell.
 *
 * @example formatCsvCell("=HYPERLINK(\"http://x\")") // "\"'=HYPERLINK(\"\"http://x\"\")\""
 * @example formatCsvCell(-12.5, { delimiter: ";", decimal: "," }) // "-12,5"
 * @example formatCsvCell("-12,50", { delimiter: ";" }) // "'-12,50"
 */
export function formatCsvCell(value: CsvCell, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    const text = String(value === 0 ? 0 : value);
    return quoteIfNeeded(options.decimal === "," ? text.replace(".", ",") : text, delimiter);
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  return quoteIfNeeded(escapeFormula(value), delimiter);
}

/** One row as CSV text, without the line ending. */
export function formatCsvRow(cells: readonly CsvCell[], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  return cells.map((cell) => formatCsvCell(cell, options)).join(delimiter);
}

/**
 * A whole CSV file. With `bom: true` it starts with a UTF-8 byte-order mark, so Excel reads
 * accents (é, ë) correctly when the file is double-clicked.
 */
export function formatCsv(rows: readonly (readonly CsvCell[])[], options: CsvWriteOptions & { bom?: boolean } = {}): string {
  const lineEnding = options.lineEnding ?? "\r\n";
  const body = rows.map((row) => formatCsvRow(row, options) + lineEnding).join("");
  return options.bom ? `\uFEFF${body}` : body;
}

/** Names of the columns added in front of rejected rows; the importer ignores columns with these names. */
export const REJECTED_ROW_COLUMNS = ["line in original file", "problem"] as const;

/** A rejected row: where it was, what it said, and why it was rejected. */
export interface RejectedRow {
  line: number;
  cells: readonly string[];
  errors: readonly { reason: string }[];
}

/**
 * The "download the rejected rows" file: the original header and cells, with the line in the original
 * file and the problems in front, ready to fix in Excel and import again.
 */
export function rejectedRowsCsv(header: readonly string[], rejected: readonly RejectedRow[], options: CsvWriteOptions & { bom?: boolean } = {}): string {
  const rows: CsvCell[][] = [[...REJECTED_ROW_COLUMNS, ...header]];
  for (const row of rejected) {
    rows.push([row.line, row.errors.map((error) => error.reason).join("; "), ...row.cells]);
  }
  return formatCsv(rows, options);
}
