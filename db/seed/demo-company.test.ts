import { describe, expect, test } from "vitest";
import { generateDemoCompany, type DemoCustomer } from "./demo-company";

const customers: DemoCustomer[] = [...generateDemoCompany({ customers: 4000, seed: 5, years: 3, endDate: "2026-11-23" })];

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
const orders = (customer: DemoCustomer) => customer.transactions.filter((t) => t.revenueCents > 0);
const netValue = (customer: DemoCustomer) => customer.transactions.reduce((sum, t) => sum + t.revenueCents - t.costCents, 0);
const averageOrderCents = (customer: DemoCustomer) => mean(orders(customer).map((t) => t.revenueCents));

describe("the demo company is believable", () => {
  test("customers buy at different rates: many one-time buyers and a long tail of loyal ones", () => {
    const counts = customers.map((c) => orders(c).length);
    const oneTime = counts.filter((n) => n === 1).length / counts.length;
    const tenOrMore = counts.filter((n) => n >= 10).length / counts.length;
    expect(oneTime).toBeGreaterThan(0.2);
    expect(oneTime).toBeLessThan(0.6);
    expect(tenOrMore).toBeGreaterThan(0.05);
  });

  test("some customers stop buying for good: a share has not bought in the last year although they started early", () => {
    const earlyCustomers = customers.filter((c) => c.firstSeenDate < "2024-06-01");
    const lapsed = earlyCustomers.filter((c) => orders(c).every((t) => t.purchaseDate < "2025-11-23"));
    expect(lapsed.length / earlyCustomers.length).toBeGreaterThan(0.25);
  });

  test("has refunds, several channels, real-looking names, cities and unique ids", () => {
    const all = customers.flatMap((c) => c.transactions);
    const refunds = all.filter((t) => t.revenueCents < 0);
    expect(refunds.length / all.length).toBeGreaterThan(0.01);
    expect(refunds.every((t) => t.externalId.endsWith("-R") && t.quantity < 0)).toBe(true);
    expect(new Set(all.map((t) => t.channel)).size).toBe(4);
    expect(new Set(all.map((t) => t.externalId)).size).toBe(all.length);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(customers.length);
    expect(new Set(customers.map((c) => c.country))).toEqual(new Set(["NL", "BE", "DE"]));
    expect(customers.filter((c) => c.city === "Amsterdam").length).toBeGreaterThan(100);
    expect(customers.every((c) => /^\S+( \S+)+$/.test(c.name) && /^[a-z.0-9]+@[a-z.-]+\.[a-z]+$/.test(c.email))).toBe(true);
  });

  test("soft data drives value: loyalty members buy more often", () => {
    const members = customers.filter((c) => c.attributes.loyalty_member === "yes").map((c) => orders(c).length);
    const others = customers.filter((c) => c.attributes.loyalty_member === "no").map((c) => orders(c).length);
    expect(mean(members)).toBeGreaterThan(1.5 * mean(others));
  });

  test("soft data drives value: 'Espresso at home' marks the high spenders", () => {
    const espresso = customers.filter((c) => c.attributes.interest === "Espresso at home");
    const rest = customers.filter((c) => c.attributes.interest !== "Espresso at home");
    expect(mean(espresso.map(averageOrderCents))).toBeGreaterThan(2 * mean(rest.map(averageOrderCents)));
    expect(mean(espresso.map(netValue))).toBeGreaterThan(1.5 * mean(rest.map(netValue)));
  });

  test("soft data drives value: satisfied customers stay longer", () => {
    const lastPurchase = (c: DemoCustomer) => orders(c).at(-1)!.purchaseDate;
    const lifetimeDays = (c: DemoCustomer) => (Date.parse(lastPurchase(c)) - Date.parse(c.firstSeenDate)) / 86_400_000;
    const satisfied = customers.filter((c) => Number(c.attributes.satisfaction) >= 9).map(lifetimeDays);
    const unhappy = customers.filter((c) => c.attributes.satisfaction !== undefined && Number(c.attributes.satisfaction) <= 5).map(lifetimeDays);
    expect(satisfied.length).toBeGreaterThan(100);
    expect(unhappy.length).toBeGreaterThan(100);
    expect(mean(satisfied)).toBeGreaterThan(1.3 * mean(unhappy));
  });

  test("costs stay below revenue and amounts are whole cents", () => {
    for (const t of customers.flatMap((c) => c.transactions)) {
      expect(Number.isInteger(t.revenueCents) && Number.isInteger(t.costCents)).toBe(true);
      expect(Math.abs(t.costCents)).toBeLessThan(Math.abs(t.revenueCents));
    }
  });
});
