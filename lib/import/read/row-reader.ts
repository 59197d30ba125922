/**
 * The full-file pipeline for the command line and the server: bytes in (in chunks of any size),
 * validated rows out. Decoding, tokenising and validating happen chunk by chunk, so memory use does not
 * grow with the file. Formats come from `sniffFile` (or the user's options); the header is read from
 * the file itself.
 */
import type { DecimalSeparator } from "./amount";
import { checkBinary, nulBytesProblem } from "./binary-check";
import { FORBIDDEN_IN_TEXT } from "./cell-text";
import { checkHeader, resolveMapping, type ColumnMapping, type MappingChoice } from "./column-mapping";
import { CsvParser, type CsvRecord } from "./csv-parser";
import { createCustomerValidator, type CustomerRow } from "./customer-row";
import type { DateFormat } from "./date-format";
import { checkColumnStructure } from "./delimiter";
import { createStreamingDecoder, detectEncoding, encodingLabel, NOT_UTF8_MESSAGE, type StreamingDecoder, type TextEncodingName } from "./encoding";
import type { FieldOf, ImportKind, TransactionField } from "./fields";
import { ImportFileError, type ImportProblem } from "./problems";
import type { RowOutcome } from "./row-outcome";
import { customerPlatformReading } from "../platforms/customers";
import { createOrderReader, type OrderReader, type OrderSummary } from "../platforms/orders";
import type { PlatformDefinition } from "../platforms/platform";
import { chosenColumns, orderFieldMapping, recognisePlatform, withChosenColumns } from "../platforms/recognise";
import { createStatusOrderReader } from "./status-orders";
import { createTransactionValidator, type TransactionRow } from "./transaction-row";

export type RowOf<K extends ImportKind> = K extends "transactions" ? TransactionRow : CustomerRow;

export interface RowReaderOptions<K extends ImportKind> {
  kind: K;
  /** Today as ISO `YYYY-MM-DD`: later dates are rejected. */
  today: string;
  /** Default `"auto"`: byte-order mark, else UTF-8 unless the bytes are not valid UTF-8 (then Windows-1252). */
  encoding?: TextEncodingName | "auto";
  delimiter: string;
  decimal: DecimalSeparator;
  /** Required when a date column is mapped; `null` makes every date a row error. */
  dateFormat: DateFormat | null;
  /** The user's column choices (header names or indexes) over the suggestions from the header. */
  mapping?: Partial<Record<FieldOf<K>, MappingChoice>>;
  /** File name, for messages about binary files. */
  fileName?: string;
  /**
   * `"auto"` (default): a transactions file that is a known platform export (platforms/catalogue.ts) is read
   * as orders with that platform's meaning (statuses, refunds, order lines); `"none"`: as an ordinary file.
   */
  platform?: "auto" | "none";
  /** The company's time zone: timestamps with an offset or in UTC become dates there (default Europe/Amsterdam). */
  timeZone?: string;
  /** The company's currency (ISO code): platform orders in another currency stop the import. */
  currency?: string;
  /** The statuses that count as purchases (as written in the file), instead of the platform's defaults. */
  countStatuses?: readonly string[];
  /**
   * Column names (as in the header) of the status and the refunded amount (`--status-column`, `--refund-column`):
   * a platform file's instead of its own, or an ordinary file's (the same as mapping `status` and `refund`).
   */
  platformColumns?: { status?: string; refund?: string };
}

/** The company's time zone when none is set (settings: `timeZone`). */
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

/** Reads one file. Call `push` for each chunk and `end` once; both return the rows completed so far. */
export interface RowReader<K extends ImportKind> {
  push(chunk: Uint8Array): RowOutcome<RowOf<K>>[];
  /** For text that is already decoded (do not mix with `push`). */
  pushText(text: string): RowOutcome<RowOf<K>>[];
  end(): RowOutcome<RowOf<K>>[];
  /** The header line, once read. */
  readonly header: string[] | null;
  /** The mapping in use, once the header is read. */
  readonly mapping: ColumnMapping<FieldOf<K>> | null;
  /** Warnings found so far (errors are thrown as `ImportFileError`). */
  readonly problems: ImportProblem[];
  /** The encoding in use (decided after the first non-ASCII bytes in `"auto"` mode). */
  readonly encoding: TextEncodingName;
  /** Data rows read so far (valid and rejected). */
  readonly rowCount: number;
  /** The platform export the header was recognised as, once read (`null`: an ordinary file). */
  readonly platform: { id: string; name: string; source: string; valueFrom: string } | null;
  /** What was done with a platform file's orders (complete after `end`), or `null` for an ordinary file. */
  readonly orders: OrderSummary | null;
}

