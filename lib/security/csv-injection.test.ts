import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { customerCsvLine, csvOptionsFor } from "@/lib/export/customer-csv";
import { chartCsv } from "@/lib/export/chart-image";
import { rejectedRowsCsv } from "@/lib/import/read/csv-writer";
import type { CustomerExportRow } from "@/lib/queries/segments-export";

/**
 * CSV injection (OWASP): every CSV the app writes (the customer export, chart data, rejected import rows)
 * puts a `'` before text a spreadsheet would run as a formula, and keeps HTML as the plain text it is.
 */
const PAYLOADS: [string, string][] = [
  ['=HYPERLINK("http://evil.example","klik")', `'=HYPERLINK("http://evil.example","klik")`],
  ["+SUM(1+1)", "'+SUM(1+1)"],
  ["-2+3 Koffie", "'-2+3 Koffie"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\t=1+1", "'\t=1+1"],
  ["\r=1+1", "'\r=1+1"],
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"],
  ['"><script>alert(1)</script>', '"><script>alert(1)</script>'],
  ["'s-Hertogenbosch", "'s-Hertogenbosch"],
];

const read = (csv: string, delimiter = ",") => parse(csv, { bom: true, delimiter, relax_column_count: true }) as string[][];

const customer = (name: string): CustomerExportRow => ({
  customerId: 1,
  externalId: "K-1",
  name,
  email: name,
  country: "NL",
  city: name,
  channel: name,
  historicClvCents: -1250,
  predictedClvCents: 100,
  totalClvCents: -1150,
  probabilityAlive: 0.5,
  expectedPurchases: 1,
  expectedOrderValueCents: 100,
  expectedNextPurchaseDate: null,
  purchases: 1,
  relationshipDays: 10,
  daysSinceLastPurchase: 5,
  recencyScore: 1,
  frequencyScore: 1,
  monetaryScore: 1,
  rfmSegment: "champions",
  clvTier: 1,
  quadrant: "high-long",
});

describe.each(["en-GB", "nl-NL"])("every CSV export (%s)", (locale) => {
  const options = csvOptionsFor(locale);
  const delimiter = options.delimiter!;

  test.each(PAYLOADS)("customer export: %j", (text, expected) => {
    const cells = read(customerCsvLine(customer(text), { asOfDate: "2026-06-30", rfmName: () => text, tierName: () => text, quadrantName: () => text, options }), delimiter)[0]!;
    // Name, e-mail, city, channel, RFM segment, tier and quadrant are all text a person typed.
    for (const index of [1, 2, 4, 5, 19, 20, 21]) expect(cells[index]).toBe(expected);
    // A negative amount is a number, not a formula.
    expect(cells[7]).toBe(locale === "nl-NL" ? "-12,5" : "-12.5");
  });

  test.each(PAYLOADS)("chart data: %j", (text, expected) => {
    const [header, row] = read(chartCsv({ columns: [text, "value"], rows: [[text, -3.5]] }, locale), delimiter);
    expect(header).toEqual([expected, "value"]);
    expect(row).toEqual([expected, locale === "nl-NL" ? "-3,5" : "-3.5"]);
  });
});

describe("rejected import rows", () => {
  test.each(PAYLOADS)("%j", (text, expected) => {
    const [, row] = read(rejectedRowsCsv(["naam"], [{ line: 2, cells: [text], errors: [{ reason: text }] }]));
    expect(row).toEqual(["2", expected, expected]);
  });
});
