"use client";

import { useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { setLocale } from "@/lib/actions/locale";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/config";

/** Chooses the language of the app; numbers, money and dates follow it. */
export function LanguageSwitch() {
  const t = useTranslations("nav");
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-muted-foreground">
      <span className="sr-only">{t("language")}</span>
      <select
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocale(next);
          });
        }}
        className="rounded-md border border-border bg-card px-2 py-1 text-foreground"
        aria-label={t("language")}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
