import { strToU8, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { createRowReader } from "./row-reader";
import { sniffFile } from "./sniff";
import { buildZipBomb } from "@/lib/testing/zip-bomb";
import { columnIndex, decodeXml, excelDateText, formatExcelNumber, isDateFormatCode, readFirstSheet, unpackLimitBytes, xlsxToCsv, XlsxError, XlsxTooLargeError } from "./xlsx";

const TODAY = "2026-11-23";
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface WorkbookSpec {
  sheets: { name: string; xml: string; state?: string }[];
  sharedStrings?: string[];
  /** Raw `<si>` items, for rich text. */
  sharedStringItems?: string[];
  styles?: string;
  date1904?: boolean;
  absoluteTargets?: boolean;
}

/** A minimal workbook laid out as Excel writes it (root rels, workbook + rels, shared strings, styles, sheets). */
function buildXlsx(spec: WorkbookSpec): Uint8Array {
  const target = (path: string) => (spec.absoluteTargets ? `/xl/${path}` : path);
  const items = spec.sharedStringItems ?? (spec.sharedStrings ?? []).map((text) => `<si><t xml:space="preserve">${text}</t></si>`);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook ${NS}><workbookPr${spec.date1904 ? ' date1904="1"' : ""}/><sheets>` +
        spec.sheets.map((sheet, index) => `<sheet name="${sheet.name}" sheetId="${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ""} r:id="rId${index + 1}"/>`).join("") +
        "</sheets></workbook>",
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        spec.sheets.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${REL}/worksheet" Target="${target(`worksheets/sheet${index + 1}.xml`)}"/>`).join("") +
        `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${target("sharedStrings.xml")}"/>` +
        `<Relationship Id="rIdT" Type="${REL}/styles" Target="${target("styles.xml")}"/></Relationships>`,
    ),
    "xl/sharedStrings.xml": strToU8(`<?xml version="1.0"?><sst ${NS} count="${items.length}" uniqueCount="${items.length}">${items.join("")}</sst>`),
    "xl/styles.xml": strToU8(
      spec.styles ??
        `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts>` +
          `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
    ),
  };
  spec.sheets.forEach((sheet, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet ${NS}><sheetData>${sheet.xml}</sheetData></worksheet>`);
  });
  return zipSync(files);
}

const s = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
const n = (ref: string, value: string, style?: number) => `<c r="${ref}"${style === undefined ? "" : ` s="${style}"`}><v>${value}</v></c>`;

