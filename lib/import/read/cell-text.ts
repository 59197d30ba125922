/**
 * What a cell may hold, checked on every row of the file (not only on the first 64 KB the import page
 * sniffs). Two kinds of text:
 *
 * - identifiers (customer and order numbers, e-mail addresses, names) are matched, searched and shown
 *   in lists: at most {@link MAX_IDENTIFIER_CHARACTERS} characters, and no control characters (tab and
 *   line breaks included) or invisible bidirectional controls, which make two numbers look alike or
 *   turn the text around on screen (`ORD-\u202E4321` shows as "ORD-1234");
 * - free text (channel, category, soft data) keeps any ordinary Unicode, tabs and line breaks, up to
 *   {@link MAX_CELL_CHARACTERS} characters, but no other control characters and no bidirectional
 *   overrides or isolates.
 *
 * Either kind refuses U+FFFD, which is what bytes that are not valid in the file's encoding become.
 */
import type { CsvRecord } from "./csv-parser";
import { MAX_RECORD_CHARACTERS } from "./csv-parser";
import type { RowError } from "./problems";

/** The longest cell, in characters. */
export const MAX_CELL_CHARACTERS = 10_000;
/** The longest customer number, order number, e-mail address or name, in characters. */
export const MAX_IDENTIFIER_CHARACTERS = 200;
/** How much of a long value a row error repeats. */
const SHOWN_CHARACTERS = 200;

/**
 * Characters free text may not hold: C0 controls but tab, LF and CR; DEL and C1 controls;
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069); U+FFFD.
 * A chunk without any of them needs no per-cell look (one scan per chunk instead of one per cell).
 */
export const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD]/;

/** How a character is named in a message: `U+202E`. */
function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c;
}

const FIX = "remove it in the source system or in the file, and import again";

/** Why one character may not be in a cell, or `null` when it may. */
function characterReason(label: string, code: number, encodingLabel: string): string {
  if (code === 0xfffd) {
    return `${label} has bytes that are not valid ${encodingLabel} (shown as '\uFFFD'): choose the file's encoding (a file from an older Excel is usually Windows-1252) and import again`;
  }
  if (isBidiControl(code)) {
    return `${label} contains an invisible right-to-left control character (${codePoint(code)}), which changes how the text is shown: ${FIX}`;
  }
  return `${label} contains a control character (${codePoint(code)}), which cannot be seen and makes values that differ look alike: ${FIX}`;
}

function shown(value: string): string {
  return value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value;
}

function tooLong(label: string, length: number, limit: number, advice: string): string {
  return `${label} is ${length.toLocaleString("en")} characters long: the longest Klantwaarde accepts is ${limit.toLocaleString("en")}; ${advice}`;
}

/** Where an identifier sits, for its error message: fixed per column, made once per file. */
export interface IdentifierColumn {
  /** The column's name in the header. */
  column: string;
  /** The field in words: "customer number". */
  label: string;
  encodingLabel: string;
  /** Default {@link MAX_IDENTIFIER_CHARACTERS}. */
  maxLength?: number;
}

/**
 * Checks an identifier (trimmed cell text). Runs on every row, so it is a plain loop over the
 * characters with printable ASCII first, and allocates nothing unless the value is refused.
 *
 * @example
 * identifierError("K1\u0001", 3, { column: "klant", label: "customer number", encodingLabel: "UTF-8" })?.reason
 * // "customer number contains a control character (U+0001), which cannot be seen and makes values that differ look alike: remove it in the source system or in the file, and import again"
 */
export function identifierError(value: string, line: number, where: IdentifierColumn): RowError | null {
  const limit = where.maxLength ?? MAX_IDENTIFIER_CHARACTERS;
  if (value.length > limit) {
    return { line, column: where.column, value: shown(value), reason: tooLong(where.label, value.length, limit, `check that the column holds ${where.label}s`) };
  }
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || isBidiControl(code) || code === 0xfffd) {
      return { line, column: where.column, value, reason: characterReason(where.label, code, where.encodingLabel) };
    }
  }
  return null;
}

/**
 * Checks every cell of a row as free text: its length always, its characters when `checkCharacters`
 * (the row reader passes `false` for rows of a chunk that holds no forbidden character at all).
 * `labels[column]` names a mapped field in the message (the header name otherwise); `null` skips a
 * column that is checked as an identifier. Returns the first error.
 */
export function freeTextError(
  record: CsvRecord,
  columns: { header: string[]; labels: (string | null | undefined)[]; encodingLabel: string },
  checkCharacters: boolean,
): RowError | null {
  const cells = record.cells;
  for (let column = 0; column < cells.length; column++) {
    const cell = cells[column]!;
    if (cell.length <= MAX_CELL_CHARACTERS && !(checkCharacters && FORBIDDEN_IN_TEXT.test(cell))) continue;
    const given = columns.labels[column];
    if (given === null) continue;
    const name = columns.header[column]?.trim() || `column ${column + 1}`;
    const label = given ?? name;
    const value = cell.trim();
    if (value.length > MAX_CELL_CHARACTERS) {
      return { line: record.line, column: name, value: shown(value), reason: tooLong(label, value.length, MAX_CELL_CHARACTERS, "shorten it or leave the column out") };
    }
    const match = FORBIDDEN_IN_TEXT.exec(value);
    if (match) return { line: record.line, column: name, value: shown(value), reason: characterReason(label, match[0].charCodeAt(0), columns.encodingLabel) };
  }
  return null;
}

/**
 * The error of a row longer than the parser holds (`record.overLength` set): its cells are only its
 * start, so nothing else in it is checked.
 */
export function overLengthError(record: CsvRecord): RowError | null {
  if (record.overLength === undefined) return null;
  return {
    line: record.line,
    column: "(whole row)",
    value: shown(record.cells.join(" | ")),
    reason: `this row is ${record.overLength.toLocaleString("en")} characters long: the longest row Klantwaarde reads is ${MAX_RECORD_CHARACTERS.toLocaleString("en")} (about 1 MB); check the row for a value that holds a whole document, or for missing line breaks`,
  };
}
