/**
 * An import's row in the history, written before its first data row: `running` in a short transaction
 * of its own (with the process id and the first transaction and customer ids it will write), so a
 * process killed halfway (kill -9, a power cut) still leaves a trace. The next import or the next server
 * start finds a `running` row whose process is gone, removes its rows in short steps and marks it
 * `interrupted` (`recoverInterruptedImports`), and records that in the audit trail under the person who
 * started it.
 *
 * An upload from the browser is in the history from its first byte: `receiving` while the file arrives
 * (`recordUploadStart`), then `running` when its import starts (the same row), or `failed` when the upload
 * breaks off. A server stopped during an upload leaves a `receiving` row that the next start marks
 * `interrupted` in the same way.
 */
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { heartbeatIsAlive } from "@/lib/process-alive";
import { removeChangesStep } from "./customer-changes";

/** A running import that has not written a step for this long is taken to be gone (its pid may be reused). */
export const IMPORT_STALE_MS = 5 * 60 * 1000;

/** Rows deleted per short transaction when pending rows are removed. */
const DELETE_STEP_ROWS = 20_000;

export const INTERRUPTED_MESSAGE =
  "The import was interrupted (the server or the command stopped before it finished), so nothing of it was kept. Import the file again.";

export interface ClaimedImport {
  id: number;
  pendingTransactionsFrom: number;
  pendingCustomersFrom: number;
}

export const UPLOAD_INTERRUPTED_MESSAGE =
  "The upload was interrupted (the server stopped while the file was arriving), so nothing of it was kept. Upload the file again.";

export interface NewImportRecord {
  kind: "transactions" | "customers";
  fileName: string;
  /** Who starts it: kept with the row for the audit trail (its `source` is the row's source). */
  by: AuditActor;
  startedAt: string;
  skipInvalid: boolean;
  options: Record<string, unknown>;
  /** The `receiving` row of this file's upload (`recordUploadStart`): it becomes the running import. */
  uploadId?: number | null;
}

interface RunningRow {
  id: number;
  kind: string;
  file_name: string;
  status: "running" | "receiving";
  started_by: string | null;
  pid: number | null;
  heartbeat_at: string | null;
  pending_transactions_from: number | null;
  pending_customers_from: number | null;
}

const UNFINISHED_ROWS =
  "SELECT id, kind, file_name, status, started_by, pid, heartbeat_at, pending_transactions_from, pending_customers_from FROM imports WHERE status IN ('running', 'receiving')";

const actorJson = (by: AuditActor) => JSON.stringify({ label: by.label, userId: by.userId, role: by.role, source: by.source });

const isAlive = (row: RunningRow, now = Date.now()) => heartbeatIsAlive(row.pid, row.heartbeat_at, IMPORT_STALE_MS, now);

