"use client";

import { useTranslations } from "next-intl";
import type { ImportKind } from "@/lib/import/read/fields";
import { primaryButton, secondaryButton } from "./button-styles";

/** The choice between all-or-nothing and skipping invalid rows, and the button that starts the import. */
export function ImportActions({
  kind,
  blocked,
  skipInvalid,
  onSkipInvalidChange,
  onImport,
  onReset,
}: {
  kind: ImportKind;
  /** Why the import cannot start yet, or `null`. */
  blocked: string | null;
  skipInvalid: boolean;
  onSkipInvalidChange: (skip: boolean) => void;
  onImport: () => void;
  onReset: () => void;
}) {
  const t = useTranslations("import.actions");
  return (
    <div className="space-y-4">
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-1" checked={skipInvalid} onChange={(event) => onSkipInvalidChange(event.target.checked)} />
        <span>
          <span className="font-medium">{t("skipInvalid")}</span>
          <span className="block text-muted-foreground">{t("skipInvalidHint")}</span>
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={primaryButton} disabled={blocked !== null} aria-describedby={blocked ? "import-blocked" : undefined} onClick={onImport}>
          {kind === "transactions" ? t("importTransactions") : t("importCustomers")}
        </button>
        <button type="button" className={secondaryButton} onClick={onReset}>
          {t("chooseAnother")}
        </button>
      </div>
      {blocked ? (
        <p id="import-blocked" className="text-sm text-danger">
          {blocked}
        </p>
      ) : null}
    </div>
  );
}
