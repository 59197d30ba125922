/**
 * What validating one row gives: a typed row, or the reasons it was rejected together with the cells
 * as read (for "download the rejected rows").
 */
import type { DecimalSeparator } from "./amount";
import type { CsvRecord } from "./csv-parser";
import { REJECTED_ROW_COLUMNS, unescapeFormula } from "./csv-writer";
import type { DateFormat } from "./date-format";
import type { RowError } from "./problems";

export type RowOutcome<T> = { ok: true; row: T } | { ok: false; line: number; cells: string[]; errors: RowError[] };

/** How the values of a file are written, as detected by `sniffFile` or chosen by the user. */
export interface ValueFormats {
  decimal: DecimalSeparator;
  /** `null` when the file has no date column to read (a customers file without first-seen dates). */
  dateFormat: DateFormat | null;
  /** Today as ISO `YYYY-MM-DD`: later dates are rejected. */
  today: string;
}

/**
 * The trimmed text of a cell, `""` when the column is not mapped or the row is short. The `'` that our
 * CSV writer puts before formula-like text (`'-12,50`) is taken off, so downloaded rejected rows can be
 * fixed and imported again.
 */
export function cellText(record: CsvRecord, column: number | undefined): string {
  if (column === undefined) return "";
  const value = record.cells[column];
  return value === undefined ? "" : unescapeFormula(value.trim());
}

/** True for the columns our rejected-rows download adds; they are never imported. */
export function isRejectedRowColumn(name: string): boolean {
  return (REJECTED_ROW_COLUMNS as readonly string[]).includes(name.trim());
}

/**
 * Text as the user wrote it, trimmed, or `null` when empty. Cells that look like formulas
 * (`=HYPERLINK(…)`, `+31…`, `-`, `@`) are kept as plain text: nothing is ever evaluated.
 */
export function optionalText(value: string): string | null {
  return value === "" ? null : value;
}

/**
 * An error for a row with more values than the header has columns: a value probably contains the
 * delimiter without quotes, which shifts every later column.
 */
export function extraCellsError(record: CsvRecord, header: string[], delimiter: string | undefined): RowError | null {
  if (record.cells.length <= header.length) return null;
  const extra = record.cells.slice(header.length).filter((cell) => cell.trim() !== "");
  if (extra.length === 0) return null;
  const inside = delimiter ? ` '${delimiter === "\t" ? "tab" : delimiter}'` : " the delimiter";
  return {
    line: record.line,
    column: `column ${header.length + 1}`,
    value: extra[0]!,
    reason: `this row has ${record.cells.length} values but the header has ${header.length} columns: a value probably contains${inside} without quotes around it`,
  };
}
