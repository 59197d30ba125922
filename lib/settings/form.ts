/**
 * The settings form's fields and their translation to a settings document (pure, for the server action
 * and its tests). People type percentages and amounts in currency units; the document holds fractions and
 * cents. A decimal comma is accepted ("12,5").
 */
import { QUADRANT_KEYS, type ClvThreshold, type DurationThreshold, type Settings } from "./schema";

/** Field names of the form (the inputs' `name` attributes). */
export const FIELDS = {
  analysisDateMode: "analysisDateMode",
  analysisDate: "analysisDate",
  model: "model",
  horizonMonths: "horizonMonths",
  holdoutPercent: "holdoutPercent",
  discountRatePercent: "discountRatePercent",
  profitMarginPercent: "profitMarginPercent",
  currency: "currency",
  locale: "locale",
  timeZone: "timeZone",
  tierName: "tierName",
  tierPercent: "tierPercent",
  tierMeasure: "tierMeasure",
  /** "median" or "fixed"; with "fixed", the days or the amount (currency units) of the field below. */
  durationThresholdMode: "durationThresholdMode",
  durationThresholdDays: "durationThresholdDays",
  /** How relationship length is measured: "lifetime" or "sinceFirstPurchase"; the P(alive) cutoff in percent; inactivity days. */
  relationshipDefinition: "relationshipDefinition",
  aliveCutoffPercent: "aliveCutoffPercent",
  inactivityDays: "inactivityDays",
  clvThresholdMode: "clvThresholdMode",
  clvThresholdAmount: "clvThresholdAmount",
  quadrantName: (key: string) => `quadrant.${key}.name`,
  quadrantTactic: (key: string) => `quadrant.${key}.tactic`,
} as const;

/**
 * A number typed by a person: "12.5", "12,5", " 1 000 " or "€ 1,000.50" (thousands separators and a
 * currency sign are ignored); NaN when it is not a number.
 *
 * @example parseNumberInput("12,5") // 12.5
 * @example parseNumberInput("1,000.50") // 1000.5
 */
export function parseNumberInput(value: FormDataEntryValue | null): number {
  if (typeof value !== "string") return Number.NaN;
  let text = value.replace(/[\s\u00a0€$£%]/g, "");
  if (text === "") return Number.NaN;
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  if (lastComma > lastDot) {
    // "1.000,50" or "12,5": the comma is the decimal separator.
    text = text.replace(/\./g, "").replace(",", ".");
  } else {
    text = text.replace(/,/g, "");
  }
  return /^[-+]?\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
}

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Percentages to a fraction, kept to 6 decimals so 12.3% is 0.123 and not 0.12300000000000001. */
const fraction = (percent: number) => (Number.isFinite(percent) ? Number((percent / 100).toFixed(6)) : Number.NaN);

function durationThreshold(formData: FormData): DurationThreshold {
  if (text(formData, FIELDS.durationThresholdMode) !== "fixed") return { mode: "median" };
  // Not rounded: "90.5" days is an error for the person to correct, not a silent 91.
  return { mode: "fixed", days: parseNumberInput(formData.get(FIELDS.durationThresholdDays)) };
}

function clvThreshold(formData: FormData): ClvThreshold {
  if (text(formData, FIELDS.clvThresholdMode) !== "fixed") return { mode: "median" };
  const amount = parseNumberInput(formData.get(FIELDS.clvThresholdAmount));
  return { mode: "fixed", amountCents: Number.isFinite(amount) ? Math.round(amount * 100) : Number.NaN };
}

/** The settings document the form describes (unvalidated: run `validateSettings` on it). */
export function settingsFromFormData(formData: FormData): unknown {
  const names = formData.getAll(FIELDS.tierName).map((value) => (typeof value === "string" ? value : ""));
  const percents = formData.getAll(FIELDS.tierPercent).map((value) => parseNumberInput(value));
  const labels = Object.fromEntries(
    QUADRANT_KEYS.map((key) => [key, { name: text(formData, FIELDS.quadrantName(key)), tactic: text(formData, FIELDS.quadrantTactic(key)) }]),
  );
  const candidate: Record<keyof Settings, unknown> = {
    analysisDate: text(formData, FIELDS.analysisDateMode) === "date" ? text(formData, FIELDS.analysisDate).trim() : null,
    model: text(formData, FIELDS.model),
    horizonMonths: parseNumberInput(formData.get(FIELDS.horizonMonths)),
    holdoutPercent: parseNumberInput(formData.get(FIELDS.holdoutPercent)),
    discountRateYearly: fraction(parseNumberInput(formData.get(FIELDS.discountRatePercent))),
    profitMargin: fraction(parseNumberInput(formData.get(FIELDS.profitMarginPercent))),
    currency: text(formData, FIELDS.currency),
    locale: text(formData, FIELDS.locale),
    timeZone: text(formData, FIELDS.timeZone),
    tiers: names.map((name, i) => ({ name, percent: percents[i] ?? Number.NaN })),
    tierMeasure: text(formData, FIELDS.tierMeasure),
    quadrants: {
      relationship: {
        definition: text(formData, FIELDS.relationshipDefinition),
        aliveCutoff: fraction(parseNumberInput(formData.get(FIELDS.aliveCutoffPercent))),
        inactivityDays: parseNumberInput(formData.get(FIELDS.inactivityDays)),
      },
      durationThreshold: durationThreshold(formData),
      clvThreshold: clvThreshold(formData),
      labels,
    },
  };
  return candidate;
}
