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
import type { OpenedSqliteDatabase } from "@/db/client";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import type { ImportKind } from "@/lib/import/read/fields";
import { ImportFileError, type ImportProblem, type RowError } from "@/lib/import/read/problems";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf, RowReaderOptions } from "@/lib/import/read/row-reader";
import { describeOrders } from "@/lib/import/platforms/describe-orders";
import type { OrderSummary } from "@/lib/import/platforms/orders";
import { publicErrorMessage } from "@/lib/security/public-error";
import { createFold } from "./customer-changes";
import { createCustomerWriter } from "./customer-writer";
import { claimImport, finishImportRecord, finishUploadRecord, heartbeat, recoverInterruptedImports, removePendingRows } from "./import-record";
import type { RejectedRowsFile } from "./rejected-rows-file";
import { createLocalRowStream, type RowStreamFactory } from "./row-stream";
import type { ImportCounts, RowWriter } from "./row-writer";
import { createTransactionWriter } from "./transaction-writer";
import { createWriteSteps, repeatInSteps } from "./write-steps";
import { raiseDataVersion } from "@/db/data-version";

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
  /**
   * The file's bytes in chunks of any size, from a local file: a step of the import may stay open while
   * the next chunk is awaited (committing every chunk made a 1M-row import ten times slower: every commit
   * writes the index pages it touched again), so a slow input would hold the write lock. Where other
   * work shares the thread (the server), read the file synchronously (see lib/import/upload/spool-upload.ts):
   * then no other request runs while a step is open.
   */
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
  /** Rejected rows kept in memory for the report (all are counted). Default REJECTED_ROWS_KEPT. */
  maxRejectedRowsKept?: number;
  /** Where every rejected row is streamed (for the import with this id), e.g. the server's download file. */
  rejectedRowsFile?: (importId: number) => RejectedRowsFile;
  /** The history row written when the upload started (`recordUploadStart`): the import goes on in it. */
  uploadId?: number | null;
  /** Work per write step (default STEP_MS of write-steps.ts); shorter steps only make an import slower. */
  stepMs?: number;
  /**
   * Fold a customers file's committed changes into the stored rows right after the commit (default
   * true; see customer-changes.ts). `false` leaves them to the next import or server start: readers see
   * the same either way (tests show that).
   */
  foldChanges?: boolean;
}

/** Rejected rows the report holds at most (all are counted, and all go to the rejected-rows file). */
export const REJECTED_ROWS_KEPT = 1_000;
/** Characters of cells and values the report's rejected rows hold at most (so wide rows cannot grow it). */
const REJECTED_CHARS_KEPT = 2_000_000;

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
  /**
   * Existing customers whose details changed; for a transactions file, the rows of stored orders whose
   * total changed or that the file takes back (no purchase any more).
   */
  updated: number;
  /** Rows that were already in the database (same order number, same content or unchanged customer). */
  duplicates: number;
  rejected: number;
  /** Customers created because a transactions file named them for the first time. */
  newCustomers: number;
  rejectedRows: RejectedRowReport[];
  /** True when more rows were rejected than `rejectedRows` holds. */
  rejectedRowsTruncated: boolean;
  /** True when every rejected row was written to the rejected-rows file (`rejectedRowsFile`). */
  rejectedRowsInFile: boolean;
  /** The longest time one step of the import held SQLite's write lock, in milliseconds. */
  longestWriteLockMs: number;
  header: string[];
  encoding: string;
  problems: ImportProblem[];
  /** One sentence for people: what happened and, when nothing was imported, what to do. */
  message: string;
  seconds: number;
  /** The platform export the file was recognised as (`null`: an ordinary file). */
  platform: { id: string; name: string; source: string; valueFrom: string } | null;
  /**
   * A platform file's orders: rows and orders read, purchases stored, orders refunded in full, refunds
   * subtracted, orders that are no purchase by status, orders without a customer (`null`: an ordinary file).
   */
  orders: OrderSummary | null;
}

