/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"): one line
 * per row, values separated by a tab, `\N` for null, and backslash, tab, newline and carriage return written as
 * `\\`, `\t`, `\n` and `\r` inside values. What the import streams into its staging table.
 */

/** A value of a COPY row: text, a whole number, a flag, or null. */
export type CopyValue = string | number | boolean | null;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

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
    } else line += value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]!);
  }
  return `${line}\n`;
}
