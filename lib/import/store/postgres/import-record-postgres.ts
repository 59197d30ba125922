/**
 * An import's row in the history on PostgreSQL: the twin of import-record.ts, simpler because an import writes
 * its rows in one transaction there (run-import-postgres.ts), so a stopped one leaves no rows behind.
 *
 * The `running` row is written and committed before the import's transaction begins, so the history (and every
 * app instance) shows it while the file is read. Only one import runs at a time across every instance: the row
 * is claimed inside an `immediate` transaction (an advisory lock, db/transaction.ts) that first looks for another
 * live one. Liveness is the heartbeat alone (a process id means nothing on another host): a `running` or
 * `receiving` row silent for IMPORT_STALE_MS is marked `interrupted`, with an event in the audit trail under the
 * person who started it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { imports } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { IMPORT_STALE_MS, INTERRUPTED_MESSAGE, UPLOAD_INTERRUPTED_MESSAGE, type NewImportRecord } from "../import-record";

const BUSY = "The database is busy with another import. Try again when it has finished.";

const actorOf = (by: AuditActor): AuditActor => ({ label: by.label, userId: by.userId, role: by.role, source: by.source });

/** Whether a row's last heartbeat (ISO text; none yet counts as now) is at most IMPORT_STALE_MS old. */
const heartbeatIsRecent = (heartbeatAt: string | null, now: number) => heartbeatAt === null || now - Date.parse(heartbeatAt) <= IMPORT_STALE_MS;

/** Who started an unfinished import, for the audit trail. */
const startedBy = (actor: AuditActor | null): AuditActor => actor ?? { label: "unknown (started before this was recorded)", userId: null, role: null, source: "cli" };

/**
 * Marks every `running` import and `receiving` upload whose heartbeat is older than IMPORT_STALE_MS `interrupted`
 * (its transaction ended with its connection: nothing of it is stored) and records each in the audit trail.
 * Returns the ids marked. Safe to run from several instances at once (one event per import).
 */
export async function recoverInterruptedImportsPostgres(db: KlantwaardeDatabase, now = Date.now()): Promise<number[]> {
  const unfinished = await db
    .select({ id: imports.id, kind: imports.kind, fileName: imports.fileName, status: imports.status, startedBy: imports.startedBy, heartbeatAt: imports.heartbeatAt })
    .from(imports)
    .where(inArray(imports.status, ["running", "receiving"]));
  const recovered: number[] = [];
  for (const row of unfinished) {
    if (heartbeatIsRecent(row.heartbeatAt, now)) continue;
    const message = row.status === "receiving" ? UPLOAD_INTERRUPTED_MESSAGE : INTERRUPTED_MESSAGE;
    const marked = await inTransaction(db, async (tx) => {
      const changed = await tx
        .update(imports)
        .set({ status: "interrupted", finishedAt: new Date(now).toISOString(), rowsRead: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0, message, pid: null, heartbeatAt: null })
        .where(and(eq(imports.id, row.id), eq(imports.status, row.status)))
        .returning({ id: imports.id });
      if (changed.length === 0) return false; // another instance marked it meanwhile
      const details = { kind: row.kind, status: "interrupted", importId: row.id, rowsRead: 0, imported: 0, updated: 0, duplicates: 0, rejected: 0, during: row.status === "receiving" ? "upload" : "import" };
      await recordAuditEvent(tx, startedBy(row.startedBy), { action: "import", target: row.fileName, details });
      return true;
    });
    if (marked) recovered.push(row.id);
  }
  return recovered;
}

/**
 * Writes the `running` row (or turns the upload's `receiving` row into it) and commits it, unless another import
 * is running with a recent heartbeat: then it throws, and nothing is written. Returns the import's id.
 */
export async function claimImportPostgres(db: KlantwaardeDatabase, record: NewImportRecord): Promise<number> {
  await recoverInterruptedImportsPostgres(db);
  return inTransaction(
    db,
    async (tx) => {
      const running = await tx.select({ id: imports.id }).from(imports).where(eq(imports.status, "running")).limit(1);
      if (running.length > 0) throw new Error(BUSY);
      const now = new Date().toISOString();
      const goingOn = { status: "running" as const, options: record.options, pid: process.pid, heartbeatAt: now };
      if (record.uploadId != null) {
        const upload = await tx
          .update(imports)
          .set(goingOn)
          .where(and(eq(imports.id, record.uploadId), eq(imports.status, "receiving")))
          .returning({ id: imports.id });
        if (upload[0]) return upload[0].id;
      }
      const [inserted] = await tx
        .insert(imports)
        .values({ kind: record.kind, fileName: record.fileName, source: record.by.source, startedAt: record.startedAt, finishedAt: record.startedAt, skipInvalid: record.skipInvalid, startedBy: actorOf(record.by), ...goingOn })
        .returning({ id: imports.id });
      return inserted!.id;
    },
    { behavior: "immediate" },
  );
}

/** Writes the `receiving` row of an upload that starts to arrive; `null` when the database cannot be written. */
export async function recordUploadStartPostgres(db: KlantwaardeDatabase, upload: { kind: "transactions" | "customers"; fileName: string; by: AuditActor; skipInvalid: boolean }): Promise<number | null> {
  const now = new Date().toISOString();
  try {
    const [row] = await db
      .insert(imports)
      .values({ kind: upload.kind, fileName: upload.fileName, source: upload.by.source, status: "receiving", startedAt: now, finishedAt: now, skipInvalid: upload.skipInvalid, startedBy: actorOf(upload.by), pid: process.pid, heartbeatAt: now })
      .returning({ id: imports.id });
    return row!.id;
  } catch (error) {
    console.error("[import] could not record the upload's start", error);
    return null;
  }
}

/** Ends a `receiving` row that never became an import. */
export async function finishUploadRecordPostgres(db: KlantwaardeDatabase, uploadId: number, message: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: "failed", finishedAt: new Date().toISOString(), message, pid: null, heartbeatAt: null })
    .where(and(eq(imports.id, uploadId), eq(imports.status, "receiving")));
}

/** Records that a running import or a long upload is alive (outside the import's transaction, so others see it). */
export async function heartbeatPostgres(db: KlantwaardeDatabase, importId: number): Promise<void> {
  await db.update(imports).set({ heartbeatAt: new Date().toISOString() }).where(eq(imports.id, importId));
}

/**
 * An upload that failed before its file could be read: its `receiving` row (or a new row) turns `failed`, with
 * an event in the audit trail (`details` of the import's id), in one transaction. Returns the row's id.
 */
export async function recordFailedUploadPostgres(
  db: KlantwaardeDatabase,
  request: { kind: "transactions" | "customers"; fileName: string; by: AuditActor; skipInvalid?: boolean; uploadId?: number | null },
  message: string,
  details: (importId: number) => Record<string, unknown>,
): Promise<number> {
  const startedAt = new Date().toISOString();
  return inTransaction(db, async (tx) => {
    let id = request.uploadId ?? null;
    // Inside the body, statements on `db` run on the transaction's connection (db/transaction.ts).
    if (id !== null) await finishUploadRecordPostgres(db, id, message);
    else {
      const [row] = await tx
        .insert(imports)
        .values({ kind: request.kind, fileName: request.fileName, source: request.by.source, status: "failed", startedAt, finishedAt: startedAt, skipInvalid: request.skipInvalid ?? false, message })
        .returning({ id: imports.id });
      id = row!.id;
    }
    await recordAuditEvent(tx, request.by, { action: "import", target: request.fileName, details: details(id) });
    return id;
  });
}
