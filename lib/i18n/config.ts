/**
 * The languages of the app. The choice is kept in a cookie (not in the URL: it is a person's
 * preference, and a link shared in a meeting should open in the reader's own language).
 */
export const LOCALES = ["en", "nl"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Names of the languages in their own language, for the switch. */
export const LOCALE_NAMES: Record<AppLocale, string> = { en: "English", nl: "Nederlands" };

/** The regional format used for numbers, money and dates: British English and Dutch (Netherlands). */
export const FORMAT_LOCALES: Record<AppLocale, string> = { en: "en-GB", nl: "nl-NL" };

export function isAppLocale(value: string | undefined | null): value is AppLocale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}
