import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CsvParser, type CsvRecord } from "./csv-parser";
import { CsvSpanReader } from "./csv-spans";

interface Read {
  records: CsvRecord[];
  problems: unknown[];
  error?: string;
}

function chunked(text: string, cuts: number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  pieces.push(text.slice(from));
  return pieces;
}

function withParser(pieces: string[], delimiter: string, maxRecordLength?: number): Read {
  const parser = new CsvParser({ delimiter, maxRecordLength });
  const records: CsvRecord[] = [];
  try {
    for (const piece of pieces) records.push(...parser.push(piece));
    records.push(...parser.end());
  } catch (error) {
    return { records, problems: parser.problems, error: (error as Error).message };
  }
  return { records, problems: parser.problems };
}

function withSpans(pieces: string[], delimiter: string, maxRecordLength?: number): Read {
  const records: CsvRecord[] = [];
  const reader = new CsvSpanReader({
    delimiter,
    maxRecordLength,
    onRecord: ({ text, starts, ends, count, line, overLength }) => {
      const cells = Array.from({ length: count }, (_, index) => text.slice(starts[index], ends[index]));
      records.push(overLength === undefined ? { line, cells } : { line, cells, overLength });
    },
  });
  try {
    for (const piece of pieces) reader.push(piece);
    reader.end();
  } catch (error) {
    return { records, problems: reader.problems, error: (error as Error).message };
  }
  return { records, problems: reader.problems };
}

describe("CsvSpanReader", () => {
  test("splits plain records in place and reads quoted ones as the import does", () => {
    const text = 'id,note,amount\r\n1,"two\r\nlines, and ""quotes""",3.5\r\n\r\n2,x,4\r3,12" screen,5\n4,"open';
    const read = withSpans([text], ",");
    expect(read.records).toEqual([
      { line: 1, cells: ["id", "note", "amount"] },
      { line: 2, cells: ["1", 'two\r\nlines, and "quotes"', "3.5"] },
      { line: 5, cells: ["2", "x", "4"] },
      { line: 6, cells: ["3", '12" screen', "5"] },
      { line: 7, cells: ["4", "open"] },
    ]);
    expect(read.problems).toMatchObject([{ code: "unterminated-quote", line: 7 }]);
  });

  test("many fields, and a record with a quote at a chunk edge", () => {
    const header = Array.from({ length: 40 }, (_, index) => `c${index}`).join(";");
    const text = `${header}\n1;"a\nb";2\n3;4\n`;
    const pieces = chunked(text, [header.length + 5, header.length + 6]);
    expect(withSpans(pieces, ";")).toEqual(withParser(pieces, ";"));
    expect(withSpans(pieces, ";").records[0]!.cells).toHaveLength(40);
  });

  test("gives the same records, lines, problems and errors as CsvParser for any text in any chunks", () => {
    const characters = fc.constantFrom("a", "b", " ", ",", ";", '"', "\n", "\r", "\r\n", "é");
    fc.assert(
      fc.property(
        fc.array(characters, { maxLength: 120 }).map((parts) => parts.join("")),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(",", ";"),
        fc.constantFrom(undefined, 8, 25),
        (text, cutSeeds, delimiter, maxRecordLength) => {
          const cuts = cutSeeds.map((seed) => seed % (text.length + 1));
          const pieces = chunked(text, cuts);
          const expected = withParser(pieces, delimiter, maxRecordLength);
          const read = withSpans(pieces, delimiter, maxRecordLength);
          // Records before an error are delivered by the span reader and lost with the parser's push: the same error is what counts.
          if (expected.error !== undefined && read.error !== undefined) expect(read.error).toBe(expected.error);
          else if (expected.error !== undefined || read.error !== undefined) {
            // A quote that runs past the record bound is refused either way, as that error or as a record over
            // the bound, depending on where the text is cut (CsvParser alone does the same with other cuts).
            const refused = (result: Read) => result.error !== undefined || result.records.some((record) => record.overLength !== undefined);
            expect(refused(read) && refused(expected)).toBe(true);
            expect(maxRecordLength).toBeDefined();
          } else expect(read).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
