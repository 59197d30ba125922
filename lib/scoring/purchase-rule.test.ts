import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { isPurchase, isRefundedInFull, purchaseSql, refundedInFullSql } from "./purchase-rule";

// [what the row is, revenue_cents (net), refunded_cents, a purchase?, refunded in full?]
const rows: [string, number, number, boolean, boolean][] = [
  ["a paid order", 4500, 0, true, false],
  ["a partly refunded order (50.00, 20.00 back)", 3000, 2000, true, false],
  ["a free order", 0, 0, true, false],
  ["an order refunded in full", 0, 4500, false, true],
  ["an order refunded more than its total (stored as net 0)", 0, 5200, false, true],
  ["a refund row of an ordinary file", -1500, 0, false, false],
];

describe("the purchase rule", () => {
  test.each(rows)("%s: revenue %i, refunded %i", (_, revenueCents, refundedCents, purchase, refundedInFull) => {
    expect(isPurchase(revenueCents, refundedCents)).toBe(purchase);
    expect(isRefundedInFull(revenueCents, refundedCents)).toBe(refundedInFull);
  });

  test("the SQL text says the same as the TypeScript for every kind of row", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE TABLE transactions (id INTEGER PRIMARY KEY, revenue_cents INTEGER NOT NULL, refunded_cents INTEGER NOT NULL)");
    const insert = sqlite.prepare("INSERT INTO transactions (id, revenue_cents, refunded_cents) VALUES (?, ?, ?)");
    rows.forEach(([, revenue, refunded], index) => insert.run(index + 1, revenue, refunded));
    const answers = sqlite
      .prepare(`SELECT ${purchaseSql("t.")} AS purchase, ${refundedInFullSql("t.")} AS refunded FROM transactions AS t ORDER BY t.id`)
      .all() as { purchase: number; refunded: number }[];
    expect(answers.map((row) => [row.purchase === 1, row.refunded === 1])).toEqual(rows.map(([, , , purchase, refunded]) => [purchase, refunded]));
    const bare = sqlite.prepare(`SELECT count(*) FROM transactions WHERE ${purchaseSql()}`).pluck().get();
    expect(bare).toBe(3);
    sqlite.close();
  });
});
