import { describe, expect, test } from "vitest";
import { checkBinary, fileExtension } from "./binary-check";

const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

describe("checkBinary", () => {
  test.each([
    ["PNG renamed .csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "logo.csv", "binary-file", "a PNG image"],
    ["JPEG", new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "foto.csv", "binary-file", "a JPEG image"],
    ["PDF", new TextEncoder().encode("%PDF-1.7"), "factuur.csv", "binary-file", "a PDF document"],
    ["ZIP renamed .csv", zip, "export.csv", "binary-file", "perhaps an Excel workbook renamed to .csv"],
    ["Excel workbook", zip, "Export.XLSX", "excel-workbook", "is an Excel workbook"],
    ["old Excel", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "oud.xls", "excel-workbook", "old-style Excel"],
    ["NUL bytes", new Uint8Array([0x61, 0x3b, 0x00, 0x62]), "data.csv", "binary-file", "NUL bytes"],
  ])("%s", (_, bytes, fileName, code, words) => {
    const problem = checkBinary(bytes, fileName);
    expect(problem).toMatchObject({ severity: "error", code });
    expect(problem!.message).toContain(words);
  });

  test("text passes", () => {
    expect(checkBinary(new TextEncoder().encode("klant;bedrag\n1;12,50\n"), "export.csv")).toBeNull();
  });
});

test.each([
  ["Export.XLSX", "xlsx"],
  ["data.tar.gz", "gz"],
  ["README", ""],
])("fileExtension(%s) = %s", (name, extension) => {
  expect(fileExtension(name)).toBe(extension);
});
