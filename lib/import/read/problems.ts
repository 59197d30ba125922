/**
 * What can be wrong with an uploaded file, in words a marketing manager understands.
 *
 * Two levels:
 * - an {@link ImportProblem} is about the file as a whole (empty, binary, wrong delimiter, missing
 *   column); `error` problems stop the import, `warning` problems are shown but do not;
 * - a {@link RowError} is about one cell of one row; the row is rejected (or skipped with
 *   `--skip-invalid`) and can be downloaded with its reason.
 */

/** A machine-readable name for each kind of file-level problem, so the UI can react to it. */
export type ProblemCode =
  | "empty-file"
  | "header-only"
  | "binary-file"
  | "excel-workbook"
  | "one-column"
  | "inconsistent-columns"
  | "unterminated-quote"
  | "line-too-long"
  | "duplicate-header"
  | "unnamed-column"
  | "missing-column"
  | "ambiguous-date-format"
  | "unknown-date-format"
  | "ambiguous-decimal"
  | "invalid-bytes"
  | "not-utf-8"
  | "platform-columns-missing"
  | "unknown-status"
  | "currency";

/** A problem with the file as a whole. */
export interface ImportProblem {
  severity: "error" | "warning";
  code: ProblemCode;
  /** A full sentence that says what is wrong and what to do about it. */
  message: string;
  /** The line in the file (1 = first line) where the problem shows, when there is one. */
  line?: number;
}

/** Why one cell of one row was rejected. */
export interface RowError {
  /** The line in the file where the row starts, as a text editor numbers it (header = line 1). */
  line: number;
  /** The column name as written in the file's header (or the field's name when the column is missing). */
  column: string;
  /** The cell as read from the file. */
  value: string;
  /** What is wrong and how to fix it, e.g. "amount '12,3,4' is not a number: use 1234,56 or 1234.56". */
  reason: string;
}

/**
 * Raised when a file cannot be imported at all (no header, missing required columns, binary file...).
 * `problems` holds every error found, so the user can fix them in one go.
 */
export class ImportFileError extends Error {
  readonly problems: ImportProblem[];

  constructor(problems: ImportProblem[]) {
    super(problems.map((problem) => problem.message).join("\n"));
    this.name = "ImportFileError";
    this.problems = problems;
  }
}

/** Outcome of parsing one value: the value, or the reason it is not acceptable. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
