"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { ImportKind } from "@/lib/import/read/fields";

const KINDS = [
  { kind: "transactions", label: "transactions", description: "transactionsDescription" },
  { kind: "customers", label: "customers", description: "customersDescription" },
] as const satisfies readonly { kind: ImportKind; label: string; description: string }[];

/** Which kind of file this is; `guessed` says the choice came from the column names. */
export function KindPicker({ value, guessed, onChange }: { value: ImportKind | null; guessed: boolean; onChange: (kind: ImportKind) => void }) {
  const t = useTranslations("import.kind");
  return (
    <fieldset>
      <legend className="text-sm font-medium">{t("legend")}</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {KINDS.map((option) => (
          <label
            key={option.kind}
            className={clsx(
              "flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent",
              value === option.kind ? "border-accent bg-accent/5" : "border-border",
            )}
          >
            <input type="radio" name="import-kind" value={option.kind} checked={value === option.kind} onChange={() => onChange(option.kind)} className="mt-1" />
            <span>
              <span className="font-medium">{t(option.label)}</span>
              <span className="block text-muted-foreground">{t(option.description)}</span>
            </span>
          </label>
        ))}
      </div>
      {guessed && value ? <p className="mt-2 text-xs text-muted-foreground">{t("guessed")}</p> : null}
    </fieldset>
  );
}
