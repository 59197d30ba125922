"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { DEFAULT_CHART_COHORTS, MAX_CHART_COHORTS, recentSelection, spreadSelection } from "@/lib/analysis/cohort-selection";

const buttonClass = "rounded-md border border-border px-2 py-1 text-xs text-foreground hover:bg-muted disabled:opacity-50";

/**
 * Chooses the cohorts the chart draws (at most one per chart colour). The choice goes into the URL
 * (`cohorts=2025-01,2025-04`), so a shared link shows the same lines.
 */
export function CohortPicker({ cohorts, selected: initial }: { cohorts: { key: string; label: string }[]; selected: string[] }) {
  const t = useTranslations("cohorts");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const keys = cohorts.map((cohort) => cohort.key);
  // Shown at once; the page follows when the server has drawn the new lines (the page keys this component by the selection).
  const [selected, setSelected] = useState(initial);
  const chosen = new Set(selected);

  function show(next: string[]) {
    setSelected(next);
    const params = new URLSearchParams(searchParams.toString());
    params.set("cohorts", keys.filter((key) => next.includes(key)).join(","));
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  }

  function toggle(key: string, on: boolean) {
    show(on ? [...selected, key] : selected.filter((other) => other !== key));
  }

  return (
    <fieldset className="mb-4" aria-busy={pending}>
      <legend className="mb-2 text-xs text-muted-foreground">
        {t("pickerLabel")} · {t("pickerHint", { max: MAX_CHART_COHORTS })}
      </legend>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        {cohorts.map((cohort) => {
          const checked = chosen.has(cohort.key);
          const disabled = (!checked && chosen.size >= MAX_CHART_COHORTS) || (checked && chosen.size === 1);
          return (
            <label key={cohort.key} className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={checked} disabled={disabled} onChange={(event) => toggle(cohort.key, event.target.checked)} />
              {cohort.label}
            </label>
          );
        })}
        <span className="flex gap-2">
          <button type="button" className={buttonClass} onClick={() => show(recentSelection(keys, DEFAULT_CHART_COHORTS))}>
            {t("pickerRecent")}
          </button>
          <button type="button" className={buttonClass} onClick={() => show(spreadSelection(keys, DEFAULT_CHART_COHORTS))}>
            {t("pickerSpread")}
          </button>
        </span>
      </div>
    </fieldset>
  );
}
