/**
 * Issue 16: what the row reader does with content past the first 64 KB and with pathological rows.
 * Every check here runs on the whole file, not just on the sample the import page sniffs.
 */
import { describe, expect, test } from "vitest";
import { checkBinary } from "./binary-check";
import { utf8Bytes } from "./fixtures.test-helpers";
import { ImportFileError } from "./problems";
import type { RowOutcome } from "./row-outcome";
import { createRowReader, type RowReaderOptions } from "./row-reader";

const today = "2026-11-23";
const orders: RowReaderOptions<"transactions"> = { kind: "transactions", today, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY", fileName: "orders.csv" };
const customers: RowReaderOptions<"customers"> = { kind: "customers", today, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY", fileName: "klanten.csv" };

/** `rows` order lines `K<n>;23-11-2025;12,50;ORD-<n>;webshop` under a header; `edit` may change line n (2 = first row). */
function ordersFile(rows: number, edit: (line: number, text: string) => string = (_, text) => text): string {
  const lines = ["klant;datum;bedrag;ordernummer;kanaal"];
  for (let index = 0; index < rows; index++) lines.push(edit(index + 2, `K${index};23-11-2025;12,50;ORD-${index};webshop`));
  return `${lines.join("\n")}\n`;
}

function readInChunks<K extends "transactions" | "customers">(bytes: Uint8Array, options: RowReaderOptions<K>, chunkBytes = 65_536) {
  const reader = createRowReader(options);
  const outcomes: RowOutcome<unknown>[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) outcomes.push(...reader.push(bytes.subarray(at, at + chunkBytes)));
  outcomes.push(...reader.end());
  return { outcomes, reader };
}

function rejected(outcomes: RowOutcome<unknown>[]) {
  return outcomes.flatMap((outcome) => (outcome.ok ? [] : outcome.errors.map((error) => ({ line: error.line, column: error.column, reason: error.reason }))));
}

function fileError(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected an ImportFileError");
}

describe("content after the first 64 KB", () => {
  test("a NUL byte at byte 70,000 stops the import with the binary-file message of the first 64 KB", () => {
    const bytes = utf8Bytes(ordersFile(3_000));
    expect(bytes.length).toBeGreaterThan(80_000);
    bytes[70_000] = 0;
    const error = fileError(() => readInChunks(bytes, orders));
    expect(error.problems).toEqual([checkBinary(new Uint8Array([0]), "orders.csv")]);
  });

  test("a right-to-left override in an order number at row 5,000 rejects that row and names the column", () => {
    const text = ordersFile(6_000, (line, row) => (line === 5_001 ? row.replace("ORD-4999", "ORD-\u202E9994") : row));
    const { outcomes } = readInChunks(utf8Bytes(text), orders);
    expect(outcomes).toHaveLength(6_000);
    expect(rejected(outcomes)).toEqual([
      { line: 5_001, column: "ordernummer", reason: expect.stringMatching(/^order number contains an invisible right-to-left control character \(U\+202E\)/) },
    ]);
  });

  test.each([1_000, 4_099, 65_536, 65_537])("the check does not depend on where the chunks are cut (chunks of %i bytes)", (chunkBytes) => {
    const text = ordersFile(6_000, (line, row) => (line === 5_001 || line === 5_003 ? row.replace("webshop", "web\u202Eshop") : row));
    const bytes = utf8Bytes(text);
    const at = bytes.indexOf(0xe2);
    for (const cut of [at - 1, at, at + 1, at + 2, at + 3]) {
      const reader = createRowReader(orders);
      const outcomes = reader.push(bytes.subarray(0, cut));
      for (let offset = cut; offset < bytes.length; offset += chunkBytes) outcomes.push(...reader.push(bytes.subarray(offset, offset + chunkBytes)));
      outcomes.push(...reader.end());
      expect(rejected(outcomes).map((error) => `${error.line} ${error.column}`)).toEqual(["5001 kanaal", "5003 kanaal"]);
    }
  });

  test("control characters and bidirectional isolates in identifiers are refused; free text keeps ordinary Unicode", () => {
    const text = [
      "klantnummer;naam;e-mail;plaats;interesse",
      "K1;José \u{1F600} Smit;jose@example.nl;Liège;koffie, thee",
      "K2\u0001;Ann;ann@example.nl;Delft;",
      "K3;Ann\u2066x\u2069;ann@example.nl;Delft;",
      "K4;Bob;bob@example.nl;Delft;thee\u202Eeeht",
      'K5;"Bob\tSmit";bob@example.nl;Delft;"twee\nregels"',
    ].join("\n");
    const { outcomes } = readInChunks(utf8Bytes(text), customers);
    expect(outcomes[0]).toMatchObject({ ok: true, row: { name: "José \u{1F600} Smit", attributes: { interesse: "koffie, thee" } } });
    expect(rejected(outcomes).map((error) => `${error.line} ${error.column}: ${error.reason.split(/: |, which/)[0]}`)).toEqual([
      "3 klantnummer: customer number contains a control character (U+0001)",
      "4 naam: name contains an invisible right-to-left control character (U+2066)",
      "5 interesse: interesse contains an invisible right-to-left control character (U+202E)",
      "6 naam: name contains a control character (U+0009)",
    ]);
  });

  test("a 100,002-character customer number is a row error, not a customer", () => {
    const text = ordersFile(10, (line, row) => (line === 7 ? row.replace("K5", "K".repeat(100_002)) : row));
    const { outcomes } = readInChunks(utf8Bytes(text), orders);
    expect(rejected(outcomes)).toEqual([
      { line: 7, column: "klant", reason: expect.stringMatching(/^customer number is 100,002 characters long: the longest Klantwaarde accepts is 200/) },
    ]);
    const failed = outcomes.find((outcome) => !outcome.ok)!;
    expect(failed.ok ? 0 : failed.errors[0]!.value.length).toBeLessThanOrEqual(210);
  });

  test("a free-text cell over 10,000 characters is a row error", () => {
    const text = ordersFile(4, (line, row) => (line === 3 ? row.replace("webshop", "w".repeat(10_001)) : row));
    expect(rejected(readInChunks(utf8Bytes(text), orders).outcomes)).toEqual([
      { line: 3, column: "kanaal", reason: expect.stringMatching(/^sales channel is 10,001 characters long: the longest Klantwaarde accepts is 10,000/) },
    ]);
  });

  test("a row over 1,000,000 characters is one row error; its text is not kept and the rows after it are read", () => {
    const text = ordersFile(20, (line, row) => (line === 10 ? `${row};${"x;".repeat(600_000)}` : row));
    const { outcomes } = readInChunks(utf8Bytes(text), orders);
    expect(outcomes).toHaveLength(20);
    expect(rejected(outcomes)).toEqual([{ line: 10, column: "(whole row)", reason: expect.stringMatching(/^this row is 1,200,0\d\d characters long: the longest row Klantwaarde reads is 1,000,000/) }]);
    const failed = outcomes.find((outcome) => !outcome.ok)!;
    expect(failed.ok ? 0 : failed.cells.join("").length).toBeLessThanOrEqual(10_000);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(19);
  });

  test("a stray quote followed by megabytes stops at the bound with a clear message, without reading the rest", () => {
    const reader = createRowReader(orders);
    reader.push(utf8Bytes('klant;datum;bedrag;ordernummer;kanaal\nK1;23-11-2025;12,50;"ORD-1;webshop\n'));
    const chunk = utf8Bytes(ordersFile(4_000).slice(40, 40 + 65_536));
    let pushed = 0;
    const error = fileError(() => {
      while (pushed < 150_000_000) {
        reader.push(chunk);
        pushed += chunk.length;
      }
    });
    expect(pushed).toBeLessThanOrEqual(1_100_000);
    expect(error.problems).toMatchObject([{ severity: "error", code: "unterminated-quote", line: 2 }]);
    expect(error.message).toContain(`A quote (") opened on line 2 is not closed within 1,000,000 characters`);
  });
});

describe("a header longer than 64 KB", () => {
  test("stops the reader with a message about the first line, not 'no rows'", () => {
    const header = `klant;datum;bedrag;${Array.from({ length: 8_000 }, (_, index) => `kolom${index}`).join(";")}`;
    expect(header.length).toBeGreaterThan(70_000);
    const error = fileError(() => readInChunks(utf8Bytes(`${header}\nK1;23-11-2025;5\n`), orders));
    expect(error.problems).toMatchObject([{ severity: "error", code: "line-too-long", line: 1 }]);
    expect(error.message).toContain("The first line of 'orders.csv' is longer than 64 KB");
  });
});

describe("text that is not valid UTF-8", () => {
  test("in the first 64 KB, auto mode reads Windows-1252 and says so", () => {
    const bytes = utf8Bytes(ordersFile(5).replace("webshop", "caf?"));
    bytes[bytes.indexOf(0x3f)] = 0xe9;
    const { reader, outcomes } = readInChunks(bytes, orders);
    expect(outcomes).toHaveLength(5);
    expect(reader.encoding).toBe("windows-1252");
    expect(reader.problems).toMatchObject([{ severity: "warning", code: "not-utf-8" }]);
    expect(reader.problems[0]!.message).toBe(
      "This file is not valid UTF-8; it was read as Windows-1252 (Western European). If names look wrong, choose the file's encoding.",
    );
  });

  test("only after 64 KB of plain ASCII: auto mode switches to Windows-1252 there and says so", () => {
    const bytes = utf8Bytes(ordersFile(3_000, (line, row) => (line === 2_500 ? row.replace("webshop", "caf?") : row)));
    bytes[bytes.indexOf(0x3f)] = 0xe9;
    const { reader, outcomes } = readInChunks(bytes, orders);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(outcomes[2_498]).toMatchObject({ row: { line: 2_500, channel: "café" } });
    expect(reader.problems.map((problem) => problem.code)).toEqual(["not-utf-8"]);
  });

  test("after 64 KB of UTF-8 (the head decided UTF-8): the rows with unreadable bytes are rejected, from their line on", () => {
    const bytes = utf8Bytes(ordersFile(3_000, (line, row) => (line === 2 ? row.replace("webshop", "café") : line === 2_500 ? row.replace("webshop", "caf?") : row)));
    bytes[bytes.indexOf(0x3f)] = 0xe9;
    const { reader, outcomes } = readInChunks(bytes, orders);
    expect(reader.encoding).toBe("utf-8");
    expect(rejected(outcomes)).toEqual([{ line: 2_500, column: "kanaal", reason: expect.stringMatching(/^sales channel has bytes that are not valid UTF-8/) }]);
    expect(reader.problems).toMatchObject([{ severity: "warning", code: "invalid-bytes", line: 2_500 }]);
    expect(reader.problems[0]!.message).toContain("from line 2,500 on");
  });
});
