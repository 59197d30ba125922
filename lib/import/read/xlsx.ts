/**
 * Reads the first sheet of an Excel workbook (.xlsx) into CSV text, so that a workbook goes through
 * exactly the same sniffing, validation and import as a CSV export. Pure TypeScript on fflate (pure-JS
 * unzip): runs in the browser, where the import page converts a workbook before uploading it.
 *
 * What is taken from the workbook:
 * - cell values as Excel stores them, never formulas (a formula cell gives its last computed value, so
 *   nothing is ever evaluated; text such as `=HYPERLINK(…)` stays text);
 * - numbers in plain notation with a decimal point (`1234.5`, up to Excel's 15 significant digits, so
 *   `12.300000000000001` becomes `12.3`);
 * - cells with a date format as ISO dates (`2025-11-23`, with the time when there is one), taking the
 *   1904 date system of old Mac workbooks into account; a date stored as a plain number stays an Excel
 *   day number, which the `EXCEL_SERIAL` date format reads;
 * - the row numbers: line N of the CSV is row N of the sheet (empty rows become empty lines), so a
 *   rejected row's line number is the row number the user sees in Excel.
 */
import { excelSerialToIso } from "./date-format";
import { inflateEntry, listZipEntries, ZipLimitError, type UnpackBudget } from "./zip-entries";

/** Raised when the bytes are not a workbook that can be read; the message is for people. */
export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxError";
  }
}

/** The workbook unpacks to more than the bound ({@link unpackLimitBytes}): a zip bomb, or a sheet too large to read here. */
export class XlsxTooLargeError extends XlsxError {
  constructor(
    named: string,
    readonly limitBytes: number,
  ) {
    super(`${named} expands to more than ${formatUnpackedSize(limitBytes)} when unpacked, more than can be read here. Save the sheet as CSV (in Excel: Save As, 'CSV UTF-8') and import that.`);
    this.name = "XlsxTooLargeError";
  }
}

const MB = 1024 * 1024;
/** At most 1 GB is unpacked from a workbook whatever the import limit: one copy of the sheet's XML lives in memory. */
export const MAX_UNPACKED_BYTES = 1024 * MB;
/** The workbook's other parts (relationships, workbook.xml, styles) are small: 32 MB each at most. */
const MAX_PART_BYTES = 32 * MB;

/**
 * How much may be unpacked from a workbook when the CSV made of it may be `maxImportBytes`: eight times that
 * (a sheet's XML is 3-6 times its CSV: every cell carries its tags and reference), at most 1 GB.
 *
 * @example unpackLimitBytes(200 * 1024 * 1024) // 1073741824 (1 GB); unpackLimitBytes(1024 * 1024) → 8 MB
 */
export function unpackLimitBytes(maxImportBytes: number): number {
  return Math.min(8 * maxImportBytes, MAX_UNPACKED_BYTES);
}

