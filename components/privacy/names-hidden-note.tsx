import { getTranslations } from "next-intl/server";

/**
 * The one quiet line a view shows when the privacy setting hides names and e-mail addresses from the reader
 * (lib/privacy/masking.ts): why customers appear by number, and that search finds numbers only (`search`).
 */
export async function NamesHiddenNote({ search = true, className = "" }: { search?: boolean; className?: string }) {
  const t = await getTranslations("privacy.masking");
  return (
    <p className={`flex items-start gap-1.5 text-xs text-muted-foreground ${className}`} data-names-hidden>
      {/* A padlock drawn inline: emoji fonts are missing on some machines (and in the PDF report's browser). */}
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-px size-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="3" y="7" width="10" height="7" rx="1.5" />
        <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
      </svg>
      <span>{t(search ? "namesHidden" : "namesHiddenShort")}</span>
    </p>
  );
}
