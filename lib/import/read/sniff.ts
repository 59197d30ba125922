/**
 * The first look at an uploaded file: from its first ~64 KB and its name, everything the import page
 * shows before the user confirms (encoding, delimiter, decimal separator, date format, header, suggested
 * mapping, the first rows) and every problem found. Each detection can be overridden by the user's
 * choice; sniff again with the choices to get the updated preview.
 */
import type { DecimalSeparator } from "./amount";
import { checkBinary } from "./binary-check";
import { checkHeader, resolveMapping, suggestMapping, type ColumnMapping, type MappingChoice, type MatchQuality } from "./column-mapping";
import { parseCsvText, type CsvRecord } from "./csv-parser";
import { cellText } from "./row-outcome";
import { createCustomerValidator, type CustomerRow } from "./customer-row";
import type { DetectedDateFormat } from "./date-detection";
import type { DateFormat } from "./date-format";
import type { DetectedDecimal } from "./decimal-convention";
import { checkColumnStructure, detectDelimiter, type DelimiterCandidate } from "./delimiter";
import { decodeText, detectEncoding, NOT_UTF8_MESSAGE, type DetectedEncoding, type TextEncodingName } from "./encoding";
import type { ImportField, ImportKind, TransactionField } from "./fields";
import type { ImportProblem } from "./problems";
import type { RowOutcome, ValueFormats } from "./row-outcome";
import { customerPlatformReading, type CustomerPlatformReading } from "../platforms/customers";
import { createOrderReader } from "../platforms/orders";
import { normaliseStatus } from "../platforms/platform";
import { chosenColumns, orderFieldMapping, recognisePlatform, withChosenColumns } from "../platforms/recognise";
import { createStatusJudge, OWN_FILE_STATUS_RULES, type StatusJudge } from "../platforms/status-rules";
import { createStatusOrderReader } from "./status-orders";
import { createTransactionValidator, type TransactionRow } from "./transaction-row";
import { detectValueFormats } from "./value-formats";

/** How many bytes of a file to read for sniffing. */
export const SNIFF_BYTES = 65_536;
/** Rows shown in the preview. */
export const PREVIEW_ROWS = 20;

/** Choices the user made on the import page or command line; each replaces a detection. */
export interface SniffChoices {
  kind?: ImportKind;
  encoding?: TextEncodingName;
  delimiter?: string;
  decimal?: DecimalSeparator;
  dateFormat?: DateFormat;
  mapping?: Partial<Record<ImportField, MappingChoice>>;
  /** `"none"` reads a platform export as an ordinary file (see `RowReaderOptions.platform`). */
  platform?: "auto" | "none";
  /** The statuses (as written) that count as purchases, instead of the defaults (see `RowReaderOptions.countStatuses`). */
  countStatuses?: readonly string[];
}

export interface SniffOptions {
  /** Today as ISO `YYYY-MM-DD`: later dates are rejected. */
  today: string;
  /** The file's full size in bytes; when larger than the sample, the sample's last line is not used. */
  fileSize?: number;
  choices?: SniffChoices;
  /** The company's time zone, for the preview of platform timestamps (default Europe/Amsterdam). */
  timeZone?: string;
}

export interface SniffResult {
  fileName: string;
  kind: ImportKind;
  /** True when the kind was guessed from the header rather than chosen. */
  kindGuessed: boolean;
  encoding: DetectedEncoding;
  delimiter: string;
  delimiterCandidates: DelimiterCandidate[];
  /** `null` when the file could not be read far enough to tell. */
  decimal: DetectedDecimal | null;
  dateFormat: DetectedDateFormat | null;
  /** The first line of the file, as read. */
  header: string[];
  mapping: ColumnMapping;
  mappingQuality: Partial<Record<ImportField, MatchQuality>>;
  /** The formats to hand to `createRowReader` (detections with the user's choices applied). */
  formats: ValueFormats;
  /** The first rows under the header, cells as read. */
  preview: CsvRecord[];
  /**
   * The preview rows validated with the current mapping and formats, so the page can show how each
   * row will be read (empty while a required column is missing or a header name is duplicated).
   */
  previewOutcomes: RowOutcome<TransactionRow | CustomerRow>[];
  /** Data rows in the sample (all rows when the whole file fit in it). */
  sampleRows: number;
  /** True when the whole file fit in the sample. */
  complete: boolean;
  problems: ImportProblem[];
  /**
   * The platform export the header was recognised as (`null`: an ordinary file), shown on the mapping screen;
   * `orderColumns` are its other columns that decide what an order counts for (status, refund, currency...).
   */
  platform: { id: string; name: string; source: string; valueFrom: string; orderColumns: number[]; softDataColumns?: number[]; nameColumns?: number[] } | null;
  /** The distinct values of the status column in the sample, when a transactions file has one (see `statusValuesOf`). */
  statusValues: StatusValue[] | null;
}

