/**
 * One import on PostgreSQL: the twin of run-import.ts with the same request, report, history and audit trail,
 * and the same rules (all or nothing by default, idempotent, re-imports update, every invalid row reported).
 *
 * What differs is how, because PostgreSQL is not SQLite. The file is stored in ONE transaction on a connection
 * of the pool: readers (other requests, other app instances) keep seeing the data as it was until it commits, and
 * other writers are not held up (only the rows the import changes are locked), so SQLite's short steps, pending
 * ids and change overlays are not needed. The one exception, a first import's swap of the transactions table,
 * holds readers up for its last moments (fresh-transactions-table.ts), and its report says for how long. The rows stream into the server with COPY as the file is read
 * (transaction-import.ts; a customers file: customer-import.ts), and the history row's outcome, the data version
 * and the audit event are written in the same transaction: the import is there entirely, with its record, or not
 * at all. The `running` row is committed before that, and the import holds a lock on a connection of its own
 * while it runs (import-record-postgres.ts), so every instance sees that an import runs; a stopped process's
 * transaction and lock end with its connections, and the next import marks its row `interrupted`.
 */
import type { OpenedPostgresQueries } from "@/db/pg/open-queries";
import { postgresPoolOf } from "@/db/pg/query-database";
import { imports } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { raiseDataVersion } from "@/db/data-version";
import { eq } from "drizzle-orm";
import { recordAuditEvent } from "@/lib/audit/record";
import type { CustomerRow } from "@/lib/import/read/customer-row";
import type { ImportKind } from "@/lib/import/read/fields";
import { ImportFileError, type ImportProblem } from "@/lib/import/read/problems";
import type { RowOf, RowReaderOptions } from "@/lib/import/read/row-reader";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import { publicErrorMessage } from "@/lib/security/public-error";
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
} from "../import-report";
import { createLocalRowStream } from "../row-stream";
import type { ImportCounts } from "../row-writer";
import { importCustomersPostgres } from "./customer-import";
import { claimImportPostgres, heartbeatPostgres, type ClaimedPostgresImport } from "./import-record-postgres";
import { importTransactionsPostgres } from "./transaction-import";

/** How often the running import says it is alive (well under IMPORT_STALE_MS). */
const HEARTBEAT_MS = 30_000;
/** Valid rows of a customers file handed to the store at once (one batch of customers). */
const BATCH_ROWS = 2_000;

/** Thrown into the store when the file has invalid rows and may not skip them: the transaction rolls back. */
class InvalidRowsFound extends Error {}

