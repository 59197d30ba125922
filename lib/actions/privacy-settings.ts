"use server";

import "@/lib/security/zod-jitless"; // before any schema: no eval under the CSP
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { userActor } from "@/lib/audit/events";
import { authorize, AuthError } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { PERSONAL_DATA_AUDIENCES, type PersonalDataAudience } from "@/lib/privacy/masking";
import { getPrivacySettings, savePersonalDataAudience } from "@/lib/privacy/masking-settings";

const privacyForm = z.object({ personalDataAudience: z.enum(PERSONAL_DATA_AUDIENCES) });

export interface PrivacySettingsFormState {
  /** Field errors (`personalDataAudience`). */
  errors: { personalDataAudience?: string[] };
  message: string | null;
  /** The stored value after a successful save (the form shows it as chosen). */
  saved: PersonalDataAudience | null;
}

/**
 * Saves who sees customers' names and e-mail addresses (admins only: permission `personalData`, so an analyst
 * cannot unmask themselves). Not a model setting: no snapshot changes and no recompute is asked for.
 */
export async function savePrivacySettingsAction(_previous: PrivacySettingsFormState, formData: FormData): Promise<PrivacySettingsFormState> {
  const t = await getTranslations("privacy.setting");
  let user;
  try {
    user = await authorize("personalData");
  } catch (error) {
    if (error instanceof AuthError) return { errors: {}, message: t(error.status === 401 ? "notSignedIn" : "notAllowed"), saved: null };
    throw error;
  }
  const parsed = privacyForm.safeParse({ personalDataAudience: formData.get("personalDataAudience") });
  if (!parsed.success) return { errors: { personalDataAudience: [t("invalid")] }, message: t("invalid"), saved: null };
  const audience = parsed.data.personalDataAudience;
  try {
    if ((await getPrivacySettings()).personalDataAudience === audience) return { errors: {}, message: t("unchanged"), saved: audience };
    await savePersonalDataAudience(audience, getDb(), userActor(user));
  } catch (error) {
    console.error("[privacy] saving the privacy setting failed", error);
    return { errors: {}, message: t("failed"), saved: null };
  }
  // Every page may show names: drop what the router remembered of all of them.
  revalidatePath("/", "layout");
  return { errors: {}, message: t("saved", { audience: t(`audiences.${audience}`) }), saved: audience };
}
