import { afterAll, describe, expect, test } from "vitest";
import { openTestDatabase } from "@/lib/testing/test-database";
import { generateDemoCompany } from "@/db/seed/demo-company";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { getCustomerCount, getDatabaseStats } from "./database-stats";
import { fillMissingMonths, getMonthlyRevenue, getOverviewFigures, markPartialMonths } from "./overview";

const options = { customers: 400, seed: 3, years: 1.5, endDate: "2026-02-14" };
const database = await openTestDatabase();
await seedDemoCompany(database.db, options);
afterAll(() => database.close());

// The expected figures are computed from the generator directly, not through the database.
const generated = [...generateDemoCompany(options)];
const allTransactions = generated.flatMap((c) => c.transactions);

describe("overview queries", () => {
  test("figures match the generated purchases", async () => {
    const figures = await getOverviewFigures(database.db);
    const orders = allTransactions.filter((t) => t.revenueCents >= 0);
    expect(figures.customers).toBe(400);
    expect(figures.orders).toBe(orders.length);
    expect(figures.refunds).toBe(allTransactions.length - orders.length);
    expect(figures.revenueCents).toBe(allTransactions.reduce((s, t) => s + t.revenueCents, 0));
    expect(figures.netValueCents).toBe(allTransactions.reduce((s, t) => s + t.revenueCents - t.costCents, 0));
    expect(figures.averageOrderValueCents).toBe(Math.round(orders.reduce((s, t) => s + t.revenueCents, 0) / orders.length));
    expect(figures.lastPurchaseDate).toBe(allTransactions.map((t) => t.purchaseDate).sort().at(-1));
    const activeSince = "2025-02-15"; // 365 days up to and including the last purchase on 2026-02-14
    const active = generated.filter((c) => c.transactions.some((t) => t.purchaseDate >= activeSince)).length;
    expect(figures.activeCustomers).toBe(active);
  });

  test("monthly revenue adds up to the total and has no gaps", async () => {
    const months = await getMonthlyRevenue(database.db);
    expect(months.reduce((s, m) => s + m.revenueCents, 0)).toBe(allTransactions.reduce((s, t) => s + t.revenueCents, 0));
    expect(months[0]!.month).toBe("2024-08");
    expect(months.at(-1)!.month).toBe("2026-02");
    expect(months).toHaveLength(19);
  });

  test("database stats agree with the overview", async () => {
    const stats = await getDatabaseStats(database.db);
    expect(stats.customers).toBe(400);
    expect(await getCustomerCount(database.db)).toBe(400);
    expect(stats.transactions).toBe(allTransactions.length);
    // By hand: rows worth 0 or more (the demo's returns are negative rows, not purchases; it has no orders refunded in full).
    expect(stats.purchases).toBe(allTransactions.filter((t) => t.revenueCents >= 0).length);
    expect(stats.purchases).toBeLessThan(stats.transactions);
    expect(stats.revenue * 100).toBeCloseTo((await getOverviewFigures(database.db)).revenueCents, 6);
  });

  test("an empty database gives zeros, not errors", async () => {
    const empty = await openTestDatabase();
    expect(await getOverviewFigures(empty.db)).toMatchObject({ customers: 0, orders: 0, revenueCents: 0, lastPurchaseDate: null });
    expect(await getMonthlyRevenue(empty.db)).toEqual([]);
    expect(await getDatabaseStats(empty.db)).toEqual({ customers: 0, transactions: 0, purchases: 0, revenue: 0, firstDate: null, lastDate: null });
    await empty.close();
  });
});

describe("fillMissingMonths", () => {
  test("fills gaps across a year boundary with zero months", () => {
    const row = (month: string) => ({ month, revenueCents: 100, netValueCents: 40, orders: 1 });
    const filled = fillMissingMonths([row("2025-11"), row("2026-02")]);
    expect(filled.map((m) => m.month)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(filled[1]).toEqual({ month: "2025-12", revenueCents: 0, netValueCents: 0, orders: 0 });
  });
});

describe("markPartialMonths", () => {
  const row = (month: string) => ({ month, revenueCents: 1, netValueCents: 1, orders: 1 });
  const months = [row("2025-11"), row("2025-12"), row("2026-01"), row("2026-02")];
  test.each([
    ["2025-11-01", "2026-02-28", []],
    ["2025-11-02", "2026-02-28", ["2025-11"]],
    ["2025-11-01", "2026-02-27", ["2026-02"]],
    ["2025-11-30", "2026-02-01", ["2025-11", "2026-02"]],
  ])("history %s to %s has partial months %o", (first, last, expected) => {
    expect(markPartialMonths(months, first, last).filter((m) => m.partial).map((m) => m.month)).toEqual(expected);
  });
  test("knows leap years", () => {
    expect(markPartialMonths([row("2024-02")], "2024-02-01", "2024-02-29")[0]!.partial).toBe(false);
    expect(markPartialMonths([row("2024-02")], "2024-02-01", "2024-02-28")[0]!.partial).toBe(true);
  });
});
