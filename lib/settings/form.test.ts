import { describe, expect, test } from "vitest";
import { FIELDS, parseNumberInput, settingsFromFormData } from "./form";
import { DEFAULT_SETTINGS, QUADRANT_KEYS, validateSettings } from "./schema";

function formOf(settings = DEFAULT_SETTINGS, change: Record<string, string | string[]> = {}): FormData {
  const form = new FormData();
  const fields: Record<string, string | string[]> = {
    [FIELDS.analysisDateMode]: settings.analysisDate ? "date" : "last",
    [FIELDS.analysisDate]: settings.analysisDate ?? "",
    [FIELDS.model]: settings.model,
    [FIELDS.horizonMonths]: String(settings.horizonMonths),
    [FIELDS.holdoutPercent]: String(settings.holdoutPercent),
    [FIELDS.discountRatePercent]: String(settings.discountRateYearly * 100),
    [FIELDS.profitMarginPercent]: String(settings.profitMargin * 100),
    [FIELDS.currency]: settings.currency,
    [FIELDS.locale]: settings.locale,
    [FIELDS.timeZone]: settings.timeZone,
    [FIELDS.tierName]: settings.tiers.map((t) => t.name),
    [FIELDS.tierPercent]: settings.tiers.map((t) => String(t.percent)),
    [FIELDS.tierMeasure]: settings.tierMeasure,
    [FIELDS.relationshipDefinition]: settings.quadrants.relationship.definition,
    [FIELDS.aliveCutoffPercent]: String(settings.quadrants.relationship.aliveCutoff * 100),
    [FIELDS.inactivityDays]: String(settings.quadrants.relationship.inactivityDays),
    [FIELDS.durationThresholdMode]: "median",
    [FIELDS.clvThresholdMode]: "median",
    ...Object.fromEntries(QUADRANT_KEYS.flatMap((key) => [[FIELDS.quadrantName(key), settings.quadrants.labels[key].name], [FIELDS.quadrantTactic(key), settings.quadrants.labels[key].tactic]])),
    ...change,
  };
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return form;
}

describe("settings form", () => {
  test.each([
    ["12", 12],
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1.000,50", 1000.5],
    ["1,000.50", 1000.5],
    [" 30 % ", 30],
    ["€ 250", 250],
    ["", Number.NaN],
    ["abc", Number.NaN],
    ["1e3", Number.NaN],
  ])("reads %o as %d", (text, value) => {
    expect(parseNumberInput(text)).toBe(value);
  });

  test("the defaults round-trip through the form", () => {
    const result = validateSettings(settingsFromFormData(formOf()));
    expect(result).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  test("percentages become fractions, amounts cents, a fixed date and fixed thresholds are read", () => {
    const form = formOf(DEFAULT_SETTINGS, {
      [FIELDS.discountRatePercent]: "12,3",
      [FIELDS.profitMarginPercent]: "25",
      [FIELDS.analysisDateMode]: "date",
      [FIELDS.analysisDate]: "2026-01-31",
      [FIELDS.durationThresholdMode]: "fixed",
      [FIELDS.durationThresholdDays]: "365",
      [FIELDS.clvThresholdMode]: "fixed",
      [FIELDS.clvThresholdAmount]: "1.250,75",
      [FIELDS.tierName]: ["A", "B", "C", "D"],
      [FIELDS.tierPercent]: ["10", "20", "30", "40"],
    });
    const result = validateSettings(settingsFromFormData(form));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toMatchObject({ discountRateYearly: 0.123, profitMargin: 0.25, analysisDate: "2026-01-31" });
    expect(result.settings.quadrants.durationThreshold).toEqual({ mode: "fixed", days: 365 });
    expect(result.settings.quadrants.clvThreshold).toEqual({ mode: "fixed", amountCents: 125_075 });
    expect(result.settings.tiers.map((t) => t.percent)).toEqual([10, 20, 30, 40]);
  });

  test("empty and wrong fields give errors by field", () => {
    const form = formOf(DEFAULT_SETTINGS, {
      [FIELDS.horizonMonths]: "",
      [FIELDS.holdoutPercent]: "60",
      [FIELDS.clvThresholdMode]: "fixed",
      [FIELDS.clvThresholdAmount]: "lots",
      [FIELDS.durationThresholdMode]: "fixed",
      [FIELDS.durationThresholdDays]: "90,5",
    });
    const result = validateSettings(settingsFromFormData(form));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["holdoutPercent", "horizonMonths", "quadrants.clvThreshold.amountCents", "quadrants.durationThreshold.days"]);
    expect(result.errors["quadrants.durationThreshold.days"]).toEqual(["Enter a whole number of days."]);
  });

  test("a fixed value typed while the median is chosen is ignored", () => {
    const form = formOf(DEFAULT_SETTINGS, { [FIELDS.durationThresholdDays]: "lots", [FIELDS.clvThresholdAmount]: "12" });
    const result = validateSettings(settingsFromFormData(form));
    expect(result.ok && result.settings.quadrants).toMatchObject({ durationThreshold: { mode: "median" }, clvThreshold: { mode: "median" } });
  });
});
