import { describe, expect, test } from "vitest";
import { DUTCH_CUSTOMERS, DUTCH_ORDERS, utf8Bytes, windows1252Bytes } from "./fixtures.test-helpers";
import { guessImportKind, sniffFile, SNIFF_BYTES } from "./sniff";

const today = "2026-11-23";
const codes = (result: ReturnType<typeof sniffFile>) => result.problems.map((problem) => `${problem.severity}:${problem.code}`);

describe("sniffFile on messy Dutch files", () => {
  test("Excel orders export with BOM, semicolons, decimal commas and a multi-line note", () => {
    const result = sniffFile(utf8Bytes(DUTCH_ORDERS, { bom: true }), "orders.csv", { today });
    expect(result).toMatchObject({
      kind: "transactions",
      kindGuessed: true,
      encoding: { encoding: "utf-8", bomLength: 3, evidence: "byte-order-mark" },
      delimiter: ";",
      decimal: { decimal: ",", ambiguous: false },
      dateFormat: { format: "DD-MM-YYYY", ambiguous: false },
      header: ["Klantnummer", "Orderdatum", "Bedrag incl. BTW", "Ordernummer", "Kanaal", "Opmerking"],
      mapping: { customer: 0, date: 1, amount: 2, order: 3, channel: 4 },
      formats: { decimal: ",", dateFormat: "DD-MM-YYYY", today },
      sampleRows: 5,
      complete: true,
      problems: [],
    });
    expect(result.preview.map((record) => record.line)).toEqual([2, 3, 4, 6, 7]);
    expect(result.preview[2]!.cells[5]).toBe("Retour,\r\nbeschadigd");
    expect(result.previewOutcomes.map((outcome) => (outcome.ok && "revenueCents" in outcome.row ? outcome.row.revenueCents : null))).toEqual([
      123456, 1250, -1250, 9995, 99,
    ]);
  });

  test("Windows-1252 customers export: é and è read correctly, other columns become attributes", () => {
    const result = sniffFile(windows1252Bytes(DUTCH_CUSTOMERS), "klanten.csv", { today });
    expect(result).toMatchObject({
      kind: "customers",
      encoding: { encoding: "windows-1252", evidence: "not-utf-8" },
      delimiter: ";",
      mapping: { customer: 0, name: 1, email: 2, country: 3, city: 4, firstSeen: 5 },
      dateFormat: { format: "DD-MM-YYYY" },
      problems: [{ severity: "warning", code: "not-utf-8" }],
    });
    expect(result.previewOutcomes).toMatchObject([
      { ok: true, row: { name: "Café de Zwaan", firstSeenDate: "2021-03-01", attributes: { Nieuwsbrief: "ja", Segment: "horeca" } } },
      { ok: true, row: { city: "Liège", attributes: { Nieuwsbrief: "nee" } } },
      { ok: true, row: { name: '=HYPERLINK("http://evil.example","klik")', firstSeenDate: null } },
    ]);
  });

  test("an English webshop export with commas and decimal points", () => {
    const text = 'customer_id,order_date,total,order_id\n1001,2025-11-23,"1,234.56",A1\n1002,2025-11-24,12.50,A2\n';
    expect(sniffFile(utf8Bytes(text), "shopify.csv", { today })).toMatchObject({
      delimiter: ",",
      decimal: { decimal: "." },
      dateFormat: { format: "YYYY-MM-DD" },
      mapping: { customer: 0, date: 1, amount: 2, order: 3 },
      problems: [],
    });
  });

  test("the user's choices replace every detection", () => {
    const text = "klant;datum;bedrag\n1;03/04/2025;1.234\n";
    const result = sniffFile(utf8Bytes(text), "x.csv", {
      today,
      choices: { kind: "transactions", delimiter: ";", decimal: ".", dateFormat: "MM/DD/YYYY", encoding: "windows-1252", mapping: { amount: "bedrag" } },
    });
    expect(result).toMatchObject({
      kindGuessed: false,
      encoding: { encoding: "windows-1252" },
      formats: { decimal: ".", dateFormat: "MM/DD/YYYY" },
      problems: [],
      previewOutcomes: [{ ok: true, row: { purchaseDate: "2025-03-04", revenueCents: 123 } }],
    });
  });

  test("a sample cut from a larger file leaves out the cut-off last line", () => {
    const rows = Array.from({ length: 4000 }, (_, index) => `K${index};23-11-2025;${index},50`);
    const bytes = utf8Bytes(["klant;datum;bedrag", ...rows].join("\n"));
    const result = sniffFile(bytes.subarray(0, SNIFF_BYTES), "groot.csv", { today, fileSize: bytes.length });
    expect(result.complete).toBe(false);
    expect(result.problems).toEqual([]);
    expect(result.preview).toHaveLength(20);
    expect(result.sampleRows).toBeLessThan(4000);
  });
});

