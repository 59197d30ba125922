import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CsvParser, parseCsvText, type CsvRecord } from "./csv-parser";
import { ImportFileError } from "./problems";

function parseInChunks(text: string, cuts: number[], delimiter = ";", maxRecordLength?: number): CsvRecord[] {
  const parser = new CsvParser({ delimiter, maxRecordLength });
  const records: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(...parser.push(text.slice(from, cut)));
    from = cut;
  }
  records.push(...parser.push(text.slice(from)), ...parser.end());
  return records;
}

describe("CsvParser", () => {
  test.each([
    ["plain LF", "a;b\n1;2\n", [["a", "b"], ["1", "2"]]],
    ["CRLF", "a;b\r\n1;2\r\n", [["a", "b"], ["1", "2"]]],
    ["old Mac CR", "a;b\r1;2\r", [["a", "b"], ["1", "2"]]],
    ["no final line break", "a;b\n1;2", [["a", "b"], ["1", "2"]]],
    ["quoted delimiter", 'a;b\n"x;y";2\n', [["a", "b"], ["x;y", "2"]]],
    ["escaped quote", 'a\n"he said ""hi"""\n', [["a"], ['he said "hi"']]],
    ["newline inside quotes", 'a;b\n"line 1\r\nline 2";2\n', [["a", "b"], ["line 1\r\nline 2", "2"]]],
    ["empty cells", "a;b;c\n;;\n1;;3\n", [["a", "b", "c"], ["", "", ""], ["1", "", "3"]]],
    ["trailing delimiter", "a;b;\n1;2;\n", [["a", "b", ""], ["1", "2", ""]]],
    ["quote in the middle kept", 'a\n12" screen\n', [["a"], ['12" screen']]],
    ["text after closing quote kept", 'a\n"abc"def\n', [["a"], ["abcdef"]]],
    ["empty quoted field", 'a;b\n"";2\n', [["a", "b"], ["", "2"]]],
    ["blank lines skipped", "a\n\n\n1\n\n", [["a"], ["1"]]],
  ])("%s", (_, text, expected) => {
    expect(parseCsvText(text, { delimiter: ";" }).records.map((record) => record.cells)).toEqual(expected);
  });

  test("numbers lines as a text editor does, also after blank lines and multi-line cells", () => {
    const text = 'klant;notitie\r\n1;"twee\r\nregels"\r\n\r\n2;x\r3;y\n4;"a\nb\nc"\n5;z';
    expect(parseCsvText(text, { delimiter: ";" }).records.map((record) => record.line)).toEqual([1, 2, 5, 6, 7, 10]);
  });

  test("reports a quote that is never closed, with its line", () => {
    const { records, problems } = parseCsvText('a;b\n1;2\n3;"oops\n4;5\n', { delimiter: ";" });
    expect(records.at(-1)).toEqual({ line: 3, cells: ["3", "oops\n4;5\n"] });
    expect(problems).toMatchObject([{ code: "unterminated-quote", line: 3, severity: "error" }]);
    expect(problems[0]!.message).toContain("line 3");
  });

  test("stops with a clear error when an unclosed quote swallows more than the record limit", () => {
    const parser = new CsvParser({ delimiter: ";", maxRecordLength: 100 });
    parser.push('a;b\n1;"never closed');
    expect(() => parser.push("x".repeat(200))).toThrow(ImportFileError);
  });

  test("a stray quote followed by 150 MB stops at the bound, having held no more than the bound and a chunk", () => {
    const parser = new CsvParser({ delimiter: ";" });
    parser.push('klant;notitie\n1;"stray\n');
    const chunk = "2;gewone regel\n".repeat(4_096);
    let pushed = 0;
    let error: unknown;
    try {
      for (; pushed < 150_000_000; pushed += chunk.length) {
        parser.push(chunk);
        expect(parser.pendingLength).toBeLessThanOrEqual(1_000_000 + chunk.length);
      }
    } catch (thrown) {
      error = thrown;
    }
    expect(pushed).toBeLessThanOrEqual(1_000_000);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).problems).toMatchObject([{ severity: "error", code: "unterminated-quote", line: 2 }]);
    expect((error as ImportFileError).message).toBe(
      'A quote (") opened on line 2 is not closed within 1,000,000 characters, so the rest of the file would be read as one value. Check that line for a stray quote, remove it or close it, and import again.',
    );
  });

  test("a record over the bound is read to its end without being kept: its start, its length, and the records after it", () => {
    const parser = new CsvParser({ delimiter: ";", maxRecordLength: 1_000 });
    const long = `2;"quoted\nline";${"x".repeat(5_000)}`;
    const records = [...parser.push("a;b\n1;ok\n"), ...parser.push(long.slice(0, 2_500)), ...parser.push(`${long.slice(2_500)}\r\n`), ...parser.push("3;ok"), ...parser.end()];
    expect(records.map(({ line, overLength }) => ({ line, overLength }))).toEqual([
      { line: 1, overLength: undefined },
      { line: 2, overLength: undefined },
      { line: 3, overLength: long.length },
      { line: 5, overLength: undefined },
    ]);
    expect(records[2]!.cells[0]).toBe("2");
    expect(records[2]!.cells[1]).toBe("quoted\nline");
    expect(records[2]!.cells.join("").length).toBeLessThanOrEqual(1_000);
    expect(records[3]!.cells).toEqual(["3", "ok"]);
  });

  test("records over the bound: any way of cutting the text into chunks gives the same records", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", ";", '"', "\n", "\r", "é"), maxLength: 4 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), (rows, cutSeeds) => {
        const text = rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(";")).join("\r\n");
        const cuts = cutSeeds.map((seed) => seed % (text.length + 1));
        expect(parseInChunks(text, cuts, ";", 12)).toEqual(parseInChunks(text, [], ";", 12));
      }),
    );
  });

  test("a CR at the end of a chunk followed by LF in the next counts as one line break", () => {
    expect(parseInChunks("a\r\nb\r\nc", [2, 5]).map((record) => record.line)).toEqual([1, 2, 3]);
  });

  test("rejects a delimiter that cannot work", () => {
    expect(() => new CsvParser({ delimiter: '"' })).toThrow(/delimiter/);
    expect(() => new CsvParser({ delimiter: ";;" })).toThrow(/delimiter/);
  });

  test("any way of cutting the text into chunks gives the same records", () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "b", " ", ";", '"', "\n", "\r", "é", "1", ",") }),
      fc.constantFrom("", "12,50", "K001"),
    );
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), (rows, cutSeeds) => {
        const text = rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(";")).join("\r\n");
        const cuts = cutSeeds.map((seed) => seed % (text.length + 1));
        const whole = parseCsvText(text, { delimiter: ";" }).records;
        expect(parseInChunks(text, cuts)).toEqual(whole);
        expect(whole.map((record) => record.cells)).toEqual(rows.filter((row) => !(row.length === 1 && row[0] === "")));
      }),
    );
  });
});
