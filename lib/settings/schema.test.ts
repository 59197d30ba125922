import { describe, expect, test } from "vitest";
import { DEFAULT_RELATIONSHIP, DEFAULT_SETTINGS, QUADRANT_KEYS, settingsFromDocument, tierSplitLabel, validateSettings } from "./schema";

const withChange = (change: Record<string, unknown>) => ({ ...DEFAULT_SETTINGS, ...change });

describe("settings schema", () => {
  test("the defaults are valid: 12 months, 10% a year, 30% margin, EUR, 20-60-20 by predicted CLV, median quadrants", () => {
    const result = validateSettings(DEFAULT_SETTINGS);
    expect(result.ok).toBe(true);
    expect(DEFAULT_SETTINGS).toMatchObject({ analysisDate: null, model: "auto", horizonMonths: 12, holdoutPercent: 25, discountRateYearly: 0.1, profitMargin: 0.3, currency: "EUR", tierMeasure: "predicted" });
    expect(tierSplitLabel(DEFAULT_SETTINGS.tiers)).toBe("20-60-20");
    expect(DEFAULT_SETTINGS.tiers.map((t) => t.name)).toEqual(["Very profitable", "Profitable", "Less profitable"]);
    expect(DEFAULT_SETTINGS.quadrants.durationThreshold).toEqual({ mode: "median" });
    expect(DEFAULT_SETTINGS.quadrants.clvThreshold).toEqual({ mode: "median" });
  });

  test("the default quadrants: CLV high or low, relationship long or short, each with its tactic", () => {
    expect(Object.keys(DEFAULT_SETTINGS.quadrants.labels)).toEqual([...QUADRANT_KEYS]);
    expect(QUADRANT_KEYS).toEqual(["high-long", "high-short", "low-long", "low-short"]);
    const { labels } = DEFAULT_SETTINGS.quadrants;
    expect(labels["high-long"]).toMatchObject({ name: "Loyal stars", tactic: expect.stringMatching(/^Better customer service/) });
    expect(labels["high-short"]).toMatchObject({ name: "Promising newcomers", tactic: expect.stringMatching(/^Personalised interaction/) });
    expect(labels["low-long"]).toMatchObject({ name: "Loyal low spenders", tactic: expect.stringMatching(/^Cross- and upselling/) });
    expect(labels["low-short"]).toMatchObject({ name: "Lapsed or drifting", tactic: expect.stringMatching(/^Mostly customers who have stopped buying/) });
    // Relationship length until P(alive) falls below 0.5 (README, "The quadrant map").
    expect(DEFAULT_SETTINGS.quadrants.relationship).toEqual({ definition: "lifetime", aliveCutoff: 0.5, inactivityDays: 365 });
  });

  test.each([
    [{ horizonMonths: 0 }, "horizonMonths", "The horizon is at least 1 month."],
    [{ horizonMonths: 2.5 }, "horizonMonths", "Enter a whole number of months."],
    [{ horizonMonths: Number.NaN }, "horizonMonths", "Enter a whole number of months."],
    [{ holdoutPercent: 9 }, "holdoutPercent", "Hold out at least 10% of the history."],
    [{ holdoutPercent: 51 }, "holdoutPercent", "Hold out at most 50% of the history: the models learn from the rest."],
    [{ holdoutPercent: 25.5 }, "holdoutPercent", "Enter a whole percentage."],
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
    [{ quadrants: { ...DEFAULT_SETTINGS.quadrants, durationThreshold: { mode: "fixed", days: 0 } } }, "quadrants.durationThreshold.days", "The threshold is at least 1 day."],
    [{ quadrants: { ...DEFAULT_SETTINGS.quadrants, durationThreshold: { mode: "fixed", days: 30.5 } } }, "quadrants.durationThreshold.days", "Enter a whole number of days."],
    [{ quadrants: { ...DEFAULT_SETTINGS.quadrants, clvThreshold: { mode: "fixed", amountCents: -1 } } }, "quadrants.clvThreshold.amountCents", "The amount cannot be negative."],
    [
      { quadrants: { ...DEFAULT_SETTINGS.quadrants, labels: { ...DEFAULT_SETTINGS.quadrants.labels, "low-short": { name: "", tactic: "" } } } },
      "quadrants.labels.low-short.name",
      "Give the quadrant a name.",
    ],
  ])("rejects %o with a message on %s", (change, path, message) => {
    const result = validateSettings(withChange(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[path]).toContain(message);
  });

  test("accepts any three or more bands that add up to 100, and fixed thresholds", () => {
    const result = validateSettings(
      withChange({
        tiers: [{ name: "Top", percent: 10 }, { name: "Next", percent: 23.5 }, { name: "Middle", percent: 33.25 }, { name: "Rest", percent: 33.25 }],
        quadrants: { ...DEFAULT_SETTINGS.quadrants, durationThreshold: { mode: "fixed", days: 365 }, clvThreshold: { mode: "fixed", amountCents: 50_000 } },
        currency: "usd",
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.settings.currency).toBe("USD");
  });

  test("a stored document missing newer settings takes their defaults; an invalid one falls back to the defaults", () => {
    expect(settingsFromDocument({ horizonMonths: 24 })).toEqual({ ...DEFAULT_SETTINGS, horizonMonths: 24 });
    expect(settingsFromDocument({ horizonMonths: -1 })).toEqual(DEFAULT_SETTINGS);
    // Documents saved before the holdout share was a setting get the default 25%.
    const { holdoutPercent: _unused, ...withoutHoldout } = DEFAULT_SETTINGS;
    expect(settingsFromDocument({ ...withoutHoldout, horizonMonths: 6 }).holdoutPercent).toBe(25);
    expect(settingsFromDocument(null)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromDocument([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  test("an invalid setting in a stored document takes its default; the other settings are kept", () => {
    expect(settingsFromDocument({ horizonMonths: -1, currency: "USD", tiers: [{ name: "All", percent: 100 }] })).toEqual({ ...DEFAULT_SETTINGS, currency: "USD" });
  });

  test("a document with the old quadrants (historic against predicted value) loads with the default quadrants", () => {
    const old = {
      ...DEFAULT_SETTINGS,
      horizonMonths: 24,
      tierMeasure: "total",
      quadrants: {
        historicThreshold: { mode: "fixed", amountCents: 50_000 },
        predictedThreshold: { mode: "median" },
        labels: {
          "high-high": { name: "Stars", tactic: "Keep them close." },
          "low-high": { name: "Rising", tactic: "" },
          "low-low": { name: "Occasional", tactic: "" },
          "high-low": { name: "Slipping", tactic: "" },
        },
      },
    };
    const settings = settingsFromDocument(old);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, horizonMonths: 24, tierMeasure: "total" });
    expect(settings.quadrants).not.toHaveProperty("historicThreshold");
    // Old thresholds with new labels, new thresholds with old labels, or no labels at all: the defaults.
    expect(settingsFromDocument({ quadrants: { ...old.quadrants, labels: DEFAULT_SETTINGS.quadrants.labels } }).quadrants).toEqual(DEFAULT_SETTINGS.quadrants);
    expect(settingsFromDocument({ quadrants: { ...DEFAULT_SETTINGS.quadrants, labels: old.quadrants.labels } }).quadrants).toEqual(DEFAULT_SETTINGS.quadrants);
    expect(settingsFromDocument({ quadrants: { durationThreshold: { mode: "fixed", days: 90 } } }).quadrants).toEqual(DEFAULT_SETTINGS.quadrants);
    expect(settingsFromDocument({ quadrants: "median" }).quadrants).toEqual(DEFAULT_SETTINGS.quadrants);
  });

  test("stored quadrant settings in the current shape are kept", () => {
    const quadrants = {
      durationThreshold: { mode: "fixed", days: 180 },
      clvThreshold: { mode: "fixed", amountCents: 25_000 },
      labels: { ...DEFAULT_SETTINGS.quadrants.labels, "low-short": { name: "At risk", tactic: "Call them." } },
    };
    // Stored before relationship length had settings: the default definition, the rest kept.
    expect(settingsFromDocument({ ...DEFAULT_SETTINGS, quadrants }).quadrants).toEqual({ ...quadrants, relationship: DEFAULT_RELATIONSHIP });
    const withRelationship = { ...quadrants, relationship: { definition: "sinceFirstPurchase", aliveCutoff: 0.3, inactivityDays: 200 } };
    expect(settingsFromDocument({ ...DEFAULT_SETTINGS, quadrants: withRelationship }).quadrants).toEqual(withRelationship);
  });

  test.each([
    [{ aliveCutoff: 0.1 }, "The P(alive) cutoff is at least 20%: below that a customer has in all likelihood left."],
    [{ aliveCutoff: 0.9 }, "The P(alive) cutoff is at most 80%."],
    [{ inactivityDays: 10 }, "A relationship ends after at least 30 days without a purchase."],
    [{ definition: "lastPurchase" }, "Choose how relationship length is measured."],
  ])("rejects the relationship setting %o", (change, message) => {
    const candidate = { ...DEFAULT_SETTINGS, quadrants: { ...DEFAULT_SETTINGS.quadrants, relationship: { ...DEFAULT_RELATIONSHIP, ...change } } };
    const result = validateSettings(candidate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.values(result.errors).flat()).toContain(message);
  });
});

describe("the company's time zone", () => {
  test("defaults to Europe/Amsterdam and accepts the runtime's zones", () => {
    expect(DEFAULT_SETTINGS.timeZone).toBe("Europe/Amsterdam");
    expect(validateSettings({ ...DEFAULT_SETTINGS, timeZone: "Europe/Brussels" }).ok).toBe(true);
  });
  test("refuses a name that is no time zone, and says what to write", () => {
    const result = validateSettings({ ...DEFAULT_SETTINGS, timeZone: "Amsterdam" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.timeZone).toEqual([expect.stringMatching(/not a time zone .* Europe\/Amsterdam/)]);
  });
  test("a stored document from before the setting existed reads with the default", () => {
    const { timeZone: _unused, ...older } = DEFAULT_SETTINGS;
    expect(settingsFromDocument(older).timeZone).toBe("Europe/Amsterdam");
  });
});
