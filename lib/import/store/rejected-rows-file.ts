/**
 * Every rejected row of an import, streamed to a CSV file as it is found (the report keeps only the
 * first ones, see `REJECTED_ROWS_KEPT`): the original cells with the line and the reasons in front,
 * formula-looking text escaped for Excel (lib/import/read/csv-writer.ts), a UTF-8 byte-order mark. Memory
 * stays flat however many rows are rejected.
 *
 * The server writes the file beside the spooled upload while the import runs and then keeps it in the database for
 * REJECTED_ROWS_FILE_TTL_MS (rejected-rows-kept.ts), for `GET /api/imports/<id>/rejected-rows` on any app instance.
 * The command line writes it where `--rejected-out` says.
 */
import fs from "node:fs";
import path from "node:path";
import { formatCsvRow, REJECTED_ROW_COLUMNS, type CsvWriteOptions } from "@/lib/import/read/csv-writer";

/** How long the server keeps a rejected-rows file. */
export const REJECTED_ROWS_FILE_TTL_MS = 24 * 60 * 60 * 1000;

const FLUSH_BYTES = 256 * 1024;

export interface RejectedRowsFile {
  /** Appends one rejected row (the header is written before the first). */
  add(header: readonly string[], row: { line: number; cells: readonly string[]; errors: readonly { reason: string }[] }): void;
  /** Writes what is buffered and closes the file. Safe to call more than once. */
  close(): void;
  /** Closes and deletes the file (nothing was rejected, or the import is gone). */
  remove(): void;
  readonly rows: number;
  readonly path: string;
}

/** A file at `filePath`, created on the first rejected row (no row, no file). */
export function createRejectedRowsFile(filePath: string, options: CsvWriteOptions = {}): RejectedRowsFile {
  const lineEnding = options.lineEnding ?? "\r\n";
  let fd: number | null = null;
  let buffer = "";
  let rows = 0;
  let closed = false;
  const flush = () => {
    if (fd !== null && buffer !== "") fs.writeSync(fd, buffer);
    buffer = "";
  };
  return {
    add(header, row) {
      if (closed) return;
      if (fd === null) {
        fs.mkdirSync(path.dirname(filePath), { recursive: true });
        fd = fs.openSync(filePath, "w", 0o600);
        buffer = `\uFEFF${formatCsvRow([...REJECTED_ROW_COLUMNS, ...header], options)}${lineEnding}`;
      }
      buffer += formatCsvRow([row.line, row.errors.map((error) => error.reason).join("; "), ...row.cells], options) + lineEnding;
      rows += 1;
      if (buffer.length >= FLUSH_BYTES) flush();
    },
    close() {
      if (closed) return;
      closed = true;
      flush();
      if (fd !== null) fs.closeSync(fd);
    },
    remove() {
      this.close();
      fs.rmSync(filePath, { force: true });
    },
    get rows() {
      return rows;
    },
    path: filePath,
  };
}

/**
 * Removes the folder where earlier versions kept the server's rejected-rows files beside a SQLite database
 * (`<database>.rejected-rows`; they are kept in the database now). Never throws.
 */
export function removeLegacyRejectedRowsFolder(databasePath: string): void {
  fs.rmSync(`${databasePath}.rejected-rows`, { recursive: true, force: true });
}