describe("xlsxToCsv", () => {
  test("reads shared strings, numbers, dates, inline strings, booleans and cached formula values", () => {
    const bytes = buildXlsx({
      sharedStrings: ["klantnummer", "datum", "bedrag", "naam", "K001", "Caf&#233; &amp; Co", "=HYPERLINK(&quot;http://x&quot;)"],
      sheets: [
        {
          name: "Orders &amp; more",
          xml:
            `<row r="1">${s("A1", 0)}${s("B1", 1)}${s("C1", 2)}${s("D1", 3)}</row>` +
            `<row r="2">${s("A2", 4)}${n("B2", "45984", 1)}${n("C2", "1234.56", 3)}${s("D2", 5)}<c r="E2" t="b"><v>1</v></c></row>` +
            `<row r="3"><c r="A3" t="inlineStr"><is><t>K002</t></is></c>${n("B3", "45985.5", 2)}<c r="C3"><f>C2*2</f><v>12.300000000000001</v></c>${s("D3", 6)}</row>`,
        },
      ],
    });
    const { sheetName, csv } = xlsxToCsv(bytes);
    expect(sheetName).toBe("Orders & more");
    expect(csv).toBe(
      "klantnummer,datum,bedrag,naam\r\n" +
        "K001,2025-11-23,1234.56,Café & Co,TRUE\r\n" +
        'K002,2025-11-24 12:00:00,12.3,"=HYPERLINK(""http://x"")"\r\n',
    );
  });

  test("keeps row numbers: skipped rows become empty lines, cells are placed by their reference", () => {
    const bytes = buildXlsx({
      sharedStrings: ["a", "b"],
      sheets: [{ name: "S", xml: `<row r="2">${s("B2", 0)}${s("D2", 1)}</row><row r="5"/><row r="6">${n("A6", "1")}<c r="C6" s="3"/></row>` }],
    });
    expect(xlsxToCsv(bytes).csv).toBe("\r\n,a,,b\r\n\r\n\r\n\r\n1\r\n");
  });

  test("rich text runs are joined, phonetic guides left out, Excel escapes decoded", () => {
    const bytes = buildXlsx({
      sharedStringItems: ['<si><r><rPr><b/></rPr><t>Koffie</t></r><r><t xml:space="preserve"> &amp; thee</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>', "<si><t>regel 1_x000D_\nregel 2</t></si>", "<si><t/></si>"],
      sheets: [{ name: "S", xml: `<row r="1">${s("A1", 0)}${s("B1", 1)}${s("C1", 2)}</row>` }],
    });
    expect(xlsxToCsv(bytes).csv).toBe('Koffie & thee,"regel 1\r\nregel 2"\r\n');
  });

  test("dates of a 1904 workbook (old Mac Excel) are not four years off", () => {
    const bytes = buildXlsx({ date1904: true, sheets: [{ name: "S", xml: `<row r="1">${n("A1", "44522", 1)}</row>` }] });
    expect(xlsxToCsv(bytes).csv).toBe("2025-11-23\r\n");
  });

  test("takes the first visible worksheet, also with absolute part names and prefixed XML", () => {
    const bytes = buildXlsx({
      absoluteTargets: true,
      sharedStrings: ["hidden", "visible"],
      sheets: [
        { name: "Hidden", state: "hidden", xml: `<row r="1">${s("A1", 0)}</row>` },
        { name: "Klanten", xml: `<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c></x:row>` },
      ],
    });
    const sheet = readFirstSheet(bytes);
    expect(sheet.sheetName).toBe("Klanten");
    expect(sheet.sheetCount).toBe(2);
    expect(xlsxToCsv(bytes).csv).toBe("visible\r\n");
  });

  test("chunks join to the whole sheet and progress ends at 1", () => {
    const rows = Array.from({ length: 50 }, (_, index) => `<row r="${index + 1}">${n(`A${index + 1}`, String(index))}</row>`).join("");
    const sheet = readFirstSheet(buildXlsx({ sheets: [{ name: "S", xml: rows }] }));
    const chunks = [...sheet.csvChunks({ rowsPerChunk: 7 })];
    expect(chunks).toHaveLength(8);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(Array.from({ length: 50 }, (_, index) => `${index}\r\n`).join(""));
    expect(chunks.at(-1)!.progress).toBe(1);
  });

  test("refuses what is not a workbook with a message for people", () => {
    expect(() => xlsxToCsv(new TextEncoder().encode("klant;datum\n"), "orders.xlsx")).toThrow(XlsxError);
    expect(() => xlsxToCsv(new TextEncoder().encode("klant;datum\n"), "orders.xlsx")).toThrow(/'orders.xlsx' cannot be read as an Excel workbook/);
    const zipWithoutWorkbook = zipSync({ "readme.txt": strToU8("hello") });
    expect(() => xlsxToCsv(zipWithoutWorkbook, "archive.xlsx")).toThrow(/there is no workbook inside/);
    const truncated = buildXlsx({ sheets: [{ name: "S", xml: "" }] }).subarray(0, 200);
    expect(() => xlsxToCsv(truncated)).toThrow(XlsxError);
  });
});