function formatUnpackedSize(bytes: number): string {
  if (bytes >= 1024 * MB) return `${Number((bytes / (1024 * MB)).toFixed(1))} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface XlsxSheet {
  /** The sheet's name as on its tab. */
  sheetName: string;
  /** How many sheets the workbook has (only the first is read). */
  sheetCount: number;
  /** Size of the sheet's XML in bytes, for progress. */
  xmlBytes: number;
  /**
   * The sheet's rows as CSV text pieces, in order (joined they are the whole CSV file). `progress`
   * (0..1) is the share of the sheet read so far.
   */
  csvChunks(options?: { rowsPerChunk?: number }): Generator<{ text: string; progress: number }>;
}

/** ZIP files start with "PK\x03\x04" (or "PK\x05\x06" when empty). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

const NOT_A_WORKBOOK = "cannot be read as an Excel workbook (.xlsx). Open it in Excel and save it again as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'.";

/**
 * Opens a workbook and finds its first sheet (the first visible worksheet in tab order). Throws
 * {@link XlsxError} when the bytes are not a readable workbook.
 *
 * @example
 * const sheet = readFirstSheet(bytes);
 * const csv = [...sheet.csvChunks()].map((chunk) => chunk.text).join(""); // "klantnummer,datum,bedrag\r\nK1,2025-11-23,12.5\r\n"
 */
export function readFirstSheet(bytes: Uint8Array, fileName = "", options: { maxUnpackedBytes?: number } = {}): XlsxSheet {
  const named = fileName ? `'${fileName}'` : "The file";
  if (!looksLikeZip(bytes)) throw new XlsxError(`${named} ${NOT_A_WORKBOOK}`);
  const budget: UnpackBudget = { limitBytes: options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES, usedBytes: 0 };
  let entries: ReturnType<typeof listZipEntries>;
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    throw new XlsxError(`${named} ${NOT_A_WORKBOOK} (${(error as Error).message})`);
  }
  /** The named parts that exist, unpacked within the budget (the sheet and its strings may use all of it). */
  const unzip = (names: string[], large = false): Record<string, Uint8Array> => {
    const files: Record<string, Uint8Array> = {};
    for (const name of names) {
      const entry = entries.get(name);
      if (!entry || name in files) continue;
      try {
        files[name] = inflateEntry(bytes, entry, budget, large ? undefined : MAX_PART_BYTES);
      } catch (error) {
        // The bound that was hit: the whole workbook's, or (for a small part) the part's own.
        if (error instanceof ZipLimitError) throw new XlsxTooLargeError(named, large || error.limitBytes < MAX_PART_BYTES ? budget.limitBytes : MAX_PART_BYTES);
        throw new XlsxError(`${named} ${NOT_A_WORKBOOK} (${(error as Error).message})`);
      }
    }
    return files;
  };
  const decode = (files: Record<string, Uint8Array>, name: string) => (files[name] ? new TextDecoder().decode(files[name]) : null);

  const rootRels = parseRelationships(decode(unzip(["_rels/.rels"]), "_rels/.rels") ?? "", "");
  const workbookPath = rootRels.find((rel) => rel.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const workbookRelsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`;
  const workbookFiles = unzip([workbookPath, workbookRelsPath]);
  const workbookXml = decode(workbookFiles, workbookPath);
  if (workbookXml === null) throw new XlsxError(`${named} ${NOT_A_WORKBOOK} (there is no workbook inside)`);
  const rels = parseRelationships(decode(workbookFiles, workbookRelsPath) ?? "", folder);
  const sheets = [...workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)].map((match) => attributes(match[1]!));
  const worksheets = sheets.filter((sheet) => rels.find((rel) => rel.id === relationshipId(sheet))?.type.endsWith("/worksheet"));
  const first = worksheets.find((sheet) => sheet.state !== "hidden" && sheet.state !== "veryHidden") ?? worksheets[0];
  if (!first) throw new XlsxError(`${named} has no worksheet. Put the data on the first sheet and save the workbook again.`);
  const sheetPath = rels.find((rel) => rel.id === relationshipId(first))!.target;

  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const sharedStringsPath = rels.find((rel) => rel.type.endsWith("/sharedStrings"))?.target ?? `${folder}sharedStrings.xml`;
  const stylesPath = rels.find((rel) => rel.type.endsWith("/styles"))?.target ?? `${folder}styles.xml`;
  const files = { ...unzip([stylesPath]), ...unzip([sharedStringsPath, sheetPath], true) };
  const sharedStrings = parseSharedStrings(decode(files, sharedStringsPath) ?? "");
  const dateStyles = parseDateStyles(decode(files, stylesPath) ?? "");
  const sheetXml = files[sheetPath];
  if (!sheetXml) throw new XlsxError(`${named} ${NOT_A_WORKBOOK} (the sheet '${decodeXml(first.name ?? "1")}' is missing)`);

  return {
    sheetName: decodeXml(first.name ?? "Sheet1"),
    sheetCount: worksheets.length,
    xmlBytes: sheetXml.length,
    csvChunks: (options) => sheetCsvChunks(sheetXml, { sharedStrings, dateStyles, date1904, dates: new Map() }, options?.rowsPerChunk ?? 2000),
  };
}

