import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { clv } from "../clv-runner.test-helpers";


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
    expect(stats).toMatchObject({ customers: 5, transactions: 6, purchases: 6, revenue: 446.18, firstDate: "2025-02-14", lastDate: "2025-12-01" });
    // Importing the same export again adds nothing.
    const again = JSON.parse(clv(["import", "transactions", fixture("shopify-orders.csv"), "--json", "--no-recompute"], database).stdout) as { imported: number; duplicates: number };
    expect(again).toMatchObject({ imported: 0, duplicates: 6 });
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
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 3, transactions: 4, purchases: 4, revenue: 213.2 });
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
