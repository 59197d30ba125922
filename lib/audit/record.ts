import os from "node:os";
import { openDatabase, type KlantwaardeDatabase } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditEventRow, commandLineActor, type AuditActor, type AuditEvent } from "./events";

/**
 * Appends one event to the audit trail. Callers that change data pass their transaction (`tx`), so the
 * change and its record are written together or not at all.
 */
export function recordAuditEvent(db: Pick<KlantwaardeDatabase, "insert">, actor: AuditActor, event: AuditEvent): void {
  db.insert(auditEvents).values(auditEventRow(actor, event)).run();
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
export function recordAuditEventInFile(filePath: string, actor: AuditActor, event: AuditEvent): void {
  const database = openDatabase(filePath);
  try {
    recordAuditEvent(database.db, actor, event);
  } finally {
    database.close();
  }
}

