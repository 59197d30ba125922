import { describe, expect, test } from "vitest";
import { DEFAULT_SETTINGS, settingsFromDocument, tierSplitLabel, validateSettings } from "./schema";

const withChange = (change: Record<string, unknown>) => ({ ...DEFAULT_SETTINGS, ...change });

describe("settings schema", () => {
  test("the defaults are valid: 12 months, 10% a year, 30% margin, EUR, 20-60-20 by predicted CLV, median quadrants", () => {
    const result = validateSettings(DEFAULT_SETTINGS);
    expect(result.ok).toBe(true);
    expect(DEFAULT_SETTINGS).toMatchObject({ analysisDate: null, model: "auto", horizonMonths: 12, discountRateYearly: 0.1, profitMargin: 0.3, currency: "EUR", tierMeasure: "predicted" });
    expect(tierSplitLabel(DEFAULT_SETTINGS.tiers)).toBe("20-60-20");
    expect(DEFAULT_SETTINGS.tiers.map((t) => t.name)).toEqual(["Very profitable", "Profitable", "Less profitable"]);
    expect(DEFAULT_SETTINGS.quadrants.historicThreshold).toEqual({ mode: "median" });
  });

  test.each([
    [{ horizonMonths: 0 }, "horizonMonths", "The horizon is at least 1 month."],
    [{ horizonMonths: 2.5 }, "horizonMonths", "Enter a whole number of months."],
    [{ horizonMonths: Number.NaN }, "horizonMonths", "Enter a whole number of months."],
    [{ discountRateYearly: -0.1 }, "discountRateYearly", "The discount rate cannot be negative."],
    [{ profitMargin: 0 }, "profitMargin", "The margin must be above 0%."],
    [{ currency: "EURO" }, "currency", "Use a three-letter currency code such as EUR."],
    [{ locale: "xx-!!" }, "locale", "This language tag is not supported; use one such as nl-NL or en-GB."],
    [{ analysisDate: "2026-02-30" }, "analysisDate", "Use a date as YYYY-MM-DD."],
    [{ model: "gamma" }, "model", "Choose one of the models."],
    [{ tiers: [{ name: "A", percent: 50 }, { name: "B", percent: 50 }] }, "tiers", "Use at least three tiers."],
    [{ tiers: [{ name: "A", percent: 20 }, { name: "B", percent: 60 }, { name: "C", percent: 30 }] }, "tiers", "The tiers add up to 110%; they must add up to 100%."],
    [{ tiers: [{ name: "A", percent: 20 }, { name: "a", percent: 60 }, { name: "C", percent: 20 }] }, "tiers", 'Two tiers are called "a".'],
    [{ tiers: [{ name: " ", percent: 20 }, { name: "B", percent: 60 }, { name: "C", percent: 20 }] }, "tiers", "Give the tier a name."],
  ])("rejects %o with a message on %s", (change, path, message) => {
    const result = validateSettings(withChange(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[path]).toContain(message);
  });

  test("accepts any three or more bands that add up to 100, and fixed thresholds", () => {
    const result = validateSettings(
      withChange({
        tiers: [{ name: "Top", percent: 10 }, { name: "Next", percent: 23.5 }, { name: "Middle", percent: 33.25 }, { name: "Rest", percent: 33.25 }],
        quadrants: { ...DEFAULT_SETTINGS.quadrants, historicThreshold: { mode: "fixed", amountCents: 50_000 } },
        currency: "usd",
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.settings.currency).toBe("USD");
  });

  test("a stored document missing newer settings takes their defaults; an invalid one falls back to the defaults", () => {
    expect(settingsFromDocument({ horizonMonths: 24 })).toEqual({ ...DEFAULT_SETTINGS, horizonMonths: 24 });
    expect(settingsFromDocument({ horizonMonths: -1 })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromDocument(null)).toEqual(DEFAULT_SETTINGS);
  });
});
