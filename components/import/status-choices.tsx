"use client";

import { useTranslations } from "next-intl";
import type { SniffResult, StatusValue } from "@/lib/import/read/sniff";

/**
 * The status column's values with a "counts as a purchase" box each, ticked by the rules (paid, betaald,
 * voltooid...) until the user chooses; an unknown value is named until it is decided. Choosing makes the
 * ticked statuses the only ones that count (`countStatuses`).
 */
export function StatusChoices({ sniff, chosen, onChange }: { sniff: SniffResult; chosen: boolean; onChange: (countStatuses: string[]) => void }) {
  const t = useTranslations("import.statuses");
  const values = sniff.statusValues;
  if (!values || values.length === 0) return null;
  const column = sniff.header[sniff.mapping.status ?? -1]?.trim() ?? "";
  const unknown = chosen ? [] : values.filter((value) => !value.known);
  const toggle = (changed: StatusValue, counts: boolean) => onChange(values.filter((value) => (value === changed ? counts : value.counts)).map((value) => value.status));

  return (
    <fieldset className="rounded-lg border border-border px-4 py-3" data-status-choices>
      <legend className="px-1 text-sm font-semibold">{t("title")}</legend>
      <p className="text-sm text-muted-foreground">{t("help", { column: `'${column}'` })}</p>
      <ul className="mt-3 grid gap-x-6 gap-y-1.5 sm:grid-cols-2">
        {values.map((value) => (
          <li key={value.status}>
            <label className="flex items-baseline gap-2 text-sm">
              <input
                type="checkbox"
                className="translate-y-0.5"
                checked={value.counts}
                onChange={(event) => toggle(value, event.target.checked)}
                aria-describedby={value.known || chosen ? undefined : "import-status-unknown"}
              />
              <span className="font-medium">{value.status === "" ? t("empty") : value.status}</span>
              <span className="sr-only">{t("counts")}</span>
              <span className="tabular-nums text-muted-foreground">{t("rows", { count: value.rows })}</span>
              {!value.known && !chosen ? <span className="rounded bg-warning/15 px-1.5 text-xs text-warning">{t("unknown")}</span> : null}
            </label>
          </li>
        ))}
      </ul>
      {unknown.length > 0 ? (
        <p id="import-status-unknown" className="mt-3 text-sm text-danger">
          {t("decide", { values: unknown.map((value) => `'${value.status}'`).join(", "), count: unknown.length })}
        </p>
      ) : chosen ? (
        <p className="mt-3 text-sm text-muted-foreground">{t("chosen")}</p>
      ) : null}
    </fieldset>
  );
}
