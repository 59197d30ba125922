import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { describeOrders } from "../platforms/describe-orders";
import { ImportFileError } from "./problems";
import { createRowReader, type RowReaderOptions } from "./row-reader";
import { sniffFile } from "./sniff";
import type { TransactionRow } from "./transaction-row";
import { isRefundedInFull } from "@/lib/scoring/purchase-rule";

const FIXTURE = path.join(__dirname, "fixtures", "webshop-bestellingen.csv");

/** The webshop's own order list read as an upload is: sniffed, then read in small chunks. */
function read(text = fs.readFileSync(FIXTURE, "utf8"), options: Partial<RowReaderOptions<"transactions">> = {}) {
  const bytes = new TextEncoder().encode(text);
  const today = "2026-01-01";
  const sniff = sniffFile(bytes, "bestellingen.csv", { today, choices: { kind: "transactions", mapping: options.mapping, countStatuses: options.countStatuses } });
  const reader = createRowReader({ kind: "transactions", today, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency: "EUR", ...options });
  const outcomes = [];
  for (let at = 0; at < bytes.length; at += 61) outcomes.push(...reader.push(bytes.subarray(at, at + 61)));
  outcomes.push(...reader.end());
  const rows = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.row as TransactionRow] : []));
  // What the store keeps, order by order (it adds up the lines of an order): the purchases' lines, and the
  // orders refunded in full (one row worth 0 with the order's total refunded).
  const stored = rows.filter((row) => row.noPurchase === undefined);
  const orderOf = (row: TransactionRow) => row.orderId ?? `line ${row.line}`;
  const orders = new Map<string, { revenueCents: number; refundedCents: number }>();
  for (const row of stored) {
    const order = orders.get(orderOf(row)) ?? { revenueCents: 0, refundedCents: 0 };
    order.revenueCents += row.revenueCents;
    order.refundedCents += row.refundedCents ?? 0;
    orders.set(orderOf(row), order);
  }
  const inFull = (row: TransactionRow) => isRefundedInFull(orders.get(orderOf(row))!.revenueCents, orders.get(orderOf(row))!.refundedCents);
  return {
    sniff,
    reader,
    purchases: stored.filter((row) => !inFull(row)),
    refundedInFull: stored.filter(inFull).map((row) => [row.orderId, row.revenueCents, row.refundedCents]),
    noPurchase: rows.filter((row) => row.noPurchase !== undefined).map((row) => [row.orderId, row.noPurchase, row.revenueCents]),
    rejected: outcomes.filter((outcome) => !outcome.ok),
  };
}

const sum = (rows: TransactionRow[]) => rows.reduce((total, row) => total + row.revenueCents, 0);

