import { describe, expect, test } from "vitest";
import { formatCount, formatDate, formatDateTimeUtc, formatFileSize, formatMoney, formatMonth, formatPercent } from "./format";

describe("formatMoney", () => {
  test.each([
    [123456, {}, "€1,235"],
    [12345, {}, "€123.45"],
    [-2500, {}, "-€25.00"],
    [0, {}, "€0.00"],
    [148_601_673, { compact: true }, "€1.5m"],
    [4_500_000, { compact: true }, "€45k"],
    [67_760, { compact: true }, "€678"],
    [450, { compact: true }, "€5"],
    [123456, { cents: true }, "€1,234.56"],
  ])("%i cents with %o is %s", (cents, options, expected) => {
    expect(formatMoney(cents, options)).toBe(expected);
  });

  test("Dutch locale puts the euro sign first and uses decimal commas", () => {
    expect(formatMoney(123456, { locale: "nl-NL", cents: true }).replace(/\s/g, " ")).toBe("€ 1.234,56");
  });

  test("never loses cents to floating point on typical amounts", () => {
    expect(formatMoney(1999, { cents: true })).toBe("€19.99");
    expect(formatMoney(10, { cents: true })).toBe("€0.10");
  });
});

describe("other formats", () => {
  test("counts get thousands separators", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(1234567, "nl-NL")).toBe("1.234.567");
  });
  test("shares become percentages", () => {
    expect(formatPercent(0.4567)).toBe("45.7%");
    expect(formatPercent(1, "en-GB", 0)).toBe("100%");
  });
  test("dates are calendar days, never shifted by time zones", () => {
    expect(formatDate("2026-11-23")).toBe("23 Nov 2026");
    expect(formatDate("2024-01-01")).toBe("1 Jan 2024");
    expect(formatDate(null)).toBe("–");
    expect(formatDate("2026-11-23", "nl-NL")).toBe("23 nov 2026");
  });
  test("months", () => {
    expect(formatMonth("2026-03")).toBe("Mar 2026");
    expect(formatMonth("2026-03", { short: true })).toBe("Mar '26");
    expect(formatMonth("2026-03", { locale: "nl-NL" })).toBe("mrt 2026");
    expect(formatMonth("2026-11", { locale: "nl-NL", short: true })).toBe("nov '26");
  });
});

describe("formatDateTimeUtc", () => {
  test("shows the moment in UTC, whatever the server's zone", () => {
    expect(formatDateTimeUtc("2026-11-23T18:05:59.999Z", "en-GB")).toBe("23 Nov 2026, 18:05 UTC");
    expect(formatDateTimeUtc("2026-11-23T23:30:00+02:00", "en-GB")).toBe("23 Nov 2026, 21:30 UTC");
    expect(formatDateTimeUtc("2026-01-02T00:00:00Z", "nl-NL")).toBe("2 jan 2026, 00:00 UTC");
  });

  test("leaves text that is not a moment as it is", () => {
    expect(formatDateTimeUtc("yesterday", "en-GB")).toBe("yesterday");
  });
});

describe("formatFileSize", () => {
  test.each([
    [512, "512 bytes"],
    [1536, "1.5 KB"],
    [1024 * 1024, "1 MB"],
    [1.2 * 1024 * 1024, "1.2 MB"],
    [200 * 1024 * 1024, "200 MB"],
    [12.6 * 1024 ** 3, "13 GB"],
  ])("%d bytes is %s", (bytes, expected) => {
    expect(formatFileSize(bytes)).toBe(expected);
  });
});
