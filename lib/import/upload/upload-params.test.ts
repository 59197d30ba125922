import { describe, expect, test } from "vitest";
import { importUploadUrl, type ImportUploadParams } from "../contract";
import { importMaxBytes } from "./limits";
import { parseUploadParams } from "./upload-params";

const parse = (query: string) => parseUploadParams(new URLSearchParams(query));

describe("parseUploadParams", () => {
  test("reads back what the page sends", () => {
    const params: ImportUploadParams = {
      kind: "transactions",
      fileName: "Export Q3 (definitief).csv",
      skipInvalid: true,
      delimiter: "\t",
      decimal: ",",
      dateFormat: "DD-MM-YYYY",
      encoding: "windows-1252",
      map: { amount: "omzet incl. btw", cost: null, order: 4 },
    };
    const url = new URL(importUploadUrl(params), "http://localhost");
    expect(parseUploadParams(url.searchParams)).toEqual({ ok: true, params });
  });

  test("the status choices of any transactions file: the status and refund columns (in map or by name) and the statuses that count", () => {
    const params: ImportUploadParams = {
      kind: "transactions",
      fileName: "bestellingen.csv",
      skipInvalid: false,
      map: { status: "Status", refund: "Terugbetaald bedrag" },
      countStatus: ["Betaald", "In behandeling"],
      statusColumn: "Status",
      refundColumn: "Terugbetaald bedrag",
    };
    const url = new URL(importUploadUrl(params), "http://localhost");
    expect(parseUploadParams(url.searchParams)).toEqual({ ok: true, params });
    expect(parse("kind=transactions&fileName=a.csv&statusColumn=")).toEqual({ ok: false, error: expect.stringMatching(/statusColumn is empty/) });
    expect(parse(`kind=transactions&fileName=a.csv&refundColumn=${"x".repeat(501)}`)).toEqual({ ok: false, error: expect.stringMatching(/refundColumn is longer than 500/) });
    expect(parse("kind=transactions&fileName=a.csv&statusColumn=a%0Ab")).toEqual({ ok: false, error: expect.stringMatching(/statusColumn contains control characters/) });
  });

  test("defaults: all or nothing, everything else detected", () => {
    expect(parse("kind=customers&fileName=klanten.csv")).toEqual({ ok: true, params: { kind: "customers", fileName: "klanten.csv", skipInvalid: false } });
  });

  test.each([
    ["fileName=a.csv", /kind must be/],
    ["kind=orders&fileName=a.csv", /kind must be/],
    ["kind=customers", /fileName/],
    ["kind=customers&fileName=a%0Ab.csv", /control characters/],
    ["kind=customers&fileName=a.csv&delimiter=x", /delimiter must be/],
    ["kind=customers&fileName=a.csv&dateFormat=dd-mm", /dateFormat must be one of/],
    ["kind=customers&fileName=a.csv&encoding=ebcdic", /encoding must be one of/],
    ["kind=customers&fileName=a.csv&skipInvalid=yes", /skipInvalid/],
    ["kind=customers&fileName=a.csv&map=%7Bnope", /map is not JSON/],
    ["kind=customers&fileName=a.csv&map=%7B%22amount%22%3A%22omzet%22%7D", /map must give each field of a customers file/],
    ["kind=customers&fileName=a.csv&drop=table", /unknown parameter 'drop'/],
  ])("refuses %s", (query, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});

describe("importMaxBytes", () => {
  test.each([
    [undefined, 200 * 1024 * 1024],
    ["", 200 * 1024 * 1024],
    ["1048576", 1_048_576],
    ["50MB", 50 * 1024 * 1024],
    ["1.5 gb", 1.5 * 1024 ** 3],
    ["lots", 200 * 1024 * 1024],
    ["0", 200 * 1024 * 1024],
  ])("%s gives %d bytes", (value, expected) => {
    expect(importMaxBytes(value)).toBe(expected);
  });
});
