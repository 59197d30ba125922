/**
 * An import's row in the history on PostgreSQL: the twin of import-record.ts, simpler because an import writes
 * its rows in one transaction there (run-import-postgres.ts), so a stopped one leaves no rows behind.
 *
 * The `running` row is written and committed before the import's transaction begins, so the history (and every
 * app instance) shows it while the file is read. Only one import runs at a time across every instance, and a
 * stopped one is known at once, on any host: a running import holds a session-level advisory lock of the schema
 * on a connection of its own for as long as it runs (`claimImportPostgres`). PostgreSQL releases it when that
 * connection ends, so when an import stops without finishing (kill -9, a crash, a lost network) the lock is free
 * while its row still says `running`. The next import takes the lock, marks every such row `interrupted` (nothing
 * of it is stored: its transaction ended with its connection) and goes on. A process id would mean nothing on
 * another host. An upload's `receiving` row holds no lock; it is taken for stopped when its heartbeat is
 * IMPORT_STALE_MS old. Each row marked is recorded in the audit trail under the person who started it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { postgresPoolOf } from "@/db/pg/query-database";
import { imports } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { IMPORT_STALE_MS, INTERRUPTED_MESSAGE, UPLOAD_INTERRUPTED_MESSAGE, type NewImportRecord } from "../import-record";

const BUSY = "The database is busy with another import. Try again when it has finished.";

const actorOf = (by: AuditActor): AuditActor => ({ label: by.label, userId: by.userId, role: by.role, source: by.source });

/** SQL text: the key of the advisory lock a running import holds (one per schema: the connections' search path names it). */
export const IMPORT_LOCK = "hashtext('klantwaarde import ' || current_schema())";

/** Whether a row's last heartbeat (ISO text; none yet counts as now) is at most IMPORT_STALE_MS old. */
const heartbeatIsRecent = (heartbeatAt: string | null, now: number) => heartbeatAt === null || now - Date.parse(heartbeatAt) <= IMPORT_STALE_MS;

/** Who started an unfinished import, for the audit trail. */
const startedBy = (actor: AuditActor | null): AuditActor => actor ?? { label: "unknown (started before this was recorded)", userId: null, role: null, source: "cli" };

/**
 * Marks stopped imports `interrupted` and records each in the audit trail: every `running` row when
 * `importLockHeld` (the caller holds the import lock, so no import is running; without the lock only rows whose
 * heartbeat is IMPORT_STALE_MS old), and every `receiving` upload whose heartbeat is that old. Nothing of them is
 * stored: an import's transaction ended with its connection. Returns the ids marked. Safe to run from several
 * instances at once (one event per import).
 */
export async function recoverInterruptedImportsPostgres(db: KlantwaardeDatabase, { importLockHeld = false, now = Date.now() } = {}): Promise<number[]> {
  const unfinished = await db
    .select({ id: imports.id, kind: imports.kind, fileName: imports.fileName, status: imports.status, startedBy: imports.startedBy, heartbeatAt: imports.heartbeatAt })
    .from(imports)
    .where(inArray(imports.status, ["running", "receiving"]));
  const recovered: number[] = [];
  for (const row of unfinished) {
    if (!(row.status === "running" && importLockHeld) && heartbeatIsRecent(row.heartbeatAt, now)) continue;
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

/** A claimed import: its history row, and the import lock to let go of when it has ended (whatever its outcome). */
export interface ClaimedPostgresImport {
  id: number;
  release(): Promise<void>;
}

/**
 * Takes the import lock on a connection of its own (another import holds it: throws, and nothing is written),
 * marks the imports that stopped without finishing `interrupted`, and writes the `running` row (or turns the
 * upload's `receiving` row into it) and commits it. Keep the claim until the import has ended, then `release` it.
 */
export async function claimImportPostgres(db: KlantwaardeDatabase, record: NewImportRecord): Promise<ClaimedPostgresImport> {
  const pool = postgresPoolOf(db)!;
  await pool.ready;
  const holder = await pool.connect();
  let released = false;
  const release = async (error?: Error) => {
    if (released) return;
    released = true;
    try {
      if (!error) await holder.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK})`);
    } finally {
      holder.release(error);
    }
  };
  try {
    const [lock] = (await holder.query<{ taken: boolean }>(`SELECT pg_try_advisory_lock(${IMPORT_LOCK}) AS taken`)).rows;
    if (!lock?.taken) {
      await release();
      throw new Error(BUSY);
    }
    await recoverInterruptedImportsPostgres(db, { importLockHeld: true });
    const id = await inTransaction(db, async (tx) => {
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
    });
    return { id, release: () => release() };
  } catch (error) {
    if (!released) await release(error instanceof Error && error.message !== BUSY ? error : undefined).catch(() => undefined);
    throw error;
  }
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