/** One value of a file's status column, for the "counts as a purchase" choice on the mapping screen. */
export interface StatusValue {
  /** As written in the file (the first spelling met); `""` for an empty cell. */
  status: string;
  /** Rows of the sample with this value. */
  rows: number;
  /** Counts as a purchase: the user's choice, else the rules' (`false` for an unknown status as well). */
  counts: boolean;
  /** The rules know the value (an unknown one must be decided: until then the import stops). */
  known: boolean;
}

/**
 * Guesses whether a header belongs to a transactions file (it has a date and an amount column) or to a
 * customers file.
 *
 * @example guessImportKind(["klantnummer", "naam", "woonplaats"]) // "customers"
 */
export function guessImportKind(header: string[]): ImportKind {
  const { mapping } = suggestMapping(header, "transactions");
  return mapping.date !== undefined && mapping.amount !== undefined ? "transactions" : "customers";
}

/**
 * Sniffs the start of a file. Never throws on bad input: what is wrong is in `problems` (errors stop
 * the import, warnings do not).
 *
 * @example
 * sniffFile(new TextEncoder().encode("klantnummer;datum;bedrag\n1;23-11-2025;1.234,56\n"), "export.csv", { today: "2026-11-23" })
 * // { kind: "transactions", delimiter: ";", decimal: { decimal: ",", ... }, dateFormat: { format: "DD-MM-YYYY", ... },
 * //   mapping: { customer: 0, date: 1, amount: 2 }, problems: [], ... }
 */
