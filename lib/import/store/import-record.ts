/**
 * An import's row in the history, written before its first data row: `running` in a short transaction
 * of its own (with the process id and the first transaction and customer ids it will write), so a
 * process killed halfway (kill -9, a power cut) still leaves a trace. The next import or the next server
 * start finds a `running` row whose process is gone, removes its rows in short steps and marks it
 * `interrupted` (`recoverInterruptedImports`).
 */
import type Database from "better-sqlite3";

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

export interface NewImportRecord {
  kind: "transactions" | "customers";
  fileName: string;
  source: "browser" | "cli";
  startedAt: string;
  skipInvalid: boolean;
  options: Record<string, unknown>;
}

interface RunningRow {
  id: number;
  pid: number | null;
  heartbeat_at: string | null;
  pending_transactions_from: number | null;
  pending_customers_from: number | null;
}

/** Whether a process with this id exists on this machine. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isAlive(row: RunningRow, now = Date.now()): boolean {
  if (row.pid === null) return false;
  if (row.heartbeat_at && now - Date.parse(row.heartbeat_at) > IMPORT_STALE_MS) return false;
  return processIsAlive(row.pid);
}

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
    const running = sqlite.prepare("SELECT id, pid, heartbeat_at, pending_transactions_from, pending_customers_from FROM imports WHERE status = 'running'").all() as RunningRow[];
    if (running.some((row) => isAlive(row) || row.pending_transactions_from !== null)) {
      // A live import, or a dead one whose rows are still being removed.
      throw new Error("The database is busy with another import. Try again when it has finished.");
    }
    const claimed = { pendingTransactionsFrom: nextId(sqlite, "transactions"), pendingCustomersFrom: nextId(sqlite, "customers") };
    const id = sqlite
      .prepare(
        "INSERT INTO imports (kind, file_name, source, status, started_at, finished_at, skip_invalid, options, pid, heartbeat_at, pending_transactions_from, pending_customers_from) " +
          "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      )
      .pluck()
      .get(
        record.kind,
        record.fileName,
        record.source,
        record.startedAt,
        record.startedAt,
        record.skipInvalid ? 1 : 0,
        JSON.stringify(record.options),
        process.pid,
        new Date().toISOString(),
        claimed.pendingTransactionsFrom,
        claimed.pendingCustomersFrom,
      ) as number;
    sqlite.exec("COMMIT");
    return { id, ...claimed };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}

/** Records that the running import is alive (inside one of its steps). */
export function heartbeat(sqlite: Database.Database, importId: number): void {
  sqlite.prepare("UPDATE imports SET heartbeat_at = ? WHERE id = ?").run(new Date().toISOString(), importId);
}

/**
 * Removes the rows a running import wrote (transactions and customers from its pending ids on), in
 * short transactions of at most DELETE_STEP_ROWS rows. The rows stay invisible meanwhile: the import is
 * still `running`. Synchronous; `afterStep` may not be async, so a caller that must stay responsive
 * uses `removePendingRowsStepwise`.
 */
function* deleteSteps(sqlite: Database.Database, claimed: Pick<ClaimedImport, "pendingTransactionsFrom" | "pendingCustomersFrom">): Generator<() => number> {
  const deleteTransactions = sqlite.prepare(`DELETE FROM transactions WHERE id IN (SELECT id FROM transactions WHERE id >= ? ORDER BY id LIMIT ${DELETE_STEP_ROWS})`);
  const deleteAttributes = sqlite.prepare(
    `DELETE FROM customer_attributes WHERE rowid IN (SELECT rowid FROM customer_attributes WHERE customer_id >= ? LIMIT ${DELETE_STEP_ROWS})`,
  );
  const deleteCustomers = sqlite.prepare(`DELETE FROM customers WHERE id IN (SELECT id FROM customers WHERE id >= ? ORDER BY id LIMIT ${DELETE_STEP_ROWS})`);
  for (const [statement, from] of [
    [deleteTransactions, claimed.pendingTransactionsFrom],
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
export async function removePendingRows(sqlite: Database.Database, claimed: Pick<ClaimedImport, "pendingTransactionsFrom" | "pendingCustomersFrom">): Promise<void> {
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

/**
 * Marks every `running` import whose process is gone (or silent for IMPORT_STALE_MS) `interrupted`,
 * after removing its rows in short steps. Returns the ids marked. Safe to run from several processes.
 * `everyRunning`: every running import, alive or not (a backup's copy, where none of them can finish).
 */
export function recoverInterruptedImports(sqlite: Database.Database, options: { everyRunning?: boolean; message?: string } = {}): number[] {
  const running = sqlite.prepare("SELECT id, pid, heartbeat_at, pending_transactions_from, pending_customers_from FROM imports WHERE status = 'running'").all() as RunningRow[];
  const recovered: number[] = [];
  for (const row of running) {
    if (!options.everyRunning && isAlive(row)) continue;
    // Kept `running` (its rows invisible) until they are all gone; a process killed meanwhile resumes here.
    sqlite.prepare("UPDATE imports SET pid = NULL WHERE id = ? AND status = 'running'").run(row.id);
    if (row.pending_transactions_from !== null && row.pending_customers_from !== null) {
      const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
      sqlite.pragma("foreign_keys = ON"); // customers' attributes go with them
      try {
        for (const step of deleteSteps(sqlite, { pendingTransactionsFrom: row.pending_transactions_from, pendingCustomersFrom: row.pending_customers_from })) {
          sqlite.transaction(step).immediate();
        }
      } finally {
        sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
      }
    }
    sqlite.transaction(() => finishImportRecord(sqlite, row.id, { status: "interrupted", rowsRead: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0, message: options.message ?? INTERRUPTED_MESSAGE })).immediate();
    recovered.push(row.id);
  }
  return recovered;
}
