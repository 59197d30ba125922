"use client";

import { useState } from "react";
import { FIELDS } from "@/lib/settings/form";
import { QUADRANT_KEYS, type QuadrantKey, type QuadrantThreshold, type Settings } from "@/lib/settings/schema";
import type { SettingsErrors } from "@/lib/settings/schema";
import { FieldErrors, describedBy, inputClass } from "./field";

const POSITION: Record<QuadrantKey, string> = {
  "high-high": "High value so far, high predicted value",
  "low-high": "Low value so far, high predicted value",
  "low-low": "Low value so far, low predicted value",
  "high-low": "High value so far, low predicted value",
};

function ThresholdField({ axis, label, threshold, errors }: { axis: "historic" | "predicted"; label: string; threshold: QuadrantThreshold; errors?: string[] }) {
  const [mode, setMode] = useState(threshold.mode);
  const amountId = `${axis}-threshold-amount`;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={FIELDS.thresholdMode(axis)} value="median" checked={mode === "median"} onChange={() => setMode("median")} />
          The median customer
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={FIELDS.thresholdMode(axis)} value="fixed" checked={mode === "fixed"} onChange={() => setMode("fixed")} />
          A fixed amount
        </label>
        <input
          id={amountId}
          name={FIELDS.thresholdAmount(axis)}
          aria-label={`${label}: fixed amount`}
          className={`${inputClass} w-36 text-right`}
          inputMode="decimal"
          defaultValue={threshold.mode === "fixed" ? String(threshold.amountCents / 100) : ""}
          disabled={mode !== "fixed"}
          {...describedBy(amountId, errors)}
        />
      </div>
      <FieldErrors id={`${amountId}-error`} errors={errors} />
    </fieldset>
  );
}

/** Where the quadrants split (median or fixed amounts) and each quadrant's name and tactic. */
export function QuadrantFields({ quadrants, errors }: { quadrants: Settings["quadrants"]; errors: SettingsErrors }) {
  return (
    <div className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <ThresholdField axis="historic" label="High value so far starts at" threshold={quadrants.historicThreshold} errors={errors["quadrants.historicThreshold.amountCents"]} />
        <ThresholdField axis="predicted" label="High predicted value starts at" threshold={quadrants.predictedThreshold} errors={errors["quadrants.predictedThreshold.amountCents"]} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {QUADRANT_KEYS.map((key) => {
          const nameId = `quadrant-${key}-name`;
          const tacticId = `quadrant-${key}-tactic`;
          const nameErrors = errors[`quadrants.labels.${key}.name`];
          const tacticErrors = errors[`quadrants.labels.${key}.tactic`];
          return (
            <fieldset key={key} className="space-y-2 rounded-lg border border-border p-4">
              <legend className="px-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{POSITION[key]}</legend>
              <label htmlFor={nameId} className="block text-sm font-medium">
                Name
              </label>
              <input id={nameId} name={FIELDS.quadrantName(key)} className={`${inputClass} w-full`} defaultValue={quadrants.labels[key].name} maxLength={40} required {...describedBy(nameId, nameErrors)} />
              <FieldErrors id={`${nameId}-error`} errors={nameErrors} />
              <label htmlFor={tacticId} className="block text-sm font-medium">
                Tactic
              </label>
              <textarea id={tacticId} name={FIELDS.quadrantTactic(key)} className={`${inputClass} w-full`} rows={3} defaultValue={quadrants.labels[key].tactic} maxLength={400} {...describedBy(tacticId, tacticErrors)} />
              <FieldErrors id={`${tacticId}-error`} errors={tacticErrors} />
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
