/**
 * Every rejected row of an import, streamed to a CSV file as it is found (the report keeps only the
 * first ones, see `REJECTED_ROWS_KEPT`): the original cells with the line and the reasons in front,
 * formula-looking text escaped for Excel (lib/import/read/csv-writer.ts), a UTF-8 byte-order mark. Memory
 * stays flat however many rows are rejected.
 *
 * The server keeps these files beside the database (`<database>.rejected-rows/import-<id>.csv`; on PostgreSQL in
 * the system's temporary folder, one folder per server, database and schema: on the instance that imported) for
 * `GET /api/imports/<id>/rejected-rows`; they are removed after REJECTED_ROWS_FILE_TTL_MS and whenever a
 * new import starts. The command line writes them where `--rejected-out` says.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OpenedDatabase } from "@/db/client";
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
 * Where the server's files of `database` are named from: the SQLite file's path, or for PostgreSQL a name in the
 * temporary folder made of its server, database and schema (letters, digits, dots and dashes only).
 */
export function rejectedRowsBase(database: OpenedDatabase): string {
  if (database.engine === "sqlite") return database.path;
  const { host, port, database: name, schema } = database.target;
  return path.join(os.tmpdir(), `klantwaarde-${`${host}-${port}-${name}-${schema}`.replace(/[^A-Za-z0-9.-]/g, "_")}`);
}

/** The folder of the server's rejected-rows files for the database at `databasePath`. */
export function rejectedRowsFolder(databasePath: string): string {
  return `${databasePath}.rejected-rows`;
}

/** Where the server keeps the rejected rows of import `importId`. */
export function rejectedRowsPath(databasePath: string, importId: number): string {
  return path.join(rejectedRowsFolder(databasePath), `import-${importId}.csv`);
}

/** Removes the server's rejected-rows files older than `maxAgeMs` (0: all of them). Never throws. */
export function removeOldRejectedRowsFiles(databasePath: string, maxAgeMs = REJECTED_ROWS_FILE_TTL_MS, now = Date.now()): void {
  const folder = rejectedRowsFolder(databasePath);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^import-\d+\.csv$/.test(name)) continue;
    const file = path.join(folder, name);
    try {
      if (maxAgeMs === 0 || now - fs.statSync(file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}
