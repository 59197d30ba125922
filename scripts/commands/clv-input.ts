/**
 * Input for the clv engine commands: option parsing and fast, streaming readers for the two CSV inputs:
 * a transaction log (customer, ISO date, amount; ten million rows in a few seconds: bytes are parsed by
 * hand, no per-row Date or split) and a customer summary file (ID, x, t_x, T, zbar).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { InvalidInputError } from "../../lib/clv/errors";
import { dayNumberFromCivil } from "../../lib/clv/iso-date";
import type { TransactionColumns } from "../../lib/clv/summary";
import type { TimeUnit } from "../../lib/clv/types";
import { UsageError } from "./command";

// ---------------------------------------------------------------------------------------------------
// Options

/** `--name value` pairs; flags listed in `known` only; a repeated or unknown option is a UsageError. */
export function parseOptions(args: readonly string[], known: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const equals = arg.indexOf("=");
    const name = equals > 0 ? arg.slice(2, equals) : arg.slice(2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = equals > 0 ? arg.slice(equals + 1) : args[++i];
    if (value === undefined || (equals < 0 && value.startsWith("--"))) throw new UsageError(`option --${name} needs a value`);
    if (options.has(name)) throw new UsageError(`option --${name} is given twice`);
    options.set(name, value);
  }
  return options;
}

export function numberOption(options: Map<string, string>, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} ${text}: must be ${rule}`);
  return value;
}

export function unitOption(options: Map<string, string>): TimeUnit {
  const unit = options.get("unit") ?? "week";
  if (unit !== "day" && unit !== "week" && unit !== "month") throw new UsageError(`--unit ${unit}: use day, week or month`);
  return unit;
}

export function dateOption(options: Map<string, string>, name: string): string | undefined {
  const text = options.get(name);
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UsageError(`--${name} ${text}: must be an ISO date YYYY-MM-DD`);
  return text;
}

export interface TransactionColumnNames {
  customer: string;
  date: string;
  amount: string;
}

/** `--columns customer=…,date=…,amount=…` (any subset; defaults customer_id, date, amount). */
export function columnsOption(options: Map<string, string>): TransactionColumnNames {
  const names: TransactionColumnNames = { customer: "customer_id", date: "date", amount: "amount" };
  const text = options.get("columns");
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
// Line reading

const CHUNK_BYTES = 1 << 22;
const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Calls `onLine(buffer, start, end, lineNumber, chunk)` for every line of a file (without the line break).
 * `chunk` changes whenever the buffer's contents move, so offsets kept from an earlier line stay valid
 * only while it is unchanged.
 */
function forEachLine(file: string, onLine: (buffer: Buffer, start: number, end: number, lineNumber: number, chunk: number) => void): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch (error) {
    throw new InvalidInputError(`cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carried = 0; // bytes of an unfinished line at the start of the buffer
    let lineNumber = 0;
    let chunk = 0;
    for (;;) {
      chunk++;
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        buffer = bigger;
      }
      const read = readSync(descriptor, buffer, carried, buffer.length - carried, null);
      const filled = carried + read;
      let start = 0;
      for (;;) {
        const newline = buffer.indexOf(NEWLINE, start);
        if (newline < 0 || newline >= filled) break;
        const end = newline > start && buffer[newline - 1] === RETURN ? newline - 1 : newline;
        onLine(buffer, start, end, ++lineNumber, chunk);
        start = newline + 1;
      }
      if (read === 0) {
        if (start < filled) {
          const end = buffer[filled - 1] === RETURN ? filled - 1 : filled;
          onLine(buffer, start, end, ++lineNumber, chunk);
        }
        return;
      }
      carried = filled - start;
      buffer.copy(buffer, 0, start, filled);
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Splits one CSV line (RFC 4180 quotes allowed) into strings; used for headers and quoted rows. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
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
// Field parsers on bytes

