"use server";

import { revalidatePath } from "next/cache";
import { requestRecompute } from "@/lib/scoring/request";
import { settingsFromFormData } from "@/lib/settings/form";
import { validateSettings, type SettingsErrors } from "@/lib/settings/schema";
import { getSettings, saveSettings } from "@/lib/settings/store";

export interface SettingsFormState {
  /** Field errors by path (`horizonMonths`, `tiers`, `quadrants.labels.high-long.name`). */
  errors: SettingsErrors;
  message: string | null;
  /** Set on success; a new value each time, so the page knows a recompute was asked for. */
  savedAt: string | null;
}

/** Saves the settings from the form and, when they changed, asks for a new snapshot in the background. */
export async function saveSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const result = validateSettings(settingsFromFormData(formData));
  if (!result.ok) {
    return { errors: result.errors, message: "The settings were not saved: correct the fields marked below.", savedAt: null };
  }
  try {
    const unchanged = JSON.stringify(getSettings()) === JSON.stringify(result.settings);
    if (unchanged) return { errors: {}, message: "Nothing changed: the figures stay as they are.", savedAt: null };
    saveSettings(result.settings);
    const request = requestRecompute({ reason: "settings changed" });
    revalidatePath("/settings");
    return {
      errors: {},
      message: request.requested
        ? "Settings saved. The figures are being recomputed in the background."
        : "Settings saved, but the recompute could not be started; use “Recompute now”.",
      savedAt: new Date().toISOString(),
    };
  } catch (error) {
    console.error("[settings] saving failed", error);
    return { errors: {}, message: "The settings could not be saved. Try again in a moment.", savedAt: null };
  }
}

export interface RecomputeActionState {
  message: string | null;
}

/** "Recompute now": a new snapshot even when data and settings are unchanged. */
export async function recomputeNowAction(_previous: RecomputeActionState, _formData: FormData): Promise<RecomputeActionState> {
  const request = requestRecompute({ reason: "recompute requested on the settings page", force: true });
  revalidatePath("/settings");
  return { message: request.requested ? "Recompute requested." : "The recompute could not be started; see the server log." };
}
