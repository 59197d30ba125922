/**
 * The CSV parser without a string per cell, for readers that want a few cells of millions of rows (the
 * `clv` engine commands read 1.4M rows in well under a second with it). A record without a quote is split
 * in place and handed over as spans of the text; a record with a quote goes through {@link CsvParser}, so
 * quoted delimiters, `""`, line breaks inside quotes, a quote that is never closed and records over the
 * bound follow the import's rules exactly. Line ends LF, CRLF and CR; blank lines are skipped but counted.
 * Records and line numbers are those of `CsvParser` for any text cut into any chunks (csv-spans.test.ts).
 */
import { CsvParser, type CsvParserOptions, type CsvRecord, MAX_RECORD_CHARACTERS } from "./csv-parser";
import type { ImportProblem } from "./problems";

/**
 * One record: field `i` (of `count`) is `text.slice(starts[i], ends[i])`. The object and its arrays are
 * reused for the next record, so read what you need inside the callback.
 */
export interface CsvSpans {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Line in the file where the record starts (line 1 is the first line of the file). */
  line: number;
  /** As {@link CsvRecord.overLength}: set only on a record over the bound, whose fields hold its start. */
  overLength?: number;
}

export interface CsvSpanReaderOptions extends CsvParserOptions {
  onRecord: (record: CsvSpans) => void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Chunk-fed, like `CsvParser`: call `push` with each decoded text chunk and `end` once; records arrive
 * through `onRecord`. A quote still open after `maxRecordLength` characters throws `ImportFileError` (as
 * `CsvParser`); a quote never closed at the end of the file is in `problems`.
 *
 * @example
 * const cells: string[][] = [];
 * const reader = new CsvSpanReader({ delimiter: ",", onRecord: (r) => cells.push(Array.from({ length: r.count }, (_, i) => r.text.slice(r.starts[i], r.ends[i]))) });
 * reader.push('id,note\r\n1,"two\nlines"\n2,x');
 * reader.end();
 * // cells: [["id", "note"], ["1", "two\nlines"], ["2", "x"]]
 */
export class CsvSpanReader {
  private readonly slow: CsvParser;
  private readonly delimiter: number;
  private readonly maxRecordLength: number;
  private readonly onRecord: (record: CsvSpans) => void;
  private readonly record: CsvSpans = { text: "", starts: new Int32Array(16), ends: new Int32Array(16), count: 0, line: 1 };
  /** The start of a line not ended yet, read again with the next chunk. */
  private carry = "";
  private line = 1;
  /** True while `slow` holds part of a record: text goes to it until it is between records again. */
  private inSlow = false;
  private ended = false;

  constructor(options: CsvSpanReaderOptions) {
    this.slow = new CsvParser(options);
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxRecordLength = options.maxRecordLength ?? MAX_RECORD_CHARACTERS;
    this.onRecord = options.onRecord;
  }

  /** File-level problems (a quote that is never closed), complete after `end`. */
  get problems(): ImportProblem[] {
    return this.slow.problems;
  }

  push(text: string): void {
    if (this.ended) throw new Error("CsvSpanReader.push() called after end().");
    const carried = this.carry;
    if (carried.length === 0) {
      this.read(text, 0, false);
      return;
    }
    // The carried start of a line is read with the rest of that line only, so that the chunk itself is
    // scanned as the flat string the decoder made (a joined string is slower to read character by character).
    this.carry = "";
    const lineFeed = text.indexOf("\n");
    if (lineFeed < 0) {
      this.read(carried + text, 0, false);
      return;
    }
    this.read(carried + text.slice(0, lineFeed + 1), 0, false);
    this.read(text, lineFeed + 1, false);
  }

  end(): void {
    if (this.ended) return;
    const carried = this.carry;
    this.carry = "";
    this.read(carried, 0, true);
    this.ended = true;
    this.emitSlow(this.slow.end());
  }

  private read(text: string, from: number, final: boolean): void {
    const length = text.length;
    const delimiter = this.delimiter;
    const highestSpecial = Math.max(delimiter, QUOTE, LF, CR);
    const record = this.record;
    let pos = from;
    while (pos < length) {
      if (this.inSlow) {
        pos = this.feedSlow(text, pos);
        continue;
      }
      // One record from `pos`, split in place while it has no quote.
      const recordStart = pos;
      let fieldStart = pos;
      let count = 0;
      let code = 0;
      let starts = record.starts;
      let ends = record.ends;
      for (; pos < length; pos++) {
        code = text.charCodeAt(pos);
        if (code > highestSpecial) continue;
        if (code === delimiter) {
          if (count === starts.length) {
            this.growFields();
            starts = record.starts;
            ends = record.ends;
          }
          starts[count] = fieldStart;
          ends[count++] = pos;
          fieldStart = pos + 1;
        } else if (code === LF || code === CR || code === QUOTE) break;
      }
      const lineEnd = pos < length;
      if (lineEnd && code === QUOTE) {
        this.startSlow();
        pos = recordStart;
        continue;
      }
      // Not ended yet: read it again with the next chunk (a CR last may be the first half of CRLF).
      if (!final && (!lineEnd || (code === CR && pos + 1 >= length))) {
        if (length - recordStart > this.maxRecordLength) {
          // Over the bound before its end: `CsvParser` reads it without keeping it.
          this.startSlow();
          pos = recordStart;
          continue;
        }
        this.carry = text.slice(recordStart);
        return;
      }
      const next = !lineEnd ? length : code === CR && text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
      if (next - recordStart > this.maxRecordLength) {
        this.startSlow();
        pos = recordStart;
        continue;
      }
      if (pos > recordStart) {
        if (count === starts.length) this.growFields();
        record.starts[count] = fieldStart;
        record.ends[count++] = pos;
        record.text = text;
        record.count = count;
        record.line = this.line;
        record.overLength = undefined;
        this.onRecord(record);
      }
      this.line++;
      pos = next;
    }
  }

  /** From here on, text goes to `slow` until it is between records again. */
  private startSlow(): void {
    this.inSlow = true;
    this.slow.continueAt(this.line);
  }

  /**
   * Gives `slow` the text from `pos` up to a line break at least as far on as it holds already (so an
   * open quote costs linear time); returns where that piece ended. Back to splitting in place as soon as
   * `slow` is between records.
   */
  private feedSlow(text: string, pos: number): number {
    const lineFeed = text.indexOf("\n", pos + this.slow.pendingLength);
    const cut = lineFeed < 0 ? text.length : lineFeed + 1;
    this.emitSlow(this.slow.push(text.slice(pos, cut)));
    if (this.slow.betweenRecords) {
      this.inSlow = false;
      this.line = this.slow.currentLine;
    }
    return cut;
  }

  private emitSlow(records: CsvRecord[]): void {
    const record = this.record;
    for (const { cells, line, overLength } of records) {
      while (cells.length > record.starts.length) this.growFields();
      let offset = 0;
      for (let index = 0; index < cells.length; index++) {
        record.starts[index] = offset;
        offset += cells[index]!.length;
        record.ends[index] = offset;
      }
      record.text = cells.join("");
      record.count = cells.length;
      record.line = line;
      record.overLength = overLength;
      this.onRecord(record);
    }
  }

  private growFields(): void {
    const starts = new Int32Array(this.record.starts.length * 2);
    starts.set(this.record.starts);
    const ends = new Int32Array(this.record.ends.length * 2);
    ends.set(this.record.ends);
    this.record.starts = starts;
    this.record.ends = ends;
  }
}
