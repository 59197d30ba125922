import { getTranslations } from "next-intl/server";

/**
 * The one quiet line a view shows when the privacy setting hides names and e-mail addresses from the reader
 * (lib/privacy/masking.ts): why customers appear by number, and that search finds numbers only (`search`).
 */
export async function NamesHiddenNote({ search = true, className = "" }: { search?: boolean; className?: string }) {
  const t = await getTranslations("privacy.masking");
  return (
    <p className={`text-xs text-muted-foreground ${className}`} data-names-hidden>
      <span aria-hidden="true">🔒 </span>
      {t(search ? "namesHidden" : "namesHiddenShort")}
    </p>
  );
}
