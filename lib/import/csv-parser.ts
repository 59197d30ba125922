/**
 * A streaming CSV tokeniser: text chunks in, records out, with the line number where each record starts
 * as a text editor shows it. Follows RFC 4180 the way Excel writes it: quoted fields, `""` for a quote
 * inside quotes, delimiters and line breaks inside quotes, LF, CRLF and old-Mac CR line ends.
 * Lenient where Excel is: a quote in the middle of an unquoted field is kept as a character.
 *
 * Written by hand rather than wrapping csv-parse: on 1M Dutch rows in 64 KB chunks it reads about
 * 1.7M rows/s against csv-parse's 0.2M (`npx tsx lib/import/parse-speed.bench.ts`), runs unchanged in
 * the browser, and numbers lines as the user sees them.
 */
import { ImportFileError, type ImportProblem } from "./problems";

/** One row of the file as read: cells are untrimmed text. */
export interface CsvRecord {
  /** Line in the file where the record starts (line 1 is the first line of the file). */
  line: number;
  cells: string[];
}

export interface CsvParserOptions {
  /** One character: `;`, `,`, tab, `|`... */
  delimiter: string;
  /**
   * The longest record kept in memory while waiting for its end, in characters (default 1,000,000).
   * Longer means an unclosed quote swallowing the file: the parser stops with an `ImportFileError`.
   */
  maxRecordLength?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Counts line breaks (LF, CRLF or a lone CR) in `text` between `from` and `to`. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === LF) count++;
    else if (code === CR && text.charCodeAt(index + 1) !== LF) count++;
  }
  return count;
}

/**
 * Chunk-fed CSV parser. Call `push` with each decoded text chunk and `end` once; both return the
 * records completed so far. File-level problems (an unclosed quote) collect in `problems`.
 * Empty lines are skipped but counted, so line numbers stay right.
 *
 * @example
 * const parser = new CsvParser({ delimiter: ";" });
 * [...parser.push('klant;bedrag\r\n1;"12,50"\r\n2;'), ...parser.end()]
 * // [{ line: 1, cells: ["klant", "bedrag"] }, { line: 2, cells: ["1", "12,50"] }, { line: 3, cells: ["2", ""] }]
 */
export class CsvParser {
  readonly problems: ImportProblem[] = [];
  private readonly delimiter: number;
  private readonly maxRecordLength: number;
  private buffer = "";
  private line = 1;
  private ended = false;

  constructor(options: CsvParserOptions) {
    if (options.delimiter.length !== 1 || options.delimiter === '"' || options.delimiter === "\n" || options.delimiter === "\r") {
      throw new Error(`The delimiter must be one character other than a quote or line break, got ${JSON.stringify(options.delimiter)}.`);
    }
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxRecordLength = options.maxRecordLength ?? 1_000_000;
  }

  /** Parses the next chunk of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    if (this.ended) throw new Error("CsvParser.push() called after end().");
    this.buffer = this.buffer.length > 0 ? this.buffer + text : text;
    const records = this.parse(false);
    if (this.buffer.length > this.maxRecordLength) {
      throw new ImportFileError([
        {
          severity: "error",
          code: "field-too-long",
          line: this.line,
          message: `The row starting on line ${this.line} is longer than ${this.maxRecordLength.toLocaleString("en")} characters. Probably a quote (") on that line is never closed; fix it and try again.`,
        },
      ]);
    }
    return records;
  }

  /** Parses whatever is left at the end of the file. */
  end(): CsvRecord[] {
    if (this.ended) return [];
    this.ended = true;
    const records = this.parse(true);
    this.buffer = "";
    return records;
  }

  /** The line number at which the next record will start. */
  get currentLine(): number {
    return this.line;
  }

