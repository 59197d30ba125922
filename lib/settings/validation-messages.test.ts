import { describe, expect, test } from "vitest";
import en from "@/lib/i18n/messages/en/settings.json";
import { settingsSchema, DEFAULT_SETTINGS, validateSettings } from "./schema";
import { VALIDATION_MESSAGES, tiersDuplicateMessage, tiersTotalMessage, validationMessageKey } from "./validation-messages";

describe("settings validation messages", () => {
  test("the English catalogue says exactly what the schema says", () => {
    for (const [key, message] of Object.entries(VALIDATION_MESSAGES)) {
      expect(en.settings.validation[key as keyof typeof en.settings.validation]).toBe(message);
    }
    expect(en.settings.validation.tiersTotal.replace("{total}", "90")).toBe(tiersTotalMessage(90));
    expect(en.settings.validation.tiersDuplicate.replace("{name}", "Gold")).toBe(tiersDuplicateMessage("Gold"));
  });

  test("every error the schema gives for broken settings has a key", () => {
    const broken = {
      ...DEFAULT_SETTINGS,
      analysisDate: "23-11-2026",
      model: "magic",
      horizonMonths: 0.5,
      holdoutPercent: 5,
      discountRateYearly: -1,
      profitMargin: 2,
      currency: "euro",
      locale: "x",
      tiers: [
        { name: "", percent: 0 },
        { name: "A", percent: 50 },
        { name: "a", percent: 20 },
      ],
      tierMeasure: "luck",
      quadrants: { ...DEFAULT_SETTINGS.quadrants, durationThreshold: { mode: "fixed", days: 0 }, clvThreshold: { mode: "fixed", amountCents: -1 } },
    };
    const result = validateSettings(broken);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : Object.values(result.errors).flat();
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(validationMessageKey(message), message).not.toBeNull();
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  test("parameterised messages give their values back", () => {
    expect(validationMessageKey(tiersTotalMessage(87.5))).toEqual({ key: "tiersTotal", values: { total: "87.5" } });
    expect(validationMessageKey(tiersDuplicateMessage("Goud"))).toEqual({ key: "tiersDuplicate", values: { name: "Goud" } });
    expect(validationMessageKey("Something else.")).toBeNull();
  });
});
