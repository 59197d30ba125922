import { expect, test } from "@playwright/test";
import { formatCount, formatDate, formatMoney } from "../lib/format";
import { E2E_PORTS } from "../playwright.config";
import { expectedDemoTotals } from "./demo-data";

const expected = expectedDemoTotals();

test.describe("overview on the seeded demo company", () => {
  test("shows the company's figures from the database", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    const figures = page.getByRole("list", { name: "Key figures" });
    await expect(figures.getByText(formatCount(expected.customers), { exact: true })).toBeVisible();
    await expect(figures.getByText(formatMoney(expected.revenueCents), { exact: true })).toBeVisible();
    await expect(figures.getByText(formatDate(expected.lastDate), { exact: true })).toBeVisible();
    await expect(figures.getByText(`first on ${formatDate(expected.firstDate)}`, { exact: false })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("draws revenue per month with Recharts, one bar per month", async ({ page }) => {
    await page.goto("/");
    const chart = page.getByRole("group", { name: "Revenue per month" });
    await expect(chart).toBeVisible();
    const svg = chart.locator(".recharts-wrapper > svg.recharts-surface");
    await expect(svg).toBeVisible();
    // 2 years ending 30 June 2026: July 2024 .. June 2026 is 24 calendar months.
    await expect(chart.locator(".recharts-bar-rectangle")).toHaveCount(24);
    await expect(chart.locator(".recharts-line-curve")).toHaveCount(1);
    await expect(chart.locator("figcaption")).toContainText("Revenue per month from Jul 2024 to Jun 2026");
  });

  test("health answers with the customer count", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true, customers: expected.customers });
  });
});

test.describe("overview on an empty database", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("shows how to load data instead of an error", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await expect(page.getByText("npm run db:seed")).toBeVisible();
    await expect(page.getByRole("group", { name: "Revenue per month" })).toHaveCount(0);
  });

  test("health reports zero customers", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(await response.json()).toEqual({ ok: true, customers: 0 });
  });
});

test.describe("language", () => {
  test("switching to Dutch translates the page and formats money the Dutch way, and it stays after a reload", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("combobox", { name: "Language" }).selectOption("nl");
    await expect(page.getByRole("heading", { name: "Overzicht", level: 1 })).toBeVisible();
    const figures = page.getByRole("list", { name: "Kerncijfers" });
    const dutchMoney = formatMoney(expected.revenueCents, { locale: "nl-NL" });
    expect(dutchMoney).toMatch(/^€\s\d{1,3}(\.\d{3})+$/);
    await expect(figures.getByText(dutchMoney, { exact: true })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Overzicht", level: 1 })).toBeVisible();
    await expect(page.getByRole("group", { name: "Omzet per maand" })).toBeVisible();
  });
});
