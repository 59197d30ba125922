/**
 * The history row of a browser upload while its file arrives (`receiving`), on either engine: written when the
 * first byte comes, kept alive while the body arrives, ended as failed when the upload breaks off. The import
 * itself then goes on in the same row (run-import.ts). SQLite: import-record.ts; PostgreSQL:
 * postgres/import-record-postgres.ts.
 */
import type { OpenedDatabase } from "@/db/client";
import type { AuditActor } from "@/lib/audit/events";
import { finishUploadRecord, heartbeat, recordUploadStart } from "./import-record";
import { finishUploadRecordPostgres, heartbeatPostgres, recordUploadStartPostgres } from "./postgres/import-record-postgres";

/** Writes the `receiving` row; `null` when the database cannot be written (the upload goes on without a trace). */
export async function recordUploadStarted(database: OpenedDatabase, upload: { kind: "transactions" | "customers"; fileName: string; by: AuditActor; skipInvalid: boolean }): Promise<number | null> {
  return database.engine === "postgres" ? recordUploadStartPostgres(database.db, upload) : recordUploadStart(database.sqlite, upload);
}

/** Records that a long upload is alive. */
export async function uploadIsAlive(database: OpenedDatabase, uploadId: number): Promise<void> {
  if (database.engine === "postgres") await heartbeatPostgres(database.db, uploadId);
  else heartbeat(database.sqlite, uploadId);
}

/** Ends a `receiving` row that never became an import, with `message` in the history. */
export async function uploadEnded(database: OpenedDatabase, uploadId: number, message: string): Promise<void> {
  if (database.engine === "postgres") await finishUploadRecordPostgres(database.db, uploadId, message);
  else finishUploadRecord(database.sqlite, uploadId, message);
}
