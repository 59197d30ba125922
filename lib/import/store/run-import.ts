/**
 * Stores one file in the database: all or nothing by default, idempotent, streaming.
 *
 * The import never holds SQLite's write lock for long, however large the file: first its `running` row
 * is written in a short transaction of its own (import-record.ts). A transactions file is then read into
 * the import's staging database (stage-database.ts: a temporary file with a lock of its own, so reading
 * takes no lock on the main database at all); its orders are added up and matched there with set-based
 * SQL, and the new rows are copied into the main tables in short steps of at most ~STEP_MS of work each
 * (write-steps.ts), sorted by the indexes they change (transaction-writer.ts). A customers file writes its
 * new customers in such steps while it is read and stages the changes to stored ones (customer-writer.ts).
 * Readers do not see rows written in steps (pending.ts); one short transaction at the end makes them all
 * visible at once, with the changes to stored orders (whose value changed or that were taken back), the
 * history row and the audit event. A customers file's changes to stored customers were written in steps
 * too and become visible with that `committed` status; they are then folded into the stored rows in
 * steps (customer-changes.ts). A rejected or failed file has its rows
 * removed again in short steps; a killed process leaves a `running` row that the next import or server
 * start marks `interrupted` (its staging file is gone with the process). Readers see all of an import or
 * nothing of it. By default one invalid row rejects the whole file (every invalid row is still read and
 * reported); with `skipInvalid` the valid rows are committed and the invalid ones are listed in the report
 * (the first REJECTED_ROWS_KEPT of them; all of them go to the rejected-rows file when one is given).
 *
 * The input must be a local file (the upload route receives the body into a temporary file first): see
 * `ImportRequest.input`.
 *
 * Idempotent: transactions with an order number are matched on it (an order stored by an earlier import
 * that comes with another total is updated, one the file says is no purchase is taken back; see
 * transaction-writer.ts), others on their content key (customer + date + amount + line content);
 * customers are upserted by their customer number, and a customer row that changes nothing counts as a
 * duplicate. Importing the same file again changes nothing.
 */
import type { OpenedDatabase, OpenedSqliteDatabase } from "@/db/client";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import type { ImportKind } from "@/lib/import/read/fields";
import { ImportFileError, type ImportProblem } from "@/lib/import/read/problems";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf, RowReaderOptions } from "@/lib/import/read/row-reader";
import { publicErrorMessage } from "@/lib/security/public-error";
import { createFold } from "./customer-changes";
import { createCustomerWriter } from "./customer-writer";
import { claimImport, finishImportRecord, finishUploadRecord, heartbeat, recoverInterruptedImports, removePendingRows } from "./import-record";
import { recordFailedUploadPostgres } from "./postgres/import-record-postgres";
import {
  auditDetails,
  createRejectedRowsKept,
  finishedMessage,
  importOptions,
  readOutcomes,
  validRowsOf,
  REJECTED_ROWS_KEPT,
  importReport,
  withOrders,
  type ImportReport,
  type ImportRequest,
  type ImportStatus,
} from "./import-report";
import { runImportPostgres } from "./postgres/run-import-postgres";
import { createLocalRowStream } from "./row-stream";
import type { ImportCounts, RowWriter } from "./row-writer";
import { createTransactionWriter } from "./transaction-writer";
import { createWriteSteps, repeatInSteps } from "./write-steps";
import { raiseDataVersion } from "@/db/data-version";


/** How often an import that only stages rows records that it is alive (well under IMPORT_STALE_MS). */
const HEARTBEAT_MS = 30_000;

/** Rows written between two looks at the step's length (see `store`). */
const WRITE_UNIT_ROWS = 250;

/**
 * Runs one import on `database`. On SQLite it must be a connection used by nothing else while the import runs
 * (open one with `openDatabase()`); on PostgreSQL the import takes a connection of the pool for itself
 * (postgres/run-import-postgres.ts). Throws only when it cannot start: another import is running, or the
 * database cannot be written; every other outcome is in the report (and in the history).
 */
export function runImport<K extends ImportKind>(database: OpenedDatabase, request: ImportRequest<K>): Promise<ImportReport> {
  return database.engine === "postgres" ? runImportPostgres(database, request) : runImportSqlite(database, request);
}

