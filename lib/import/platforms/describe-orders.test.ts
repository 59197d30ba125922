import { describe, expect, test } from "vitest";
import { describeOrders } from "./describe-orders";

describe("describeOrders", () => {
  test("says what was counted and what was left out, and why", () => {
    expect(
      describeOrders({
        platform: { id: "shopify-orders", name: "Shopify orders export" },
        rows: 18,
        orders: 14,
        purchases: 6,
        fullyRefunded: { orders: 2, cents: 12000 },
        refundsCents: 2000,
        excluded: [
          { status: "voided", orders: 1, cents: 8000 },
          { status: "pending", orders: 1, cents: 3550 },
        ],
        guests: { orders: 1, cents: 1500 },
        currency: "EUR",
      }),
    ).toBe(
      "Read as a Shopify orders export: 18 rows = 14 orders; 6 purchases; 2 fully refunded orders (€120.00) stored, not counted; refunds €20.00 subtracted; " +
        "2 orders are no purchase (1 voided, 1 pending); 1 order without a customer (€15.00) not imported.",
    );
  });

  test("leaves out what did not happen", () => {
    const summary = { platform: { id: "stripe-payments", name: "Stripe payments export" }, rows: 1, orders: 1, purchases: 1, fullyRefunded: { orders: 0, cents: 0 }, refundsCents: 0, excluded: [], guests: { orders: 0, cents: 0 }, currency: "EUR" };
    expect(describeOrders(summary)).toBe("Read as a Stripe payments export: 1 row = 1 order; 1 purchase.");
  });
});