describe("an ordinary file with a status and a refunded-amount column, counted by hand", () => {
  test("13 order lines = 9 orders; 5 purchases worth €323.95 of 4 customers", () => {
    const { sniff, reader, purchases, noPurchase, refundedInFull, rejected } = read();
    // Suggested from the header names: Status and Terugbetaald bedrag (not the amount: that is Bedrag).
    expect(sniff.header[sniff.mapping.status!]).toBe("Status");
    expect(sniff.header[sniff.mapping.refund!]).toBe("Terugbetaald bedrag");
    expect(sniff.header[sniff.mapping.amount!]).toBe("Bedrag");
    expect(rejected).toEqual([]);
    expect(reader.platform).toBeNull();
    // W-2001 24.95 + 9.00; W-2002 189.00; W-2003 37.50 + (29.95 − 29.95); W-2007 18.50; W-2009 45.00 + (5.95 − 5.95)
    expect(purchases.map((row) => [row.orderId, row.revenueCents])).toEqual([
      ["W-2001", 2495],
      ["W-2001", 900],
      ["W-2002", 18900],
      ["W-2003", 3750],
      ["W-2003", 0],
      ["W-2007", 1850],
      ["W-2009", 4500],
      ["W-2009", 0],
    ]);
    expect(sum(purchases)).toBe(32395);
    expect(new Set(purchases.map((row) => row.customerId))).toEqual(new Set(["K-101", "K-102", "K-105", "K-104"]));
    // Each line keeps its own refund (the store adds up W-2003: 37.50 net, 29.95 refunded, a purchase).
    expect(purchases.map((row) => row.refundedCents ?? 0)).toEqual([0, 0, 0, 0, 2995, 0, 0, 595]);
    // Orders refunded in full are stored once each, worth 0 with their total refunded (no purchase).
    expect(refundedInFull).toEqual([
      ["W-2005", 0, 4990 + 1500], // Terugbetaald
      ["W-2006", 0, 5900], // Betaald, its refund takes all of it
    ]);
    // Orders that are no purchase by their status travel to the store once each, marked with the status as written.
    expect(noPurchase).toEqual([
      ["W-2004", "Geannuleerd", 2495],
      ["W-2008", "Mislukt", 795],
    ]);
    expect(reader.orders).toEqual({
      platform: { id: "own-file", name: "transactions file with statuses" },
      rows: 13,
      orders: 9,
      purchases: 5,
      fullyRefunded: { orders: 2, cents: 6490 + 5900 }, // W-2005 Terugbetaald, W-2006 refunded in full
      refundsCents: 2995 + 595,
      excluded: [
        { status: "Geannuleerd", orders: 1, cents: 2495 },
        { status: "Mislukt", orders: 1, cents: 795 },
      ],
      guests: { orders: 0, cents: 0 },
      currency: "EUR",
    });
    expect(describeOrders(reader.orders!)).toBe(
      "Read as a transactions file with statuses: 13 rows = 9 orders; 5 purchases; 2 fully refunded orders (€123.90) stored, not counted; refunds €35.90 subtracted; 2 orders are no purchase (1 Geannuleerd, 1 Mislukt).",
    );
  });

  test("the mapping screen lists the status values with their rows and whether they count; the preview reads orders", () => {
    const { sniff } = read();
    expect(sniff.statusValues).toEqual([
      { status: "Betaald", rows: 9, counts: true, known: true },
      { status: "Terugbetaald", rows: 2, counts: false, known: true },
      { status: "Geannuleerd", rows: 1, counts: false, known: true },
      { status: "Mislukt", rows: 1, counts: false, known: true },
    ]);
    // The preview, as the import will read the file: 8 purchase lines, 2 orders refunded in full (stored,
    // worth 0: W-2005 and W-2006) and 2 orders marked no purchase.
    const previewRows = sniff.previewOutcomes.flatMap((outcome) => (outcome.ok ? [outcome.row as TransactionRow] : []));
    expect(previewRows.filter((row) => row.noPurchase === undefined)).toHaveLength(10);
    expect(previewRows.filter((row) => row.noPurchase === undefined && row.orderId !== "W-2003" && row.orderId !== "W-2009" && isRefundedInFull(row.revenueCents, row.refundedCents ?? 0)).map((row) => row.orderId)).toEqual(["W-2005", "W-2006"]);
    expect(previewRows.filter((row) => row.noPurchase !== undefined)).toHaveLength(2);
    const chosen = sniffFile(new TextEncoder().encode(fs.readFileSync(FIXTURE, "utf8").replace("7,95;Mislukt", "7,95;Nabestelling")), "b.csv", {
      today: "2026-01-01",
      choices: { countStatuses: ["Betaald", "Geannuleerd"] },
    });
    expect(chosen.statusValues!.map((value) => [value.status, value.counts, value.known])).toEqual([
      ["Betaald", true, true],
      ["Terugbetaald", false, true],
      ["Geannuleerd", true, true],
      ["Nabestelling", false, true], // decided by the user's list: not ticked is no purchase
    ]);
    // The preview shows every first order, also those after an unknown status (judged on the whole file later).
    expect(chosen.previewOutcomes).toHaveLength(12);
    const unknown = sniffFile(new TextEncoder().encode(fs.readFileSync(FIXTURE, "utf8").replace("7,95;Mislukt", "7,95;Nabestelling")), "b.csv", { today: "2026-01-01" });
    expect(unknown.statusValues!.find((value) => value.status === "Nabestelling")).toEqual({ status: "Nabestelling", rows: 1, counts: false, known: false });
    expect(unknown.previewOutcomes.map((outcome) => (outcome.ok ? outcome.row.line : 0)).slice(-2)).toEqual([13, 14]);
    expect(read("klant;datum;bedrag\nK1;01-12-2025;10,00\n").sniff.statusValues).toBeNull();
  });

  test("a status the rules do not know stops the import, listed with its count, until the user says which count", () => {
    const text = fs.readFileSync(FIXTURE, "utf8").replace(/;Betaald;\n(W-2007)/, ";Betaald;\n$1").replaceAll("18,50;Betaald", "18,50;Nabestelling").replace("7,95;Mislukt", "7,95;Nabestelling");
    let error: unknown = null;
    try {
      read(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    const [problem] = (error as ImportFileError).problems;
    expect(problem!.code).toBe("unknown-status");
    expect(problem!.message).toContain("this file has statuses Klantwaarde does not know: 'Nabestelling' (2 orders)");
    expect(problem!.message).toContain("--count-status paid,");
    // Chosen: Betaald and Nabestelling count; every other status (Geannuleerd, Terugbetaald keeps its meaning) does not.
    const chosen = read(text, { countStatuses: ["Betaald", "nabestelling"] });
    expect(sum(chosen.purchases)).toBe(32395 + 795);
    expect(chosen.reader.orders).toMatchObject({ purchases: 6, fullyRefunded: { orders: 2 }, excluded: [{ status: "Geannuleerd", orders: 1 }] });
  });

  test("without a status column every row counts, net of its refund; an order refunded in full adds nothing", () => {
    const { purchases, reader } = read(undefined, { mapping: { status: null } });
    // All but W-2005 (64.90 refunded of 64.90) and W-2006 (59.00 of 59.00): 323.95 + 24.95 + 7.95
    expect(sum(purchases)).toBe(32395 + 2495 + 795);
    expect(reader.orders).toMatchObject({ orders: 9, purchases: 7, fullyRefunded: { orders: 2, cents: 12390 }, excluded: [] });
  });

  test("--status-column and --refund-column name the columns of an ordinary file", () => {
    const text = fs.readFileSync(FIXTURE, "utf8").replace("Status;Terugbetaald bedrag", "Stand;Retour");
    const { purchases, reader } = read(text, { platformColumns: { status: "Stand", refund: "Retour" } });
    expect(sum(purchases)).toBe(32395);
    expect(reader.orders?.purchases).toBe(5);
    expect(() => read(text, { platformColumns: { status: "Toestand" } })).toThrow(/The column 'Toestand' chosen for the status is not in the file/);
  });

  test("the statuses that count need a status column", () => {
    const text = fs.readFileSync(FIXTURE, "utf8").replace("Status;", "Opmerking;");
    expect(() => read(text, { countStatuses: ["Betaald"], mapping: { status: null } })).toThrow(/need the file's status column/);
  });

  test("a file without status or refund column is read row by row as before: no orders summary", () => {
    const text = "klant;datum;bedrag\nK1;01-12-2025;10,00\nK1;02-12-2025;-2,50\n";
    const { purchases, reader } = read(text);
    expect(purchases.map((row) => row.revenueCents)).toEqual([1000, -250]);
    expect(reader.orders).toBeNull();
  });
});
