import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { CsvParser } from "../read/csv-parser";
import { recognisePlatform } from "./recognise";

const header = (file: string) => {
  const parser = new CsvParser({ delimiter: "," });
  return parser.push(fs.readFileSync(path.join(__dirname, "fixtures", file), "utf8"))[0]!.cells;
};

describe("recognisePlatform", () => {
  test.each([
    ["shopify-orders.csv", "shopify-orders"],
    ["shopify-customers.csv", "shopify-customers"],
    ["woocommerce-order-export.csv", "woocommerce-order-export"],
    ["woocommerce-analytics-orders.csv", "woocommerce-analytics-orders"],
    ["stripe-payments.csv", "stripe-payments"],
    ["mollie-payments.csv", "mollie-payments"],
    ["lightspeed-orders.csv", "lightspeed-orders"],
    ["magento-orders.csv", "magento-orders"],
  ])("%s is the %s", (file, id) => {
    const recognition = recognisePlatform(header(file));
    expect(recognition.status).toBe("recognised");
    if (recognition.status === "recognised") expect(recognition.platform.id).toBe(id);
  });

  test("finds the columns by name, wherever they are", () => {
    const recognition = recognisePlatform(header("shopify-orders.csv"));
    if (recognition.status !== "recognised") throw new Error("not recognised");
    const names = header("shopify-orders.csv");
    expect(Object.fromEntries(Object.entries(recognition.columns).map(([field, column]) => [field, names[column!]]))).toEqual({
      order: "Name",
      customer: "Email",
      date: "Created at",
      amount: "Total",
      status: "Financial Status",
      refund: "Refunded Amount",
      currency: "Currency",
      quantity: "Lineitem quantity",
      channel: "Source",
      cancelledAt: "Cancelled at",
      paymentMethod: "Payment Method",
    });
  });

  test("a platform file with a column renamed says which platform it looks like and what is missing", () => {
    const names = header("shopify-orders.csv").map((name) => (name === "Total" ? "Order total" : name));
    const recognition = recognisePlatform(names, "transactions");
    expect(recognition.status).toBe("looks-like");
    if (recognition.status === "looks-like") {
      expect(recognition.missing).toEqual(["Total"]);
      expect(recognition.problem.message).toMatch(/looks like a Shopify orders export \(Shopify admin > Orders > Export\), but the column 'Total' is missing/);
    }
  });

  test("ordinary files are not taken for a platform", () => {
    for (const names of [["klantnummer", "datum", "bedrag"], ["Customer", "Date", "Amount", "Status"], ["ID", "Date", "Amount"], ["Order", "Email", "Total", "Created at"]]) {
      expect(recognisePlatform(names).status, names.join(",")).toBe("none");
    }
  });

  test("kind limits the search", () => {
    expect(recognisePlatform(header("shopify-customers.csv"), "transactions").status).toBe("none");
  });
});
