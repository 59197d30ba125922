import { describe, expect, test } from "vitest";
import { parseCsvText } from "./csv-parser";
import { checkColumnStructure, delimiterName, detectDelimiter, likelyDelimiter, parseDelimiterName } from "./delimiter";

describe("detectDelimiter", () => {
  test.each([
    ["semicolons with decimal commas", "klantnummer;datum;bedrag\n1;23-11-2025;1.234,56\n2;24-11-2025;12,50\n", ";", 3],
    ["commas with quoted decimal commas", 'customer,date,amount\n1,2025-11-23,"12,50"\n2,2025-11-24,"8,00"\n', ",", 3],
    ["commas with semicolons inside quotes", 'id,note\n1,"a; b; c"\n2,"x;y"\n', ",", 2],
    ["tabs", "klant\tdatum\tbedrag\n1\t23-11-2025\t12,50\n", "\t", 3],
    ["pipes", "klant|datum|bedrag\n1|23-11-2025|12,50\n", "|", 3],
    ["header only", "klantnummer;datum;bedrag\n", ";", 3],
    ["Excel padding with empty columns", "a;b;c;;\n1;2;3;;\n4;5;6;;\n", ";", 3],
  ])("%s", (_, text, delimiter, columns) => {
    expect(detectDelimiter(text)).toMatchObject({ delimiter, columnCount: columns });
  });

  test("a cut-off last line in a sample does not count", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n4;5", { complete: false }).candidates[0]).toMatchObject({ delimiter: ";", consistentShare: 1 });
  });

  test("one column: no delimiter splits the text", () => {
    expect(detectDelimiter("klantnummer\n1\n2\n").columnCount).toBe(1);
  });
});

describe("checkColumnStructure", () => {
  test("a semicolon file read with commas is one column, and the message names the semicolon", () => {
    const text = "klantnummer;datum;bedrag\n1;23-11-2025;12,50\n2;24-11-2025;8\n";
    const records = parseCsvText(text, { delimiter: "," }).records;
    const [problem] = checkColumnStructure(records, ",", text);
    expect(problem).toMatchObject({ severity: "error", code: "one-column" });
    expect(problem!.message).toBe(
      "The header line reads as one column with ',' (comma) as the delimiter, so the columns are probably separated by ';' (semicolon). Choose ';' (semicolon) as the delimiter.",
    );
  });

  test("an unusual delimiter is named too", () => {
    const text = "klant:datum:bedrag\n1:23-11-2025:12\n";
    expect(likelyDelimiter(text, ";")).toBe(":");
  });

  test("a file that no delimiter splits says it is not a table", () => {
    const text = "Beste klant,\nHierbij uw factuur\n";
    const records = parseCsvText(text, { delimiter: ";" }).records;
    expect(checkColumnStructure(records, ";", text)[0]!.message).toContain("no other delimiter splits it either");
  });

  test("rows with more columns than the header give a warning with the first line", () => {
    const text = "klant;omschrijving;bedrag\n1;stoel;12,50\n2;tafel; groot;99,00\n";
    const records = parseCsvText(text, { delimiter: ";" }).records;
    expect(checkColumnStructure(records, ";", text)).toMatchObject([{ severity: "warning", code: "inconsistent-columns", line: 3 }]);
  });
});

test.each([
  [";", "';' (semicolon)"],
  ["\t", "tab"],
  [":", "':'"],
])("delimiterName(%j) = %s", (delimiter, name) => {
  expect(delimiterName(delimiter)).toBe(name);
});

test.each([
  ["tab", "\t"],
  ["\\t", "\t"],
  ["semicolon", ";"],
  [";", ";"],
  ['"', null],
  ["ab", null],
])("parseDelimiterName(%j) = %j", (name, delimiter) => {
  expect(parseDelimiterName(name)).toBe(delimiter);
});