describe("sniffFile reports every bad input clearly", () => {
  test("empty file", () => {
    const result = sniffFile(new Uint8Array(), "leeg.csv", { today });
    expect(result.problems).toEqual([
      { severity: "error", code: "empty-file", message: "'leeg.csv' is empty. Export your data again and check that the export has rows." },
    ]);
  });

  test("a file with only a byte-order mark and blank lines is empty", () => {
    expect(codes(sniffFile(utf8Bytes("\r\n\r\n", { bom: true }), "leeg.csv", { today }))).toEqual(["error:empty-file"]);
  });

  test("header only", () => {
    const result = sniffFile(utf8Bytes("klantnummer;datum;bedrag\r\n"), "kop.csv", { today });
    expect(codes(result)).toEqual(["error:header-only"]);
    expect(result.problems[0]!.message).toBe(
      "'kop.csv' only has a header line ('klantnummer', 'datum', 'bedrag') and no rows below it. Export again with the data included.",
    );
  });

  test("an image renamed to .csv", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(sniffFile(png, "omzet.csv", { today }).problems).toEqual([
      {
        severity: "error",
        code: "binary-file",
        message: "'omzet.csv' is a PNG image, not a CSV text file. Export your data as CSV from your webshop, CRM or Excel.",
      },
    ]);
  });

  test("an Excel workbook", () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(codes(sniffFile(xlsx, "omzet.xlsx", { today }))).toEqual(["error:excel-workbook"]);
  });

  test("missing required columns, naming them and the columns found", () => {
    const result = sniffFile(utf8Bytes("Omschrijving;Bedrag\nstoel;12,50\n"), "x.csv", { today, choices: { kind: "transactions" } });
    expect(codes(result)).toEqual(["error:missing-column"]);
    expect(result.problems[0]!.message).toContain("customer number");
    expect(result.problems[0]!.message).toContain("Columns found: 'Omschrijving', 'Bedrag'");
    expect(result.previewOutcomes).toEqual([]);
  });

  test("duplicated headers", () => {
    const result = sniffFile(utf8Bytes("klant;datum;bedrag;bedrag\n1;23-11-2025;1;2\n"), "x.csv", { today });
    expect(codes(result)).toContain("error:duplicate-header");
  });

  test("one column: the wrong delimiter was chosen, and the right one is named", () => {
    const result = sniffFile(utf8Bytes(DUTCH_ORDERS), "x.csv", { today, choices: { delimiter: "," } });
    expect(codes(result)).toEqual(["error:one-column"]);
    expect(result.problems[0]!.message).toBe(
      "The header line reads as one column with ',' (comma) as the delimiter, so the columns are probably separated by ';' (semicolon). Choose ';' (semicolon) as the delimiter.",
    );
  });

  test("ambiguous dates make the user choose, with both readings spelled out", () => {
    const result = sniffFile(utf8Bytes("klant;datum;bedrag\n1;03/04/2025;5\n2;05/06/2025;6\n"), "x.csv", { today });
    expect(result.dateFormat).toMatchObject({ ambiguous: true, candidates: ["DD/MM/YYYY", "MM/DD/YYYY"] });
    expect(result.problems).toEqual([
      {
        severity: "error",
        code: "ambiguous-date-format",
        message:
          "The dates in column 'datum' can be read in more than one way: '03/04/2025' is 3 April 2025 (DD/MM/YYYY) or 4 March 2025 (MM/DD/YYYY). Choose the date format of this file.",
      },
    ]);
  });

  test("dates in an unknown format", () => {
    const result = sniffFile(utf8Bytes("klant;datum;bedrag\n1;23 nov 2025;5\n"), "x.csv", { today });
    expect(codes(result)).toEqual(["error:unknown-date-format"]);
    expect(result.problems[0]!.message).toContain("'23 nov 2025'");
  });

  test("bad dates, future dates, bad amounts and empty customer ids show in the preview outcomes", () => {
    const text = "klant;datum;bedrag\n1;23-11-2025;5\n;23-11-2025;5\n2;31-02-2025;5\n3;01-01-2027;5\n4;23-11-2025;12,3,4\n";
    const result = sniffFile(utf8Bytes(text), "x.csv", { today });
    expect(result.problems).toEqual([]);
    expect(result.previewOutcomes.map((outcome) => (outcome.ok ? "ok" : outcome.errors[0]!.reason))).toEqual([
      "ok",
      "customer number is empty: every row needs the customer's number",
      "purchase date '31-02-2025' does not exist: February 2025 has 28 days",
      "purchase date '01-01-2027' is in the future (today is 2026-11-23): check the date",
      "amount '12,3,4' is not a number: use 1234,56 or 1.234,56",
    ]);
  });

  test("amounts that read both ways give a warning", () => {
    const result = sniffFile(utf8Bytes("klant;datum;bedrag\n1;23-11-2025;1.234\n2;23-11-2025;2.500\n"), "x.csv", { today });
    expect(codes(result)).toEqual(["warning:ambiguous-decimal"]);
    expect(result.formats.decimal).toBe(",");
  });

  test("an unclosed quote", () => {
    const result = sniffFile(utf8Bytes('klant;datum;bedrag\n1;23-11-2025;5\n2;"23-11-2025;5\n3;23-11-2025;5\n'), "x.csv", { today });
    expect(result.problems).toMatchObject([{ severity: "error", code: "unterminated-quote", line: 3 }]);
  });

  test("a header longer than the 64 KB sample: the message says so, not 'no rows'", () => {
    const header = `klant;datum;bedrag;${Array.from({ length: 8_000 }, (_, index) => `kolom${index}`).join(";")}`;
    expect(header.length).toBeGreaterThan(70_000);
    const bytes = utf8Bytes(`${header}\nK1;23-11-2025;5\n`);
    const result = sniffFile(bytes.subarray(0, SNIFF_BYTES), "wide.csv", { today, fileSize: bytes.length });
    expect(result.problems).toEqual([
      {
        severity: "error",
        code: "line-too-long",
        line: 1,
        message:
          "The first line of 'wide.csv' is longer than 64 KB, so it is not a header of column names. Is this a CSV file, and is the delimiter right? Export the data as CSV with the column names on the first line and import again.",
      },
    ]);
  });

  test("a first row longer than the 64 KB sample: the message says so, not 'only a header'", () => {
    const bytes = utf8Bytes(`klant;datum;bedrag;notitie\nK1;23-11-2025;5;${"x".repeat(70_000)}\nK2;23-11-2025;5;y\n`);
    const result = sniffFile(bytes.subarray(0, SNIFF_BYTES), "wide.csv", { today, fileSize: bytes.length });
    expect(codes(result)).toEqual(["error:line-too-long"]);
    expect(result.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining("The first row under the header of 'wide.csv' ends only after the first 64 KB") });
  });

  test("not valid UTF-8 in auto mode: read as Windows-1252, with a warning that says so", () => {
    const result = sniffFile(windows1252Bytes(DUTCH_CUSTOMERS), "klanten.csv", { today });
    expect(result.encoding).toMatchObject({ encoding: "windows-1252", evidence: "not-utf-8" });
    expect(result.problems).toEqual([
      {
        severity: "warning",
        code: "not-utf-8",
        message: "This file is not valid UTF-8; it was read as Windows-1252 (Western European). If names look wrong, choose the file's encoding.",
      },
    ]);
    expect(sniffFile(windows1252Bytes(DUTCH_CUSTOMERS), "klanten.csv", { today, choices: { encoding: "windows-1252" } }).problems).toEqual([]);
  });

  test("the preview shows rows with control characters or right-to-left overrides as rejected", () => {
    const result = sniffFile(utf8Bytes("klant;datum;bedrag;ordernummer\nK1;23-11-2025;5;ORD-\u202E1\nK2;23-11-2025;5;ORD-2\n"), "x.csv", { today });
    expect(result.previewOutcomes.map((outcome) => (outcome.ok ? "ok" : outcome.errors[0]!.column))).toEqual(["ordernummer", "ok"]);
  });

  test("UTF-8 chosen for a Windows-1252 file shows replacement characters and a warning", () => {
    const result = sniffFile(windows1252Bytes(DUTCH_CUSTOMERS), "x.csv", { today, choices: { encoding: "utf-8" } });
    expect(codes(result)).toEqual(["warning:invalid-bytes"]);
  });
});

test.each([
  [["klantnummer", "naam", "woonplaats"], "customers"],
  [["klantnummer", "datum", "bedrag"], "transactions"],
  [["customer_id", "order_date", "revenue"], "transactions"],
])("guessImportKind(%j) = %s", (header, kind) => {
  expect(guessImportKind(header)).toBe(kind);
});
