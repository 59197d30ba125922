import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseIsoDay } from "@/lib/clv/iso-date";
import { customerSummarySql, type CustomerSummarySqlRow } from "./customer-summary-sql";
import { CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, cdnowPurchases, expectSameAsEngine, HAND_PURCHASES, type PurchaseRow } from "./customer-summary-sql.test-helpers";

let sqlite: Database.Database;
beforeEach(() => {
  sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE purchases (customer_id INTEGER NOT NULL, purchase_date TEXT NOT NULL, amount_cents INTEGER NOT NULL)");
});
afterEach(() => sqlite.close());

function summary(purchases: PurchaseRow[], calibrationEndDay: number, holdoutEndDay?: number): CustomerSummarySqlRow[] {
  const insert = sqlite.prepare("INSERT INTO purchases VALUES (?, ?, ?)");
  for (const row of purchases) insert.run(row.customerId, row.date, row.amountCents);
  return sqlite.prepare(customerSummarySql("sqlite", { purchases: "purchases", calibrationEndDay, holdoutEndDay, unit: "week" })).all() as CustomerSummarySqlRow[];
}

describe("the per-customer summary as one SQL query (SQLite)", () => {
  test("a hand count: same-day purchases are one, the first day's amount is not in the mean spend, a later customer is left out", () => {
    const rows = summary(HAND_PURCHASES, parseIsoDay("2025-02-28"), parseIsoDay("2025-03-31"));
    // Customer 1: days 6 Jan (15.00), 20 Jan (30.00), 3 Feb (20.00) in calibration: x = 2, t_x = 4 weeks,
    // T = 53 days = 7.571 weeks, spend (30 + 20) / 2 = 25.00; 10 Mar (40.00) in the holdout. Customer 2: x = 0.
    expect(rows.map((row) => ({ ...row }))).toEqual([
      { customer_id: 1, x: 2, t_x: 4, T: 53 / 7, monetary: 25, orders: 4, purchase_days: 3, amount_cents: 6500, first_day: parseIsoDay("2025-01-06"), last_day: parseIsoDay("2025-02-03"), holdout_purchases: 1, holdout_amount_cents: 4000 },
      { customer_id: 2, x: 0, t_x: 0, T: 46 / 7, monetary: 0, orders: 1, purchase_days: 1, amount_cents: 2500, first_day: parseIsoDay("2025-01-13"), last_day: parseIsoDay("2025-01-13"), holdout_purchases: 0, holdout_amount_cents: 0 },
    ]);
  });

  test("CDNOW: every customer's summary is the engine's (summarizeTransactions), calibration and holdout", () => {
    const purchases = cdnowPurchases();
    const rows = summary(purchases, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
    expect(rows).toHaveLength(2357);
    expectSameAsEngine(rows, purchases, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
    // The papers' calibration summary of the sample (testdata/cdnow): 946 repeat buyers, 2,457 repeat purchases.
    expect(rows.filter((row) => Number(row.x) > 0)).toHaveLength(946);
    expect(rows.reduce((sum, row) => sum + Number(row.x), 0)).toBe(2457);
  });

  test("dates before 1970 have exact day numbers", () => {
    const rows = summary([{ customerId: 7, date: "1969-12-30", amountCents: 100 }, { customerId: 7, date: "1970-01-02", amountCents: 300 }], 5);
    expect(rows[0]).toMatchObject({ first_day: -2, last_day: 1, x: 1, monetary: 3 });
  });
});
