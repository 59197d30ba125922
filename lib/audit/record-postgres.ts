import type { PostgresTarget } from "@/db/database-url";
import { openPostgresDatabase } from "@/db/pg/connect";
import { auditEventRow, type AuditActor, type AuditEvent } from "./events";

/**
 * Records an event in the PostgreSQL database of `target`: the command line's backup and restore there (the
 * server's own events go through `recordAuditEvent` once the data layer runs on PostgreSQL, issue #20).
 */
export async function recordAuditEventInPostgres(target: PostgresTarget, actor: AuditActor, event: AuditEvent): Promise<void> {
  const database = await openPostgresDatabase(target, { migrate: false });
  try {
    await database.db.insert(database.tables.auditEvents).values(auditEventRow(actor, event));
  } finally {
    await database.close();
  }
}
