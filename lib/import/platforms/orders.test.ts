import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CsvParser } from "../read/csv-parser";
import type { DateFormat } from "../read/date-format";
import { ImportFileError } from "../read/problems";
import type { TransactionRow } from "../read/transaction-row";
import { isPurchase, isRefundedInFull } from "@/lib/scoring/purchase-rule";
import { customerKey, createOrderReader, type OrderSummary } from "./orders";
import { recognisePlatform } from "./recognise";

const FIXTURES = path.join(__dirname, "fixtures");

interface Read {
  /** The purchases. */
  rows: TransactionRow[];
  /** The orders refunded in full: stored worth 0 with their total refunded, no purchase. Order number → refunded cents. */
  refundedInFull: [string | null, number][];
  /** The orders that are no purchase by their status but have a customer: order number → `noPurchase` (for the store to take back). */
  noPurchase: [string | null, string][];
  rejected: number;
  summary: OrderSummary;
}

/** Reads a fixture as the import would: header, recognised platform, order reader. */
function readFixture(file: string, dateFormat: DateFormat | null, options: { countStatuses?: string[]; currency?: string; text?: string } = {}): Read {
  const text = options.text ?? fs.readFileSync(path.join(FIXTURES, file), "utf8");
  const parser = new CsvParser({ delimiter: "," });
  const [headerRecord, ...records] = [...parser.push(text), ...parser.end()];
  const recognition = recognisePlatform(headerRecord!.cells, "transactions");
  if (recognition.status !== "recognised") throw new Error(`${file} was not recognised: ${JSON.stringify(recognition)}`);
  const reader = createOrderReader({
    platform: recognition.platform,
    header: headerRecord!.cells,
    columns: recognition.columns,
    formats: { decimal: ".", dateFormat, today: "2026-01-01" },
    timeZone: "Europe/Amsterdam",
    countStatuses: options.countStatuses,
    currency: options.currency ?? "EUR",
  });
  const outcomes = [...records.flatMap((record) => reader.push(record)), ...reader.end()];
  const stored = outcomes.flatMap((outcome) => (outcome.ok && outcome.row.noPurchase === undefined ? [outcome.row] : []));
  return {
    rows: stored.filter((row) => isPurchase(row.revenueCents, row.refundedCents ?? 0)),
    refundedInFull: stored.filter((row) => isRefundedInFull(row.revenueCents, row.refundedCents ?? 0)).map((row) => [row.orderId, row.refundedCents!]),
    noPurchase: outcomes.flatMap((outcome) => (outcome.ok && outcome.row.noPurchase !== undefined ? [[outcome.row.orderId, outcome.row.noPurchase] as [string | null, string]] : [])),
    rejected: outcomes.filter((outcome) => !outcome.ok).length,
    summary: reader.summary,
  };
}

const cents = (rows: TransactionRow[]) => rows.reduce((sum, row) => sum + row.revenueCents, 0);
const customers = (rows: TransactionRow[]) => [...new Set(rows.map((row) => row.customerId))].sort();