/** A platform file's committed message also says what was done with its orders (see describe-orders.ts). */
function withOrders(message: string, orders: OrderSummary | null, currency: string | undefined): string {
  return orders ? `${message} ${describeOrders(orders, currency)}` : message;
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


/** How often an import that only stages rows records that it is alive (well under IMPORT_STALE_MS). */
const HEARTBEAT_MS = 30_000;

/** Rows written between two looks at the step's length (see `store`). */
const WRITE_UNIT_ROWS = 250;

/** The most bytes read into rows at once (see the read loop). */
const READ_SLICE_BYTES = 64 * 1024;
/** Input is gathered to at least this much before it is read into rows (tiny chunks would make tiny steps). */
const READ_BLOCK_BYTES = 256 * 1024;

/** What the audit trail keeps of an import: the outcome and the counts (never row contents). */
function auditDetails(kind: ImportKind, status: ImportStatus, importId: number | null, rowsRead: number, counts: ImportCounts) {
  return { kind, status, importId, rowsRead, imported: counts.imported, updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected };
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T>)?.then === "function";

/**
 * Runs one import on `database`, which must be a connection used by nothing else while the import runs
 * (open one with `openDatabase()`). Throws only when it cannot start: another import is running, or the
 * database cannot be written; every other outcome is in the report (and in the history).
 */
export async function runImport<K extends ImportKind>(database: OpenedSqliteDatabase, request: ImportRequest<K>): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const skipInvalid = request.skipInvalid ?? false;
  const keepRejected = request.maxRejectedRowsKept ?? REJECTED_ROWS_KEPT;
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const rejectedRows: RejectedRowReport[] = [];
  let rejectedChars = 0;
  const reader = await (request.readRows ?? createLocalRowStream)<K>({ ...request.reader, kind: request.kind } as RowReaderOptions<K>);
  const options = {
    encoding: request.reader.encoding ?? "auto",
    delimiter: request.reader.delimiter,
    decimal: request.reader.decimal,
    dateFormat: request.reader.dateFormat,
    mapping: request.reader.mapping ?? {},
  };
  // The import is SQLite's own implementation: its statements run synchronously inside its SQLite transactions.
  const { sqliteDb: db, sqlite } = database;
  let bytesRead = 0;
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
    const handle = (outcomes: Iterable<RowOutcome<RowOf<K>>>) => {
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          counts.rejected += 1;
          rejectedFile?.add(reader.header ?? [], outcome);
          if (rejectedRows.length < keepRejected && rejectedChars < REJECTED_CHARS_KEPT) {
            rejectedRows.push({ line: outcome.line, cells: outcome.cells, errors: outcome.errors });
            for (const cell of outcome.cells) rejectedChars += cell.length + 8;
            for (const error of outcome.errors) rejectedChars += error.value.length + error.reason.length + error.column.length + 32;
          }
          continue;
        }
        // Without skip-invalid one bad row rejects the file: stop writing, keep reading to report every bad row.
        if (counts.rejected > 0 && !skipInvalid) continue;
        rowWriter.write(outcome.row);
      }
    };
    /** Reads outcomes into the database in steps of about STEP_MS (see the note on `input`). */
    const store = async (outcomes: Iterable<RowOutcome<RowOf<K>>> | Promise<Iterable<RowOutcome<RowOf<K>>>>) => {
      if (isPromise(outcomes)) outcomes = await outcomes;
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
    const readBlock = async (block: Uint8Array) => {
      // Read in slices: the rows of a slice are written before the next is read, so they die young.
      // A 1 MB chunk at once kept ~10 MB of rows alive past the young generation: about twice the
      // parsing time (garbage collection) and ~100 MB more peak memory at 1M rows.
      for (let at = 0; at < block.byteLength; at += READ_SLICE_BYTES) await store(reader.push(block.subarray(at, at + READ_SLICE_BYTES)));
      request.onProgress?.({ bytesRead, totalBytes: request.totalBytes, rowsRead: reader.rowCount });
    };
    let gathered: Uint8Array[] = [];
    let gatheredBytes = 0;
    for await (const chunk of request.input) {
      bytesRead += chunk.byteLength;
      gathered.push(chunk);
      gatheredBytes += chunk.byteLength;
      if (gatheredBytes < READ_BLOCK_BYTES) continue;
      const block = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered);
      gathered = [];
      gatheredBytes = 0;
      await readBlock(block);
    }
    if (gatheredBytes > 0) await readBlock(gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered));
    await store(reader.end());
    problems = reader.problems;
    request.onProgress?.({ bytesRead, totalBytes: request.totalBytes, rowsRead: reader.rowCount });

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
  return {
    importId,
    status,
    kind: request.kind,
    fileName: request.fileName,
    rowsRead,
    ...counts,
    rejectedRows,
    rejectedRowsTruncated: counts.rejected > rejectedRows.length,
    rejectedRowsInFile: rejectedFile !== undefined && rejectedFile.rows === counts.rejected && counts.rejected > 0,
    longestWriteLockMs: Math.round(steps.longestMs),
    header: reader.header ?? [],
    encoding: reader.encoding,
    problems,
    message,
    seconds: (performance.now() - started) / 1000,
    platform: reader.platform,
    orders: status === "committed" ? reader.orders : null,
  };
}

/**
 * Records an upload that failed before its file could be read (interrupted, stalled, too large): its
 * `receiving` row (`uploadId`) or a new row turns `failed` in the history, with an event in the audit
 * trail, nothing else. Returns the report to answer with.
 */
export function recordFailedUpload(
  database: OpenedSqliteDatabase,
  request: { kind: ImportKind; fileName: string; by: AuditActor; skipInvalid?: boolean; uploadId?: number | null },
  error: unknown,
): ImportReport {
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const message = finishedMessage("failed", counts, 0, false, publicErrorMessage(error, "an unexpected error occurred (the details are in the server log)."));
  const startedAt = new Date().toISOString();
  let importId: number | null = null;
  try {
    importId = database.sqlite
      .transaction(() => {
        if (request.uploadId != null) finishUploadRecord(database.sqlite, request.uploadId, message);
        const insert = () =>
          database.sqlite
            .prepare("INSERT INTO imports (kind, file_name, source, status, started_at, finished_at, skip_invalid, message) VALUES (?, ?, ?, 'failed', ?, ?, ?, ?) RETURNING id")
            .pluck()
            .get(request.kind, request.fileName, request.by.source, startedAt, startedAt, request.skipInvalid ? 1 : 0, message) as number;
        const id = request.uploadId ?? insert();
        recordAuditEvent(database.sqliteDb, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, "failed", id, 0, counts) });
        return id;
      })
      .immediate();
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