/** Day number of an ISO date at buffer[start..end) (a time part after the date is ignored), or NaN. */
function parseDayBytes(buffer: Buffer, start: number, end: number): number {
  if (end - start < 10 || buffer[start + 4] !== 45 || buffer[start + 7] !== 45) return Number.NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = buffer[start + i]! - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    year = year * 10 + digit;
  }
  const m1 = buffer[start + 5]! - 48;
  const m2 = buffer[start + 6]! - 48;
  const d1 = buffer[start + 8]! - 48;
  const d2 = buffer[start + 9]! - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 3 || d2 < 0 || d2 > 9) return Number.NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > length) return Number.NaN;
  if (end - start > 10) {
    const next = buffer[start + 10];
    if (next !== 84 && next !== 32 && next !== 116) return Number.NaN; // T, space, t
  }
  return dayNumberFromCivil(year, month, day);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** A plain decimal number at buffer[start..end) (sign, digits, one dot); others via Number(); NaN if bad. */
function parseNumberBytes(buffer: Buffer, start: number, end: number): number {
  while (start < end && buffer[start] === 32) start++;
  while (end > start && buffer[end - 1] === 32) end--;
  if (start === end) return Number.NaN;
  let i = start;
  let negative = false;
  if (buffer[i] === 45 || buffer[i] === 43) {
    negative = buffer[i] === 45;
    i++;
  }
  let integer = 0;
  let digits = 0;
  let fraction = 0;
  let fractionDigits = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = buffer[i]!;
    if (c >= 48 && c <= 57) {
      if (seenDot) {
        fraction = fraction * 10 + (c - 48);
        fractionDigits++;
      } else integer = integer * 10 + (c - 48);
      digits++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else return Number(buffer.toString("latin1", start, end)); // exponent or other forms: let Number decide
  }
  if (digits === 0 || digits > 15 || fractionDigits > 22) return digits === 0 ? Number.NaN : Number(buffer.toString("latin1", start, end));
  const value = integer + fraction / POWERS_OF_TEN[fractionDigits]!;
  return negative ? -value : value;
}

// ---------------------------------------------------------------------------------------------------
// Transaction log

/** MurmurHash3's 32-bit finaliser: FNV-1a's low bits alone depend only on the low bits of each step. */
function finalMix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Customer ids interned by their bytes: an open-addressing hash table (FNV-1a) over an arena of id bytes,
 * so a string is created once per customer, not once per row.
 */
