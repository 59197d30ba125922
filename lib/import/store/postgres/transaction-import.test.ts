import { describe, expect, it } from "vitest";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import { stagedLine } from "./transaction-import";

const row = (fields: Partial<TransactionRow>): TransactionRow => ({
  line: 2,
  orderId: "A1",
  contentKey: null,
  customerId: "K7",
  purchaseDate: "2024-03-01",
  revenueCents: 1250,
  costCents: 0,
  quantity: 1,
  channel: null,
  productCategory: "Thee",
  ...fields,
});

describe("stagedLine", () => {
  it("writes a row in the column order of import_rows, as COPY text", () => {
    expect(stagedLine(row({}), 2, false)).toBe("2\tt\tA1\tK7\t2024-03-01\t1250\t0\t1\t\\N\tThee\tf\t0\tf\n");
  });

  it("keys a line without an order number by its content, and marks a refunded, repeated or non-purchase line", () => {
    const line = stagedLine(row({ orderId: null, contentKey: "c0ffee", refundedCents: 300, noPurchase: "cancelled", revenueCents: -300 }), 9, true);
    expect(line).toBe("9\tf\tc0ffee\tK7\t2024-03-01\t-300\t0\t1\t\\N\tThee\tt\t300\tt\n");
  });

  it("escapes tabs, line ends and backslashes inside text so a value cannot start a new column or row", () => {
    const line = stagedLine(row({ customerId: "K\t7", channel: "Web\nshop", productCategory: "a\\b" }), 3, false);
    expect(line.split("\t")).toHaveLength(13);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(line).toContain("K\\t7\t");
    expect(line).toContain("Web\\nshop\ta\\\\b\t");
  });

  it("refuses an amount that is not a whole number instead of staging text PostgreSQL would misread", () => {
    expect(() => stagedLine(row({ revenueCents: Number.NaN }), 4, false)).toThrow(RangeError);
    expect(() => stagedLine(row({ quantity: 1.5 }), 4, false)).toThrow(RangeError);
  });
});
