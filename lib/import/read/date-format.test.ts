import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DATE_FORMATS, excelSerialToIso, parseDate, parseDateFormatName, todayIso, type DateFormat } from "./date-format";

const today = "2026-11-23";

/** Writes an ISO date in a format, the way an export would. */
function writeDate(iso: string, format: DateFormat, options: { padded: boolean }): string {
  const [year, month, day] = iso.split("-") as [string, string, string];
  const d = options.padded ? day : String(Number(day));
  const m = options.padded ? month : String(Number(month));
  const yy = year.slice(2);
  switch (format) {
    case "YYYY-MM-DD":
      return `${year}-${m}-${d}`;
    case "YYYY/MM/DD":
      return `${year}/${m}/${d}`;
    case "YYYYMMDD":
      return `${year}${month}${day}`;
    case "DD-MM-YYYY":
      return `${d}-${m}-${year}`;
    case "DD/MM/YYYY":
      return `${d}/${m}/${year}`;
    case "DD.MM.YYYY":
      return `${d}.${m}.${year}`;
    case "MM/DD/YYYY":
      return `${m}/${d}/${year}`;
    case "MM-DD-YYYY":
      return `${m}-${d}-${year}`;
    case "DD-MM-YY":
      return `${d}-${m}-${yy}`;
    case "DD/MM/YY":
      return `${d}/${m}/${yy}`;
    case "DD.MM.YY":
      return `${d}.${m}.${yy}`;
    case "MM/DD/YY":
      return `${m}/${d}/${yy}`;
    case "EXCEL_SERIAL":
      return String(Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000));
  }
}

describe("parseDate", () => {
  test.each<[string, DateFormat, string]>([
    ["2025-11-23", "YYYY-MM-DD", "2025-11-23"],
    ["2025-11-23T14:05:00Z", "YYYY-MM-DD", "2025-11-23"],
    ["2025-11-23 14:05:00.123+01:00", "YYYY-MM-DD", "2025-11-23"],
    ["2025/1/5", "YYYY/MM/DD", "2025-01-05"],
    ["20251123", "YYYYMMDD", "2025-11-23"],
    ["23-11-2025", "DD-MM-YYYY", "2025-11-23"],
    ["5-1-2025", "DD-MM-YYYY", "2025-01-05"],
    ["23-11-2025 14:05", "DD-MM-YYYY", "2025-11-23"],
    ["23/11/2025", "DD/MM/YYYY", "2025-11-23"],
    ["23.11.2025", "DD.MM.YYYY", "2025-11-23"],
    ["11/23/2025 2:05 PM", "MM/DD/YYYY", "2025-11-23"],
    ["11-23-2025", "MM-DD-YYYY", "2025-11-23"],
    ["23-11-25", "DD-MM-YY", "2025-11-23"],
    ["23-11-98", "DD-MM-YY", "1998-11-23"],
    ["23.11.26", "DD.MM.YY", "2026-11-23"],
    ["29-02-2024", "DD-MM-YYYY", "2024-02-29"],
    ["45000", "EXCEL_SERIAL", "2023-03-15"],
    ["45000,5", "EXCEL_SERIAL", "2023-03-15"],
    ["1", "EXCEL_SERIAL", "1900-01-01"],
    ["61", "EXCEL_SERIAL", "1900-03-01"],
    [" 2026-11-23 ", "YYYY-MM-DD", "2026-11-23"],
  ])("%s in %s is %s", (text, format, iso) => {
    expect(parseDate(text, format, { today })).toEqual({ ok: true, value: iso });
  });

  test.each<[string, DateFormat, string]>([
    ["31-02-2025", "DD-MM-YYYY", "'31-02-2025' does not exist: February 2025 has 28 days"],
    ["29-02-2025", "DD-MM-YYYY", "'29-02-2025' does not exist: February 2025 has 28 days"],
    ["31-04-2025", "DD-MM-YYYY", "'31-04-2025' does not exist: April 2025 has 30 days"],
    ["00-01-2025", "DD-MM-YYYY", "'00-01-2025' does not exist: January 2025 has 31 days"],
    ["12-13-2025", "DD-MM-YYYY", "'12-13-2025' is not a date in the format DD-MM-YYYY: there is no month 13"],
    ["24-11-2026", "DD-MM-YYYY", "'24-11-2026' is in the future (today is 2026-11-23): check the date"],
    ["01-01-2099", "DD-MM-YYYY", "'01-01-2099' is in the future (today is 2026-11-23): check the date"],
    ["01-01-1850", "DD-MM-YYYY", "'01-01-1850' is before 1900: check the year"],
    ["2025-11-23", "DD-MM-YYYY", "'2025-11-23' is not a date in the format DD-MM-YYYY: write it like 23-11-2026"],
    ["gisteren", "YYYY-MM-DD", "'gisteren' is not a date in the format YYYY-MM-DD: write it like 2026-11-23"],
    ["23-11-2025 kwart over", "DD-MM-YYYY", "'23-11-2025 kwart over' is not a date in the format DD-MM-YYYY: write it like 23-11-2026"],
    ["60", "EXCEL_SERIAL", "'60' is not an Excel date number (such as 46349 for 2026-11-23)"],
    ["abc", "EXCEL_SERIAL", "'abc' is not an Excel date number (such as 46349 for 2026-11-23)"],
    ["", "DD-MM-YYYY", "is empty"],
  ])("%s in %s is rejected", (text, format, reason) => {
    expect(parseDate(text, format, { today })).toEqual({ ok: false, reason });
  });

  test("46349 is 23 November 2026, as the message example says", () => {
    expect(excelSerialToIso(46349)).toBe("2026-11-23");
  });

  test("random valid dates written in any format parse back to the same date", () => {
    const day = fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2026, 10, 23) / 86_400_000 });
    fc.assert(
      fc.property(day, fc.constantFrom(...DATE_FORMATS), fc.boolean(), (days, format, padded) => {
        const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
        // Two-digit years are read as the latest such year not after today, so 1950..2026 all come back.
        expect(parseDate(writeDate(iso, format, { padded }), format, { today })).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe("parseDateFormatName", () => {
  test.each([
    ["dd-mm-yyyy", "DD-MM-YYYY"],
    ["D-M-YYYY", "DD-MM-YYYY"],
    ["iso", "YYYY-MM-DD"],
    ["excel", "EXCEL_SERIAL"],
    ["MM/DD/YYYY", "MM/DD/YYYY"],
    ["yyyymmdd", "YYYYMMDD"],
    ["23-11-2026", null],
  ])("%s → %s", (name, format) => {
    expect(parseDateFormatName(name)).toBe(format);
  });
});

test("todayIso reads the local calendar date", () => {
  expect(todayIso(new Date(2026, 10, 23, 23, 59))).toBe("2026-11-23");
});
