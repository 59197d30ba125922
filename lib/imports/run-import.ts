/**
 * Stores one uploaded file in the database: all or nothing by default, idempotent, streaming.
 *
 * The whole file is written inside one SQLite transaction (BEGIN IMMEDIATE ... COMMIT) on a connection
 * of its own, while the bytes stream in. Nothing is visible to readers before the commit, and a crash,
 * a closed browser tab or a rejected file rolls everything back. By default one invalid row rejects the
 * whole file (every invalid row is still read and reported); with `skipInvalid` the valid rows are
 * committed and the invalid ones are listed in the report.
 *
 * Idempotent: transactions with an order number are matched on it, others on their content key
 * (customer + date + amount + line content); customers are upserted by their customer number, and a
 * customer row that changes nothing counts as a duplicate.
 */
import { eq } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { imports } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import type { ImportKind } from "@/lib/import/fields";
import { ImportFileError, type ImportProblem, type RowError } from "@/lib/import/problems";
import type { RowOutcome } from "@/lib/import/row-outcome";
import type { RowOf, RowReaderOptions } from "@/lib/import/row-reader";
import { publicErrorMessage } from "@/lib/security/public-error";
import { createCustomerWriter } from "./customer-writer";
import { buildIndexes, dropNonUniqueIndexes } from "./deferred-indexes";
import { createLocalRowStream, type RowStreamFactory } from "./row-stream";
import type { ImportCounts, RowWriter } from "./row-writer";
import { createTransactionWriter } from "./transaction-writer";

export type ImportStatus = "committed" | "rejected" | "failed";

export interface ImportProgress {
  bytesRead: number;
  totalBytes?: number;
  rowsRead: number;
}

export interface ImportRequest<K extends ImportKind> {
  kind: K;
  fileName: string;
  /** Who imports (the audit trail; the import history's source is theirs: browser or command line). */
  by: AuditActor;
  /** Commit the valid rows and report the invalid ones (default: one invalid row rejects the file). */
  skipInvalid?: boolean;
  /** How to read the file (delimiter, decimal separator, date format, encoding, column choices). */
  reader: Omit<RowReaderOptions<K>, "kind">;
  /** The file's bytes in chunks of any size. */
  input: AsyncIterable<Uint8Array>;
  totalBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * File-level errors found before reading (e.g. by `sniffFile`: an ambiguous date format the user has
   * not chosen); when any is given the file is refused without writing a row.
   */
  preflightProblems?: ImportProblem[];
  /**
   * Where the file is read into rows: in this thread (default), or e.g. `createWorkerRowStream` to read
   * in a worker thread while this one writes (the command line).
   */
  readRows?: RowStreamFactory;
  /** Rejected rows kept for the report and the download (all are counted). Default 10,000. */
  maxRejectedRowsKept?: number;
}

export interface RejectedRowReport {
  line: number;
  cells: string[];
  errors: RowError[];
}

export interface ImportReport {
  /** The row in the import history (`null` only if even the history could not be written). */
  importId: number | null;
  status: ImportStatus;
  kind: ImportKind;
  fileName: string;
  /** Data rows read from the file (valid and invalid). */
  rowsRead: number;
  /** Rows stored as new transactions or customers (order lines of one order count each). */
  imported: number;
  /** Existing customers whose details changed. */
  updated: number;
  /** Rows that were already in the database (same order number, same content or unchanged customer). */
  duplicates: number;
  rejected: number;
  /** Customers created because a transactions file named them for the first time. */
  newCustomers: number;
  rejectedRows: RejectedRowReport[];
  /** True when more rows were rejected than `rejectedRows` holds. */
  rejectedRowsTruncated: boolean;
  header: string[];
  encoding: string;
  problems: ImportProblem[];
  /** One sentence for people: what happened and, when nothing was imported, what to do. */
  message: string;
  seconds: number;
}

