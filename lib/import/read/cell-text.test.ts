import { describe, expect, test } from "vitest";
import { freeTextError, identifierError, MAX_CELL_CHARACTERS, MAX_IDENTIFIER_CHARACTERS } from "./cell-text";

const where = { column: "klant", label: "customer number", encodingLabel: "UTF-8" };
const firstClause = (reason: string | undefined) => reason?.split(/: |, which/)[0] ?? null;

describe("identifierError", () => {
  test.each([
    ["K-1001", null],
    ["Ünal Çelik & Zoon", null],
    ["jose@example.nl", null],
    ["K1\u0000", "customer number contains a control character (U+0000)"],
    ["K1\tK2", "customer number contains a control character (U+0009)"],
    ["K1\nK2", "customer number contains a control character (U+000A)"],
    ["K1\u007f", "customer number contains a control character (U+007F)"],
    ["K1\u0085", "customer number contains a control character (U+0085)"],
    ["ORD-\u202E4321", "customer number contains an invisible right-to-left control character (U+202E)"],
    ["K\u202A1", "customer number contains an invisible right-to-left control character (U+202A)"],
    ["K\u20661\u2069", "customer number contains an invisible right-to-left control character (U+2066)"],
    ["K\u200F1", "customer number contains an invisible right-to-left control character (U+200F)"],
    ["Caf\uFFFD", "customer number has bytes that are not valid UTF-8 (shown as '\uFFFD')"],
    ["K".repeat(MAX_IDENTIFIER_CHARACTERS), null],
    ["K".repeat(MAX_IDENTIFIER_CHARACTERS + 1), "customer number is 201 characters long"],
  ])("%j", (value, expected) => {
    expect(firstClause(identifierError(value, 7, where)?.reason)).toBe(expected);
  });

  test("a long value is shown shortened in the error", () => {
    expect(identifierError("K".repeat(100_002), 7, where)).toEqual({
      line: 7,
      column: "klant",
      value: `${"K".repeat(200)}…`,
      reason: "customer number is 100,002 characters long: the longest Klantwaarde accepts is 200; check that the column holds customer numbers",
    });
  });
});

describe("freeTextError", () => {
  const columns = { header: ["klant", "kanaal", "notitie"], labels: [null, "sales channel", undefined], encodingLabel: "UTF-8" };

  test.each([
    ["ordinary Unicode, tabs and line breaks; an identifier column skipped", ["K\u202E1", "webshop", "koffie\tthee\r\nen taart 😀"], null],
    ["an override in a mapped column", ["K1", "web\u202Eshop", ""], "kanaal: sales channel contains an invisible right-to-left control character (U+202E)"],
    ["NUL in an unmapped column", ["K1", "webshop", "a\u0000b"], "notitie: notitie contains a control character (U+0000)"],
    ["a cell over the bound", ["K1", "webshop", "x".repeat(MAX_CELL_CHARACTERS + 1)], "notitie: notitie is 10,001 characters long"],
  ])("%s", (_, cells, expected) => {
    const error = freeTextError({ line: 2, cells }, columns, true);
    expect(error ? `${error.column}: ${firstClause(error.reason)}` : null).toBe(expected);
  });

  test("with checkCharacters off only the length is checked", () => {
    expect(freeTextError({ line: 2, cells: ["K1", "web\u202Eshop"] }, columns, false)).toBeNull();
  });
});