async function runImportSqlite<K extends ImportKind>(database: OpenedSqliteDatabase, request: ImportRequest<K>): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const skipInvalid = request.skipInvalid ?? false;
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const reader = await (request.readRows ?? createLocalRowStream)<K>({ ...request.reader, kind: request.kind } as RowReaderOptions<K>);
  const options = importOptions(request);
  // The import is SQLite's own implementation: its statements run synchronously inside its SQLite transactions.
  const { sqliteDb: db, sqlite } = database;
  let status: ImportStatus = "committed";
  let reason: string | undefined;
  let problems: ImportProblem[] = [];

  let claimed;
  try {
    // A killed import's rows go first (in short steps), then this import's `running` row is written.
    recoverInterruptedImports(sqlite);
    claimed = claimImport(sqlite, { kind: request.kind, fileName: request.fileName, by: request.by, startedAt, skipInvalid, options, uploadId: request.uploadId });
  } catch (error) {
    reader.close();
    throw error;
  }
  const importId = claimed.id;
  const erasuresAtStart = sqlite.prepare("SELECT coalesce(max(id), 0) FROM customer_erasures").pluck().get() as number;
  const rejectedFile = request.rejectedRowsFile?.(importId);
  const rejectedRows = createRejectedRowsKept(request.maxRejectedRowsKept ?? REJECTED_ROWS_KEPT, rejectedFile, () => reader.header);

  // A larger page cache keeps the indexes of a big import in memory (bounded: 64 MB, not the file size).
  sqlite.pragma("cache_size = -65536");
  // (The WAL is checkpointed every 1,000 pages as usual: with a larger limit the checkpoint that another
  // connection's commit runs copied ~40 MB at once, and a write beside the import waited 3.9 s for it.)
  // Foreign keys are not checked while a transactions file is written (the pragma cannot change inside
  // a transaction): every customer id the writer stores was read or created by this import, the only
  // one writing (customers erased meanwhile are handled before the commit). They cost ~2 s of 1M rows.
  const foreignKeysPaused = request.kind === "transactions" && sqlite.pragma("foreign_keys", { simple: true }) === 1;
  if (foreignKeysPaused) sqlite.pragma("foreign_keys = OFF");
  let lastHeartbeat = performance.now();
  const steps = createWriteSteps(sqlite, {
    stepMs: request.stepMs,
    onCommit: () => {
      heartbeat(sqlite, importId);
      lastHeartbeat = performance.now();
    },
  });
  /** While rows are only staged (no steps): a heartbeat in a step of its own now and then (see IMPORT_STALE_MS). */
  const stayAlive = async () => {
    if (performance.now() - lastHeartbeat < HEARTBEAT_MS) return;
    writer?.settle?.();
    await steps.enter();
    steps.leave();
  };
  let writer: RowWriter<K> | undefined;
  let committed = false;
  try {
    if (request.preflightProblems && request.preflightProblems.length > 0) throw new ImportFileError(request.preflightProblems);
    // What an earlier import's fold left (a kill cut it short) goes into the stored rows first: this
    // import's changes are compared with them, and only one import's changes are committed at a time.
    await repeatInSteps(createFold(sqlite), steps);
    writer = (
      request.kind === "transactions"
        ? createTransactionWriter(sqlite, importId, counts, claimed.pendingCustomersFrom)
        : createCustomerWriter(database, counts, claimed.pendingCustomersFrom, importId)
    ) as RowWriter<K>;
    const rowWriter = writer;
    const rejections = { counts, rejectedRows, skipInvalid };
    const handle = (outcomes: Iterable<RowOutcome<RowOf<K>>>) => {
      for (const row of validRowsOf(outcomes, rejections)) rowWriter.write(row);
    };
    /** Reads outcomes into the database in steps of about STEP_MS (see the note on `input`). */
    const store = async (outcomes: Iterable<RowOutcome<RowOf<K>>>) => {
      if (rowWriter.stages) {
        // Staged rows take no lock on the main database: no step is needed.
        handle(outcomes);
        for (const _ of rowWriter.drain?.() ?? []);
        await stayAlive();
        return;
      }
      // The step may end every WRITE_UNIT_ROWS rows: a row of a customers file looks up and writes rows
      // of large indexes, so a whole slice (~2,000 rows) could run far past STEP_MS on a machine short of I/O.
      await steps.enter();
      let unit: RowOutcome<RowOf<K>>[] = [];
      for (const outcome of outcomes) {
        unit.push(outcome);
        if (unit.length < WRITE_UNIT_ROWS) continue;
        handle(unit);
        unit = [];
        await steps.breathe();
        await steps.enter();
      }
      handle(unit);
      await steps.breathe();
      const units = rowWriter.drain?.() ?? [];
      for (const unit = units[Symbol.iterator](); ; ) {
        await steps.enter();
        if (unit.next().done) break;
        await steps.breathe();
      }
    };
    for await (const outcomes of readOutcomes(reader, request)) await store(outcomes);
    problems = reader.problems;

    if (counts.rejected > 0 && !skipInvalid) {
      status = "rejected";
    } else {
      // Deciding what the staged rows do: no lock on the main database; the event loop runs in between.
      for (const _ of writer.prepare?.() ?? []) {
        await new Promise((resolve) => setImmediate(resolve));
        await stayAlive();
      }
      for (const unit = writer.finish()[Symbol.iterator](); ; ) {
        await steps.enter();
        if (unit.next().done) break;
        await steps.breathe();
      }
      // The last transaction: everything becomes visible at once.
      steps.leave();
      await steps.enter();
      const erasures = sqlite.prepare("SELECT coalesce(max(id), 0) FROM customer_erasures").pluck().get() as number;
      if (request.kind === "transactions" && erasures !== erasuresAtStart) {
        // A customer erased while this import ran: rows written for them afterwards go too (rare; one scan of this import's rows).
        sqlite.prepare("DELETE FROM transactions WHERE id >= ? AND customer_id NOT IN (SELECT id FROM customers)").run(claimed.pendingTransactionsFrom);
      }
      // Every remembered read of the data is dropped with the commit (lib/queries/support.ts).
      raiseDataVersion(db);
      finishImportRecord(sqlite, importId, {
        status: "committed",
        rowsRead: reader.rowCount,
        ...counts,
        message: withOrders(finishedMessage("committed", counts, reader.rowCount, skipInvalid), reader.orders, request.reader.currency),
      });
      recordAuditEvent(db, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, "committed", importId, reader.rowCount, counts) });
      steps.leave();
      committed = true;
      // The changes to stored customers go into their rows in short steps; readers see the same throughout.
      if (request.foldChanges !== false) await repeatInSteps(createFold(sqlite), steps);
    }
  } catch (error) {
    if (committed) {
      // Only the fold failed: the import stands, and the next import or server start folds what is left.
      console.error("[import] could not fold the committed customer changes yet", error);
    } else if (error instanceof ImportFileError) {
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
    rejectedFile?.close();
    steps.abandon();
    try {
      writer?.close?.();
    } catch (error) {
      console.error("[import] could not remove the staged rows", error);
    }
  }

  const rowsRead = reader.rowCount;
  const message = status === "committed" ? withOrders(finishedMessage(status, counts, rowsRead, skipInvalid), reader.orders, request.reader.currency) : finishedMessage(status, counts, rowsRead, skipInvalid, reason);
  if (status !== "committed") {
    // Nothing of the file is kept; the history records the attempt and why it was refused.
    Object.assign(counts, { imported: 0, updated: 0, duplicates: 0, newCustomers: 0 });
    try {
      await removePendingRows(sqlite, claimed);
      sqlite
        .transaction(() => {
          finishImportRecord(sqlite, importId, { status, rowsRead, ...counts, message });
          recordAuditEvent(db, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, status, importId, rowsRead, counts) });
        })
        .immediate();
    } catch (error) {
      // The `running` row stays; the next start marks it interrupted and removes what is left.
      console.error("[import] could not record the refused import", error);
    }
  }
  if (foreignKeysPaused) sqlite.pragma("foreign_keys = ON");
  if (rejectedFile && rejectedFile.rows === 0) rejectedFile.remove();
  return importReport({ importId, status, request, reader, counts, rejectedRows: rejectedRows.rows, rejectedFile, longestWriteLockMs: steps.longestMs, problems, message, startedMs: started });
}

