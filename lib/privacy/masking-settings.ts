import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { privacySettings } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { DEFAULT_PERSONAL_DATA_AUDIENCE, isPersonalDataAudience, type PersonalDataAudience } from "./masking";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/**
 * The stored privacy setting (table `privacy_settings`, one row). Read from the database on every request
 * (one primary-key look-up), never remembered in memory: a change by an admin in one process (or a restore by
 * the command line) holds at once for every process.
 */
export interface PrivacySettings {
  /** The lowest role that sees customers' names and e-mail addresses (admins always do). */
  personalDataAudience: PersonalDataAudience;
  /** When it was last changed (ISO timestamp), or null while it is the default. */
  updatedAt: string | null;
}

/** The privacy setting (the default, "everyone", until an admin changes it). */
export async function getPrivacySettings(db: KlantwaardeDatabase = getDb()): Promise<PrivacySettings> {
  try {
    const row = await firstRow(db.select().from(privacySettings).where(eq(privacySettings.id, 1)).limit(1));
    const audience = row?.personalDataAudience;
    return { personalDataAudience: isPersonalDataAudience(audience) ? audience : DEFAULT_PERSONAL_DATA_AUDIENCE, updatedAt: row?.updatedAt ?? null };
  } catch (error) {
    console.error("[privacy] reading the privacy setting failed", error);
    throw new Error("Could not read the privacy setting from the database.");
  }
}

/**
 * Stores who sees customers' names and e-mail addresses. Changes no snapshot and asks for no recompute.
 * With `by` (a person changed it) the change and its audit record are written together.
 */
export async function savePersonalDataAudience(audience: PersonalDataAudience, db: KlantwaardeDatabase = getDb(), by?: AuditActor): Promise<PrivacySettings> {
  if (!isPersonalDataAudience(audience)) throw new Error(`Unknown personal data audience: ${String(audience)}`);
  const updatedAt = new Date().toISOString();
  await inTransaction(db, async (tx) => {
    const before = (await firstRow(tx.select({ audience: privacySettings.personalDataAudience }).from(privacySettings).where(eq(privacySettings.id, 1)).limit(1)))?.audience ?? DEFAULT_PERSONAL_DATA_AUDIENCE;
    await tx.insert(privacySettings)
      .values({ id: 1, personalDataAudience: audience, updatedAt })
      .onConflictDoUpdate({ target: privacySettings.id, set: { personalDataAudience: audience, updatedAt } });
    if (by) await recordAuditEvent(tx, by, { action: "privacySettingChanged", details: { from: before, to: audience } });
  });
  return { personalDataAudience: audience, updatedAt };
}
