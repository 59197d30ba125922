import "server-only";
import { getLocale } from "next-intl/server";
import { FORMAT_LOCALES, isAppLocale, DEFAULT_LOCALE } from "./config";

/** The regional format (en-GB, nl-NL) of the current request, for the helpers in lib/format.ts. */
export async function getFormatLocale(): Promise<string> {
  const locale = await getLocale();
  return FORMAT_LOCALES[isAppLocale(locale) ? locale : DEFAULT_LOCALE];
}
