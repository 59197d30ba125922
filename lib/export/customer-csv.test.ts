import { describe, expect, test } from "vitest";
import type { CustomerExportRow } from "@/lib/queries/segments-export";
import { CSV_COLUMNS, csvOptionsFor, customerCsvHeader, customerCsvLine, exportFileName } from "./customer-csv";

const row: CustomerExportRow = {
  customerId: 7,
  externalId: "K-0007",
  name: '=HYPERLINK("http://evil.example","click")',
  email: "+31@example.nl",
  country: "NL",
  city: "'s-Hertogenbosch",
  channel: "-Webshop",
  historicClvCents: 123456,
  predictedClvCents: 98765,
  totalClvCents: 222221,
  probabilityAlive: 0.876543,
  expectedPurchases: 2.34567,
  expectedOrderValueCents: 2150,
  expectedNextPurchaseDate: "2026-08-01",
  purchases: 5,
  relationshipDays: 400,
  daysSinceLastPurchase: 10,
  recencyScore: 5,
  frequencyScore: 4,
  monetaryScore: 3,
  rfmSegment: "champions",
  clvTier: 1,
  quadrant: "high-long",
};

const context = (locale: string) => ({
  asOfDate: "2026-06-30",
  rfmName: () => "Champions",
  tierName: () => "@Top",
  quadrantName: () => "Stars",
  options: csvOptionsFor(locale),
});

describe("customer CSV", () => {
  test("one line per customer: formulas escaped, money in currency units, dates derived from the analysis date", () => {
    const line = customerCsvLine(row, context("en-GB"));
    const cells = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(cells[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(cells[2]).toBe("'+31@example.nl");
    expect(cells[4]).toBe("'s-Hertogenbosch");
    expect(cells[5]).toBe("'-Webshop");
    expect(cells.slice(6, 10)).toEqual(["987.65", "1234.56", "2222.21", "0.8765"]);
    expect(cells[13]).toBe("2025-05-26"); // first purchase: 400 days before
    expect(cells[14]).toBe("2026-06-20");
    expect(cells[20]).toBe("'@Top");
  });

  test("Dutch: semicolons and decimal commas", () => {
    const cells = customerCsvLine(row, context("nl-NL")).split(";");
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(cells[6]).toBe("987,65");
    expect(customerCsvHeader((column) => column, csvOptionsFor("nl-NL")).split(";")).toEqual([...CSV_COLUMNS]);
  });

  test("file name", () => {
    expect(exportFileName("cell-1-champions", "2026-06-30")).toBe("klantwaarde-cell-1-champions-2026-06-30.csv");
    expect(exportFileName("a b/c", "2026-06-30")).toBe("klantwaarde-a-b-c-2026-06-30.csv");
  });
});