describe("a workbook that unpacks to more than the bound (a zip bomb)", () => {
  const MB = 1024 * 1024;
  const MESSAGE = "'bom.xlsx' expands to more than 8 MB when unpacked, more than can be read here. Save the sheet as CSV (in Excel: Save As, 'CSV UTF-8') and import that.";

  test("stops while unpacking, with a message, having unpacked little more than the bound", () => {
    // 64 KB that inflates to 256 MB and declares 1 byte per entry: only the unpacking can notice.
    const bomb = buildZipBomb({ inflatedBytes: 256 * MB });
    expect(bomb.length).toBeLessThan(300 * 1024);
    const external = process.memoryUsage().arrayBuffers;
    let error: unknown;
    try {
      readFirstSheet(bomb, "bom.xlsx", { maxUnpackedBytes: 8 * MB });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(XlsxTooLargeError);
    expect((error as Error).message).toBe(MESSAGE);
    // Memory stopped growing at the bound: one 16 KB slice inflates to at most ~16.5 MB.
    expect(process.memoryUsage().arrayBuffers - external).toBeLessThan(64 * MB);
  });

  test("an honest declaration over the bound is refused before anything is unpacked", () => {
    expect(() => readFirstSheet(buildZipBomb({ inflatedBytes: 16 * MB, declareSizes: true }), "bom.xlsx", { maxUnpackedBytes: 8 * MB })).toThrow(MESSAGE);
  });

  test("a workbook under the bound reads as before", () => {
    const { csv } = xlsxToCsv(buildZipBomb({ inflatedBytes: 4 * MB }), "bom.xlsx", { maxUnpackedBytes: 8 * MB });
    expect(csv).toBe(""); // spaces, no rows
  });

  test.each([
    [1 * MB, 8 * MB],
    [50 * MB, 400 * MB],
    [200 * MB, 1024 * MB], // the default import limit: at most 1 GB
    [1024 * MB, 1024 * MB],
  ])("unpackLimitBytes(%i) = %i", (maxImportBytes, expected) => {
    expect(unpackLimitBytes(maxImportBytes)).toBe(expected);
  });
});

describe("a workbook through the import pipeline", () => {
  const dutchWorkbook = buildXlsx({
    sharedStrings: ["Klantnummer", "Orderdatum", "Omzet", "K001", "K002", "K003", "twaalf"],
    sheets: [
      {
        name: "Export",
        xml:
          `<row r="1">${s("A1", 0)}${s("B1", 1)}${s("C1", 2)}</row>` +
          `<row r="2">${s("A2", 3)}${n("B2", "45984", 2)}${n("C2", "1234.5")}</row>` +
          `<row r="3">${s("A3", 4)}${n("B3", "45985", 2)}${n("C3", "-12.5")}</row>` +
          `<row r="5">${s("A5", 5)}${n("B5", "45986", 2)}${s("C5", 6)}</row>`,
      },
    ],
  });

  test("sniffs as a transactions file with ISO dates and a decimal point; a bad row keeps its Excel row number", () => {
    const bytes = new TextEncoder().encode(xlsxToCsv(dutchWorkbook).csv);
    const sniff = sniffFile(bytes, "export.xlsx", { today: TODAY });
    expect(sniff.kind).toBe("transactions");
    expect(sniff.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(sniff.formats).toEqual({ decimal: ".", dateFormat: "YYYY-MM-DD", today: TODAY });
    expect(sniff.problems.filter((problem) => problem.severity === "error")).toEqual([]);

    const reader = createRowReader({ kind: "transactions", today: TODAY, delimiter: sniff.delimiter, decimal: ".", dateFormat: "YYYY-MM-DD", fileName: "export.xlsx" });
    const outcomes = [...reader.push(bytes), ...reader.end()];
    expect(outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ok && [outcome.row.line, outcome.row.purchaseDate, outcome.row.revenueCents])).toEqual([
      [2, "2025-11-23", 123450],
      [3, "2025-11-24", -1250],
    ]);
    const rejected = outcomes.find((outcome) => !outcome.ok);
    expect(rejected && !rejected.ok && rejected.errors[0]).toMatchObject({ line: 5, column: "Omzet", value: "twaalf" });
  });

  test("dates stored as plain numbers are read with the EXCEL_SERIAL format", () => {
    const bytes = buildXlsx({
      sharedStrings: ["klant", "datum", "bedrag"],
      sheets: [{ name: "S", xml: `<row r="1">${s("A1", 0)}${s("B1", 1)}${s("C1", 2)}</row><row r="2">${n("A2", "7")}${n("B2", "45984")}${n("C2", "10")}</row>` }],
    });
    const sniff = sniffFile(new TextEncoder().encode(xlsxToCsv(bytes).csv), "numbers.xlsx", { today: TODAY });
    expect(sniff.formats.dateFormat).toBe("EXCEL_SERIAL");
    expect(sniff.previewOutcomes[0]).toMatchObject({ ok: true, row: { customerId: "7", purchaseDate: "2025-11-23", revenueCents: 1000 } });
  });
});

describe("helpers", () => {
  test.each([
    ["12.300000000000001", "12.3"],
    ["1234.56", "1234.56"],
    ["-0.1", "-0.1"],
    ["1.2345E-2", "0.012345"],
    ["1E-7", "0.0000001"],
    ["123456789012", "123456789012"],
    ["0.30000000000000004", "0.3"],
  ])("formatExcelNumber(%s) = %s", (value, expected) => {
    expect(formatExcelNumber(value)).toBe(expected);
  });

  test.each([
    ["dd-mm-yyyy", true],
    ["d/m/yy h:mm", true],
    ['[$-413]d mmmm yyyy', true],
    ["#,##0.00", false],
    ['"€" #,##0.00', false],
    ['0.00 "days"', false],
    ["mm:ss", false],
    ["General", false],
  ])("isDateFormatCode(%s) = %s", (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  test("columns, dates and escapes", () => {
    expect([columnIndex("A1"), columnIndex("Z9"), columnIndex("AA1"), columnIndex("XFD1"), columnIndex(undefined)]).toEqual([0, 25, 26, 16_383, null]);
    expect(excelDateText(45984, false)).toBe("2025-11-23");
    expect(excelDateText(45984.75, false)).toBe("2025-11-23 18:00:00");
    expect(decodeXml("a &lt;b&gt; &#x41;&#66; _x0009_ &unknown;")).toBe("a <b> AB \t &unknown;");
  });
});
