import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ImportFileError } from "../read/problems";
import { createRowReader } from "../read/row-reader";
import { sniffFile } from "../read/sniff";
import type { TransactionRow } from "../read/transaction-row";
import { isPurchase, isRefundedInFull } from "@/lib/scoring/purchase-rule";

/** A fixture read as an upload is: sniffed for its formats, then read row by row in small chunks. */
function importFixture(file: string, options: { platform?: "auto" | "none"; chunkBytes?: number } = {}) {
  const bytes = fs.readFileSync(path.join(__dirname, "fixtures", file));
  const today = "2026-01-01";
  const sniff = sniffFile(bytes, file, { today, fileSize: bytes.length, choices: { platform: options.platform } });
  const reader = createRowReader({
    kind: sniff.kind,
    today,
    delimiter: sniff.delimiter,
    decimal: sniff.formats.decimal,
    dateFormat: sniff.formats.dateFormat,
    fileName: file,
    platform: options.platform,
    currency: "EUR",
  });
  const outcomes = [];
  const step = options.chunkBytes ?? 97;
  for (let at = 0; at < bytes.length; at += step) outcomes.push(...reader.push(bytes.subarray(at, at + step)));
  outcomes.push(...reader.end());
  // Orders that are no purchase by their status travel to the store marked `noPurchase`; the others are
  // stored: the purchases, and the orders refunded in full (worth 0, their total refunded).
  const stored = outcomes.flatMap((outcome) => (outcome.ok && (outcome.row as TransactionRow).noPurchase === undefined ? [outcome.row as TransactionRow] : []));
  const rows = stored.filter((row) => isPurchase(row.revenueCents, row.refundedCents ?? 0));
  const refundedInFull = stored.filter((row) => isRefundedInFull(row.revenueCents, row.refundedCents ?? 0));
  return { sniff, reader, rows, refundedInFull, rejected: outcomes.filter((outcome) => !outcome.ok) };
}

