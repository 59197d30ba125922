/**
 * Finds which character separates the columns (`;` in a Dutch Excel, `,` elsewhere, tab, `|`) by
 * reading the first lines quote-aware and picking the one that splits the header and the rows into the
 * same number of columns. Also recognises the "everything in one column" mistake.
 */
import { parseCsvText, type CsvRecord } from "./csv-parser";
import type { ImportProblem } from "./problems";

/** The delimiters offered in the UI and detected automatically. */
export const DELIMITERS = [";", ",", "\t", "|"] as const;

/** Characters that are not offered but are recognised when a file comes out as one column. */
const UNUSUAL_DELIMITERS = [":", "^", "~", "#", "!", "/", " "];

const SAMPLE_RECORDS = 50;

/** How one candidate delimiter splits the first lines. */
export interface DelimiterCandidate {
  delimiter: string;
  /** Columns in the header line. */
  headerColumns: number;
  /** Share (0..1) of the first lines with as many columns as the header. */
  consistentShare: number;
}

export interface DetectedDelimiter {
  delimiter: string;
  /** Columns in the header with this delimiter (1 means: no delimiter found). */
  columnCount: number;
  /** Every candidate, best first, so the UI can show why. */
  candidates: DelimiterCandidate[];
}

/** The delimiter as a marketer reads it in a message: `';' (semicolon)`, `tab`. */
export function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ";":
      return "';' (semicolon)";
    case ",":
      return "',' (comma)";
    case "\t":
      return "tab";
    case "|":
      return "'|' (vertical bar)";
    case " ":
      return "space";
    default:
      return `'${delimiter}'`;
  }
}

/** Reads a user-supplied delimiter (`;`, `semicolon`, `tab`, `\t`, `comma`...) or returns `null`. */
export function parseDelimiterName(name: string): string | null {
  const key = name.toLowerCase();
  const named: Record<string, string> = { semicolon: ";", puntkomma: ";", comma: ",", komma: ",", tab: "\t", "\\t": "\t", pipe: "|", space: " " };
  if (named[key]) return named[key];
  return name.length === 1 && name !== '"' && name !== "\n" && name !== "\r" ? name : null;
}

function measure(text: string, delimiter: string, complete: boolean): DelimiterCandidate {
  const records = parseCsvText(text, { delimiter, complete }).records.slice(0, SAMPLE_RECORDS);
  const header = records[0];
  if (!header) return { delimiter, headerColumns: 0, consistentShare: 0 };
  // Same raw cell count as the header (Excel pads every row alike); short rows count too, as some
  // exporters drop empty cells at the end.
  const width = header.cells.length;
  const same = records.filter((record) => record.cells.length === width || (record.cells.length > 1 && record.cells.length < width)).length;
  return { delimiter, headerColumns: columnCount(header), consistentShare: same / records.length };
}

/** Columns in a record, not counting empty cells at the end (Excel pads rows with `;;;`). */
function columnCount(record: CsvRecord): number {
  let count = record.cells.length;
  while (count > 1 && record.cells[count - 1]!.trim() === "") count--;
  return count;
}

function rank(candidates: DelimiterCandidate[]): DelimiterCandidate[] {
  const score = (candidate: DelimiterCandidate) => (candidate.headerColumns > 1 ? candidate.consistentShare : 0);
  return [...candidates].sort((a, b) => score(b) - score(a) || b.headerColumns - a.headerColumns);
}

/**
 * Detects the delimiter from the start of a decoded file. `complete: false` when the text is only the
 * first part of a file (its last line may be cut off). Prefers the delimiter that gives every sampled
 * line the same number of columns as the header; ties go to more columns, then to the order `; , tab |`.
 *
 * @example detectDelimiter("klantnummer;datum;bedrag\n1;23-11-2025;1.234,56\n").delimiter // ";"
 */
export function detectDelimiter(text: string, options: { complete?: boolean } = {}): DetectedDelimiter {
  const sample = text.slice(0, 65_536);
  const complete = (options.complete ?? true) && sample.length === text.length;
  const candidates = rank(DELIMITERS.map((delimiter) => measure(sample, delimiter, complete)));
  const best = candidates[0]!;
  return { delimiter: best.delimiter, columnCount: Math.max(best.headerColumns, 1), candidates };
}

/**
 * When a file reads as one column with `usedDelimiter`, names the delimiter that would split it, or
 * `null` if no character does (then it is probably not a table at all).
 */
export function likelyDelimiter(text: string, usedDelimiter: string, options: { complete?: boolean } = {}): string | null {
  const sample = text.slice(0, 65_536);
  const complete = (options.complete ?? true) && sample.length === text.length;
  const others = [...DELIMITERS, ...UNUSUAL_DELIMITERS].filter((delimiter) => delimiter !== usedDelimiter);
  const best = rank(others.map((delimiter) => measure(sample, delimiter, complete)))[0];
  return best && best.headerColumns > 1 && best.consistentShare >= 0.8 ? best.delimiter : null;
}

/**
 * Checks the column structure of the first records: a header of one column (wrong delimiter, or not a
 * table) is an error naming the delimiter that would work; rows with more columns than the header are
 * a warning.
 */
export function checkColumnStructure(
  records: CsvRecord[],
  delimiter: string,
  text: string,
  options: { complete?: boolean } = {},
): ImportProblem[] {
  const sample = records.slice(0, SAMPLE_RECORDS);
  const header = sample[0];
  if (!header) return [];
  if (columnCount(header) <= 1) {
    const likely = likelyDelimiter(text, delimiter, options);
    const message = likely
      ? `The header line reads as one column with ${delimiterName(delimiter)} as the delimiter, so the columns are probably separated by ${delimiterName(likely)}. Choose ${delimiterName(likely)} as the delimiter.`
      : `The header line reads as one column with ${delimiterName(delimiter)} as the delimiter, and no other delimiter splits it either. Klantwaarde needs a table with at least a customer number, a date and an amount in separate columns.`;
    return [{ severity: "error", code: "one-column", message, line: header.line }];
  }
  const expected = columnCount(header);
  const different = sample.slice(1).filter((record) => columnCount(record) > expected);
  if (different.length > 0) {
    const first = different[0]!;
    return [
      {
        severity: "warning",
        code: "inconsistent-columns",
        line: first.line,
        message: `${different.length} of the first ${sample.length - 1} rows have more columns than the header (line ${first.line} has ${columnCount(first)}, the header has ${expected}). A value probably contains ${delimiterName(delimiter)} without quotes around it.`,
      },
    ];
  }
  return [];
}
