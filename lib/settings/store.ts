import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { settings as settingsTable } from "@/db/schema";
import { changedFields, type AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { settingsFromDocument, validateSettings, type Settings } from "./schema";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/** The current settings (the defaults until someone saves them). */
export async function getSettings(db: KlantwaardeDatabase = getDb()): Promise<Settings> {
  const row = await firstRow(db.select({ document: settingsTable.document }).from(settingsTable).where(eq(settingsTable.id, 1)).limit(1));
  return settingsFromDocument(row?.document ?? null);
}

/** When the settings were last saved (ISO timestamp), or null while they are the defaults. */
export async function getSettingsUpdatedAt(db: KlantwaardeDatabase = getDb()): Promise<string | null> {
  return (await firstRow(db.select({ updatedAt: settingsTable.updatedAt }).from(settingsTable).where(eq(settingsTable.id, 1)).limit(1)))?.updatedAt ?? null;
}

/** Validates and stores the settings; throws when they are invalid (the form validates first). */
export async function saveSettings(settings: Settings, db: KlantwaardeDatabase = getDb(), by?: AuditActor): Promise<Settings> {
  const result = validateSettings(settings);
  if (!result.ok) throw new Error(`Invalid settings: ${Object.entries(result.errors).map(([path, messages]) => `${path}: ${messages.join(" ")}`).join("; ")}`);
  const document = result.settings;
  const updatedAt = new Date().toISOString();
  await inTransaction(db, async (tx) => {
    const before = by ? await getSettings(tx as unknown as KlantwaardeDatabase) : null;
    await tx.insert(settingsTable)
      .values({ id: 1, document, updatedAt })
      .onConflictDoUpdate({ target: settingsTable.id, set: { document, updatedAt } });
    // With `by` (a person changed them) the change and its audit record are written together.
    if (by && before) await recordAuditEvent(tx, by, { action: "settingsChanged", details: { changed: changedFields(before, document) } });
  });
  return result.settings;
}
