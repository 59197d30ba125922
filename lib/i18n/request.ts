import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isAppLocale, type AppLocale } from "./config";

const catalogues: Record<AppLocale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import("./messages/en"),
  nl: () => import("./messages/nl"),
};

/** The language of each request, from the locale cookie (see lib/actions/locale.ts). */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isAppLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
  return {
    locale,
    messages: (await catalogues[locale]()).default,
    timeZone: "Europe/Amsterdam",
  };
});