class CustomerIdTable {
  readonly ids: string[] = [];
  private arena = new Uint8Array(1 << 20);
  private arenaLength = 0;
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 13); // customer index + 1, 0 = empty
  private mask = (1 << 13) - 1;

  /** The index of the id at bytes[start..end), adding it when new. */
  indexOf(bytes: Buffer, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const length = end - start;
    let slot = finalMix(hash) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      const index = entry - 1;
      if (this.lengths[index] === length) {
        const offset = this.starts[index]!;
        let same = true;
        for (let k = 0; k < length; k++) {
          if (this.arena[offset + k] !== bytes[start + k]) {
            same = false;
            break;
          }
        }
        if (same) return index;
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(bytes, start, end, slot);
  }

  private add(bytes: Buffer, start: number, end: number, slot: number): number {
    const index = this.ids.length;
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    if (index === this.starts.length) {
      const starts = new Int32Array(index * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Int32Array(index * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.starts[index] = this.arenaLength;
    this.lengths[index] = length;
    this.arenaLength += length;
    this.ids.push(bytes.toString("utf8", start, end));
    this.slots[slot] = index + 1;
    if ((index + 1) * 2 > this.slots.length) this.rehash();
    return index;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let index = 0; index < this.ids.length; index++) {
      const offset = this.starts[index]!;
      let hash = 0x811c9dc5;
      for (let k = 0; k < this.lengths[index]!; k++) hash = Math.imul(hash ^ this.arena[offset + k]!, 0x01000193);
      let slot = finalMix(hash) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index + 1;
    }
  }

  /** For ids that came through the slow (quoted) path as strings. */
  indexOfText(id: string): number {
    const bytes = Buffer.from(id, "utf8");
    return this.indexOf(bytes, 0, bytes.length);
  }
}

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
  const starts = new Int32Array(64);
  const ends = new Int32Array(64);
  const fail = (lineNumber: number, message: string): never => {
    throw new InvalidInputError(`${file} line ${lineNumber}: ${message}`);
  };

  forEachLine(file, (buffer, start, end, lineNumber) => {
    if (lineNumber === 1) {
      const header = splitCsvLine(buffer.toString("utf8", start, end));
      customerColumn = headerIndex(header, [names.customer], file, "customer");
      dateColumn = headerIndex(header, [names.date], file, "date");
      amountColumn = headerIndex(header, [names.amount], file, "amount");
      lastColumn = Math.max(customerColumn, dateColumn, amountColumn);
      if (lastColumn >= starts.length) throw new InvalidInputError(`${file}: the columns used must be among the first ${starts.length}`);
      return;
    }
    if (start === end) return; // blank line
    // Locate the fields we need by commas; a quote anywhere sends the line to the slow path.
    let field = 0;
    let fieldStart = start;
    let hasQuote = false;
    for (let i = start; i < end; i++) {
      const c = buffer[i]!;
      if (c === COMMA) {
        if (field <= lastColumn) {
          starts[field] = fieldStart;
          ends[field] = i;
        }
        field++;
        fieldStart = i + 1;
      } else if (c === QUOTE) {
        hasQuote = true;
        break;
      }
    }
    if (hasQuote) {
      const fields = splitCsvLine(buffer.toString("utf8", start, end));
      if (fields.length <= lastColumn) fail(lineNumber, `expected at least ${lastColumn + 1} fields, found ${fields.length}`);
      const id = fields[customerColumn]!.trim();
      const dateBuffer = Buffer.from(fields[dateColumn]!.trim(), "latin1");
      const dayNumber = parseDayBytes(dateBuffer, 0, dateBuffer.length);
      const value = Number(fields[amountColumn]!.trim());
      if (id === "") fail(lineNumber, "the customer id is empty");
      if (Number.isNaN(dayNumber)) fail(lineNumber, `"${fields[dateColumn]}" is not an ISO date (YYYY-MM-DD)`);
      if (fields[amountColumn]!.trim() === "" || !Number.isFinite(value)) fail(lineNumber, `amount "${fields[amountColumn]}" is not a number`);
      builder.push(table.indexOfText(id), dayNumber, value);
      return;
    }
    if (field <= lastColumn) {
      starts[field] = fieldStart;
      ends[field] = end;
    }
    field++;
    if (field <= lastColumn) fail(lineNumber, `expected at least ${lastColumn + 1} fields, found ${field}`);
    const dayNumber = parseDayBytes(buffer, starts[dateColumn]!, ends[dateColumn]!);
    if (Number.isNaN(dayNumber)) fail(lineNumber, `"${buffer.toString("utf8", starts[dateColumn]!, ends[dateColumn]!)}" is not an ISO date (YYYY-MM-DD)`);
    const value = parseNumberBytes(buffer, starts[amountColumn]!, ends[amountColumn]!);
    if (!Number.isFinite(value)) fail(lineNumber, `amount "${buffer.toString("utf8", starts[amountColumn]!, ends[amountColumn]!)}" is not a number`);
    let idStart = starts[customerColumn]!;
    let idEnd = ends[customerColumn]!;
    while (idStart < idEnd && buffer[idStart] === 32) idStart++;
    while (idEnd > idStart && buffer[idEnd - 1] === 32) idEnd--;
    if (idStart === idEnd) fail(lineNumber, "the customer id is empty");
    builder.push(table.indexOf(buffer, idStart, idEnd), dayNumber, value);
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
  forEachLine(file, (buffer, start, end, lineNumber) => {
    const fields = splitCsvLine(buffer.toString("utf8", start, end));
    if (lineNumber === 1) {
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
    if (start === end || !columns) return;
    const c: { id: number; x: number; tx: number; T: number; monetary: number } = columns;
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
