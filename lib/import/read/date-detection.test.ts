import { describe, expect, test } from "vitest";
import { detectDateFormat } from "./date-detection";

const today = "2026-11-23";

describe("detectDateFormat", () => {
  test.each([
    [["23-11-2025", "01-12-2025", "5-1-2026"], "DD-MM-YYYY"],
    [["2025-11-23", "2025-12-01"], "YYYY-MM-DD"],
    [["2025-11-23T10:00:00Z", "2025-12-01 08:15"], "YYYY-MM-DD"],
    [["23.11.2025", "01.12.2025"], "DD.MM.YYYY"],
    [["11/23/2025", "12/31/2025", "01/05/2026"], "MM/DD/YYYY"],
    [["23/11/2025", "31/12/2025", "05/01/2026"], "DD/MM/YYYY"],
    [["20251123", "20251201"], "YYYYMMDD"],
    [["45000", "45123", "46000"], "EXCEL_SERIAL"],
    [["23-11-25", "01-12-25"], "DD-MM-YY"],
  ])("%j is %s", (samples, format) => {
    const detected = detectDateFormat(samples, { today });
    expect(detected.format).toBe(format);
    expect(detected.ambiguous).toBe(false);
    expect(detected.matchedShare).toBe(1);
  });

  test("a sample where every date fits day-month and month-day is ambiguous; Dutch order is suggested", () => {
    expect(detectDateFormat(["03/04/2025", "05/06/2025", "11/12/2025"], { today })).toEqual({
      format: "DD/MM/YYYY",
      ambiguous: true,
      candidates: ["DD/MM/YYYY", "MM/DD/YYYY"],
      matchedShare: 1,
      unreadableExamples: [],
    });
  });

  test("one date with a day above 12 settles it", () => {
    const detected = detectDateFormat(["03/04/2025", "05/06/2025", "25/12/2025"], { today });
    expect(detected).toMatchObject({ format: "DD/MM/YYYY", ambiguous: false, candidates: ["DD/MM/YYYY"] });
  });

  test("dates that read the same both ways (day equals month) are not ambiguous", () => {
    expect(detectDateFormat(["01-01-2025", "02-02-2025"], { today }).ambiguous).toBe(false);
  });

  test("future readings count against a format", () => {
    // Day-month reads 12/11/2026 as 12 November 2026 (before today); month-day as 11 December 2026 (future).
    expect(detectDateFormat(["12/11/2026", "01/02/2026"], { today })).toMatchObject({ format: "DD/MM/YYYY", ambiguous: false });
  });

  test("a few bad values do not hide the format, and are shown", () => {
    const detected = detectDateFormat(["23-11-2025", "01-12-2025", "31-02-2025", "24-12-2025"], { today });
    expect(detected).toMatchObject({ format: "DD-MM-YYYY", matchedShare: 0.75, unreadableExamples: ["31-02-2025"] });
  });

  test("unknown formats give no format and examples", () => {
    expect(detectDateFormat(["23 nov 2025", "1 dec 2025"], { today })).toMatchObject({
      format: null,
      unreadableExamples: ["23 nov 2025", "1 dec 2025"],
    });
  });

  test("an empty sample gives no format", () => {
    expect(detectDateFormat(["", "  "], { today }).format).toBeNull();
  });
});
