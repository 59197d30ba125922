import { describe, expect, test } from "vitest";
import { daysBefore, relationshipParts } from "./customer-dates";

describe("customer dates", () => {
  test("last purchase from the analysis date", () => {
    expect(daysBefore("2026-03-01", 1)).toBe("2026-02-28");
    expect(daysBefore("2024-03-01", 1)).toBe("2024-02-29");
    expect(daysBefore("2026-06-30", 0)).toBe("2026-06-30");
    expect(daysBefore("2026-01-01", 365)).toBe("2025-01-01");
  });
  test("relationship length in days, months or years", () => {
    expect(relationshipParts(0)).toEqual({ unit: "days", count: 0 });
    expect(relationshipParts(60)).toEqual({ unit: "days", count: 60 });
    expect(relationshipParts(61)).toEqual({ unit: "months", count: 2 });
    expect(relationshipParts(729)).toEqual({ unit: "months", count: 23 });
    expect(relationshipParts(730)).toEqual({ unit: "years", count: 2 });
    expect(relationshipParts(1096)).toEqual({ unit: "years", count: 3 });
  });
});
