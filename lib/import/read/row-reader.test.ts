import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DUTCH_CUSTOMERS, DUTCH_ORDERS, utf8Bytes, windows1252Bytes } from "./fixtures.test-helpers";
import { ImportFileError } from "./problems";
import type { RowOutcome } from "./row-outcome";
import { createRowReader, type RowReaderOptions } from "./row-reader";
import { sniffFile } from "./sniff";

const today = "2026-11-23";
const ordersOptions: RowReaderOptions<"transactions"> = { kind: "transactions", today, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" };

function readAll<K extends "transactions" | "customers">(bytes: Uint8Array, options: RowReaderOptions<K>, chunkSizes: number[] = []) {
  const reader = createRowReader(options);
  const outcomes: RowOutcome<unknown>[] = [];
  let at = 0;
  for (const size of chunkSizes) {
    outcomes.push(...reader.push(bytes.subarray(at, at + size)));
    at += size;
  }
  outcomes.push(...reader.push(bytes.subarray(at)), ...reader.end());
  return { outcomes, reader };
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

describe("createRowReader", () => {
  test("reads the Dutch orders export into typed rows with the file's line numbers", () => {
    const { outcomes, reader } = readAll(utf8Bytes(DUTCH_ORDERS, { bom: true }), ordersOptions);
    expect(reader.header).toEqual(["Klantnummer", "Orderdatum", "Bedrag incl. BTW", "Ordernummer", "Kanaal", "Opmerking"]);
    expect(reader.mapping).toEqual({ customer: 0, date: 1, amount: 2, order: 3, channel: 4 });
    expect(reader.rowCount).toBe(5);
    expect(outcomes).toMatchObject([
      { ok: true, row: { line: 2, customerId: "K001", purchaseDate: "2025-11-23", revenueCents: 123456, orderId: "ORD-1", channel: "webshop" } },
      { ok: true, row: { line: 3, revenueCents: 1250 } },
      { ok: true, row: { line: 4, revenueCents: -1250 } },
      { ok: true, row: { line: 6, revenueCents: 9995 } },
      { ok: true, row: { line: 7, purchaseDate: "2025-12-31", revenueCents: 99 } },
    ]);
  });

  test("any chunking of the bytes gives the same outcomes", () => {
    const bytes = utf8Bytes(DUTCH_ORDERS, { bom: true });
    const whole = readAll(bytes, ordersOptions).outcomes;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 40 }), (sizes) => {
        expect(readAll(bytes, ordersOptions, sizes).outcomes).toEqual(whole);
      }),
    );
  });

  test("Windows-1252 customers in auto mode, chunk by chunk", () => {
    const { outcomes, reader } = readAll(windows1252Bytes(DUTCH_CUSTOMERS), { kind: "customers", today, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" }, [7, 50, 3]);
    expect(reader.encoding).toBe("windows-1252");
    expect(outcomes).toMatchObject([
      { ok: true, row: { customerId: "D100", name: "Café de Zwaan", city: "Bergen op Zoom", attributes: { Nieuwsbrief: "ja", Segment: "horeca" } } },
      { ok: true, row: { name: "José Smit", city: "Liège" } },
      { ok: true, row: { name: '=HYPERLINK("http://evil.example","klik")' } },
    ]);
  });

  test("UTF-16 text from Excel's 'Unicode text' export", () => {
    const text = "klant\tdatum\tbedrag\r\nK1\t23-11-2025\t12,50\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) bytes[2 + index * 2] = text.charCodeAt(index);
    const { outcomes } = readAll(bytes, { ...ordersOptions, delimiter: "\t" }, [3]);
    expect(outcomes).toMatchObject([{ ok: true, row: { customerId: "K1", revenueCents: 1250 } }]);
  });

  test("bad rows are rejected with reasons, good rows still come through, blank rows are skipped", () => {
    const text = "klant;datum;bedrag\n1;23-11-2025;5\n;;\n;23-11-2025;5\n2;31-02-2025;5\n3;01-01-2027;5\n4;23-11-2025;12,3,4\n";
    const { outcomes, reader } = readAll(utf8Bytes(text), ordersOptions);
    expect(reader.rowCount).toBe(5);
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : `${outcome.line}: ${outcome.errors[0]!.reason}`))).toEqual([
      "ok",
      "4: customer number is empty: every row needs the customer's number",
      "5: purchase date '31-02-2025' does not exist: February 2025 has 28 days",
      "6: purchase date '01-01-2027' is in the future (today is 2026-11-23): check the date",
      "7: amount '12,3,4' is not a number: use 1234,56 or 1.234,56",
    ]);
  });

  test("mapping choices by header name from the command line", () => {
    const text = "nr;wanneer;waarde\nK1;23-11-2025;7,00\n";
    const { outcomes } = readAll(utf8Bytes(text), { ...ordersOptions, mapping: { customer: "nr", date: "wanneer", amount: "waarde" } });
    expect(outcomes).toMatchObject([{ ok: true, row: { customerId: "K1", revenueCents: 700 } }]);
  });

  test.each([
    ["an empty file", new Uint8Array(), "empty-file"],
    ["a header only", utf8Bytes("klant;datum;bedrag\r\n"), "header-only"],
    ["a header and blank rows only", utf8Bytes("klant;datum;bedrag\r\n;;\r\n\r\n"), "header-only"],
    ["an image renamed .csv", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "binary-file"],
    ["an Excel workbook renamed .csv", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), "binary-file"],
    ["missing required columns", utf8Bytes("klant;omschrijving\n1;stoel\n"), "missing-column"],
    ["duplicated headers", utf8Bytes("klant;datum;bedrag;datum\n1;23-11-2025;5;x\n"), "duplicate-header"],
    ["a comma file read with semicolons", utf8Bytes("customer,date,amount\n1,2025-11-23,5\n"), "one-column"],
    ["a quote that is never closed", utf8Bytes('klant;datum;bedrag\n1;"23-11-2025;5\n2;23-11-2025;5\n'), "unterminated-quote"],
  ])("%s stops the import with an ImportFileError", (_, bytes, code) => {
    const error = fileError(() => readAll(bytes, { ...ordersOptions, fileName: "data.csv" }));
    expect(error.problems.map((problem) => problem.code)).toEqual([code]);
  });

  test("a binary file is recognised even when it arrives one byte at a time", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(fileError(() => readAll(png, ordersOptions, [1, 1, 1, 1, 1])).problems[0]!.code).toBe("binary-file");
  });

  test("the one-column error names the delimiter that works", () => {
    const error = fileError(() => readAll(utf8Bytes("customer,date,amount\n1,2025-11-23,5\n"), ordersOptions));
    expect(error.message).toContain("probably separated by ',' (comma)");
  });

  test("bytes that are not valid in the chosen encoding give a warning", () => {
    const { reader } = readAll(windows1252Bytes(DUTCH_CUSTOMERS), { kind: "customers", today, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY", encoding: "utf-8" });
    expect(reader.problems.map((problem) => problem.code)).toEqual(["invalid-bytes"]);
  });

  test("text that is already decoded can be pushed as text", () => {
    const reader = createRowReader(ordersOptions);
    const outcomes = [...reader.pushText("klant;datum;bedrag\nK1;23-11-2025;1\n"), ...reader.end()];
    expect(outcomes).toMatchObject([{ ok: true, row: { revenueCents: 100 } }]);
  });

  test("sniff and reader agree: the sniffed formats read the whole file", () => {
    const bytes = utf8Bytes(DUTCH_ORDERS, { bom: true });
    const sniffed = sniffFile(bytes, "orders.csv", { today });
    const { outcomes } = readAll(bytes, {
      kind: "transactions",
      today,
      delimiter: sniffed.delimiter,
      decimal: sniffed.formats.decimal,
      dateFormat: sniffed.formats.dateFormat,
    });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });
});

