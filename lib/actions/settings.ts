"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { userActor, type AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { authorize, AuthError } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { requestRecompute } from "@/lib/recompute/request";
import { settingsFromFormData } from "@/lib/settings/form";
import { validateSettings, type SettingsErrors } from "@/lib/settings/schema";
import { getSettings, saveSettings } from "@/lib/settings/store";
import { validationMessageKey } from "@/lib/settings/validation-messages";

/** The schema's English field errors in the reader's language (unknown messages stay as they are). */
async function translateErrors(errors: SettingsErrors): Promise<SettingsErrors> {
  const t = await getTranslations("settings.validation");
  return Object.fromEntries(
    Object.entries(errors).map(([path, messages]) => [
      path,
      messages.map((message) => {
        const known = validationMessageKey(message);
        return known ? t(known.key, known.values) : message;
      }),
    ]),
  );
}

/** Why a signed-out (401) or viewer (403) request was refused, in the reader's language. */
async function refusalMessage(status: 401 | 403): Promise<string> {
  const t = await getTranslations("auth.errors");
  return t(status === 401 ? "notSignedIn" : "notAllowed");
}

/** The acting user as an audit actor, or the 401/403 refusal. */
async function actorWith(permission: Permission): Promise<AuditActor | AuthError> {
  try {
    return userActor(await authorize(permission));
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
}

export interface SettingsFormState {
  /** Field errors by path (`horizonMonths`, `tiers`, `quadrants.labels.high-long.name`). */
  errors: SettingsErrors;
  message: string | null;
  /** Set on success; a new value each time, so the page knows a recompute was asked for. */
  savedAt: string | null;
}

/** Saves the settings from the form and, when they changed, asks for a new snapshot in the background. */
export async function saveSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const t = await getTranslations("settings.actions");
  const by = await actorWith("settings");
  if (by instanceof AuthError) return { errors: {}, message: await refusalMessage(by.status), savedAt: null };
  const result = validateSettings(settingsFromFormData(formData));
  if (!result.ok) {
    return { errors: await translateErrors(result.errors), message: t("notSaved"), savedAt: null };
  }
  try {
    const unchanged = JSON.stringify(await getSettings()) === JSON.stringify(result.settings);
    if (unchanged) return { errors: {}, message: t("unchanged"), savedAt: null };
    await saveSettings(result.settings, getDb(), by);
    const request = await requestRecompute({ reason: "settings changed" });
    revalidatePath("/settings");
    return {
      errors: {},
      message: request.requested ? t("savedRecomputing") : t("savedNoRecompute"),
      savedAt: new Date().toISOString(),
    };
  } catch (error) {
    console.error("[settings] saving failed", error);
    return { errors: {}, message: t("saveFailed"), savedAt: null };
  }
}

export interface RecomputeActionState {
  message: string | null;
}

/** "Recompute now": a new snapshot even when data and settings are unchanged. */
export async function recomputeNowAction(_previous: RecomputeActionState, _formData: FormData): Promise<RecomputeActionState> {
  const by = await actorWith("recompute");
  if (by instanceof AuthError) return { message: await refusalMessage(by.status) };
  const t = await getTranslations("settings.actions");
  const request = await requestRecompute({ reason: "recompute requested on the settings page", force: true });
  await recordAuditEvent(getDb(), by, { action: "recompute", details: { requested: request.requested, reason: "recompute requested on the settings page" } });
  revalidatePath("/settings");
  return { message: request.requested ? t("recomputeRequested") : t("recomputeFailed") };
}
