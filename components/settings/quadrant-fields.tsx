"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatCount, formatMoney } from "@/lib/format";
import type { QuadrantAxes } from "@/lib/scoring/types";
import { FIELDS } from "@/lib/settings/form";
import type { QuadrantKey, Settings, SettingsErrors, TierMeasure } from "@/lib/settings/schema";
import { FieldErrors, describedBy, inputClass } from "@/components/ui/field";

/** Where each quadrant sits on the map, in words: the message key. */
const POSITION = {
  "high-long": "highLong",
  "high-short": "highShort",
  "low-long": "lowLong",
  "low-short": "lowShort",
} as const satisfies Record<QuadrantKey, string>;

/** The 2×2 grid as it reads on the map: high CLV on top, long relationship on the right. */
const GRID: readonly QuadrantKey[] = ["high-short", "high-long", "low-short", "low-long"];

const MEASURE_WORDS = {
  predicted: "measurePredicted",
  historic: "measureHistoric",
  total: "measureTotal",
} as const satisfies Record<TierMeasure, string>;

interface ThresholdFieldProps {
  id: string;
  legend: string;
  modeName: string;
  valueName: string;
  mode: "median" | "fixed";
  medianText: string;
  /** The median in the current snapshot, formatted; null when unknown. */
  medianNow: string | null;
  fixedText: string;
  /** The fixed value as typed (days or currency units); empty for the median. */
  value: string;
  unit: string;
  inputMode: "numeric" | "decimal";
  errors?: string[];
}

/**
 * How relationship length is measured: until the relationship ends (P(alive) below the cutoff; without a
 * model, after the inactivity days), or the time since the first purchase.
 */
function RelationshipField({ relationship, errors }: { relationship: Settings["quadrants"]["relationship"]; errors: SettingsErrors }) {
  const t = useTranslations("settings.quadrants");
  const [definition, setDefinition] = useState(relationship.definition);
  const cutoffErrors = errors["quadrants.relationship.aliveCutoff"];
  const inactivityErrors = errors["quadrants.relationship.inactivityDays"];
  return (
    <fieldset className="space-y-2 md:col-span-2">
      <legend className="text-sm font-medium">{t("relationshipLegend")}</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" className="mt-1" name={FIELDS.relationshipDefinition} value="lifetime" checked={definition === "lifetime"} onChange={() => setDefinition("lifetime")} />
        <span>{t("relationshipLifetime")}</span>
      </label>
      <div className="ml-6 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          {t("aliveCutoff")}
          <input
            id="alive-cutoff"
            name={FIELDS.aliveCutoffPercent}
            className={`${inputClass} w-20 text-right`}
            inputMode="decimal"
            defaultValue={String(Number((relationship.aliveCutoff * 100).toFixed(2)))}
            disabled={definition !== "lifetime"}
            {...describedBy("alive-cutoff", cutoffErrors)}
          />
          <span className="text-muted-foreground">%</span>
        </label>
        <label className="flex items-center gap-2">
          {t("inactivityDays")}
          <input
            id="inactivity-days"
            name={FIELDS.inactivityDays}
            className={`${inputClass} w-20 text-right`}
            inputMode="numeric"
            defaultValue={String(relationship.inactivityDays)}
            disabled={definition !== "lifetime"}
            {...describedBy("inactivity-days", inactivityErrors)}
          />
          <span className="text-muted-foreground">{t("days")}</span>
        </label>
      </div>
      <FieldErrors id="alive-cutoff-error" errors={cutoffErrors} />
      <FieldErrors id="inactivity-days-error" errors={inactivityErrors} />
      <p className="ml-6 text-xs text-muted-foreground">{t("relationshipRule")}</p>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          className="mt-1"
          name={FIELDS.relationshipDefinition}
          value="sinceFirstPurchase"
          checked={definition === "sinceFirstPurchase"}
          onChange={() => setDefinition("sinceFirstPurchase")}
        />
        <span>{t("relationshipSinceFirst")}</span>
      </label>
      {/* Disabled inputs are not posted: keep the values when the other definition is chosen. */}
      {definition !== "lifetime" ? (
        <>
          <input type="hidden" name={FIELDS.aliveCutoffPercent} value={String(Number((relationship.aliveCutoff * 100).toFixed(2)))} />
          <input type="hidden" name={FIELDS.inactivityDays} value={String(relationship.inactivityDays)} />
        </>
      ) : null}
    </fieldset>
  );
}

/** One axis threshold: the median customer, or a fixed value. */
function ThresholdField({ id, legend, modeName, valueName, mode: initialMode, medianText, medianNow, fixedText, value, unit, inputMode, errors }: ThresholdFieldProps) {
  const t = useTranslations("settings.quadrants");
  const [mode, setMode] = useState(initialMode);
  const valueId = `${id}-value`;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{legend}</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" className="mt-1" name={modeName} value="median" checked={mode === "median"} onChange={() => setMode("median")} />
        <span>
          {medianText}
          {medianNow ? <span className="whitespace-nowrap text-muted-foreground"> {t("medianNow", { value: medianNow })}</span> : null}
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={modeName} value="fixed" checked={mode === "fixed"} onChange={() => setMode("fixed")} />
          {fixedText}
        </label>
        <span className="flex items-center gap-2">
          <input
            id={valueId}
            name={valueName}
            aria-label={`${legend}: ${fixedText.toLowerCase()}`}
            className={`${inputClass} w-32 text-right`}
            inputMode={inputMode}
            defaultValue={value}
            disabled={mode !== "fixed"}
            {...describedBy(valueId, errors)}
          />
          <span className="text-muted-foreground">{unit}</span>
        </span>
      </div>
      <FieldErrors id={`${valueId}-error`} errors={errors} />
    </fieldset>
  );
}

