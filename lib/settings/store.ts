import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { settings as settingsTable } from "@/db/schema";
import { changedFields, type AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { settingsFromDocument, validateSettings, type Settings } from "./schema";

/** The current settings (the defaults until someone saves them). */
export function getSettings(db: KlantwaardeDatabase = getDb()): Settings {
  const row = db.select({ document: settingsTable.document }).from(settingsTable).where(eq(settingsTable.id, 1)).get();
  return settingsFromDocument(row?.document ?? null);
}

/** When the settings were last saved (ISO timestamp), or null while they are the defaults. */
export function getSettingsUpdatedAt(db: KlantwaardeDatabase = getDb()): string | null {
  return db.select({ updatedAt: settingsTable.updatedAt }).from(settingsTable).where(eq(settingsTable.id, 1)).get()?.updatedAt ?? null;
}

/** Validates and stores the settings; throws when they are invalid (the form validates first). */
export function saveSettings(settings: Settings, db: KlantwaardeDatabase = getDb(), by?: AuditActor): Settings {
  const result = validateSettings(settings);
  if (!result.ok) throw new Error(`Invalid settings: ${Object.entries(result.errors).map(([path, messages]) => `${path}: ${messages.join(" ")}`).join("; ")}`);
  const document = result.settings;
  const updatedAt = new Date().toISOString();
  db.transaction((tx) => {
    const before = by ? getSettings(tx as unknown as KlantwaardeDatabase) : null;
    tx.insert(settingsTable)
      .values({ id: 1, document, updatedAt })
      .onConflictDoUpdate({ target: settingsTable.id, set: { document, updatedAt } })
      .run();
    // With `by` (a person changed them) the change and its audit record are written together.
    if (by && before) recordAuditEvent(tx, by, { action: "settingsChanged", details: { changed: changedFields(before, document) } });
  });
  return result.settings;
}
