import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { purchaseSql } from "@/lib/scoring/purchase-rule";
import { clv } from "../clv-runner.test-helpers";

/** The customers with at least one purchase (the analyst's count; `clv stats` counts every stored customer). */
function buyingCustomers(file: string): number {
  const database = new Database(file, { readonly: true });
  try {
    return database.prepare(`SELECT count(DISTINCT customer_id) FROM transactions WHERE ${purchaseSql()}`).pluck().get() as number;
  } finally {
    database.close();
  }
}


const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-platform-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const fixture = (name: string) => path.resolve("lib/import/platforms/fixtures", name);

describe("clv import of platform exports, with no flags", () => {
  test("a Shopify orders export gives the customers, purchases and net revenue counted by hand, and says what it left out", () => {
    const database = path.join(folder, "shopify.db");
    const result = clv(["import", "transactions", fixture("shopify-orders.csv"), "--json", "--no-recompute"], database);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; platform: { id: string }; orders: { purchases: number; rows: number }; message: string; rejected: number };
    expect(report.status).toBe("committed");
    expect(report.rejected).toBe(0);
    expect(report.platform.id).toBe("shopify-orders");
    expect(report.orders).toMatchObject({ rows: 18, orders: 14, purchases: 6 });
    expect(report.message).toContain("18 rows = 14 orders; 6 purchases; 2 fully refunded orders (€120.00) stored, not counted; refunds €20.00 subtracted");
    const stats = JSON.parse(clv(["stats", "--json"], database).stdout) as Record<string, unknown>;
    // transactions: the 6 purchases and the 2 orders refunded in full (#1011, #1003), stored worth 0 (was 6,
    // when they were not stored); their customers, Carla and Eva, also bought, so still 5 customers.
    expect(stats).toMatchObject({ customers: 5, transactions: 8, purchases: 6, revenue: 446.18, firstDate: "2025-02-14", lastDate: "2025-12-01" });
    expect(buyingCustomers(database)).toBe(5);
    // Importing the same export again adds nothing (the 2 refunded orders are duplicates too: was 6).
    const again = JSON.parse(clv(["import", "transactions", fixture("shopify-orders.csv"), "--json", "--no-recompute"], database).stdout) as { imported: number; duplicates: number };
    expect(again).toMatchObject({ imported: 0, duplicates: 8 });
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 5, purchases: 6, revenue: 446.18 });
  });

  test("Shopify's customers export and orders export name the same customers", () => {
    const database = path.join(folder, "shopify-both.db");
    expect(clv(["import", "customers", fixture("shopify-customers.csv"), "--no-recompute"], database).code).toBe(0);
    expect(clv(["import", "transactions", fixture("shopify-orders.csv"), "--no-recompute"], database).code).toBe(0);
    // Anna, Bram, Carla and Eva from the customers file are the same customers as in the orders; Daan is new.
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 5, purchases: 6, revenue: 446.18 });
  });

  test("a Stripe payments export counts paid charges only, net of refunds", () => {
    const database = path.join(folder, "stripe.db");
    expect(clv(["import", "transactions", fixture("stripe-payments.csv"), "--no-recompute"], database).code).toBe(0);
    // The Refunded charge is stored worth 0 (transactions 5, was 4); it is Carla's only charge, so she is a
    // customer without a purchase (customers 4, was 3): the 3 who bought are the analyst's count.
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 4, transactions: 5, purchases: 4, revenue: 213.2 });
    expect(buyingCustomers(database)).toBe(3);
  });

  test("--count-status chooses the statuses that count; an unknown one stops the import with its count", () => {
    const database = path.join(folder, "woo.db");
    const text = fs.readFileSync(fixture("woocommerce-order-export.csv"), "utf8").replace(/,On hold,/, ",Backordered,");
    const file = path.join(folder, "orders-export.csv");
    fs.writeFileSync(file, text);
    const refused = clv(["import", "transactions", file, "--no-recompute"], database);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("'Backordered' (1 order)");
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ transactions: 0 });
    const chosen = clv(["import", "transactions", file, "--count-status", "completed,processing,backordered", "--json", "--no-recompute"], database);
    expect(chosen.code).toBe(0);
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ purchases: 5, revenue: 179.15 + 64 });
  });
});