export function sniffFile(bytes: Uint8Array, fileName: string, options: SniffOptions): SniffResult {
  const choices = options.choices ?? {};
  const sample = bytes.subarray(0, SNIFF_BYTES);
  const complete = sample.length === bytes.length && (options.fileSize === undefined || options.fileSize <= sample.length);
  const detected = detectEncoding(sample);
  const encoding: DetectedEncoding = choices.encoding
    ? { encoding: choices.encoding, bomLength: choices.encoding === detected.encoding ? detected.bomLength : 0, evidence: detected.evidence }
    : detected;
  const result: SniffResult = {
    fileName,
    kind: choices.kind ?? "transactions",
    kindGuessed: choices.kind === undefined,
    encoding,
    delimiter: choices.delimiter ?? ";",
    delimiterCandidates: [],
    decimal: null,
    dateFormat: null,
    header: [],
    mapping: {},
    mappingQuality: {},
    formats: { decimal: choices.decimal ?? ",", dateFormat: choices.dateFormat ?? null, today: options.today },
    preview: [],
    previewOutcomes: [],
    sampleRows: 0,
    complete,
    problems: [],
    platform: null,
    statusValues: null,
  };
  const stop = (problem: ImportProblem): SniffResult => ({ ...result, problems: [...result.problems, problem] });

  const named = fileName ? `'${fileName}'` : "The file";
  if (sample.length === 0) {
    return stop({ severity: "error", code: "empty-file", message: `${named} is empty. Export your data again and check that the export has rows.` });
  }
  const binary = checkBinary(sample, fileName, { utf16: encoding.encoding.startsWith("utf-16") });
  if (binary) return stop(binary);
  const text = decodeText(sample, encoding.encoding, { stream: !complete });
  if (text.trim() === "") {
    return stop({ severity: "error", code: "empty-file", message: `${named} has no text in it. Export your data again and check that the export has rows.` });
  }
  if (!choices.encoding && encoding.evidence === "not-utf-8") {
    result.problems.push({ severity: "warning", code: "not-utf-8", message: NOT_UTF8_MESSAGE });
  }
  if (text.includes("\uFFFD")) {
    result.problems.push({
      severity: "warning",
      code: "invalid-bytes",
      message: `Some characters could not be read as ${encoding.encoding} and show as '\uFFFD'. Choose another encoding (a file from an older Excel is usually Windows-1252).`,
    });
  }

  const delimiterDetection = detectDelimiter(text, { complete });
  result.delimiterCandidates = delimiterDetection.candidates;
  result.delimiter = choices.delimiter ?? delimiterDetection.delimiter;
  const parsed = parseCsvText(text, { delimiter: result.delimiter, complete });
  result.problems.push(...parsed.problems);
  result.problems.push(...checkColumnStructure(parsed.records, result.delimiter, text, { complete }));
  const [headerRecord, ...rows] = parsed.records;
  if (!headerRecord && !complete) {
    // The sample is full and holds no line break outside quotes.
    return stop({
      severity: "error",
      code: "line-too-long",
      line: 1,
      message: `The first line of ${named.replace(/^The file$/, "the file")} is longer than 64 KB, so it is not a header of column names. Is this a CSV file, and is the delimiter right? Export the data as CSV with the column names on the first line and import again.`,
    });
  }
  if (!headerRecord) {
    return stop({ severity: "error", code: "empty-file", message: `${named} has no rows. Export your data again and check that the export has rows.` });
  }
  result.header = headerRecord.cells;
  result.sampleRows = rows.length;
  result.preview = rows.slice(0, PREVIEW_ROWS);
  if (rows.length === 0 && !complete) {
    result.problems.push({
      severity: "error",
      code: "line-too-long",
      line: headerRecord.line + 1,
      message: `The first row under the header of ${named.replace(/^The file$/, "the file")} ends only after the first 64 KB, so Klantwaarde cannot show how the file is read. Is this a CSV file, and is the delimiter right? Check the first rows of the file, or export it again.`,
    });
  } else if (rows.length === 0) {
    result.problems.push({
      severity: "error",
      code: "header-only",
      line: headerRecord.line,
      message: `${named} only has a header line (${result.header.map((name) => `'${name.trim()}'`).join(", ")}) and no rows below it. Export again with the data included.`,
    });
  }
  if (result.problems.some((problem) => problem.code === "one-column")) return result;

  result.problems.push(...checkHeader(result.header));
  const recognisedAny = choices.platform === "none" ? null : recognisePlatform(result.header);
  result.kind = choices.kind ?? (recognisedAny?.status === "recognised" ? recognisedAny.platform.kind : guessImportKind(result.header));
  const recognition = choices.platform !== "none" ? recognisePlatform(result.header, result.kind) : null;
  const resolved = resolveMapping(result.header, result.kind, choices.mapping ?? {});
  result.mapping = resolved.mapping;
  result.mappingQuality = suggestMapping(result.header, result.kind).quality;
  let columns: Record<string, number | undefined> | null = null;
  let customerReading: CustomerPlatformReading | null = null;
  if (recognition?.status === "recognised") {
    const platform = recognition.platform;
    // Status and refund are shown in the mapping table; the note names the other columns that decide an order.
    const orderFields = ["currency", "cancelledAt", "captured", "paymentMethod"] as const;
    const orderColumns = orderFields.flatMap((field) => (recognition.columns[field] === undefined ? [] : [recognition.columns[field]!]));
    result.platform = { id: platform.id, name: platform.name, source: platform.source, valueFrom: platform.valueFrom, orderColumns };
    // The platform's columns, with the user's own choices over them; no "missing column" from header names.
    const chosen = chosenColumns(choices.mapping, resolved.mapping);
    columns = withChosenColumns(recognition.columns, chosen);
    const shown: ColumnMapping = {};
    if (result.kind === "customers") {
      customerReading = customerPlatformReading(platform, result.header, recognition.columns, chosen);
      Object.assign(shown, customerReading.mapping);
      result.platform!.softDataColumns = customerReading.platform.softDataColumns;
      result.platform!.nameColumns = customerReading.mapping.name === undefined ? customerReading.platform.nameColumns : [];
    } else {
      Object.assign(shown, orderFieldMapping(columns));
    }
    result.mapping = shown;
    result.mappingQuality = Object.fromEntries(Object.keys(shown).map((field) => [field, "exact"]));
  } else {
    if (recognition?.status === "looks-like") result.problems.push(recognition.problem);
    result.problems.push(...resolved.problems);
  }

  const platform = recognition?.status === "recognised" ? recognition.platform : null;
  const formats = detectValueFormats({
    kind: result.kind,
    header: result.header,
    rows,
    mapping: result.mapping,
    delimiter: result.delimiter,
    today: options.today,
    decimal: choices.decimal ?? platform?.decimal,
    dateFormat: choices.dateFormat,
  });
  result.decimal = formats.decimal;
  result.dateFormat = formats.date;
  result.formats = { decimal: formats.decimal.decimal, dateFormat: formats.date?.format ?? null, today: options.today };
  // A platform that always writes its dates one way (Magento's "Nov 29, 2025 10:14:03 PM") needs no detected format.
  const ownDates = platform?.dateFormat === "MON D, YYYY";
  result.problems.push(...formats.problems.filter((problem) => !(ownDates && /date-format/.test(problem.code))));

  const mappingBroken = result.problems.some((problem) => problem.code === "missing-column" || problem.code === "duplicate-header");
  const statusColumn = platform ? columns?.status : (result.mapping as ColumnMapping<TransactionField>).status;
  if (result.kind === "transactions" && statusColumn !== undefined) {
    const judge = createStatusJudge(platform ? platform.statuses : OWN_FILE_STATUS_RULES, choices.countStatuses);
    result.statusValues = statusValuesOf(rows, statusColumn, judge, { skipEmpty: platform !== null && platform.orders !== "one-row" });
  }
  const ownOrders = !platform && result.kind === "transactions" && !mappingBroken && (result.mapping.status !== undefined || (result.mapping as ColumnMapping<TransactionField>).refund !== undefined);
  if (platform && columns && result.kind === "transactions") {
    // How the first orders will be read (an order's outcome comes when its next order starts, or at the end).
    const orders = createOrderReader({ header: result.header, columns, formats: result.formats, platform, timeZone: options.timeZone ?? "Europe/Amsterdam", encoding: encoding.encoding, countStatuses: choices.countStatuses });
    const outcomes = result.preview.flatMap((record) => orders.push(record));
    // Unknown statuses and currencies are judged on the whole file, when it is imported.
    outcomes.push(...orders.end({ check: false }));
    result.previewOutcomes = outcomes;
  } else if (ownOrders) {
    // An ordinary file with a status or refund column: its first orders as they will be read.
    const validatorOptions = { header: result.header, formats: result.formats, delimiter: result.delimiter, encoding: encoding.encoding };
    const orders = createStatusOrderReader({ ...validatorOptions, mapping: result.mapping as ColumnMapping<TransactionField>, countStatuses: choices.countStatuses });
    const outcomes = result.preview.flatMap((record) => orders.push(record));
    // Unknown statuses are judged on the whole file, when it is imported.
    outcomes.push(...orders.end({ check: false }));
    result.previewOutcomes = outcomes;
  } else if (!mappingBroken) {
    const validatorOptions = { header: result.header, formats: result.formats, delimiter: result.delimiter, encoding: encoding.encoding };
    const validate =
      result.kind === "transactions"
        ? createTransactionValidator({ ...validatorOptions, mapping: result.mapping })
        : createCustomerValidator({ ...validatorOptions, mapping: result.mapping, ...(customerReading ? { platform: customerReading.platform } : {}) });
    result.previewOutcomes = result.preview.map((record) => validate(record));
  }
  return result;
}

/**
 * The distinct values of a status column in some rows, most rows first, each with what it means. Values
 * that differ only in case or spacing are one (the first spelling is shown).
 *
 * @example statusValuesOf(rows, 6, createStatusJudge(OWN_FILE_STATUS_RULES))
 * // [{ status: "Betaald", rows: 9, counts: true, known: true }, { status: "Geannuleerd", rows: 1, counts: false, known: true }, ...]
 */
export function statusValuesOf(rows: readonly CsvRecord[], column: number, judge: StatusJudge, options: { skipEmpty?: boolean } = {}): StatusValue[] {
  const values = new Map<string, StatusValue>();
  for (const record of rows) {
    const status = cellText(record, column);
    if (status === "" && options.skipEmpty) continue;
    const key = normaliseStatus(status);
    const value = values.get(key);
    if (value) value.rows += 1;
    else {
      const verdict = judge.verdict(status);
      values.set(key, { status, rows: 1, counts: verdict === "purchase", known: verdict !== "unknown" });
    }
  }
  return [...values.values()].sort((a, b) => b.rows - a.rows || a.status.localeCompare(b.status));
}
