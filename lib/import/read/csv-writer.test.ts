import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCsvText } from "./csv-parser";
import { escapeFormula, formatCsv, formatCsvCell, formatCsvRow, rejectedRowsCsv, unescapeFormula } from "./csv-writer";

describe("formatCsvCell", () => {
  test.each([
    ["=SUM(A1:A9)", ",", "'=SUM(A1:A9)"],
    ['=HYPERLINK("http://evil.example","klik")', ",", `"'=HYPERLINK(""http://evil.example"",""klik"")"`],
    ["+31 20 123 4567", ",", "'+31 20 123 4567"],
    ["-12,50", ";", "'-12,50"],
    ["-12,50", ",", `"'-12,50"`],
    ["@SUM(A1)", ",", "'@SUM(A1)"],
    ["\tcmd", ",", "'\tcmd"],
    ["\rcmd", ",", `"'\rcmd"`],
    ["'=already", ",", "''=already"],
    ["'t Hoekje", ",", "'t Hoekje"],
    ["a;b", ";", '"a;b"'],
    ["a;b", ",", "a;b"],
    ["two\nlines", ",", '"two\nlines"'],
    [" padded ", ",", '" padded "'],
    ["Zoë", ",", "Zoë"],
    ["", ",", ""],
  ])("text %j with delimiter %j → %j", (value, delimiter, written) => {
    expect(formatCsvCell(value, { delimiter })).toBe(written);
  });

  test.each([
    [-12.5, {}, "-12.5"],
    [-12.5, { delimiter: ";", decimal: "," as const }, "-12,5"],
    [-12.5, { delimiter: ",", decimal: "," as const }, '"-12,5"'],
    [1250, {}, "1250"],
    [-0, {}, "0"],
    [Number.NaN, {}, ""],
    [Number.POSITIVE_INFINITY, {}, ""],
    [true, {}, "true"],
    [null, {}, ""],
    [undefined, {}, ""],
  ])("value %p → %j: a negative number stays a number", (value, options, written) => {
    expect(formatCsvCell(value, options)).toBe(written);
  });
});

describe("formatCsv", () => {
  test("bigints are written as numbers", () => {
    expect(formatCsvCell(-5n)).toBe("-5");
  });

  test("CRLF line ends, optional byte-order mark for Excel", () => {
    expect(formatCsv([["a", "b"], [1, "=x"]])).toBe("a,b\r\n1,'=x\r\n");
    expect(formatCsv([["Zoë"]], { bom: true, lineEnding: "\n" })).toBe("\uFEFFZoë\n");
  });

  test("rows re-parsed by the parser give the original cells (after taking off the formula escape)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "Z", "é", " ", ",", ";", '"', "\n", "\r", "\t", "=", "+", "-", "@", "'", "1") });
    const rows = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, fc.constantFrom(",", ";", "\t", "|"), (table, delimiter) => {
        const text = formatCsv(table, { delimiter });
        const parsed = parseCsvText(text, { delimiter }).records.map((record) => record.cells.map(unescapeFormula));
        expect(parsed).toEqual(table);
      }),
    );
  });

  test("no written text cell starts with a character a spreadsheet would run", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const [cell] = parseCsvText(formatCsvRow([value, "x"]), { delimiter: "," }).records[0]!.cells;
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe("escapeFormula and unescapeFormula", () => {
  test.each(["=1+1", "'=1+1", "''-3", "plain", "'t Hoekje", "", "-"])("%j round-trips", (text) => {
    expect(unescapeFormula(escapeFormula(text))).toBe(text);
  });
});

describe("rejectedRowsCsv", () => {
  test("puts the line and the reasons in front of the original cells", () => {
    const csv = rejectedRowsCsv(
      ["klantnummer", "datum", "bedrag"],
      [
        {
          line: 4,
          cells: ["", "31-02-2025", "-12,50"],
          errors: [{ reason: "customer number is empty" }, { reason: "purchase date '31-02-2025' does not exist" }],
        },
      ],
      { delimiter: ";" },
    );
    expect(csv).toBe(
      "line in original file;problem;klantnummer;datum;bedrag\r\n4;customer number is empty; purchase date '31-02-2025' does not exist;;31-02-2025;'-12,50\r\n".replace(
        "customer number is empty; purchase date '31-02-2025' does not exist",
        `"customer number is empty; purchase date '31-02-2025' does not exist"`,
      ),
    );
  });
});
