import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { computeScores } from "@/lib/scoring/compute-scores";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { scoreStoreOf } from "./score-store";

let database: OpenedDatabase;
/** The purchases as the recompute reads them: load-transactions.ts on SQLite, postgres-score-store.ts on PostgreSQL. */
const loadTransactions = () => scoreStoreOf(database).loadTransactions();

beforeEach(async () => {
  database = await openTestDatabase();
  const customerRows: { id: number; externalId: string }[] = [1, 2, 3, 4, 5].map((id) => ({ id, externalId: `C${id}` }));
  // [order, customer, date, net value, refunded]
  const orders: (readonly [string | null, number, string, number, number])[] = [
    ["A1", 1, "2026-01-05", 4000, 0],
    ["A2", 1, "2026-02-10", 0, 3000], // refunded in full
    ["A3", 1, "2026-03-01", 1500, 500], // refunded in part: a purchase worth 15.00
    ["B1", 2, "2026-02-20", 0, 5000], // C2's only order, refunded in full
    ["C1", 3, "2026-01-10", 1000, 0],
    ["C2", 3, "2026-03-20", 3000, 0], // the last purchase in the data
    ["D1", 4, "2026-04-01", 0, 2000], // refunded in full, after every purchase
    ["E1", 5, "2026-01-15", 2500, 0],
    [null, 5, "2026-02-01", -500, 0], // a refund row: lowers the value, no purchase
  ];
  // Twelve steady customers (ids 11..22), so that the simple formula can estimate retention: each bought on
  // 20 January and again on 10 March.
  for (let id = 11; id <= 22; id++) {
    customerRows.push({ id, externalId: `F${id}` });
    orders.push([`F${id}a`, id, "2026-01-20", 2000, 0], [`F${id}b`, id, "2026-03-10", 2000, 0]);
  }
  await database.db.insert(customers).values(customerRows);
  // In this order: the reader returns rows by id.
  await database.db
    .insert(transactions)
    .values(orders.map(([externalId, customerId, purchaseDate, revenueCents, refundedCents]) => ({ externalId, customerId, purchaseDate, revenueCents, refundedCents })));
});
const FILLER_ROWS = 24;
afterEach(() => database.close());

describe("orders refunded in full, as the recompute reads and scores them", () => {
  test("are not among the purchase and refund rows: neither purchase days nor value nor dates", async () => {
    const data = await loadTransactions();
    // 9 rows stored for C1..C5, 3 of them orders refunded in full: 6 read, of the 3 customers with a purchase.
    expect(data.rows).toBe(6 + FILLER_ROWS);
    expect(Array.from(data.customerIds).filter((id) => id < 10).sort()).toEqual([1, 3, 5]);
    const own = Array.from(data.revenueCents).filter((_, i) => data.customerIds[data.customer[i]!]! < 10);
    expect(own.sort((a, b) => a - b)).toEqual([-500, 1000, 1500, 2500, 3000, 4000]);
  });

  test("are read apart, with their customer ids and days, for the cohort view's value per month only", async () => {
    const refunded = (await loadTransactions()).refundedInFull!;
    expect(refunded.rows).toBe(3);
    expect(Array.from(refunded.customerIds)).toEqual([1, 2, 4]);
    expect(Array.from(refunded.day)).toEqual(["2026-02-10", "2026-02-20", "2026-04-01"].map((date) => Date.parse(date) / 86_400_000));
    expect(Array.from(refunded.revenueCents)).toEqual([0, 0, 0]);
    expect(refunded.costCents).toBeNull();
  });

  test("by hand: C1 bought on 2 days (not 3), C2 and C4 are not scored, the analysis date is the last purchase", async () => {
    const result = computeScores(await loadTransactions(), { ...DEFAULT_SETTINGS, model: "simple", profitMargin: 1 });
    // The last purchase is C3's on 20 March; C4's order of 1 April was refunded in full and sets no date.
    expect(result.asOfDate).toBe("2026-03-20");
    expect(result.firstPurchaseDate).toBe("2026-01-05");
    const at = (customerId: number) => Array.from(result.figures.customerIds).indexOf(customerId);
    expect(Array.from(result.figures.customerIds).filter((id) => id < 10).sort()).toEqual([1, 3, 5]);
    // Purchase days: C1 5 January and 1 March; C3 10 January and 20 March; C5 15 January (its refund is no visit).
    expect([1, 3, 5].map((id) => result.figures.purchases[at(id)])).toEqual([2, 2, 1]);
    // Value to date (margin 100%): C1 40.00 + 15.00; C3 10.00 + 30.00; C5 25.00 − 5.00.
    expect([1, 3, 5].map((id) => result.figures.historicClvCents[at(id)])).toEqual([5500, 4000, 2000]);
    // C1's last purchase is 1 March (19 days before the analysis date), not the refunded order of 10 February.
    expect(result.figures.daysSinceLastPurchase[at(1)]).toBe(19);
    // C2 and C4 have no purchase at all: not scored, and not counted among the customers with refunds only.
    expect(result.summary.excludedCustomers).toBe(0);
    expect(result.transactions).toBe(6 + FILLER_ROWS);
  });
});