/** The longest header line, in characters: the import page reads the header from the first 64 KB. */
export const MAX_HEADER_CHARACTERS = 65_536;

/**
 * Creates a reader for one file. Throws {@link ImportFileError} when the file cannot be imported at
 * all: binary (a NUL byte anywhere), empty, a header line over 64 KB, one column only, duplicated
 * header names, missing required columns (from `push`, as soon as the header is read), a quote not
 * closed within a million characters, header only or a quote that is never closed (from `end`). Rows
 * that are entirely empty are skipped. Every cell of every row is checked (see cell-text.ts); a row
 * over a million characters is one rejected row, read without being kept.
 *
 * @example
 * const reader = createRowReader({ kind: "transactions", today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
 * const outcomes = [...reader.push(new TextEncoder().encode("klant;datum;bedrag\n1;23-11-2025;12,50\n")), ...reader.end()];
 * // [{ ok: true, row: { line: 2, customerId: "1", purchaseDate: "2025-11-23", revenueCents: 1250, ... } }]
 */
export function createRowReader<K extends ImportKind>(options: RowReaderOptions<K>): RowReader<K> {
  const decoder: StreamingDecoder = createStreamingDecoder(options.encoding ?? "auto");
  const parser = new CsvParser({ delimiter: options.delimiter });
  const named = options.fileName ? `'${options.fileName}'` : "The file";
  const namedInSentence = options.fileName ? named : "the file";
  const problems: ImportProblem[] = [];
  let header: string[] | null = null;
  let mapping: ColumnMapping<FieldOf<K>> | null = null;
  let validate: ((record: CsvRecord, checkCharacters: boolean) => RowOutcome<RowOf<K>>) | null = null;
  /** True while records may hold text that needs a per-cell look (see `acceptText`). */
  let suspicious = false;
  /** The first line with bytes that are not valid in the encoding, or 0. */
  let firstInvalidLine = 0;
  let firstText = "";
  let head: Uint8Array | null = new Uint8Array(0);
  const checkHead = (bytes: Uint8Array): Uint8Array => {
    const sample = bytes.subarray(0, 65_536);
    const utf16 =
      options.encoding === "auto" || options.encoding === undefined
        ? detectEncoding(sample).encoding.startsWith("utf-16")
        : options.encoding.startsWith("utf-16");
    const binary = checkBinary(sample, options.fileName ?? "", { utf16 });
    if (binary) throw new ImportFileError([binary]);
    return bytes;
  };
  let rowCount = 0;
  let platform: PlatformDefinition | null = null;
  let orderReader: OrderReader | null = null;

  const headerTooLong = (): ImportFileError =>
    new ImportFileError([
      {
        severity: "error",
        code: "line-too-long",
        line: 1,
        message: `The first line of ${namedInSentence} is longer than 64 KB, so it is not a header of column names. Is this a CSV file, and is the delimiter right? Export the data as CSV with the column names on the first line and import again.`,
      },
    ]);

  const start = (record: CsvRecord, final: boolean) => {
    let length = record.overLength ?? record.cells.length - 1;
    if (record.overLength === undefined) for (const cell of record.cells) length += cell.length;
    if (length > MAX_HEADER_CHARACTERS) throw headerTooLong();
    header = record.cells;
    const structure = checkColumnStructure([record], options.delimiter, firstText, { complete: final });
    const recognition = options.platform !== "none" ? recognisePlatform(header, options.kind) : { status: "none" as const };
    if (recognition.status === "looks-like") problems.push(recognition.problem);
    const choices = withStatusColumns(options.mapping, options.kind === "transactions" ? options.platformColumns : undefined);
    const resolved = resolveMapping(header, options.kind, choices);
    // A recognised export brings its own columns: the suggestions from header names do not apply (nor
    // their "missing column" errors); a column the user chose still wins.
    const mappingProblems = recognition.status === "recognised" ? [] : resolved.problems;
    const errors = [...structure, ...checkHeader(header), ...mappingProblems].filter((problem) => {
      if (problem.severity === "error") return true;
      problems.push(problem);
      return false;
    });
    if (errors.length > 0) throw new ImportFileError(errors.some((error) => error.code === "one-column") ? errors.filter((error) => error.code === "one-column") : errors);
    const validatorOptions = {
      header,
      formats: { decimal: options.decimal, dateFormat: options.dateFormat, today: options.today },
      delimiter: options.delimiter,
      encoding: decoder.encoding,
    };
    if (recognition.status === "recognised" && options.kind === "customers") {
      // A customers export (Shopify): its columns, with the user's choices over them; only its soft data kept.
      const reading = customerPlatformReading(recognition.platform, header, recognition.columns, chosenColumns(choices, resolved.mapping));
      platform = recognition.platform;
      mapping = reading.mapping as ColumnMapping<FieldOf<K>>;
      validate = createCustomerValidator({ ...validatorOptions, ...reading }) as (record: CsvRecord, checkCharacters: boolean) => RowOutcome<RowOf<K>>;
      return;
    }
    if (recognition.status === "recognised") {
      const columns = withChosenColumns(recognition.columns, chosenColumns(choices, resolved.mapping));
      for (const [field, name] of Object.entries(options.platformColumns ?? {})) {
        if (name === undefined) continue;
        const column = header.findIndex((cell) => cell.trim().toLowerCase() === name.trim().toLowerCase());
        if (column < 0) {
          throw new ImportFileError([
            { severity: "error", code: "missing-column", message: `The ${field === "status" ? "status" : "refunded amount"} column '${name}' is not in the file. Its columns are: ${header.map((cell) => `'${cell.trim()}'`).join(", ")}.` },
          ]);
        }
        columns[field] = column;
      }
      platform = recognition.platform;
      orderReader = createOrderReader({
        ...validatorOptions,
        platform: recognition.platform,
        columns,
        timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
        currency: options.currency,
        countStatuses: options.countStatuses,
      });
      mapping = orderFieldMapping(columns) as ColumnMapping<FieldOf<K>>;
      return;
    }
    const statusMapped = options.kind === "transactions" && (resolved.mapping as ColumnMapping<TransactionField>).status !== undefined;
    const refundMapped = options.kind === "transactions" && (resolved.mapping as ColumnMapping<TransactionField>).refund !== undefined;
    if ((options.countStatuses && !statusMapped) || (options.kind === "customers" && (options.platformColumns?.status !== undefined || options.platformColumns?.refund !== undefined))) {
      throw new ImportFileError([
        {
          severity: "error",
          code: "missing-column",
          message:
            options.kind === "customers"
              ? "Status and refund columns apply to transactions files, not to a customers file."
              : "The statuses that count need the file's status column: choose it on the mapping screen, or name it with --status-column NAME (or --map status=NAME).",
        },
      ]);
    }
    if (statusMapped || refundMapped) {
      // A status or refund column: rows are read as orders (status-orders.ts); without them nothing changes per row.
      mapping = resolved.mapping;
      orderReader = createStatusOrderReader({ ...validatorOptions, mapping: resolved.mapping as ColumnMapping<TransactionField>, countStatuses: options.countStatuses, currency: options.currency });
      return;
    }
    mapping = resolved.mapping;
    validate = (
      options.kind === "transactions"
        ? createTransactionValidator({ ...validatorOptions, mapping: resolved.mapping })
        : createCustomerValidator({ ...validatorOptions, mapping: resolved.mapping })
    ) as (record: CsvRecord, checkCharacters: boolean) => RowOutcome<RowOf<K>>;
  };

  const handle = (records: CsvRecord[], final: boolean, checkCharacters: boolean): RowOutcome<RowOf<K>>[] => {
    const outcomes: RowOutcome<RowOf<K>>[] = [];
    for (const record of records) {
      if (!validate && !orderReader) {
        start(record, final);
        continue;
      }
      if (isBlank(record)) continue;
      rowCount++;
      if (checkCharacters && firstInvalidLine === 0 && decoder.sawInvalidBytes && record.cells.some((cell) => cell.includes("\uFFFD"))) {
        firstInvalidLine = record.line;
      }
      if (orderReader) outcomes.push(...(orderReader.push(record, checkCharacters) as RowOutcome<RowOf<K>>[]));
      else outcomes.push(validate!(record, checkCharacters));
    }
    return outcomes;
  };

  const acceptText = (text: string, final: boolean): RowOutcome<RowOf<K>>[] => {
    if (!header && firstText.length < 65_536) firstText += text.slice(0, 65_536 - firstText.length);
    // One scan of the chunk decides whether its rows need a look at every cell's characters (rare).
    if (FORBIDDEN_IN_TEXT.test(text)) {
      if (text.includes("\u0000")) throw new ImportFileError([nulBytesProblem(options.fileName ?? "")]);
      suspicious = true;
    }
    const checkCharacters = suspicious;
    const records = final ? [...parser.push(text), ...parser.end()] : parser.push(text);
    const outcomes = handle(records, final, checkCharacters);
    if (!header && parser.pendingLength > MAX_HEADER_CHARACTERS) throw headerTooLong();
    // The records still to come start with what the parser holds: look again only if that is suspicious.
    if (suspicious) suspicious = FORBIDDEN_IN_TEXT.test(parser.pendingText);
    return outcomes;
  };

  return {
    push(chunk) {
      if (head) {
        // Collect the first bytes so that a file's signature is seen even when chunks are tiny.
        head = concatBytes(head, chunk);
        if (head.length < HEAD_BYTES) return [];
        const bytes = checkHead(head);
        head = null;
        return acceptText(decoder.decode(bytes), false);
      }
      return acceptText(decoder.decode(chunk), false);
    },
    pushText(text) {
      return acceptText(text, false);
    },
    end() {
      let rest = "";
      if (head) {
        rest = decoder.decode(checkHead(head));
        head = null;
      }
      const outcomes = acceptText(rest + decoder.end(), true);
      // An unclosed quote swallowed the rest of the file: importing the rows before it would hide that.
      if (parser.problems.length > 0) throw new ImportFileError(parser.problems);
      if (decoder.readAsWindows1252) problems.push({ severity: "warning", code: "not-utf-8", message: NOT_UTF8_MESSAGE });
      if (decoder.sawInvalidBytes) {
        const from = firstInvalidLine > 0 ? ` from line ${firstInvalidLine.toLocaleString("en")} on` : "";
        problems.push({
          severity: "warning",
          code: "invalid-bytes",
          ...(firstInvalidLine > 0 ? { line: firstInvalidLine } : {}),
          message: `Some characters${from} could not be read as ${encodingLabel(decoder.encoding)} and were replaced by '\uFFFD'; the rows that have them are rejected. Import again with the file's encoding (a file from an older Excel is usually Windows-1252).`,
        });
      }
      if (!header) {
        throw new ImportFileError([{ severity: "error", code: "empty-file", message: `${named} is empty. Export your data again and check that the export has rows.` }]);
      }
      if (rowCount === 0) {
        throw new ImportFileError([
          { severity: "error", code: "header-only", line: 1, message: `${named} only has a header line and no rows below it. Export again with the data included.` },
        ]);
      }
      // The last order; unknown statuses and foreign currencies stop the import here.
      if (orderReader) outcomes.push(...(orderReader.end() as RowOutcome<RowOf<K>>[]));
      return outcomes;
    },
    get platform() {
      return platform ? { id: platform.id, name: platform.name, source: platform.source, valueFrom: platform.valueFrom } : null;
    },
    get orders() {
      return orderReader?.summary ?? null;
    },
    get header() {
      return header;
    },
    get mapping() {
      return mapping;
    },
    problems,
    get encoding() {
      return decoder.encoding;
    },
    get rowCount() {
      return rowCount;
    },
  };
}

/**
 * The user's column choices with `--status-column` and `--refund-column` as the `status` and `refund` fields.
 *
 * @example withStatusColumns({ amount: "bedrag" }, { status: "Status" }) // { amount: "bedrag", status: "Status" }
 */
export function withStatusColumns<K extends ImportKind>(
  mapping: Partial<Record<FieldOf<K>, MappingChoice>> | undefined,
  columns: { status?: string; refund?: string } | undefined,
): Partial<Record<FieldOf<K>, MappingChoice>> {
  const choices: Record<string, MappingChoice | undefined> = { ...mapping };
  if (columns?.status !== undefined) choices.status = columns.status;
  if (columns?.refund !== undefined) choices.refund = columns.refund;
  return choices as Partial<Record<FieldOf<K>, MappingChoice>>;
}

/** Bytes looked at for a binary file's signature before any text is read. */
const HEAD_BYTES = 1024;

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}

/** A row where every cell is empty (Excel writes `;;;;` for rows it once formatted). */
function isBlank(record: CsvRecord): boolean {
  for (const cell of record.cells) if (cell.trim() !== "") return false;
  return true;
}
