import { describe, expect, test } from "vitest";
import { purchaseDate, zoneOffsetMinutes } from "./purchase-date";

const today = "2026-01-01";

describe("purchaseDate", () => {
  test.each([
    // Shopify: local time with the store's offset, as a date in Amsterdam
    ["2025-12-01 14:36:00 +0100", "offset", "YYYY-MM-DD", "Europe/Amsterdam", "2025-12-01"],
    ["2025-12-01 23:36:00 -0500", "offset", "YYYY-MM-DD", "Europe/Amsterdam", "2025-12-02"],
    ["2025-12-01 23:36:00 -05:00", "offset", "YYYY-MM-DD", "America/New_York", "2025-12-01"],
    ["2025-12-01T22:59:59Z", "offset", "YYYY-MM-DD", "Europe/Amsterdam", "2025-12-01"],
    ["2025-12-01T23:00:00Z", "offset", "YYYY-MM-DD", "Europe/Amsterdam", "2025-12-02"],
    // Stripe: UTC without a marker; summer time is two hours ahead
    ["2025-06-01 21:59:00", "utc", "YYYY-MM-DD", "Europe/Amsterdam", "2025-06-01"],
    ["2025-06-01 22:00:00", "utc", "YYYY-MM-DD", "Europe/Amsterdam", "2025-06-02"],
    ["2025-06-01", "utc", "YYYY-MM-DD", "Europe/Amsterdam", "2025-06-01"],
    // Local times are the calendar date as written
    ["01-06-2025 23:59", "local", "DD-MM-YYYY", "Europe/Amsterdam", "2025-06-01"],
    ["Nov 29, 2025 10:14:03 PM", "local", "MON D, YYYY", "Europe/Amsterdam", "2025-11-29"],
    ["Dec 1, 2025", "local", "MON D, YYYY", "Europe/Amsterdam", "2025-12-01"],
  ] as const)("%s (%s, %s, %s) → %s", (text, zone, dateFormat, timeZone, expected) => {
    expect(purchaseDate(text, { zone, dateFormat, timeZone, today })).toEqual({ ok: true, value: expected });
  });

  test("says what is wrong", () => {
    expect(purchaseDate("", { zone: "offset", dateFormat: "YYYY-MM-DD", timeZone: "Europe/Amsterdam", today })).toEqual({ ok: false, reason: "is empty" });
    expect(purchaseDate("2026-03-01 10:00:00 +0100", { zone: "offset", dateFormat: "YYYY-MM-DD", timeZone: "Europe/Amsterdam", today }).ok).toBe(false);
    expect(purchaseDate("Smarch 3, 2025", { zone: "local", dateFormat: "MON D, YYYY", timeZone: "Europe/Amsterdam", today })).toEqual({ ok: false, reason: "'Smarch 3, 2025' is not a date like Dec 1, 2025" });
  });

  test("zone offsets follow summer time", () => {
    expect(zoneOffsetMinutes(Date.UTC(2025, 0, 15, 12), "Europe/Amsterdam")).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2025, 6, 15, 12), "Europe/Amsterdam")).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2025, 6, 15, 12), "Asia/Kolkata")).toBe(330);
  });
});
