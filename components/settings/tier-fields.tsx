"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FIELDS } from "@/lib/settings/form";
import { tierSplitLabel, type Settings } from "@/lib/settings/schema";
import { FieldErrors, inputClass } from "@/components/ui/field";

interface TierRow {
  key: number;
  name: string;
  percent: string;
}

/** The tier bands: a name and a share of customers each, most valuable first; three to ten bands. */
export function TierFields({ tiers, errors }: { tiers: Settings["tiers"]; errors?: string[] }) {
  const t = useTranslations("settings.tiers");
  const [rows, setRows] = useState<TierRow[]>(() => tiers.map((tier, i) => ({ key: i, name: tier.name, percent: String(tier.percent) })));
  const [nextKey, setNextKey] = useState(tiers.length);
  const total = rows.reduce((sum, row) => sum + (Number(row.percent.replace(",", ".")) || 0), 0);
  const update = (key: number, change: Partial<TierRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <fieldset className="space-y-3" aria-describedby="tiers-error">
      <legend className="text-sm font-medium">{t("legend")}</legend>
      <p className="text-xs text-muted-foreground">
        {t.rich("share", {
          split: tierSplitLabel(rows.map((row) => ({ percent: Number(row.percent.replace(",", ".")) || 0 }))),
          total: Number(total.toFixed(2)),
          sum: (chunks) => <span className={Math.abs(total - 100) > 1e-6 ? "font-semibold text-danger" : undefined}>{chunks}</span>,
        })}
      </p>
      <ol className="space-y-2">
        {rows.map((row, index) => (
          <li key={row.key} className="flex items-center gap-2">
            <span className="w-6 text-right text-sm tabular-nums text-muted-foreground">{index + 1}.</span>
            <input
              name={FIELDS.tierName}
              aria-label={t("name", { n: index + 1 })}
              className={`${inputClass} min-w-0 flex-1`}
              value={row.name}
              onChange={(event) => update(row.key, { name: event.target.value })}
              required
              maxLength={40}
            />
            <input
              name={FIELDS.tierPercent}
              aria-label={t("percent", { n: index + 1 })}
              className={`${inputClass} w-24 text-right`}
              inputMode="decimal"
              value={row.percent}
              onChange={(event) => update(row.key, { percent: event.target.value })}
              required
            />
            <span className="text-sm text-muted-foreground">%</span>
            <button
              type="button"
              className="rounded-md px-2 py-1 text-sm text-muted-foreground hover:text-foreground disabled:opacity-40"
              onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))}
              disabled={rows.length <= 3}
              aria-label={t("removeLabel", { n: index + 1 })}
            >
              {t("remove")}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted disabled:opacity-40"
        disabled={rows.length >= 10}
        onClick={() => {
          setRows((current) => [...current, { key: nextKey, name: "", percent: "" }]);
          setNextKey(nextKey + 1);
        }}
      >
        {t("add")}
      </button>
      <FieldErrors id="tiers-error" errors={errors} />
    </fieldset>
  );
}