function QuadrantCard({ quadrantKey, label, errors }: { quadrantKey: QuadrantKey; label: { name: string; tactic: string }; errors: SettingsErrors }) {
  const t = useTranslations("settings.quadrants");
  const nameId = `quadrant-${quadrantKey}-name`;
  const tacticId = `quadrant-${quadrantKey}-tactic`;
  const nameErrors = errors[`quadrants.labels.${quadrantKey}.name`];
  const tacticErrors = errors[`quadrants.labels.${quadrantKey}.tactic`];
  return (
    <fieldset className="min-w-0 space-y-2 rounded-lg border border-border bg-card p-4">
      <legend className="px-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t(POSITION[quadrantKey])}</legend>
      <label htmlFor={nameId} className="block text-sm font-medium">
        {t("name")}
      </label>
      <input id={nameId} name={FIELDS.quadrantName(quadrantKey)} className={`${inputClass} w-full`} defaultValue={label.name} maxLength={40} required {...describedBy(nameId, nameErrors)} />
      <FieldErrors id={`${nameId}-error`} errors={nameErrors} />
      <label htmlFor={tacticId} className="block text-sm font-medium">
        {t("tactic")}
      </label>
      <textarea id={tacticId} name={FIELDS.quadrantTactic(quadrantKey)} className={`${inputClass} field-sizing-content min-h-24 w-full`} rows={4} defaultValue={label.tactic} maxLength={400} {...describedBy(tacticId, tacticErrors)} />
      <FieldErrors id={`${tacticId}-error`} errors={tacticErrors} />
    </fieldset>
  );
}

interface QuadrantFieldsProps {
  quadrants: Settings["quadrants"];
  errors: SettingsErrors;
  currency: string;
  locale: string;
  /** The tier measure currently chosen in the form: the map's CLV. */
  clvMeasure: TierMeasure;
  /** The current snapshot's thresholds (null before the first snapshot). */
  current: QuadrantAxes | null;
}

/**
 * The quadrant map's settings: where each axis splits (the median customer or a fixed value) and the four
 * quadrants' names and tactics, laid out as on the map (high CLV on top, long relationship on the right).
 */
export function QuadrantFields({ quadrants, errors, currency, locale, clvMeasure, current }: QuadrantFieldsProps) {
  const t = useTranslations("settings.quadrants");
  const { durationThreshold, clvThreshold } = quadrants;
  // What "the median customer" is in the current snapshot (for the CLV only when it ranked by the same measure).
  const medianDays = current?.durationMode === "median" ? t("daysCount", { count: formatCount(current.thresholdDays, locale) }) : null;
  const medianClv =
    current?.clvMode === "median" && current.clvMeasure === clvMeasure ? formatMoney(current.thresholdClvCents, { currency, locale }) : null;
  return (
    <div className="space-y-5">
      <p className="text-sm text-muted-foreground">{t("explanation", { measure: t(MEASURE_WORDS[clvMeasure]) })}</p>
      <div className="grid gap-5 md:grid-cols-2">
        <RelationshipField relationship={quadrants.relationship} errors={errors} />
        <ThresholdField
          id="duration-threshold"
          legend={t("longStartsAt")}
          modeName={FIELDS.durationThresholdMode}
          valueName={FIELDS.durationThresholdDays}
          mode={durationThreshold.mode}
          medianText={t("median")}
          medianNow={medianDays}
          fixedText={t("fixedDays")}
          value={durationThreshold.mode === "fixed" ? String(durationThreshold.days) : ""}
          unit={t("days")}
          inputMode="numeric"
          errors={errors["quadrants.durationThreshold.days"]}
        />
        <ThresholdField
          id="clv-threshold"
          legend={t("highStartsAt")}
          modeName={FIELDS.clvThresholdMode}
          valueName={FIELDS.clvThresholdAmount}
          mode={clvThreshold.mode}
          medianText={t("median")}
          medianNow={medianClv}
          fixedText={t("fixedAmount")}
          value={clvThreshold.mode === "fixed" ? String(clvThreshold.amountCents / 100) : ""}
          unit={currency}
          inputMode="decimal"
          errors={errors["quadrants.clvThreshold.amountCents"]}
        />
      </div>
      {/* The axis labels only beside the 2×2 grid; on a narrow screen the quadrants stack and each legend says where it is. */}
      <div role="group" aria-label={t("grid")} className="grid gap-x-3 gap-y-2 md:grid-cols-[auto_minmax(0,1fr)]">
        <div aria-hidden="true" className="hidden flex-col items-center justify-between py-2 text-xs font-medium text-muted-foreground md:flex">
          <span>{t("high")}</span>
          <span className="[writing-mode:vertical-rl] rotate-180 tracking-wide">{t("clvAxis")}</span>
          <span>{t("low")}</span>
        </div>
        <div className="grid gap-3 md:grid-cols-2">
          {GRID.map((key) => (
            <QuadrantCard key={key} quadrantKey={key} label={quadrants.labels[key]} errors={errors} />
          ))}
        </div>
        <div aria-hidden="true" className="hidden md:block" />
        <div aria-hidden="true" className="hidden items-center justify-between text-xs font-medium text-muted-foreground md:flex">
          <span>{t("short")}</span>
          <span className="tracking-wide">{t("durationAxis")}</span>
          <span>{t("long")}</span>
        </div>
      </div>
    </div>
  );
}