describe("platform exports, counted as an analyst counts them by hand", () => {
  test("Shopify orders: 18 rows are 14 orders; 6 purchases of 5 customers worth €446.18", () => {
    const { rows, rejected, summary, noPurchase, refundedInFull } = readFixture("shopify-orders.csv", null);
    expect(rejected).toBe(0);
    // The 5 orders with a customer that are no purchase by their status travel to the store marked as such,
    // to take back a stored one (#1010 has no customer).
    expect(noPurchase).toEqual([
      ["#1009", "voided"],
      ["#1008", "pending"],
      ["#1005", "test"],
      ["#1004", "authorized"],
      ["#1001", "cancelled"],
    ]);
    // The 2 refunded in full are stored worth 0 with their total refunded: #1011 refunded 45.00, #1003 75.00 of 75.00.
    expect(refundedInFull).toEqual([
      ["#1011", 4500],
      ["#1003", 7500],
    ]);
    // #1014 59.90 + #1013 24.95 + #1012 (120.00 - 20.00 refunded) + #1007 210.00 + #1006 18.00 + #1002 33.33
    expect(rows.map((row) => [row.orderId, row.revenueCents])).toEqual([
      ["#1014", 5990],
      ["#1013", 2495],
      ["#1012", 10000],
      ["#1007", 21000],
      ["#1006", 1800],
      ["#1002", 3333],
    ]);
    expect(cents(rows)).toBe(44618);
    // "Bram.Jansen@Example.NL" and " ANNA.DEVRIES@example.nl" are the customers of the other orders.
    expect(customers(rows)).toEqual(["anna.devries@example.nl", "bram.jansen@example.nl", "carla.peeters@example.be", "daan.smit@example.nl", "eva.mulder@example.de"]);
    expect(rows.find((row) => row.orderId === "#1012")!.quantity).toBe(4); // 2 + 1 + 1 on three lines
    expect(rows.find((row) => row.orderId === "#1012")!.refundedCents).toBe(2000); // the partial refund is kept
    // Offsets: 23:50 +0100 on 30 November is still 30 November in Amsterdam; 23:59 +0200 in June likewise.
    expect(rows.find((row) => row.orderId === "#1013")!.purchaseDate).toBe("2025-11-30");
    expect(rows.find((row) => row.orderId === "#1007")!.purchaseDate).toBe("2025-06-30");
    expect(summary).toEqual({
      platform: { id: "shopify-orders", name: "Shopify orders export" },
      rows: 18,
      orders: 14,
      purchases: 6,
      fullyRefunded: { orders: 2, cents: 12000 }, // #1011 refunded 45.00, #1003 partially_refunded 75.00 of 75.00
      refundsCents: 2000,
      excluded: [
        { status: "authorized", orders: 1, cents: 6600 },
        { status: "cancelled", orders: 1, cents: 9999 }, // #1001: paid, with a Cancelled at date
        { status: "pending", orders: 1, cents: 3550 },
        { status: "test", orders: 1, cents: 4200 }, // #1005: the Bogus Gateway
        { status: "voided", orders: 1, cents: 8000 },
      ],
      guests: { orders: 1, cents: 1500 }, // #1010, a POS sale without an e-mail address
      currency: "EUR",
    });
  });

  test("Stripe payments: failed, refunded, uncaptured and cancelled charges are no purchases", () => {
    const { rows, summary, noPurchase, refundedInFull } = readFixture("stripe-payments.csv", null);
    expect(noPurchase.map(([, status]) => status).sort()).toEqual(["Canceled", "Failed", "Failed", "Uncaptured"]);
    expect(refundedInFull.map(([, refunded]) => refunded)).toEqual([7500]); // the Refunded charge: stored, no purchase
    // 49.00 (anna) + 120.00 - 30.00 (bram) + 64.25 (eva) + 9.95 (anna, "ANNA.DEVRIES@example.nl ")
    expect(cents(rows)).toBe(21320);
    expect(rows).toHaveLength(4);
    expect(customers(rows)).toEqual(["anna.devries@example.nl", "bram.jansen@example.nl", "eva.mulder@example.de"]);
    // 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam.
    expect(rows[0]!.purchaseDate).toBe("2025-12-01");
    expect(summary).toMatchObject({
      rows: 10,
      orders: 10,
      purchases: 4,
      fullyRefunded: { orders: 1, cents: 7500 },
      refundsCents: 3000,
      excluded: [
        { status: "Failed", orders: 2, cents: 34900 },
        { status: "Canceled", orders: 1, cents: 1000 },
        { status: "Uncaptured", orders: 1, cents: 2200 },
      ],
      guests: { orders: 1, cents: 1550 },
    });
  });

  test("WooCommerce order export: the order total repeated on every line is taken once", () => {
    const { rows, summary } = readFixture("woocommerce-order-export.csv", "YYYY-MM-DD");
    // 3105 46.45 (two lines) + 3104 30.00 + 3102 89.00 - 9.00 (two lines) + 3098 22.70
    expect(rows.map((row) => [row.orderId, row.revenueCents, row.customerId])).toEqual([
      ["3105", 4645, "lotte.bakker@example.nl"],
      ["3104", 3000, "sem.visser@example.com"],
      ["3102", 8000, "noor.hendriks@example.nl"],
      ["3098", 2270, "sem.visser@example.com"],
    ]);
    expect(summary).toMatchObject({ rows: 10, orders: 8, purchases: 4, fullyRefunded: { orders: 1, cents: 5500 }, refundsCents: 900 });
    expect(summary.excluded.map((entry) => entry.status).sort()).toEqual(["Cancelled", "Failed", "On hold"]);
  });

  test("WooCommerce analytics download: net sales per order, customers by name", () => {
    const { rows, summary, refundedInFull, noPurchase } = readFixture("woocommerce-analytics-orders.csv", "YYYY-MM-DD");
    expect(cents(rows)).toBe(3839 + 2479 + 6612 + 1876);
    // 3103 Refunded has Net Sales 0.00: its total is not in the file, so there is no refund to keep; it is not
    // stored (a row worth 0 with nothing refunded would read as a free purchase), but still takes back a stored 3103.
    expect(refundedInFull).toEqual([]);
    expect(noPurchase).toContainEqual(["3103", "Refunded"]);
    expect(customers(rows)).toEqual(["Lotte Bakker", "Noor Hendriks", "Sem Visser"]);
    // (Was counted as 1 fully refunded order worth €0.00; with nothing to store it is now an order that is
    // no purchase by its status, so that "fully refunded orders ... stored" stays true.)
    expect(summary).toMatchObject({ orders: 7, purchases: 4, fullyRefunded: { orders: 0, cents: 0 } });
    expect(summary.excluded).toContainEqual({ status: "Refunded", orders: 1, cents: 0 });
  });

  test("Mollie payments: paid minus refunded; expired, failed and open payments do not count", () => {
    const { rows, summary } = readFixture("mollie-payments.csv", "YYYY-MM-DD");
    expect(rows.map((row) => [row.orderId, row.revenueCents, row.customerId])).toEqual([
      ["tr_WDqYK6vllg", 3595, "ruben.degraaf@example.nl"],
      ["tr_Hm3kLp0QvZ", 4000, "ruben.degraaf@example.nl"],
      ["tr_Qa1Ws2Ed3R", 2730, "joost.vermeulen@example.nl"],
    ]);
    expect(summary).toMatchObject({ purchases: 3, fullyRefunded: { orders: 1, cents: 8000 }, refundsCents: 450 });
    expect(summary.excluded.map((entry) => entry.status).sort()).toEqual(["expired", "failed", "open"]);
  });

  test("Lightspeed eCom orders: the payment status decides", () => {
    const { rows, summary } = readFixture("lightspeed-orders.csv", "DD-MM-YYYY");
    expect(cents(rows)).toBe(6000 + 7500 + 15000);
    expect(customers(rows)).toEqual(["luuk.brouwer@example.nl", "mila.dekker@example.nl"]);
    expect(rows.map((row) => row.purchaseDate)).toEqual(["2025-11-28", "2025-11-20", "2025-10-01"]);
    expect(summary).toMatchObject({ purchases: 3, fullyRefunded: { orders: 1, cents: 4000 }, refundsCents: 2500 });
    expect(summary.excluded.map((entry) => entry.status).sort()).toEqual(["Cancelled", "Not paid"]);
  });

  test("Magento 2 orders grid: Closed is refunded, Canceled is no purchase, dates like 'Nov 29, 2025 10:14:03 PM'", () => {
    const { rows, summary } = readFixture("magento-orders.csv", null);
    expect(rows.map((row) => [row.orderId, row.revenueCents, row.purchaseDate])).toEqual([
      ["000000412", 8500, "2025-11-29"],
      ["000000410", 10500, "2025-11-12"],
      ["000000408", 6450, "2025-10-03"],
    ]);
    expect(customers(rows)).toEqual(["sophie.willems@example.nl", "thijs.bos@example.nl"]);
    expect(summary).toMatchObject({ purchases: 3, fullyRefunded: { orders: 1, cents: 4200 }, refundsCents: 1500, excluded: [{ status: "Canceled", orders: 1, cents: 3000 }] });
  });
});