  private parse(final: boolean): CsvRecord[] {
    const text = this.buffer;
    const length = text.length;
    const delimiter = this.delimiter;
    const records: CsvRecord[] = [];
    let pos = 0;
    let line = this.line;

    records: while (pos < length) {
      const recordStart = pos;
      const recordLine = line;
      const cells: string[] = [];
      let lineBreaks = 0;
      for (;;) {
        if (pos >= length) {
          // A delimiter was the last character seen: one more (empty) field, if the file really ends here.
          if (!final) return this.keep(records, recordStart, recordLine);
          cells.push("");
          records.push({ line: recordLine, cells });
          line = recordLine + lineBreaks;
          pos = length;
          break records;
        }
        let code = text.charCodeAt(pos);
        if (code === QUOTE) {
          const fieldStart = pos;
          pos++;
          let value = "";
          let segmentStart = pos;
          for (;;) {
            const quote = text.indexOf('"', pos);
            if (quote < 0) {
              if (!final) return this.keep(records, recordStart, recordLine);
              this.problems.push({
                severity: "error",
                code: "unterminated-quote",
                line: recordLine + lineBreaks,
                message: `A quote (") opened on line ${recordLine + lineBreaks} is never closed, so everything after it was read as one value. Check that line for a stray quote.`,
              });
              value += text.slice(segmentStart);
              pos = length;
              break;
            }
            if (quote + 1 >= length && !final) return this.keep(records, recordStart, recordLine);
            if (text.charCodeAt(quote + 1) === QUOTE) {
              value += text.slice(segmentStart, quote + 1);
              pos = quote + 2;
              segmentStart = pos;
              continue;
            }
            value += text.slice(segmentStart, quote);
            pos = quote + 1;
            break;
          }
          lineBreaks += countLineBreaks(text, fieldStart, pos);
          // Text after the closing quote (`"abc"def`) is kept, as Excel does.
          const extraStart = pos;
          while (pos < length) {
            code = text.charCodeAt(pos);
            if (code === delimiter || code === LF || code === CR) break;
            pos++;
          }
          if (pos >= length && !final) return this.keep(records, recordStart, recordLine);
          cells.push(pos > extraStart ? value + text.slice(extraStart, pos) : value);
        } else {
          const fieldStart = pos;
          while (pos < length) {
            code = text.charCodeAt(pos);
            if (code === delimiter || code === LF || code === CR) break;
            pos++;
          }
          if (pos >= length && !final) return this.keep(records, recordStart, recordLine);
          cells.push(text.slice(fieldStart, pos));
        }
        if (pos >= length) {
          if (!isEmptyRecord(cells)) records.push({ line: recordLine, cells });
          line = recordLine + lineBreaks;
          break records;
        }
        code = text.charCodeAt(pos);
        if (code === delimiter) {
          pos++;
          continue;
        }
        if (code === CR) {
          if (pos + 1 >= length && !final) return this.keep(records, recordStart, recordLine);
          pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else {
          pos++;
        }
        if (!isEmptyRecord(cells)) records.push({ line: recordLine, cells });
        line = recordLine + lineBreaks + 1;
        break;
      }
    }
    this.buffer = "";
    this.line = line;
    return records;
  }

  /** Keeps the unfinished record for the next chunk. */
  private keep(records: CsvRecord[], recordStart: number, recordLine: number): CsvRecord[] {
    this.buffer = this.buffer.slice(recordStart);
    this.line = recordLine;
    return records;
  }
}

function isEmptyRecord(cells: string[]): boolean {
  return cells.length === 1 && cells[0] === "";
}

/**
 * Parses a whole text at once (a preview sample or a test fixture).
 * With `complete: false` the last, possibly cut-off record is left out (for the first 64 KB of a file).
 */
export function parseCsvText(
  text: string,
  options: CsvParserOptions & { complete?: boolean },
): { records: CsvRecord[]; problems: ImportProblem[] } {
  const parser = new CsvParser({ ...options, maxRecordLength: Number.MAX_SAFE_INTEGER });
  const records = parser.push(text);
  if (options.complete ?? true) records.push(...parser.end());
  return { records, problems: parser.problems };
}