const plural = (count: number, word: string) => `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

function finishedMessage(status: ImportStatus, counts: ImportCounts, rowsRead: number, skipInvalid: boolean, reason?: string): string {
  if (status === "failed") return `The import failed and nothing was changed: ${reason}`;
  if (status === "rejected") {
    if (reason) return `Nothing was imported: ${reason}`;
    return (
      `Nothing was imported: ${plural(counts.rejected, "row")} of ${rowsRead.toLocaleString("en")} cannot be read. ` +
      `Fix them (download the rejected rows) and import the file again, or choose to import the valid rows and skip the rest.`
    );
  }
  const parts = [`${plural(counts.imported, "row")} imported`];
  if (counts.updated > 0) parts.push(`${counts.updated.toLocaleString("en")} updated`);
  if (counts.duplicates > 0) parts.push(`${counts.duplicates.toLocaleString("en")} already present`);
  if (counts.rejected > 0 && skipInvalid) parts.push(`${plural(counts.rejected, "invalid row")} skipped`);
  return `${parts.join(", ")}.`;
}

/** The most bytes read into rows at once (see the read loop). */
const READ_SLICE_BYTES = 64 * 1024;

/** Bytes per transaction row in a typical export, to estimate the rows of a file from its size. */
const BYTES_PER_ROW_ESTIMATE = 60;

/**
 * For a file that is large against the transactions already stored, the non-unique indexes are dropped
 * inside the import's transaction and built again before the commit: one sorted build is several times
 * faster than a million random index inserts. Unique indexes stay, they decide what is a duplicate.
 * From ~20,000 rows on: a 100,000-row file into an empty database measured 2.1-3.0 s with the indexes
 * kept and 1.3-1.45 s with them built after (rebuilding what is stored costs less than half the file).
 * Returns the statements that build them again (rolled back with everything else on failure).
 */
function deferIndexesForLargeImport(database: OpenedDatabase, totalBytes: number | undefined): string[] {
  if (totalBytes === undefined) return [];
  const estimatedRows = totalBytes / BYTES_PER_ROW_ESTIMATE;
  const storedRows = (database.sqlite.prepare('SELECT coalesce(max(id), 0) FROM "transactions"').pluck().get() as number) ?? 0;
  if (estimatedRows < 20_000 || estimatedRows < storedRows / 2) return [];
  return dropNonUniqueIndexes(database.sqlite, "transactions");
}

/**
 * Runs one import on `database`, which must be a connection used by nothing else while the import runs
 * (open one with `openDatabase()`): the transaction stays open across the awaits of the file stream.
 */
/** What the audit trail keeps of an import: the outcome and the counts (never row contents). */
function auditDetails(kind: ImportKind, status: ImportStatus, importId: number | null, rowsRead: number, counts: ImportCounts) {
  return { kind, status, importId, rowsRead, imported: counts.imported, updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected };
}

export async function runImport<K extends ImportKind>(database: OpenedDatabase, request: ImportRequest<K>): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const skipInvalid = request.skipInvalid ?? false;
  const keepRejected = request.maxRejectedRowsKept ?? 10_000;
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const rejectedRows: RejectedRowReport[] = [];
  const reader = await (request.readRows ?? createLocalRowStream)<K>({ ...request.reader, kind: request.kind } as RowReaderOptions<K>);
  const options = {
    encoding: request.reader.encoding ?? "auto",
    delimiter: request.reader.delimiter,
    decimal: request.reader.decimal,
    dateFormat: request.reader.dateFormat,
    mapping: request.reader.mapping ?? {},
  };
  const { db, sqlite } = database;
  let bytesRead = 0;
  let status: ImportStatus = "committed";
  let reason: string | undefined;
  let problems: ImportProblem[] = [];
  let importId: number | null = null;

  // A larger page cache keeps the indexes of a big import in memory (bounded: 64 MB, not the file size).
  sqlite.pragma("cache_size = -65536");
  // Foreign keys are not checked while a transactions file is written (the pragma cannot change inside
  // a transaction): every customer and import id the writer stores was read or created in this same
  // transaction, under the write lock, so the checks cannot fail. They cost ~2 s of a 1M-row import.
  const foreignKeysPaused = request.kind === "transactions" && sqlite.pragma("foreign_keys", { simple: true }) === 1;
  if (foreignKeysPaused) sqlite.pragma("foreign_keys = OFF");
  try {
    sqlite.exec("BEGIN IMMEDIATE");
  } catch (error) {
    if (foreignKeysPaused) sqlite.pragma("foreign_keys = ON");
    reader.close();
    throw new Error(
      `The database is busy with another import or recompute (${(error as Error).message}). Try again when it has finished.`,
    );
  }
  try {
    if (request.preflightProblems && request.preflightProblems.length > 0) throw new ImportFileError(request.preflightProblems);
    importId = db
      .insert(imports)
      .values({ kind: request.kind, fileName: request.fileName, source: request.by.source, status: "committed", startedAt, finishedAt: startedAt, skipInvalid, options })
      .returning({ id: imports.id })
      .get().id;
    const rebuildIndexes = request.kind === "transactions" ? deferIndexesForLargeImport(database, request.totalBytes) : [];
    const writer = (
      request.kind === "transactions" ? createTransactionWriter(sqlite, importId, counts) : createCustomerWriter(database, counts)
    ) as RowWriter<K>;
    const handle = (outcomes: Iterable<RowOutcome<RowOf<K>>>) => {
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          counts.rejected += 1;
          if (rejectedRows.length < keepRejected) rejectedRows.push({ line: outcome.line, cells: outcome.cells, errors: outcome.errors });
          continue;
        }
        // Without skip-invalid one bad row rejects the file: stop writing, keep reading to report every bad row.
        if (counts.rejected > 0 && !skipInvalid) continue;
        writer.write(outcome.row);
      }
    };
    for await (const chunk of request.input) {
      bytesRead += chunk.byteLength;
      // Read in slices: the rows of a slice are written before the next is read, so they die young.
      // A 1 MB chunk at once kept ~10 MB of rows alive past the young generation: about twice the
      // parsing time (garbage collection) and ~100 MB more peak memory at 1M rows.
      for (let at = 0; at < chunk.byteLength; at += READ_SLICE_BYTES) handle(await reader.push(chunk.subarray(at, at + READ_SLICE_BYTES)));
      request.onProgress?.({ bytesRead, totalBytes: request.totalBytes, rowsRead: reader.rowCount });
    }
    handle(await reader.end());
    problems = reader.problems;
    request.onProgress?.({ bytesRead, totalBytes: request.totalBytes, rowsRead: reader.rowCount });

    if (counts.rejected > 0 && !skipInvalid) {
      status = "rejected";
    } else {
      writer.finish();
      buildIndexes(sqlite, rebuildIndexes);
      db.update(imports)
        .set({
          finishedAt: new Date().toISOString(),
          rowsRead: reader.rowCount,
          imported: counts.imported,
          updated: counts.updated,
          duplicates: counts.duplicates,
          rejected: counts.rejected,
          message: finishedMessage("committed", counts, reader.rowCount, skipInvalid),
        })
        .where(eq(imports.id, importId))
        .run();
      recordAuditEvent(db, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, "committed", importId, reader.rowCount, counts) });
      sqlite.exec("COMMIT");
    }
  } catch (error) {
    if (error instanceof ImportFileError) {
      status = "rejected";
      problems = error.problems;
      reason = error.message;
    } else {
      status = "failed";
      // An interrupted or oversized upload says so; anything unexpected (SQLite, a bug) stays in the log.
      reason = publicErrorMessage(error, "an unexpected error occurred (the details are in the server log).");
      console.error("[import] failed", error);
    }
  } finally {
    reader.close();
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    if (foreignKeysPaused) sqlite.pragma("foreign_keys = ON");
  }

  const rowsRead = reader.rowCount;
  const message = finishedMessage(status, counts, rowsRead, skipInvalid, reason);
  if (status !== "committed") {
    // Nothing of the file was kept; the history still records the attempt and why it was refused.
    Object.assign(counts, { imported: 0, updated: 0, duplicates: 0, newCustomers: 0 });
    try {
      importId = db
        .insert(imports)
        .values({ kind: request.kind, fileName: request.fileName, source: request.by.source, status, startedAt, finishedAt: new Date().toISOString(), rowsRead, rejected: counts.rejected, skipInvalid, options, message })
        .returning({ id: imports.id })
        .get().id;
      recordAuditEvent(db, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, status, importId, rowsRead, counts) });
    } catch (error) {
      console.error("[import] could not record the refused import", error);
      importId = null;
    }
  }
  return {
    importId,
    status,
    kind: request.kind,
    fileName: request.fileName,
    rowsRead,
    ...counts,
    rejectedRows,
    rejectedRowsTruncated: counts.rejected > rejectedRows.length,
    header: reader.header ?? [],
    encoding: reader.encoding,
    problems,
    message,
    seconds: (performance.now() - started) / 1000,
  };
}
