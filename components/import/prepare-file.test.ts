import { strToU8, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { buildZipBomb } from "@/lib/testing/zip-bomb";
import { rejectedRowsFileName } from "@/lib/import/contract";
import { prepareFile, PrepareFileError } from "./prepare-file";

const MB = 1024 * 1024;
const text = async (blob: Blob) => new TextDecoder().decode(await blob.arrayBuffer());

/** The smallest workbook the reader accepts: one sheet with inline strings and a number. */
function workbook(): Uint8Array<ArrayBuffer> {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const zip = zipSync({
    "_rels/.rels": strToU8(`<Relationships><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook ${ns}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(
      `<worksheet ${ns}><sheetData><row r="1">${cell("A1", "klant")}${cell("B1", "bedrag")}</row><row r="2">${cell("A2", "K1")}<c r="B2"><v>12.5</v></c></row></sheetData></worksheet>`,
    ),
  });
  return new Uint8Array(zip);
}

describe("prepareFile", () => {
  test("a CSV file is uploaded as it is; its first bytes are read for the preview", async () => {
    const file = new File(["klant;bedrag\nK1;12,50\n"], "orders.csv");
    const prepared = await prepareFile(file, { maxBytes: MB });
    expect(prepared.source).toBe(file);
    expect(new TextDecoder().decode(prepared.head)).toBe("klant;bedrag\nK1;12,50\n");
    expect(prepared.workbook).toBeNull();
  });

  test("a workbook becomes CSV of its first sheet, also when renamed to .csv", async () => {
    for (const name of ["klanten.xlsx", "klanten.csv"]) {
      const prepared = await prepareFile(new File([workbook()], name), { maxBytes: MB });
      expect(prepared.workbook).toEqual({ sheetName: "Blad1", sheetCount: 1 });
      expect(await text(prepared.source)).toBe("klant,bedrag\r\nK1,12.5\r\n");
    }
  });

  test("a ZIP that is not a workbook: refused as .xlsx, left to the sniff's message as .csv", async () => {
    const zip = new Uint8Array(zipSync({ "notes.txt": strToU8("hello") }));
    await expect(prepareFile(new File([zip], "export.xlsx"), { maxBytes: MB })).rejects.toThrow(/'export.xlsx' cannot be read as an Excel workbook/);
    expect((await prepareFile(new File([zip], "export.csv"), { maxBytes: MB })).workbook).toBeNull();
  });

  test("a zip bomb is refused once unpacking passes 8x the import limit, also when renamed to .csv", async () => {
    for (const name of ["bom.xlsx", "bom.csv"]) {
      const bomb = new File([new Uint8Array(buildZipBomb({ inflatedBytes: 64 * MB }))], name);
      await expect(prepareFile(bomb, { maxBytes: MB })).rejects.toThrow(
        `'${name}' expands to more than 8 MB when unpacked, more than can be read here. Save the sheet as CSV (in Excel: Save As, 'CSV UTF-8') and import that.`,
      );
    }
  });

  test("a sheet whose CSV would pass the import limit is refused without building it whole", async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => `<row r="${index + 1}"><c r="A${index + 1}" t="inlineStr"><is><t>${"x".repeat(400)}</t></is></c></row>`).join("");
    const zip = zipSync({
      "_rels/.rels": strToU8(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      "xl/workbook.xml": strToU8(`<workbook xmlns:r="r"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
    });
    await expect(prepareFile(new File([new Uint8Array(zip)], "breed.xlsx"), { maxBytes: MB })).rejects.toThrow(
      "The first sheet of 'breed.xlsx' is more than the 1 MB that can be imported at once. Nothing was imported.",
    );
  });

  test("a file over the limit is refused before it is read", async () => {
    const file = new File([new Uint8Array(2 * MB)], "groot.csv");
    await expect(prepareFile(file, { maxBytes: MB })).rejects.toThrow(PrepareFileError);
    await expect(prepareFile(file, { maxBytes: MB })).rejects.toThrow("'groot.csv' is 2 MB, more than the 1 MB that can be imported at once. Nothing was imported.");
  });
});

test.each([
  ["orders.csv", "klantwaarde-rejected-rows-orders-2026-11-23.csv"],
  ["Export (definitief) Q3.xlsx", "klantwaarde-rejected-rows-Export-definitief-Q3-2026-11-23.csv"],
  ["klanten café.csv", "klantwaarde-rejected-rows-klanten-café-2026-11-23.csv"],
  ["../../etc/passwd", "klantwaarde-rejected-rows-etc-passwd-2026-11-23.csv"],
  [".csv", "klantwaarde-rejected-rows-file-2026-11-23.csv"],
])("rejectedRowsFileName(%s)", (fileName, expected) => {
  expect(rejectedRowsFileName(fileName, "2026-11-23")).toBe(expected);
});