describe("what the user decides", () => {
  test("a status the rules do not know stops the import and is listed with its count", () => {
    const text = fs.readFileSync(path.join(FIXTURES, "woocommerce-order-export.csv"), "utf8").replace(/,On hold,/, ",Backordered,").replace(/,Failed,/, ",Backordered,");
    let error: unknown = null;
    try {
      readFixture("woocommerce-order-export.csv", "YYYY-MM-DD", { text });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    const [problem] = (error as ImportFileError).problems;
    expect(problem!.code).toBe("unknown-status");
    expect(problem!.message).toContain("'Backordered' (2 orders)");
    expect(problem!.message).toContain("--count-status completed,processing,backordered");
  });

  test("the user's statuses are exactly those that count", () => {
    const { rows, summary } = readFixture("woocommerce-order-export.csv", "YYYY-MM-DD", { countStatuses: ["Completed"] });
    expect(rows.map((row) => row.orderId)).toEqual(["3105", "3102", "3098"]);
    expect(summary.excluded.find((entry) => entry.status === "Processing")).toEqual({ status: "Processing", orders: 1, cents: 3000 });
    expect(summary.fullyRefunded.orders).toBe(1); // Refunded keeps its meaning
  });

  test("orders in another currency than the company's stop the import, with the currencies named", () => {
    expect(() => readFixture("stripe-payments.csv", null, { currency: "USD" })).toThrow(/orders in 'EUR' \(4 orders\), and the company's currency is USD/);
    const mixed = fs.readFileSync(path.join(FIXTURES, "mollie-payments.csv"), "utf8").replace(",44.50,EUR,", ",44.50,GBP,");
    expect(() => readFixture("mollie-payments.csv", "YYYY-MM-DD", { text: mixed })).toThrow(/2 currencies: 'EUR' \(2 orders\), 'GBP' \(1 order\)/);
  });
});

describe("customerKey", () => {
  test.each([
    [" Anna@Example.NL ", "anna@example.nl"],
    ["KB-100017", "KB-100017"],
    ["  kb-100017", "kb-100017"],
  ])("%j → %j", (value, key) => expect(customerKey(value)).toBe(key));
});

describe("properties", () => {
  const shopifyHeader = fs.readFileSync(path.join(FIXTURES, "shopify-orders.csv"), "utf8").split("\n")[0]!;
  const width = shopifyHeader.split(",").length;
  const at = Object.fromEntries(shopifyHeader.split(",").map((name, index) => [name, index]));

  /** A Shopify export of generated orders: each order's lines together, its fields on its first line. */
  function shopifyExport(orders: { email: string; totalCents: number; refundCents: number; lines: number; status: string }[], order: number[]): string {
    const rows = [shopifyHeader];
    for (const index of order) {
      const spec = orders[index]!;
      for (let line = 0; line < spec.lines; line++) {
        const cells = Array<string>(width).fill("");
        cells[at["Name"]!] = `#${2000 + index}`;
        cells[at["Email"]!] = spec.email;
        cells[at["Lineitem quantity"]!] = "1";
        if (line === 0) {
          cells[at["Financial Status"]!] = spec.status;
          cells[at["Created at"]!] = `2025-0${1 + (index % 9)}-1${index % 10} 12:00:00 +0100`;
          cells[at["Total"]!] = (spec.totalCents / 100).toFixed(2);
          cells[at["Refunded Amount"]!] = (spec.refundCents / 100).toFixed(2);
          cells[at["Currency"]!] = "EUR";
        }
        rows.push(cells.join(","));
      }
    }
    return `${rows.join("\n")}\n`;
  }

  test("orders in any order and e-mail addresses in any case give the same customers and totals", () => {
    const orderArbitrary = fc.record({
      customer: fc.integer({ min: 0, max: 4 }),
      upper: fc.boolean(),
      totalCents: fc.integer({ min: 1, max: 50_000 }),
      refundShare: fc.constantFrom(0, 0.25, 1),
      lines: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom("paid", "partially_refunded", "refunded", "voided", "pending"),
    });
    fc.assert(
      fc.property(fc.array(orderArbitrary, { minLength: 1, maxLength: 25 }), fc.infiniteStream(fc.nat()), (specs, randomness) => {
        const orders = specs.map((spec) => {
          const email = `klant${spec.customer}@example.nl`;
          return { email: spec.upper ? ` ${email.toUpperCase()}` : email, totalCents: spec.totalCents, refundCents: Math.round(spec.totalCents * spec.refundShare), lines: spec.lines, status: spec.status };
        });
        const natural = orders.map((_, index) => index);
        const shuffled = [...natural];
        const draws = randomness.take(shuffled.length);
        for (const [index, draw] of [...draws].entries()) {
          const other = draw % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
        }
        const first = readFixture("", null, { text: shopifyExport(orders, natural) });
        const second = readFixture("", null, { text: shopifyExport(orders, shuffled) });
        const totals = (read: Read) => Object.fromEntries(customers(read.rows).map((customer) => [customer, cents(read.rows.filter((row) => row.customerId === customer))]));
        expect(totals(second)).toEqual(totals(first));
        expect(second.summary.purchases).toBe(first.summary.purchases);
        // By hand: paid and partly refunded orders count, net of their refund, unless refunded in full.
        const expected = orders.filter((o) => ["paid", "partially_refunded"].includes(o.status) && o.totalCents - o.refundCents > 0);
        expect(first.summary.purchases).toBe(expected.length);
        expect(cents(first.rows)).toBe(expected.reduce((sum, o) => sum + o.totalCents - o.refundCents, 0));
        // Refunded in full (by status, or by refunds that take all of it): stored with their total refunded.
        const refunded = orders.filter((o) => o.status === "refunded" || (["paid", "partially_refunded"].includes(o.status) && o.totalCents - o.refundCents <= 0));
        expect(first.refundedInFull.map(([, cents]) => cents).sort()).toEqual(refunded.map((o) => o.totalCents).sort());
        for (const row of first.rows) expect(row.customerId).toBe(row.customerId.trim().toLowerCase());
      }),
      { numRuns: 200 },
    );
  });
});