/** The whole first sheet as CSV text (for small workbooks and tests). */
export function xlsxToCsv(bytes: Uint8Array, fileName = "", options: { maxUnpackedBytes?: number } = {}): { sheetName: string; csv: string } {
  const sheet = readFirstSheet(bytes, fileName, options);
  let csv = "";
  for (const chunk of sheet.csvChunks()) csv += chunk.text;
  return { sheetName: sheet.sheetName, csv };
}

interface Relationship {
  id: string;
  type: string;
  /** Path inside the ZIP. */
  target: string;
}

function parseRelationships(xml: string, folder: string): Relationship[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)\/?>/g)].map((match) => {
    const attrs = attributes(match[1]!);
    const target = decodeXml(attrs.Target ?? "");
    return { id: attrs.Id ?? "", type: attrs.Type ?? "", target: target.startsWith("/") ? target.slice(1) : normalisePath(folder + target) };
  });
}

function relationshipId(sheet: Record<string, string>): string | undefined {
  return Object.entries(sheet).find(([name]) => name === "r:id" || name.endsWith(":id"))?.[1];
}

/** Resolves `xl/../xl/worksheets/./sheet1.xml` to `xl/worksheets/sheet1.xml`. */
function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) result[match[1]!] = match[2] ?? match[3] ?? "";
  return result;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes XML entities and Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return). */
export function decodeXml(text: string): string {
  let result = text;
  if (result.includes("&")) {
    result = result.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
      if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name] ?? whole;
    });
  }
  if (result.includes("_x")) result = result.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return result;
}

/** The text of a string item (`<si>` or `<is>`): every `<t>` run, without phonetic guides (`<rPh>`). */
function stringItemText(xml: string): string {
  const withoutPhonetics = xml.includes("rPh") ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "") : xml;
  let text = "";
  for (const match of withoutPhonetics.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) text += match[1]!;
  return decodeXml(text);
}

export function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)].map((match) => stringItemText(match[1] ?? ""));
}

/** Excel's built-in number formats that show a date (ids 14-22 and the East Asian date formats). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format code shows a date: it has days or years outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "").replace(/_./g, "");
  return /[dy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (index into `cellXfs`) show a date. */
