"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { saveSettingsAction, type SettingsFormState } from "@/lib/actions/settings";
import type { QuadrantAxes } from "@/lib/scoring/types";
import { FIELDS } from "@/lib/settings/form";
import { MODEL_CHOICES, MODEL_LABELS, TIER_MEASURES, type ModelChoice, type Settings, type TierMeasure } from "@/lib/settings/schema";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { QuadrantFields } from "./quadrant-fields";
import { TierFields } from "./tier-fields";

const initialState: SettingsFormState = { errors: {}, message: null, savedAt: null };

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="grid gap-6 border-t border-border py-6 first:border-t-0 first:pt-0 md:grid-cols-[16rem_1fr]">
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="mt-1 text-sm text-muted-foreground">{description}</p>
      </div>
      <div className="space-y-5">{children}</div>
    </section>
  );
}

/**
 * The settings form. Submitted through `onSubmit` inside a transition rather than the `action` prop, so
 * that React does not reset the fields after the action (a rejected form keeps what was typed).
 */
export function SettingsForm({
  settings,
  lastPurchaseDate,
  quadrantAxes = null,
}: {
  settings: Settings;
  lastPurchaseDate: string | null;
  /** The current snapshot's quadrant thresholds, to show what "the median customer" is now. */
  quadrantAxes?: QuadrantAxes | null;
}) {
  const t = useTranslations("settings");
  const modelLabel = (choice: ModelChoice) => (choice === "auto" ? t("models.auto") : choice === "simple" ? t("models.simple") : MODEL_LABELS[choice]);
  const [state, formAction, isPending] = useActionState(saveSettingsAction, initialState);
  const [, startTransition] = useTransition();
  const [dateMode, setDateMode] = useState(settings.analysisDate === null ? "last" : "date");
  // The tier measure is also the quadrant map's CLV: its text follows the choice before saving.
  const [tierMeasure, setTierMeasure] = useState<TierMeasure>(settings.tierMeasure);
  const errors = state.errors;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("form.label")} className="space-y-2">
      <Section title={t("form.analysis")} description={t("form.analysisDescription")}>
        <fieldset className="space-y-2" aria-describedby="analysis-date-error">
          <legend className="text-sm font-medium">{t("form.analysisDate")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={FIELDS.analysisDateMode} value="last" checked={dateMode === "last"} onChange={() => setDateMode("last")} />
            {lastPurchaseDate ? t("form.lastPurchaseNow", { date: lastPurchaseDate }) : t("form.lastPurchase")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={FIELDS.analysisDateMode} value="date" checked={dateMode === "date"} onChange={() => setDateMode("date")} />
            {t("form.fixedDate")}
            <input
              type="date"
              name={FIELDS.analysisDate}
              aria-label={t("form.fixedDateLabel")}
              className={`${inputClass} w-44`}
              defaultValue={settings.analysisDate ?? lastPurchaseDate ?? ""}
              disabled={dateMode !== "date"}
              {...describedBy("analysis-date", errors.analysisDate)}
            />
          </label>
          <p id="analysis-date-error" aria-live="polite" className="text-sm text-danger">
            {errors.analysisDate?.join(" ")}
          </p>
        </fieldset>
        <Field id="model" label={t("form.model")} errors={errors.model} hint={t("form.modelHint")}>
          <select id="model" name={FIELDS.model} className={`${inputClass} w-full`} defaultValue={settings.model} {...describedBy("model", errors.model, true)}>
            {MODEL_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {modelLabel(choice)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="holdout" label={t("form.holdout")} errors={errors.holdoutPercent} hint={t("form.holdoutHint")}>
          <input id="holdout" name={FIELDS.holdoutPercent} className={`${inputClass} w-32`} inputMode="numeric" defaultValue={settings.holdoutPercent} {...describedBy("holdout", errors.holdoutPercent, true)} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="horizon" label={t("form.horizon")} errors={errors.horizonMonths}>
            <input id="horizon" name={FIELDS.horizonMonths} className={`${inputClass} w-full`} inputMode="numeric" defaultValue={settings.horizonMonths} {...describedBy("horizon", errors.horizonMonths)} />
          </Field>
          <Field id="discount-rate" label={t("form.discountRate")} errors={errors.discountRateYearly}>
            <input id="discount-rate" name={FIELDS.discountRatePercent} className={`${inputClass} w-full`} inputMode="decimal" defaultValue={Number((settings.discountRateYearly * 100).toFixed(4))} {...describedBy("discount-rate", errors.discountRateYearly)} />
          </Field>
          <Field id="profit-margin" label={t("form.profitMargin")} errors={errors.profitMargin} hint={t("form.profitMarginHint")}>
            <input id="profit-margin" name={FIELDS.profitMarginPercent} className={`${inputClass} w-full`} inputMode="decimal" defaultValue={Number((settings.profitMargin * 100).toFixed(4))} {...describedBy("profit-margin", errors.profitMargin, true)} />
          </Field>
        </div>
      </Section>

      <Section title={t("form.moneyAndLanguage")} description={t("form.moneyAndLanguageDescription")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="currency" label={t("form.currency")} errors={errors.currency} hint={t("form.currencyHint")}>
            <input id="currency" name={FIELDS.currency} className={`${inputClass} w-full uppercase`} defaultValue={settings.currency} maxLength={3} {...describedBy("currency", errors.currency, true)} />
          </Field>
          <Field id="locale" label={t("form.numberFormat")} errors={errors.locale} hint={t("form.numberFormatHint")}>
            <input id="locale" name={FIELDS.locale} className={`${inputClass} w-full`} defaultValue={settings.locale} list="locales" {...describedBy("locale", errors.locale, true)} />
            <datalist id="locales">
              {["nl-NL", "nl-BE", "en-GB", "en-US", "de-DE", "fr-BE", "fr-FR"].map((locale) => (
                <option key={locale} value={locale} />
              ))}
            </datalist>
          </Field>
          <Field id="time-zone" label={t("form.timeZone")} errors={errors.timeZone} hint={t("form.timeZoneHint")}>
            <input id="time-zone" name={FIELDS.timeZone} className={`${inputClass} w-full`} defaultValue={settings.timeZone} list="time-zones" {...describedBy("time-zone", errors.timeZone, true)} />
            <datalist id="time-zones">
              {["Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/London", "Europe/Paris", "UTC"].map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
        </div>
      </Section>

      <Section title={t("form.tiers")} description={t("form.tiersDescription")}>
        <TierFields tiers={settings.tiers} errors={errors.tiers} />
        <Field id="tier-measure" label={t("form.rankBy")} errors={errors.tierMeasure} hint={t("form.rankByHint")}>
          <select
            id="tier-measure"
            name={FIELDS.tierMeasure}
            className={`${inputClass} w-full`}
            defaultValue={settings.tierMeasure}
            onChange={(event) => setTierMeasure(event.target.value as TierMeasure)}
            {...describedBy("tier-measure", errors.tierMeasure, true)}
          >
            {TIER_MEASURES.map((measure) => (
              <option key={measure} value={measure}>
                {t(`measures.${measure}`)}
              </option>
            ))}
          </select>
        </Field>
      </Section>

      <Section title={t("form.quadrantMap")} description={t("form.quadrantMapDescription")}>
        <QuadrantFields quadrants={settings.quadrants} errors={errors} currency={settings.currency} locale={settings.locale} clvMeasure={tierMeasure} current={quadrantAxes} />
      </Section>

      <div className="flex flex-wrap items-center gap-4 border-t border-border pt-5">
        <button type="submit" disabled={isPending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60">
          {isPending ? t("form.saving") : t("form.save")}
        </button>
        <p role="status" aria-live="polite" className={Object.keys(errors).length > 0 ? "text-sm text-danger" : "text-sm text-muted-foreground"}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