/** Runs one import on PostgreSQL (see the top of this file); throws only when it cannot start, as `runImport`. */
export async function runImportPostgres<K extends ImportKind>(database: OpenedPostgresQueries, request: ImportRequest<K>): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const skipInvalid = request.skipInvalid ?? false;
  const { db } = database;
  const counts: ImportCounts = { imported: 0, updated: 0, duplicates: 0, rejected: 0, newCustomers: 0 };
  const reader = await (request.readRows ?? createLocalRowStream)<K>({ ...request.reader, kind: request.kind } as RowReaderOptions<K>);

  let claim: ClaimedPostgresImport;
  try {
    claim = await claimImportPostgres(db, { kind: request.kind, fileName: request.fileName, by: request.by, startedAt, skipInvalid, options: importOptions(request), uploadId: request.uploadId });
  } catch (error) {
    reader.close();
    throw error;
  }
  const importId = claim.id;
  const rejectedFile = request.rejectedRowsFile?.(importId);
  const rejectedRows = createRejectedRowsKept(request.maxRejectedRowsKept ?? REJECTED_ROWS_KEPT, rejectedFile, () => reader.header);
  // Outside the import's transaction (its own connection of the pool), so that other instances see it.
  const beat = setInterval(() => heartbeatPostgres(db, importId).catch((error) => console.warn("[import] heartbeat not written", error)), HEARTBEAT_MS);

  /**
   * The file's valid rows, a piece of the file at a time as it is read; invalid ones are counted and kept. A row is
   * given as the stream gives it, which may be one object refilled for every row: each piece is used up before the
   * next is asked for (a million rows are not copied into objects of their own on their way to COPY).
   */
  async function* validRowsAsRead(): AsyncGenerator<Iterable<RowOf<K>>> {
    const rejections = { counts, rejectedRows, skipInvalid };
    for await (const outcomes of readOutcomes(reader, request)) yield validRowsOf(outcomes, rejections);
    if (counts.rejected > 0 && !skipInvalid) throw new InvalidRowsFound();
  }
  /** The valid rows in batches of copies that may be kept (a customers file's rows are written a batch at a time). */
  async function* validRowBatches(): AsyncGenerator<RowOf<K>[]> {
    let batch: RowOf<K>[] = [];
    for await (const rows of validRowsAsRead()) {
      for (const row of rows) {
        batch.push({ ...row });
        if (batch.length < BATCH_ROWS) continue;
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  let status: ImportStatus = "committed";
  let reason: string | undefined;
  let problems: ImportProblem[] = [];
  const pool = postgresPoolOf(db)!;
  /** When a first import's swap took the lock that holds readers up until the commit (fresh-transactions-table.ts). */
  let swapLockedAt: number | null = null;
  let longestWriteLockMs = 0;
  try {
    if (request.preflightProblems && request.preflightProblems.length > 0) throw new ImportFileError(request.preflightProblems);
    await inTransaction(db, async (tx) => {
      const { client } = pool.transactions.getStore()!;
      const schema = database.target.schema;
      if (request.kind === "transactions") {
        const stored = await importTransactionsPostgres(client, schema, importId, validRowsAsRead() as AsyncIterable<Iterable<TransactionRow>>, () => (swapLockedAt = performance.now()));
        Object.assign(counts, stored);
      } else {
        Object.assign(counts, await importCustomersPostgres(client, schema, validRowBatches() as AsyncIterable<CustomerRow[]>));
      }
      problems = reader.problems;
      await raiseDataVersion(tx);
      const message = withOrders(finishedMessage("committed", counts, reader.rowCount, skipInvalid), reader.orders, request.reader.currency);
      await tx
        .update(imports)
        .set({ status: "committed", finishedAt: new Date().toISOString(), rowsRead: reader.rowCount, ...countsOf(counts), message, pid: null, heartbeatAt: null })
        .where(eq(imports.id, importId));
      await recordAuditEvent(tx, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, "committed", importId, reader.rowCount, counts) });
    });
    if (swapLockedAt !== null) longestWriteLockMs = Math.round(performance.now() - swapLockedAt);
  } catch (error) {
    problems = reader.problems;
    if (error instanceof InvalidRowsFound) {
      status = "rejected";
    } else if (error instanceof ImportFileError) {
      status = "rejected";
      problems = error.problems;
      reason = error.message;
    } else {
      status = "failed";
      reason = customerErasedMeanwhile(error)
        ? "a customer this file names was erased while it was imported. Import the file again: the erased customer's rows in it are then stored as those of a new customer, so take them out of the file first if they should stay gone."
        : publicErrorMessage(error, "an unexpected error occurred (the details are in the server log).");
      console.error("[import] failed", error);
    }
  } finally {
    clearInterval(beat);
    reader.close();
    rejectedFile?.close();
  }

  const rowsRead = reader.rowCount;
  const message =
    status === "committed" ? withOrders(finishedMessage(status, counts, rowsRead, skipInvalid), reader.orders, request.reader.currency) : finishedMessage(status, counts, rowsRead, skipInvalid, reason);
  if (status !== "committed") {
    // Nothing of the file was kept (the transaction rolled back); the history records the attempt and why.
    Object.assign(counts, { imported: 0, updated: 0, duplicates: 0, newCustomers: 0 });
    try {
      await inTransaction(db, async (tx) => {
        await tx
          .update(imports)
          .set({ status, finishedAt: new Date().toISOString(), rowsRead, ...countsOf(counts), message, pid: null, heartbeatAt: null })
          .where(eq(imports.id, importId));
        await recordAuditEvent(tx, request.by, { action: "import", target: request.fileName, details: auditDetails(request.kind, status, importId, rowsRead, counts) });
      });
    } catch (error) {
      // The `running` row stays; the next import, finding the import lock free, marks it interrupted.
      console.error("[import] could not record the refused import", error);
    }
  }
  await claim.release().catch((error) => console.warn("[import] could not let go of the import lock (it goes with its connection)", error));
  if (rejectedFile && rejectedFile.rows === 0) rejectedFile.remove();
  // longestWriteLockMs: the swap of a first import, from its lock to the commit; otherwise 0 (no lock others wait
  // for: other writers only wait for the rows this import changes).
  return importReport({ importId, status, request, reader, counts, rejectedRows: rejectedRows.rows, rejectedFile, longestWriteLockMs, problems, message, startedMs: started });
}

/** The history row's counts. */
const countsOf = (counts: ImportCounts) => ({ imported: counts.imported, updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected });

/**
 * Whether the import failed on a foreign key to `customers`: a customer it had found (or matched a row to) was erased
 * by another session before the import committed (fresh-transactions-table.ts; SQLite's import removes such rows).
 */
export function customerErasedMeanwhile(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === "23503" && typeof constraint === "string" && /customer/.test(constraint);
}
