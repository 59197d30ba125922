import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { getDatabaseStats } from "./database-stats";
import { getCustomerProfile, getCustomerPurchaseDays, getCustomerTransactions } from "./customer-profile";
import { getMonthlyRevenue, getOverviewFigures } from "./overview";
import { getPurchaseDateRange } from "./snapshots";

// A small shop counted by hand: orders refunded in full are stored (worth 0, their total refunded) but are
// no purchase, no purchase day, no activity and no date.
let database: OpenedDatabase;
// [order, customer, date, net value, refunded]
const ORDERS = [
  ["A1", 1, "2026-01-05", 4000, 0],
  ["A2", 1, "2026-01-05", 0, 3000], // refunded in full, the same day as A1
  ["A3", 1, "2026-03-01", 1500, 500], // refunded in part
  ["A4", 1, "2026-03-08", 0, 0], // a free sample: a purchase worth nothing
  [null, 1, "2026-03-09", -700, 0], // a refund row
  ["B1", 2, "2026-05-20", 0, 5000], // C2's only order, refunded in full, after everything else
  ["C1", 3, "2025-12-28", 0, 1200], // refunded in full, before everything else
  ["C2", 3, "2026-02-14", 2500, 0],
] as const;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.insert(customers).values([1, 2, 3].map((id) => ({ id, externalId: `C${id}` })));
  // One at a time, in this order: the list of transactions breaks ties of a date by the order rows were stored in.
  for (const [externalId, customerId, purchaseDate, revenueCents, refundedCents] of ORDERS) {
    await database.db.insert(transactions).values({ externalId, customerId, purchaseDate, revenueCents, refundedCents });
  }
});
afterAll(() => database.close());

describe("the queries that count orders and dates follow the purchase rule", () => {
  test("clv stats: 8 stored rows, 4 purchases (A1, A3, A4, C2), revenue net of refunds, dates of purchases and refunds only", async () => {
    expect(await getDatabaseStats(database.db)).toEqual({
      customers: 3,
      transactions: 8,
      purchases: 4,
      revenue: (4000 + 1500 - 700 + 2500) / 100,
      firstDate: "2026-01-05",
      lastDate: "2026-03-09",
    });
  });

  test("the overview: 4 orders, 1 refund, 2 active customers; the months span the purchases only", async () => {
    expect(await getOverviewFigures(database.db)).toMatchObject({
      customers: 3,
      activeCustomers: 2, // C1 and C3; C2 only has an order refunded in full
      orders: 4,
      refunds: 1,
      revenueCents: 7300,
      averageOrderValueCents: Math.round((4000 + 1500 + 0 + 2500) / 4),
      firstPurchaseDate: "2026-01-05",
      lastPurchaseDate: "2026-03-09",
    });
    const months = await getMonthlyRevenue(database.db);
    expect(months.map((month) => [month.month, month.orders, month.revenueCents])).toEqual([
      ["2026-01", 1, 4000],
      ["2026-02", 1, 2500],
      ["2026-03", 2, 800],
    ]);
    expect(await getPurchaseDateRange(database.db)).toEqual({ firstDate: "2026-01-05", lastDate: "2026-03-09" });
  });

  test("a customer's purchase days leave out orders refunded in full; the list of transactions shows them with their refund", async () => {
    expect(await getCustomerPurchaseDays(1, database.db)).toEqual([
      { date: "2026-01-05", kind: "purchase", orders: 1, revenueCents: 4000, costCents: 0 },
      { date: "2026-03-01", kind: "purchase", orders: 1, revenueCents: 1500, costCents: 0 },
      { date: "2026-03-08", kind: "purchase", orders: 1, revenueCents: 0, costCents: 0 },
      { date: "2026-03-09", kind: "refund", orders: 1, revenueCents: -700, costCents: 0 },
    ]);
    expect(await getCustomerPurchaseDays(2, database.db)).toEqual([]);
    // The page's count of transactions still counts every stored row (it says how many are not shown).
    expect((await getCustomerProfile(1, null, {}, database.db))!.transactionCount).toBe(5);
    expect((await getCustomerProfile(2, null, {}, database.db))!.transactionCount).toBe(1);
    expect((await getCustomerTransactions(1, 10, database.db)).map((row) => [row.externalId, row.revenueCents, row.refundedCents])).toEqual([
      [null, -700, 0],
      ["A4", 0, 0],
      ["A3", 1500, 500],
      ["A2", 0, 3000],
      ["A1", 4000, 0],
    ]);
  });
});
