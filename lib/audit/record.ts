import os from "node:os";
import { openDatabase, type KlantwaardeDatabase, type SqliteSyncDatabase } from "@/db/client";
import type { KlantwaardeTransaction } from "@/db/transaction";
import { engineOf } from "@/db/engine";
import { auditEvents } from "@/db/schema";
import { auditEventRow, commandLineActor, type AuditActor, type AuditEvent } from "./events";

/**
 * Appends one event to the audit trail. Callers that change data pass their transaction (`tx`), so the
 * change and its record are written together or not at all. On the synchronous SQLite database (inside the
 * import's own SQLite transactions) it writes at once; otherwise it returns the promise to await.
 */
export function recordAuditEvent(db: SqliteSyncDatabase | Pick<SqliteSyncDatabase, "insert">, actor: AuditActor, event: AuditEvent): void;
export function recordAuditEvent(db: KlantwaardeDatabase | KlantwaardeTransaction, actor: AuditActor, event: AuditEvent): Promise<void>;
export function recordAuditEvent(db: SqliteSyncDatabase | Pick<SqliteSyncDatabase, "insert"> | KlantwaardeDatabase | KlantwaardeTransaction, actor: AuditActor, event: AuditEvent): void | Promise<void> {
  const insert = (db as Pick<SqliteSyncDatabase, "insert">).insert(auditEvents).values(auditEventRow(actor, event));
  // PostgreSQL's builders have no .run(): awaiting the builder runs it.
  if (engineOf(db) === "postgres") return Promise.resolve(insert as unknown as PromiseLike<unknown>).then(() => undefined);
  // The one place that runs a builder with .run(): it serves both the synchronous and the asynchronous SQLite database.
  const written = insert.run() as unknown;
  if (written instanceof Promise) return written.then(() => undefined);
}

/** The person at this server's command line (the operating-system login). */
export function currentCommandLineActor(): AuditActor {
  let login = process.env.USER ?? process.env.USERNAME ?? "";
  try {
    login = os.userInfo().username || login;
  } catch {
    // no passwd entry (some containers): the environment's name is the best there is
  }
  return commandLineActor(login);
}

/** Records an event in the database file at `filePath` (the command line's backup and restore). */
export async function recordAuditEventInFile(filePath: string, actor: AuditActor, event: AuditEvent): Promise<void> {
  const database = openDatabase(filePath);
  try {
    await recordAuditEvent(database.db, actor, event);
  } finally {
    database.close();
  }
}