/**
 * Records an upload that failed before its file could be read (interrupted, stalled, too large): its
 * `receiving` row (`uploadId`) or a new row turns `failed` in the history, with an event in the audit
 * trail, nothing else. Returns the report to answer with.
 */
export async function recordFailedUpload(
  database: OpenedDatabase,
  request: { kind: ImportKind; fileName: string; by: AuditActor; skipInvalid?: boolean; uploadId?: number | null },
  error: unknown,
): Promise<ImportReport> {
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const message = finishedMessage("failed", counts, 0, false, publicErrorMessage(error, "an unexpected error occurred (the details are in the server log)."));
  const details = (id: number) => auditDetails(request.kind, "failed", id, 0, counts);
  let importId: number | null = null;
  try {
    importId = database.engine === "postgres" ? await recordFailedUploadPostgres(database.db, request, message, details) : recordFailedUploadSqlite(database, request, message, details);
  } catch (recordError) {
    console.error("[import] could not record the failed upload", recordError);
  }
  return {
    importId,
    status: "failed",
    kind: request.kind,
    fileName: request.fileName,
    rowsRead: 0,
    ...counts,
    rejectedRows: [],
    rejectedRowsTruncated: false,
    rejectedRowsInFile: false,
    longestWriteLockMs: 0,
    header: [],
    encoding: "utf-8",
    problems: [],
    message,
    seconds: 0,
    platform: null,
    orders: null,
  };
}

/** The SQLite side of `recordFailedUpload`: the history row (the upload's or a new one) and the audit event, in one transaction. */
function recordFailedUploadSqlite(
  database: OpenedSqliteDatabase,
  request: { kind: ImportKind; fileName: string; by: AuditActor; skipInvalid?: boolean; uploadId?: number | null },
  message: string,
  details: (importId: number) => Record<string, unknown>,
): number {
  const startedAt = new Date().toISOString();
  return database.sqlite
    .transaction(() => {
      if (request.uploadId != null) finishUploadRecord(database.sqlite, request.uploadId, message);
      const insert = () =>
        database.sqlite
          .prepare("INSERT INTO imports (kind, file_name, source, status, started_at, finished_at, skip_invalid, message) VALUES (?, ?, ?, 'failed', ?, ?, ?, ?) RETURNING id")
          .pluck()
          .get(request.kind, request.fileName, request.by.source, startedAt, startedAt, request.skipInvalid ? 1 : 0, message) as number;
      const id = request.uploadId ?? insert();
      recordAuditEvent(database.sqliteDb, request.by, { action: "import", target: request.fileName, details: details(id) });
      return id;
    })
    .immediate();
}
