/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"): one line
 * per row, values separated by a tab, `\N` for null, and backslash, tab, newline and carriage return written as
 * `\\`, `\t`, `\n` and `\r` inside values. What the import streams into its staging table.
 */

/** A value of a COPY row: text, a whole number, a flag, or null. */
export type CopyValue = string | number | boolean | null;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/**
 * A text value as COPY text (without the separator): most values need no escape, and testing for one costs less
 * than a replace that finds none. Null is `\N`.
 * @example copyText("a\tb") // "a\\tb"
 */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]!) : value;
}

/**
 * One row of COPY text, with its line end.
 * @example copyTextLine(["K1", 1250, null, true, "a\tb"]) // "K1\t1250\t\\N\tt\ta\\tb\n"
 */
export function copyTextLine(values: readonly CopyValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) line += "\t";
    if (value === null || value === undefined) line += "\\N";
    else if (typeof value === "boolean") line += value ? "t" : "f";
    else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be copied as a number`);
      line += String(value);
    } else line += copyText(value);
  }
  return `${line}\n`;
}

/** Gathers text into UTF-8 buffers of about `bytes` each, to send to COPY (see `utf8Packer`). */
export interface Utf8Packer {
  /** Adds `text`; returns the buffer filled so far when `text` did not fit in it (send that one first), else null. */
  add(text: string): Buffer | null;
  /** The buffer filled so far, or null when nothing is left to send. */
  rest(): Buffer | null;
}

/**
 * Writes texts one after the other into UTF-8 buffers of `bytes` (a text longer than that gets a buffer of its own
 * size): about half the time of joining them into one string and encoding it, as a million-row COPY did. A text is
 * never split between buffers, and a buffer handed out is never written again.
 * @example
 * const packer = utf8Packer(8);
 * packer.add("abc\n"); // null
 * packer.add("déf\n"); // <Buffer 61 62 63 0a>: "déf\n" might need 12 bytes, so "abc\n" goes first
 * packer.rest(); // <Buffer 64 c3 a9 66 0a>
 */
export function utf8Packer(bytes = 1 << 20): Utf8Packer {
  let buffer = Buffer.allocUnsafe(bytes);
  let used = 0;
  const take = () => {
    const full = buffer.subarray(0, used);
    used = 0;
    return full;
  };
  return {
    add(text) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8 (a pair of them, 4).
      let full: Buffer | null = null;
      if (used + text.length * 3 > buffer.length) {
        if (used > 0) full = take();
        buffer = Buffer.allocUnsafe(Math.max(bytes, text.length * 3));
      }
      used += buffer.write(text, used);
      return full;
    },
    rest: () => (used > 0 ? take() : null),
  };
}

/** Columns of whole numbers read from COPY text (`null` for `\N`), one array per column. */
export interface WholeNumberCopyReader {
  /** Reads the next piece of the stream; a row or a number may continue in the next piece. */
  push(chunk: Uint8Array): void;
  /** The columns read; throws when the stream stopped inside a row. */
  end(): (number | null)[][];
}

const TAB = 9;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;
const BACKSLASH = 92;
const CAPITAL_N = 78;

/**
 * A reader of `COPY (…) TO STDOUT` text whose every value is a whole number or null: the recompute's purchases
 * on PostgreSQL, read with 0.6 times the CPU of the driver's rows (no per-row objects, no text per value). Numbers
 * are exact up to 2^53; anything else (a decimal point, text, a wrong column count) is refused with the row named.
 *
 * @example
 * const reader = wholeNumberCopyReader(2);
 * reader.push(Buffer.from("12\t-3\n4\t\\N\n"));
 * reader.end() // [[12, 4], [-3, null]]
 */
export function wholeNumberCopyReader(columnCount: number): WholeNumberCopyReader {
  const columns: (number | null)[][] = Array.from({ length: columnCount }, () => []);
  let column = 0;
  let value = 0;
  let negative = false;
  let digits = 0;
  /** 0: in a number; 1: after a backslash; 2: after `\N`. */
  let escape = 0;
  let row = 1;
  const refuse = (what: string) => {
    throw new Error(`COPY row ${row}, column ${column + 1}: ${what} (whole numbers or \\N expected)`);
  };
  const endValue = () => {
    if (column >= columnCount) refuse(`more than ${columnCount} values`);
    if (escape === 2) columns[column]!.push(null);
    else if (escape === 1 || digits === 0) refuse("no number");
    else if (value > Number.MAX_SAFE_INTEGER) refuse("a number beyond 2^53");
    else columns[column]!.push(negative ? -value : value);
    value = 0;
    negative = false;
    digits = 0;
    escape = 0;
  };
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]!;
        const digit = byte - ZERO;
        if (digit >= 0 && digit <= 9 && escape === 0) {
          value = value * 10 + digit;
          digits++;
        } else if (byte === TAB) {
          endValue();
          column++;
        } else if (byte === NEWLINE) {
          endValue();
          if (column !== columnCount - 1) refuse(`${column + 1} of ${columnCount} values`);
          column = 0;
          row++;
        } else if (byte === MINUS && digits === 0 && !negative && escape === 0) negative = true;
        else if (byte === BACKSLASH && digits === 0 && !negative && escape === 0) escape = 1;
        else if (byte === CAPITAL_N && escape === 1) escape = 2;
        else refuse(`the character ${JSON.stringify(String.fromCharCode(byte))}`);
      }
    },
    end() {
      if (column !== 0 || digits > 0 || negative || escape !== 0) refuse("the data ended inside a row");
      return columns;
    },
  };
}
