/**
 * Input for the clv engine commands: option checks and streaming readers for the two CSV inputs, a
 * transaction log (customer, ISO date, amount) and a customer summary file (ID, x, t_x, T, zbar). Files
 * are read by the import's reader (lib/import/read: encodings, quotes, line breaks inside quotes) in its
 * form without a string per cell; dates and amounts are parsed from the text by hand, with no per-row
 * Date or split, so ten million rows take a few seconds.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { InvalidInputError } from "../../lib/clv/errors";
import { dayNumberFromCivil } from "../../lib/clv/iso-date";
import type { TransactionColumns } from "../../lib/clv/summary";
import type { TimeUnit } from "../../lib/clv/types";
import { CsvSpanReader, type CsvSpans } from "../../lib/import/read/csv-spans";
import { createStreamingDecoder } from "../../lib/import/read/encoding";
import { ImportFileError } from "../../lib/import/read/problems";
import { UsageError } from "./command";
import { CustomerIdTable } from "./customer-id-table";

// ---------------------------------------------------------------------------------------------------
// Options

/** The values `parseCommandArgs` read; the helpers below check and convert one option each. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

function textOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === "string" ? value : undefined;
}

export function numberOption(options: OptionValues, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const text = textOption(options, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} ${text}: must be ${rule}`);
  return value;
}

export function unitOption(options: OptionValues): TimeUnit {
  const unit = textOption(options, "unit") ?? "week";
  if (unit !== "day" && unit !== "week" && unit !== "month") throw new UsageError(`--unit ${unit}: use day, week or month`);
  return unit;
}

export function dateOption(options: OptionValues, name: string): string | undefined {
  const text = textOption(options, name);
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UsageError(`--${name} ${text}: must be an ISO date YYYY-MM-DD`);
  return text;
}

export interface TransactionColumnNames {
  customer: string;
  date: string;
  amount: string;
}

/** `--columns customer=…,date=…,amount=…` (any subset; defaults customer_id, date, amount). */
export function columnsOption(options: OptionValues): TransactionColumnNames {
  const names: TransactionColumnNames = { customer: "customer_id", date: "date", amount: "amount" };
  const text = textOption(options, "columns");
  if (text === undefined) return names;
  for (const part of text.split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if ((key !== "customer" && key !== "date" && key !== "amount") || !value) {
      throw new UsageError(`--columns "${text}": expected customer=NAME,date=NAME,amount=NAME`);
    }
    names[key] = value;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------
// Reading records

const CHUNK_BYTES = 1 << 22;

/**
 * Calls `onRecord` for every record of a CSV file, read as the import reads files (lib/import/read):
 * the encoding from the byte-order mark or the bytes (UTF-8, UTF-16, Windows-1252), commas, quotes as
 * Excel writes them with line breaks inside them, LF, CRLF or CR line ends, blank lines skipped. Records
 * without quotes are not copied into strings (see csv-spans.ts): that keeps a million rows under a second.
 */
function forEachRecord(file: string, onRecord: (record: CsvSpans) => void): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch (error) {
    throw new InvalidInputError(`cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const decoder = createStreamingDecoder("auto");
    const reader: CsvSpanReader = new CsvSpanReader({
      delimiter: ",",
      // The record read after a quote that is never closed is the rest of the file: the problem comes first.
      onRecord: (record) => {
        if (reader.problems.length === 0) onRecord(record);
      },
    });
    for (;;) {
      // A new buffer each time: the decoder may keep the last bytes of one until the next.
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      reader.push(decoder.decode(buffer.subarray(0, read)));
    }
    reader.push(decoder.end());
    reader.end();
    const [problem] = reader.problems;
    if (problem) throw new InvalidInputError(`${file}: ${problem.message}`);
  } catch (error) {
    if (error instanceof ImportFileError) throw new InvalidInputError(`${file}: ${error.message}`);
    throw error;
  } finally {
    closeSync(descriptor);
  }
}

/** The fields of a record as strings (for headers and small files). */
function recordCells({ text, starts, ends, count }: CsvSpans): string[] {
  return Array.from({ length: count }, (_, index) => text.slice(starts[index], ends[index]));
}

function headerIndex(header: string[], names: readonly string[], file: string, what: string): number {
  const normalised = header.map((h) => h.trim().replace(/^\uFEFF/, "").toLowerCase());
  for (const name of names) {
    const index = normalised.indexOf(name.toLowerCase());
    if (index >= 0) return index;
  }
  throw new InvalidInputError(`${file}: no ${what} column (looked for ${names.join(" or ")}; the header has ${header.join(", ")})`);
}

// ---------------------------------------------------------------------------------------------------
// Field parsers on spans of text

/** Day number of an ISO date at text[start..end) (a time part after the date is ignored), or NaN. */
function parseDaySpan(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (end - start < 10 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return Number.NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = text.charCodeAt(start + i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    year = year * 10 + digit;
  }
  const m1 = text.charCodeAt(start + 5) - 48;
  const m2 = text.charCodeAt(start + 6) - 48;
  const d1 = text.charCodeAt(start + 8) - 48;
  const d2 = text.charCodeAt(start + 9) - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 3 || d2 < 0 || d2 > 9) return Number.NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > length) return Number.NaN;
  if (end - start > 10) {
    const next = text.charCodeAt(start + 10);
    if (next !== 84 && next !== 32 && next !== 116) return Number.NaN; // T, space, t
  }
  return dayNumberFromCivil(year, month, day);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** A plain decimal number at text[start..end) (sign, digits, one dot); others via Number(); NaN if bad. */
function parseNumberSpan(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return Number.NaN;
  let i = start;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let integer = 0;
  let digits = 0;
  let fraction = 0;
  let fractionDigits = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (seenDot) {
        fraction = fraction * 10 + (c - 48);
        fractionDigits++;
      } else integer = integer * 10 + (c - 48);
      digits++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else return Number(text.slice(start, end)); // exponent or other forms: let Number decide
  }
  if (digits === 0 || digits > 15 || fractionDigits > 22) return digits === 0 ? Number.NaN : Number(text.slice(start, end));
  const value = integer + fraction / POWERS_OF_TEN[fractionDigits]!;
  return negative ? -value : value;
}

// ---------------------------------------------------------------------------------------------------
// Transaction log

/** Growable columns of parsed rows. */
class TransactionBuilder {
  customer = new Int32Array(1 << 16);
  day = new Int32Array(1 << 16);
  amount = new Float64Array(1 << 16);
  rows = 0;

  push(customer: number, day: number, amount: number): void {
    if (this.rows === this.customer.length) {
      const size = this.rows * 2;
      const c = new Int32Array(size);
      c.set(this.customer);
      this.customer = c;
      const d = new Int32Array(size);
      d.set(this.day);
      this.day = d;
      const a = new Float64Array(size);
      a.set(this.amount);
      this.amount = a;
    }
    this.customer[this.rows] = customer;
    this.day[this.rows] = day;
    this.amount[this.rows] = amount;
    this.rows++;
  }
}

/**
 * Reads a transaction CSV into columns (customer index, day number, amount). Throws `InvalidInputError`
 * naming the line of the first bad date or amount or missing field.
 */
export function readTransactionsCsv(file: string, names: TransactionColumnNames = { customer: "customer_id", date: "date", amount: "amount" }): TransactionColumns {
  const table = new CustomerIdTable();
  const builder = new TransactionBuilder();
  let customerColumn = -1;
  let dateColumn = -1;
  let amountColumn = -1;
  let lastColumn = -1;
  const fail = (lineNumber: number, message: string): never => {
    throw new InvalidInputError(`${file} line ${lineNumber}: ${message}`);
  };

  forEachRecord(file, (record) => {
    const { text, starts, ends, count, line } = record;
    if (customerColumn < 0) {
      const header = recordCells(record);
      customerColumn = headerIndex(header, [names.customer], file, "customer");
      dateColumn = headerIndex(header, [names.date], file, "date");
      amountColumn = headerIndex(header, [names.amount], file, "amount");
      lastColumn = Math.max(customerColumn, dateColumn, amountColumn);
      return;
    }
    if (record.overLength !== undefined) fail(line, `the row is ${record.overLength.toLocaleString("en")} characters long: is this a transaction file?`);
    if (count <= lastColumn) fail(line, `expected at least ${lastColumn + 1} fields, found ${count}`);
    const dayNumber = parseDaySpan(text, starts[dateColumn]!, ends[dateColumn]!);
    if (Number.isNaN(dayNumber)) fail(line, `"${text.slice(starts[dateColumn], ends[dateColumn])}" is not an ISO date (YYYY-MM-DD)`);
    const value = parseNumberSpan(text, starts[amountColumn]!, ends[amountColumn]!);
    if (!Number.isFinite(value)) fail(line, `amount "${text.slice(starts[amountColumn], ends[amountColumn])}" is not a number`);
    let idStart = starts[customerColumn]!;
    let idEnd = ends[customerColumn]!;
    while (idStart < idEnd && text.charCodeAt(idStart) <= 32) idStart++;
    while (idEnd > idStart && text.charCodeAt(idEnd - 1) <= 32) idEnd--;
    if (idStart === idEnd) fail(line, "the customer id is empty");
    builder.push(table.indexOf(text, idStart, idEnd), dayNumber, value);
  });
  if (customerColumn < 0) throw new InvalidInputError(`${file} is empty (no header line)`);
  if (builder.rows === 0) throw new InvalidInputError(`${file} has a header but no transactions`);
  const rows = builder.rows;
  return { customerIds: table.ids, customer: builder.customer.subarray(0, rows), day: builder.day.subarray(0, rows), amount: builder.amount.subarray(0, rows), rows };
}

// ---------------------------------------------------------------------------------------------------
// Summary file

export interface SummaryFile {
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/** Reads a summary CSV with columns ID|customer_id, x|frequency, t_x|recency, T, zbar|monetary (optional). */
export function readSummaryCsv(file: string): SummaryFile {
  const ids: string[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const monetary: number[] = [];
  let columns: { id: number; x: number; tx: number; T: number; monetary: number } | null = null;
  forEachRecord(file, (record) => {
    const fields = recordCells(record);
    const lineNumber = record.line;
    if (!columns) {
      const rawHeader = fields.map((f) => f.trim().replace(/^\uFEFF/, ""));
      // T is case-sensitive in the papers' files (t_x vs T), so look for it exactly first.
      const exactT = rawHeader.indexOf("T");
      columns = {
        id: headerIndex(fields, ["ID", "customer_id"], file, "customer id"),
        x: headerIndex(fields, ["x", "frequency"], file, "frequency (x)"),
        tx: headerIndex(fields, ["t_x", "recency"], file, "recency (t_x)"),
        T: exactT >= 0 ? exactT : headerIndex(fields, ["T"], file, "age (T)"),
        monetary: rawHeader.findIndex((h) => ["zbar", "monetary", "monetary_value"].includes(h.toLowerCase())),
      };
      return;
    }
    const c = columns;
    const get = (index: number, what: string): number => {
      const text = fields[index];
      const value = Number(text);
      if (text === undefined || text.trim() === "" || !Number.isFinite(value)) {
        throw new InvalidInputError(`${file} line ${lineNumber}: ${what} "${text ?? ""}" is not a number`);
      }
      return value;
    };
    ids.push((fields[c.id] ?? "").trim());
    x.push(get(c.x, "frequency x"));
    tx.push(get(c.tx, "recency t_x"));
    T.push(get(c.T, "age T"));
    monetary.push(c.monetary >= 0 ? get(c.monetary, "monetary value") : 0);
  });
  if (ids.length === 0) throw new InvalidInputError(`${file} has no customers`);
  return { ids, x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), monetary: Float64Array.from(monetary) };
}