/** The next id AUTOINCREMENT gives in `table`. */
function nextId(sqlite: Database.Database, table: "transactions" | "customers"): number {
  return (
    (sqlite
      .prepare(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM "${table}"), 0))`)
      .pluck()
      .get(table) as number) + 1
  );
}

/**
 * Writes the `running` row in one short transaction, unless another live import is running (then it
 * throws: one import writes at a time). Waits for the write lock up to the connection's busy_timeout.
 */
export function claimImport(sqlite: Database.Database, record: NewImportRecord): ClaimedImport {
  try {
    sqlite.exec("BEGIN IMMEDIATE");
  } catch (error) {
    throw new Error(`The database is busy with another import or recompute (${(error as Error).message}). Try again when it has finished.`);
  }
  try {
    const running = (sqlite.prepare(UNFINISHED_ROWS).all() as RunningRow[]).filter((row) => row.status === "running");
    if (running.some((row) => isAlive(row) || row.pending_transactions_from !== null)) {
      // A live import, or a dead one whose rows are still being removed.
      throw new Error("The database is busy with another import. Try again when it has finished.");
    }
    const claimed = { pendingTransactionsFrom: nextId(sqlite, "transactions"), pendingCustomersFrom: nextId(sqlite, "customers") };
    const values = [JSON.stringify(record.options), process.pid, new Date().toISOString(), claimed.pendingTransactionsFrom, claimed.pendingCustomersFrom];
    // The upload's own row goes on as the import (it keeps its id and the time the upload started).
    const upload =
      record.uploadId == null
        ? undefined
        : (sqlite
            .prepare(
              "UPDATE imports SET status = 'running', options = ?, pid = ?, heartbeat_at = ?, pending_transactions_from = ?, pending_customers_from = ? " +
                "WHERE id = ? AND status = 'receiving' RETURNING id",
            )
            .pluck()
            .get(...values, record.uploadId) as number | undefined);
    const id =
      upload ??
      (sqlite
        .prepare(
          "INSERT INTO imports (kind, file_name, source, status, started_at, finished_at, skip_invalid, started_by, options, pid, heartbeat_at, pending_transactions_from, pending_customers_from) " +
            "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .pluck()
        .get(record.kind, record.fileName, record.by.source, record.startedAt, record.startedAt, record.skipInvalid ? 1 : 0, actorJson(record.by), ...values) as number);
    sqlite.exec("COMMIT");
    return { id, ...claimed };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Writes the `receiving` row of an upload that starts to arrive (one short transaction; waits for the
 * write lock up to the connection's busy_timeout). Returns its id, or `null` when the database cannot be
 * written (then the upload goes on without a trace until it ends, as before this row existed).
 */
export function recordUploadStart(sqlite: Database.Database, upload: { kind: "transactions" | "customers"; fileName: string; by: AuditActor; skipInvalid: boolean }): number | null {
  const now = new Date().toISOString();
  try {
    return sqlite
      .prepare(
        "INSERT INTO imports (kind, file_name, source, status, started_at, finished_at, skip_invalid, started_by, pid, heartbeat_at) VALUES (?, ?, ?, 'receiving', ?, ?, ?, ?, ?, ?) RETURNING id",
      )
      .pluck()
      .get(upload.kind, upload.fileName, upload.by.source, now, now, upload.skipInvalid ? 1 : 0, actorJson(upload.by), process.pid, now) as number;
  } catch (error) {
    console.error("[import] could not record the upload's start", error);
    return null;
  }
}

/** Ends a `receiving` row that never became an import (the upload broke off, or the import could not start). */
export function finishUploadRecord(sqlite: Database.Database, uploadId: number, message: string): void {
  sqlite
    .prepare("UPDATE imports SET status = 'failed', finished_at = ?, message = ?, pid = NULL, heartbeat_at = NULL WHERE id = ? AND status = 'receiving'")
    .run(new Date().toISOString(), message, uploadId);
}

/** Records that the running import (inside one of its steps) or a long upload is alive. */
export function heartbeat(sqlite: Database.Database, importId: number): void {
  sqlite.prepare("UPDATE imports SET heartbeat_at = ? WHERE id = ?").run(new Date().toISOString(), importId);
}

/**
 * Removes the rows a running import wrote (its changes to stored customers, see customer-changes.ts,
 * transactions and customers from its pending ids on, its marks on the stored orders it superseded,
 * see pending.ts), in short transactions of at most DELETE_STEP_ROWS rows. The rows stay invisible
 * meanwhile: the import is still `running`. Synchronous; `afterStep` may not be async, so a caller that
 * must stay responsive uses `removePendingRowsStepwise`.
 */
function* deleteSteps(sqlite: Database.Database, claimed: ClaimedImport): Generator<() => number> {
  for (let removed = 1; removed > 0; ) {
    yield () => (removed = removeChangesStep(sqlite, claimed.id, DELETE_STEP_ROWS));
  }
  const deleteTransactions = sqlite.prepare(`DELETE FROM transactions WHERE id IN (SELECT id FROM transactions WHERE id >= ? ORDER BY id LIMIT ${DELETE_STEP_ROWS})`);
  const deleteAttributes = sqlite.prepare(
    `DELETE FROM customer_attributes WHERE rowid IN (SELECT rowid FROM customer_attributes WHERE customer_id >= ? LIMIT ${DELETE_STEP_ROWS})`,
  );
  const deleteCustomers = sqlite.prepare(`DELETE FROM customers WHERE id IN (SELECT id FROM customers WHERE id >= ? ORDER BY id LIMIT ${DELETE_STEP_ROWS})`);
  // Stored orders it marked as superseded are data again, once its replacing rows (which carry the same
  // order numbers) are gone: so after the transactions.
  const keepSuperseded = sqlite.prepare(
    `UPDATE transactions SET superseded_by = NULL WHERE id IN (SELECT id FROM transactions WHERE superseded_by = ? LIMIT ${DELETE_STEP_ROWS})`,
  );
  for (const [statement, from] of [
    [deleteTransactions, claimed.pendingTransactionsFrom],
    [keepSuperseded, claimed.id],
    [deleteAttributes, claimed.pendingCustomersFrom],
    [deleteCustomers, claimed.pendingCustomersFrom],
  ] as const) {
    let deleted = DELETE_STEP_ROWS;
    while (deleted === DELETE_STEP_ROWS) {
      let changes = 0;
      yield () => (changes = statement.run(from).changes);
      deleted = changes;
    }
  }
}

/** Removes a running import's rows in short transactions, letting the event loop in between. */
export async function removePendingRows(sqlite: Database.Database, claimed: ClaimedImport): Promise<void> {
  for (const step of deleteSteps(sqlite, claimed)) {
    sqlite.transaction(step).immediate();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Ends a running import: its outcome in the history (and no pending ids any more). */
export function finishImportRecord(
  sqlite: Database.Database,
  importId: number,
  outcome: { status: "committed" | "rejected" | "failed" | "interrupted"; rowsRead: number; imported: number; updated: number; duplicates: number; rejected: number; message: string },
): void {
  sqlite
    .prepare(
      "UPDATE imports SET status = ?, finished_at = ?, rows_read = ?, imported = ?, updated = ?, duplicates = ?, rejected = ?, message = ?, " +
        "pid = NULL, heartbeat_at = NULL, pending_transactions_from = NULL, pending_customers_from = NULL WHERE id = ?",
    )
    .run(outcome.status, new Date().toISOString(), outcome.rowsRead, outcome.imported, outcome.updated, outcome.duplicates, outcome.rejected, outcome.message, importId);
}

/** Who started an unfinished import, for the audit trail (rows written before `started_by` existed: by source). */
function startedBy(row: RunningRow): AuditActor {
  try {
    if (row.started_by) return JSON.parse(row.started_by) as AuditActor;
  } catch {
    // not JSON: fall through to the row's source
  }
  return { label: "unknown (started before this was recorded)", userId: null, role: null, source: "cli" };
}

/**
 * Marks every `running` import and `receiving` upload whose process is gone (or silent for
 * IMPORT_STALE_MS) `interrupted`, after removing its rows in short steps, and records each in the audit
 * trail under the person who started it (with the ending, in one transaction). Returns the ids marked.
 * Safe to run from several processes.
 * `everyRunning`: every unfinished import, alive or not (a backup's copy, where none of them can finish;
 * `audit: false` there: the import goes on in the database itself).
 */
export function recoverInterruptedImports(sqlite: Database.Database, options: { everyRunning?: boolean; message?: string; audit?: boolean } = {}): number[] {
  const running = sqlite.prepare(UNFINISHED_ROWS).all() as RunningRow[];
  const recovered: number[] = [];
  const auditDb = options.audit === false ? null : drizzle(sqlite);
  for (const row of running) {
    if (!options.everyRunning && isAlive(row)) continue;
    // Kept `running` (its rows invisible) until they are all gone; a process killed meanwhile resumes here.
    sqlite.prepare("UPDATE imports SET pid = NULL WHERE id = ? AND status = 'running'").run(row.id);
    if (row.pending_transactions_from !== null && row.pending_customers_from !== null) {
      const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
      sqlite.pragma("foreign_keys = ON"); // customers' attributes go with them
      try {
        for (const step of deleteSteps(sqlite, { id: row.id, pendingTransactionsFrom: row.pending_transactions_from, pendingCustomersFrom: row.pending_customers_from })) {
          sqlite.transaction(step).immediate();
        }
      } finally {
        sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
      }
    }
    const message = options.message ?? (row.status === "receiving" ? UPLOAD_INTERRUPTED_MESSAGE : INTERRUPTED_MESSAGE);
    sqlite
      .transaction(() => {
        const changes = sqlite
          .prepare(
            "UPDATE imports SET status = 'interrupted', finished_at = ?, rows_read = 0, imported = 0, updated = 0, duplicates = 0, rejected = 0, message = ?, " +
              "pid = NULL, heartbeat_at = NULL, pending_transactions_from = NULL, pending_customers_from = NULL WHERE id = ? AND status = ?",
          )
          .run(new Date().toISOString(), message, row.id, row.status).changes;
        // Another process may have recovered it meanwhile: one audit event per interrupted import.
        if (changes === 1 && auditDb) {
          const details = { kind: row.kind, status: "interrupted", importId: row.id, rowsRead: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0, during: row.status === "receiving" ? "upload" : "import" };
          recordAuditEvent(auditDb, startedBy(row), { action: "import", target: row.file_name, details });
        }
      })
      .immediate();
    recovered.push(row.id);
  }
  return recovered;
}
