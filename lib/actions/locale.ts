"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

const localeSchema = z.enum(LOCALES);

/** Switches the language of the app for this browser (a year-long cookie). */
export async function setLocale(locale: string): Promise<{ ok: boolean; message?: string }> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return { ok: false, message: `Unknown language "${locale}". Choose one of: ${LOCALES.join(", ")}.` };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: false });
  revalidatePath("/", "layout");
  return { ok: true };
}