export function parseDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g)) {
    const attrs = attributes(match[1]!);
    custom.set(Number(attrs.numFmtId), decodeXml(attrs.formatCode ?? ""));
  }
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  const dates = new Set<number>();
  [...cellXfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*?)\/?>/g)].forEach((match, index) => {
    const id = Number(attributes(match[1]!).numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

interface CellContext {
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  /** Dates repeat a lot in a sheet: each day number is converted once. */
  dates: Map<string, string | null>;
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function significantDigits(plain: string): number {
  let digits = 0;
  let leading = true;
  for (let index = 0; index < plain.length; index++) {
    const code = plain.charCodeAt(index);
    if (code < 48 || code > 57 || (leading && code === 48)) continue;
    leading = false;
    digits++;
  }
  return digits;
}

/**
 * A number as Excel shows it in a cell with the General format: at most 15 significant digits, plain
 * notation, decimal point. `formatExcelNumber("12.300000000000001")` gives `"12.3"`.
 */
export function formatExcelNumber(value: string): string {
  // Already plain with at most 15 significant digits (nearly every cell): as written.
  if (PLAIN_NUMBER.test(value) && significantDigits(value) <= 15) return value;
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  const rounded = Number(number.toPrecision(15));
  const plain = String(rounded);
  if (!/e/i.test(plain)) return plain;
  if (Math.abs(rounded) >= 1e21) return plain;
  return rounded.toFixed(20).replace(/\.?0+$/, "");
}

/** An Excel date number as ISO date, with `HH:MM:SS` when it has a time of day. */
export function excelDateText(serial: number, date1904: boolean): string | null {
  const days = date1904 ? serial + 1462 : serial;
  const date = excelSerialToIso(days);
  if (!date) return null;
  const seconds = Math.round((days - Math.floor(days)) * 86_400);
  if (seconds === 0 || seconds === 86_400) return date;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function cellValue(attrs: Record<string, string | undefined>, inner: string, context: CellContext): string {
  const type = attrs.t ?? "n";
  if (type === "inlineStr") {
    const item = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/.exec(inner);
    return item ? stringItemText(item[1]!) : "";
  }
  const raw = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(inner)?.[1];
  if (raw === undefined) return "";
  if (type === "s") return context.sharedStrings[Number(raw)] ?? "";
  if (type === "b") return raw.trim() === "1" ? "TRUE" : "FALSE";
  if (type !== "n") return decodeXml(raw); // str (formula text), e (#N/A), d (ISO date)
  const value = raw.trim();
  if (attrs.s !== undefined && context.dateStyles.has(Number(attrs.s))) {
    let date = context.dates.get(value);
    if (date === undefined) {
      date = excelDateText(Number(value), context.date1904);
      context.dates.set(value, date);
    }
    if (date) return date;
  }
  return formatExcelNumber(value);
}

/** `"AB12"` → 27 (0-based column index), or `null` without a reference. */
export function columnIndex(reference: string | undefined): number | null {
  if (!reference) return null;
  let column = 0;
  let index = 0;
  for (; index < reference.length; index++) {
    const code = reference.charCodeAt(index) & ~32; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return index === 0 ? null : column - 1;
}

/** Quotes a cell for CSV when needed (RFC 4180); no formula escaping: this CSV only goes to the importer. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

const ROW = /<(?:[\w.-]+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?row>)/g;
const CELL = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;

/** The value of attribute `name` (` r="A1"`) in a start tag's text, without building a map (cells are many). */
function attribute(text: string, name: string): string | undefined {
  const at = text.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  return text.slice(start, text.indexOf('"', start));
}

/** Cells of one `<row>`, placed by their references; trailing empty cells are dropped. */
function rowCells(inner: string, context: CellContext): string[] {
  const cells: string[] = [];
  for (const match of inner.matchAll(CELL)) {
    const text = match[1]!;
    const attrs = text.includes("'") ? attributes(text) : { r: attribute(text, "r"), t: attribute(text, "t"), s: attribute(text, "s") };
    const column = columnIndex(attrs.r) ?? cells.length;
    while (cells.length < column) cells.push("");
    cells[column] = match[2] === undefined ? "" : cellValue(attrs, match[2], context);
  }
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

function* sheetCsvChunks(xml: Uint8Array, context: CellContext, rowsPerChunk: number): Generator<{ text: string; progress: number }> {
  const decoder = new TextDecoder();
  const sliceBytes = 1 << 20;
  let buffer = "";
  let lastRow = 0;
  let pending = "";
  let pendingRows = 0;
  for (let offset = 0; offset < xml.length || buffer !== ""; offset += sliceBytes) {
    const final = offset + sliceBytes >= xml.length;
    if (offset < xml.length) buffer += decoder.decode(xml.subarray(offset, offset + sliceBytes), { stream: !final });
    ROW.lastIndex = 0;
    let consumed = 0;
    for (let match = ROW.exec(buffer); match; match = ROW.exec(buffer)) {
      consumed = ROW.lastIndex;
      if (match[2] === undefined) continue; // <row r="5"/>: an empty row
      const stated = Number(attributes(match[1]!).r);
      const number = stated > lastRow ? stated : lastRow + 1;
      const cells = rowCells(match[2], context);
      // Empty lines for skipped rows keep line N of the CSV on row N of the sheet.
      pending += "\r\n".repeat(number - lastRow - 1) + cells.map(csvCell).join(",") + "\r\n";
      lastRow = number;
      if (++pendingRows >= rowsPerChunk) {
        yield { text: pending, progress: Math.min(1, (offset + sliceBytes) / xml.length) };
        pending = "";
        pendingRows = 0;
      }
    }
    buffer = final ? "" : buffer.slice(consumed);
  }
  if (pending !== "") yield { text: pending, progress: 1 };
}