describe("a platform export through the import's reader", () => {
  test.each([
    // The last column: orders refunded in full, stored worth 0 (the summary's fullyRefunded; the WooCommerce
    // Analytics download gives no total for its refunded order, Net Sales 0.00, so there is no refund to keep).
    ["shopify-orders.csv", "Shopify orders export", 6, 44618, 5, 2],
    ["stripe-payments.csv", "Stripe payments export", 4, 21320, 3, 1],
    ["woocommerce-order-export.csv", "WooCommerce order export (order export plugin)", 4, 17915, 3, 1],
    ["woocommerce-analytics-orders.csv", "WooCommerce orders (Analytics download)", 4, 14806, 3, 0],
    ["mollie-payments.csv", "Mollie payments export", 3, 10325, 2, 1],
    ["lightspeed-orders.csv", "Lightspeed eCom orders export", 3, 28500, 2, 1],
    ["magento-orders.csv", "Magento 2 orders grid export", 3, 25450, 2, 1],
  ])("%s: recognised as the %s, %i purchases worth %i cents of %i customers, with no flags", (file, name, purchases, cents, customers, refundedInFullOrders) => {
    const { sniff, reader, rows, refundedInFull, rejected } = importFixture(file);
    expect(sniff.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    expect(sniff.kind).toBe("transactions");
    expect(sniff.platform?.name).toBe(name);
    expect(reader.platform?.name).toBe(name);
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(purchases);
    expect(rows.reduce((sum, row) => sum + row.revenueCents, 0)).toBe(cents);
    expect(new Set(rows.map((row) => row.customerId)).size).toBe(customers);
    expect(reader.orders?.purchases).toBe(purchases);
    expect(refundedInFull).toHaveLength(refundedInFullOrders);
    expect(refundedInFull.every((row) => row.revenueCents === 0)).toBe(true);
  });

  test("the mapping screen shows the platform's columns and how the first orders are read", () => {
    const { sniff } = importFixture("shopify-orders.csv");
    expect(Object.fromEntries(Object.entries(sniff.mapping).map(([field, column]) => [field, sniff.header[column!]]))).toEqual({
      customer: "Email",
      date: "Created at",
      amount: "Total",
      order: "Name",
      quantity: "Lineitem quantity",
      channel: "Source",
      status: "Financial Status",
      refund: "Refunded Amount",
    });
    // 6 purchases and 2 orders refunded in full (stored worth 0) among the orders the preview reads.
    const stored = sniff.previewOutcomes.flatMap((outcome) => (outcome.ok && (outcome.row as TransactionRow).noPurchase === undefined ? [outcome.row as TransactionRow] : []));
    expect(stored.filter((row) => isPurchase(row.revenueCents, row.refundedCents ?? 0))).toHaveLength(6);
    expect(stored.filter((row) => isRefundedInFull(row.revenueCents, row.refundedCents ?? 0)).map((row) => row.orderId)).toEqual(["#1011", "#1003"]);
  });

  test("read as an ordinary file on request, the continuation lines are the row errors they were", () => {
    const { reader, rejected } = importFixture("shopify-orders.csv", { platform: "none" });
    expect(reader.platform).toBeNull();
    expect(rejected.length).toBeGreaterThan(0);
  });

  test("a control character in an order number is refused, as in any file", () => {
    const text = fs.readFileSync(path.join(__dirname, "fixtures", "stripe-payments.csv"), "utf8").replace("ch_3Kn5EvaSep", "ch_3Kn5\u202EEvaSep");
    const bytes = new TextEncoder().encode(text);
    const reader = createRowReader({ kind: "transactions", today: "2026-01-01", delimiter: ",", decimal: ".", dateFormat: "YYYY-MM-DD", currency: "EUR" });
    const outcomes = [...reader.push(bytes), ...reader.end()];
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.ok === false && refused[0]!.errors[0]!.reason).toMatch(/order number contains an invisible right-to-left control character \(U\+202E\)/);
  });

  test("the company's currency is checked when the whole file is read", () => {
    const bytes = fs.readFileSync(path.join(__dirname, "fixtures", "stripe-payments.csv"));
    const reader = createRowReader({ kind: "transactions", today: "2026-01-01", delimiter: ",", decimal: ".", dateFormat: "YYYY-MM-DD", currency: "GBP" });
    reader.push(bytes);
    expect(() => reader.end()).toThrow(ImportFileError);
  });
});

describe("a Shopify customers export through the import's reader", () => {
  test("the e-mail address is the customer key, first and last name the name, and only Tags and the consents are soft data", () => {
    const bytes = fs.readFileSync(path.join(__dirname, "fixtures", "shopify-customers.csv"));
    const sniff = sniffFile(bytes, "customers_export.csv", { today: "2026-01-01", fileSize: bytes.length });
    expect(sniff.kind).toBe("customers");
    expect(sniff.platform?.name).toBe("Shopify customers export");
    expect(sniff.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    const reader = createRowReader({ kind: "customers", today: "2026-01-01", delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat });
    const outcomes = [...reader.push(bytes), ...reader.end()];
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const rows = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.row] : []));
    expect(rows.map((row) => [row.customerId, row.name, row.email, row.country, row.city])).toEqual([
      ["anna.devries@example.nl", "Anna de Vries", "Anna.deVries@example.nl", "NL", "Amersfoort"],
      ["bram.jansen@example.nl", "Bram Jansen", "bram.jansen@example.nl", "NL", "Zwolle"],
      ["carla.peeters@example.be", "Carla Peeters", "carla.peeters@example.be", "BE", "Gent"],
      ["eva.mulder@example.de", "Eva Mulder", "eva.mulder@example.de", "DE", "Köln"],
    ]);
    expect({ ...rows[0]!.attributes }).toEqual({ "Accepts Email Marketing": "yes", "Accepts SMS Marketing": "no", Tags: "vip, espresso" });
    for (const row of rows) expect(Object.keys(row.attributes)).not.toContain("Total Spent");
  });
});
