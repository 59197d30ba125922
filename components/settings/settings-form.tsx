"use client";

import { useActionState, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { saveSettingsAction, type SettingsFormState } from "@/lib/actions/settings";
import type { QuadrantAxes } from "@/lib/scoring/types";
import { FIELDS } from "@/lib/settings/form";
import { MODEL_CHOICES, MODEL_LABELS, TIER_MEASURES, TIER_MEASURE_LABELS, type Settings, type TierMeasure } from "@/lib/settings/schema";
import { Field, describedBy, inputClass } from "./field";
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
    <form onSubmit={submit} noValidate aria-label="Settings" className="space-y-2">
      <Section title="Analysis" description="What the figures are computed from. Changing these starts a recompute.">
        <fieldset className="space-y-2" aria-describedby="analysis-date-error">
          <legend className="text-sm font-medium">Analysis date</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={FIELDS.analysisDateMode} value="last" checked={dateMode === "last"} onChange={() => setDateMode("last")} />
            The last purchase in the data{lastPurchaseDate ? ` (now ${lastPurchaseDate})` : ""}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={FIELDS.analysisDateMode} value="date" checked={dateMode === "date"} onChange={() => setDateMode("date")} />
            A fixed date
            <input
              type="date"
              name={FIELDS.analysisDate}
              aria-label="Fixed analysis date"
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
        <Field id="model" label="Model" errors={errors.model} hint="Automatic fits every model to all but the last part of the history and keeps the one that predicted that part best.">
          <select id="model" name={FIELDS.model} className={`${inputClass} w-full`} defaultValue={settings.model} {...describedBy("model", errors.model, true)}>
            {MODEL_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {MODEL_LABELS[choice]}
              </option>
            ))}
          </select>
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="horizon" label="Horizon (months)" errors={errors.horizonMonths}>
            <input id="horizon" name={FIELDS.horizonMonths} className={`${inputClass} w-full`} inputMode="numeric" defaultValue={settings.horizonMonths} {...describedBy("horizon", errors.horizonMonths)} />
          </Field>
          <Field id="discount-rate" label="Discount rate per year (%)" errors={errors.discountRateYearly}>
            <input id="discount-rate" name={FIELDS.discountRatePercent} className={`${inputClass} w-full`} inputMode="decimal" defaultValue={Number((settings.discountRateYearly * 100).toFixed(4))} {...describedBy("discount-rate", errors.discountRateYearly)} />
          </Field>
          <Field id="profit-margin" label="Profit margin (%)" errors={errors.profitMargin} hint="Used when your data has revenue but no cost.">
            <input id="profit-margin" name={FIELDS.profitMarginPercent} className={`${inputClass} w-full`} inputMode="decimal" defaultValue={Number((settings.profitMargin * 100).toFixed(4))} {...describedBy("profit-margin", errors.profitMargin, true)} />
          </Field>
        </div>
      </Section>

      <Section title="Money and language" description="How amounts and dates are shown.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="currency" label="Currency" errors={errors.currency} hint="Three-letter code, such as EUR.">
            <input id="currency" name={FIELDS.currency} className={`${inputClass} w-full uppercase`} defaultValue={settings.currency} maxLength={3} {...describedBy("currency", errors.currency, true)} />
          </Field>
          <Field id="locale" label="Number and date format" errors={errors.locale} hint="A language tag, such as nl-NL or en-GB.">
            <input id="locale" name={FIELDS.locale} className={`${inputClass} w-full`} defaultValue={settings.locale} list="locales" {...describedBy("locale", errors.locale, true)} />
            <datalist id="locales">
              {["nl-NL", "nl-BE", "en-GB", "en-US", "de-DE", "fr-BE", "fr-FR"].map((locale) => (
                <option key={locale} value={locale} />
              ))}
            </datalist>
          </Field>
        </div>
      </Section>

      <Section title="CLV tiers" description="Customers ranked by value and split by count, for example 20-60-20.">
        <TierFields tiers={settings.tiers} errors={errors.tiers} />
        <Field id="tier-measure" label="Rank customers by" errors={errors.tierMeasure} hint="This is also the CLV of the quadrant map below.">
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
                {TIER_MEASURE_LABELS[measure]}
              </option>
            ))}
          </select>
        </Field>
      </Section>

      <Section title="Quadrant map" description="Customers by CLV and by how long they have been a customer, in four groups, each with a tactic.">
        <QuadrantFields quadrants={settings.quadrants} errors={errors} currency={settings.currency} locale={settings.locale} clvMeasure={tierMeasure} current={quadrantAxes} />
      </Section>

      <div className="flex flex-wrap items-center gap-4 border-t border-border pt-5">
        <button type="submit" disabled={isPending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60">
          {isPending ? "Saving…" : "Save settings"}
        </button>
        <p role="status" aria-live="polite" className={Object.keys(errors).length > 0 ? "text-sm text-danger" : "text-sm text-muted-foreground"}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
