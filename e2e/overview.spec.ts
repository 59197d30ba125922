import { expect, test, type APIRequestContext } from "@playwright/test";
import { formatCount, formatMoney, formatPercent } from "../lib/format";
import type { SnapshotReport } from "../lib/queries/snapshots";
import { E2E_PORTS } from "../playwright.config";
import { expectedDemoTotals } from "./demo-data";

const expected = expectedDemoTotals();

async function currentReport(request: APIRequestContext): Promise<SnapshotReport> {
  const response = await request.get("/api/snapshots/current");
  expect(response.status()).toBe(200);
  return (await response.json()) as SnapshotReport;
}

test.describe("overview on the seeded demo company", () => {
  test("the key figures are the current snapshot's", async ({ page, request }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const report = await currentReport(request);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    const figures = page.getByRole("list", { name: "Key figures" });
    await expect(figures.locator('[data-kpi="customers"]')).toContainText(formatCount(report.customers));
    expect(report.customers).toBe(expected.customers);
    await expect(figures.locator('[data-kpi="historic"]')).toContainText(formatMoney(Math.round(report.totals.historicClv * 100)));
    await expect(figures.locator('[data-kpi="predicted"]')).toContainText(formatMoney(Math.round(report.totals.predictedClv * 100)));
    await expect(figures.locator('[data-kpi="top-tier"]')).toContainText(formatPercent(report.tiers[0]!.valueShare, "en-GB", 0));
    const atRisk = report.rfm.filter((segment) => segment.segment === "At Risk" || segment.segment === "Can't Lose Them").reduce((sum, s) => sum + s.predictedClv, 0);
    await expect(figures.locator('[data-kpi="at-risk"]')).toContainText(formatMoney(Math.round(atRisk * 100)));
    await expect(figures.locator('[data-kpi="active"]')).toContainText("P(alive)");
    await expect(page.getByText(`snapshot ${report.snapshotId}`)).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("draws the CLV distribution, the tiers, the RFM segments and revenue per month from real data", async ({ page, request }) => {
    const report = await currentReport(request);
    await page.goto("/");
    const histogram = page.getByRole("group", { name: "How customer value is spread" });
    await expect(histogram.locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await histogram.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(4);
    await expect(histogram.locator("figcaption")).toContainText("The most common predicted CLV is");

    const tiers = page.locator('[data-section="tiers"]');
    for (const tier of report.tiers) {
      await expect(tiers.getByRole("link", { name: `Open the tier ${tier.name}` })).toBeVisible();
      await expect(tiers).toContainText(formatCount(tier.customers));
    }

    const rfm = page.getByRole("group", { name: "RFM segments" });
    const segments = report.rfm.filter((segment) => segment.customers > 0).length;
    // Two bars per segment: share of customers and share of value (a zero-value bar is not drawn).
    await expect(rfm.locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await rfm.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(segments);

    const revenue = page.getByRole("group", { name: "Revenue per month" });
    // 2 years ending 30 June 2026: July 2024 .. June 2026 is 24 calendar months.
    await expect(revenue.locator(".recharts-bar-rectangle")).toHaveCount(24);
    await expect(revenue.locator("figcaption")).toContainText("Revenue per month from Jul 2024 to Jun 2026");
  });

  test("a tier and an RFM segment link to their drill-downs", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('[data-section="tiers"] a').first()).toHaveAttribute("href", "/segments/tier/1");
    await page.getByText("RFM segments as a table").click();
    await expect(page.getByRole("group", { name: "RFM segments" }).getByRole("link", { name: "Champions" })).toHaveAttribute("href", "/segments/rfm/champions");
  });

  test("a snapshot id that does not exist says so and shows the current figures", async ({ page }) => {
    await page.goto("/?snapshot=99999");
    await expect(page.getByText("Snapshot 99999 no longer exists")).toBeVisible();
    await expect(page.getByRole("list", { name: "Key figures" })).toBeVisible();
  });

  test("Copy link copies this view pinned to its snapshot", async ({ page, context, request }) => {
    const report = await currentReport(request);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/?tier=1");
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.pathname).toBe("/");
    expect(copied.searchParams.get("tier")).toBe("1");
    expect(copied.searchParams.get("snapshot")).toBe(String(report.snapshotId));
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
  test("switching to Dutch translates the page and formats money the Dutch way, and it stays after a reload", async ({ page, request }) => {
    const report = await currentReport(request);
    await page.goto("/");
    await page.getByRole("combobox", { name: "Language" }).selectOption("nl");
    await expect(page.getByRole("heading", { name: "Overzicht", level: 1 })).toBeVisible();
    const figures = page.getByRole("list", { name: "Kerncijfers" });
    const dutchMoney = formatMoney(Math.round(report.totals.historicClv * 100), { locale: "nl-NL" });
    expect(dutchMoney).toMatch(/^€\s\d{1,3}(\.\d{3})+$/);
    await expect(figures.locator('[data-kpi="historic"]')).toContainText(dutchMoney);
    await expect(page.getByRole("group", { name: "RFM-segmenten" })).toContainText("Kampioenen");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Overzicht", level: 1 })).toBeVisible();
    await expect(page.getByRole("group", { name: "Omzet per maand" })).toBeVisible();
  });
});

test.describe("links", () => {
  test("prefetches a page when its link is pointed at or tabbed to, not when the link is shown", async ({ page }) => {
    // Next.js marks its prefetch requests with this header. Every page shows the menu's ten pages, the overview also
    // its three tiers and the RFM segments: none of them is asked for until pointed at.
    const prefetched: string[] = [];
    page.on("request", (request) => {
      if (request.headers()["next-router-prefetch"] !== undefined) prefetched.push(new URL(request.url()).pathname);
    });
    await page.goto("/");
    const menu = page.getByRole("navigation", { name: "Main" });
    await expect(menu.getByRole("link", { name: "Segments" })).toBeVisible();
    await page.waitForLoadState("networkidle");

    await menu.getByRole("link", { name: "Segments" }).hover();
    await expect.poll(() => prefetched).toContain("/segments");
    await menu.getByRole("link", { name: "Cohorts" }).focus();
    await expect.poll(() => prefetched).toContain("/cohorts");
    // By now a prefetch on view would have come (it did, with Next.js's default: the tiers, the menu's pages).
    expect([...new Set(prefetched)].sort()).toEqual(["/cohorts", "/segments"]);
    // The prefetched page opens from the menu.
    await menu.getByRole("link", { name: "Segments" }).click();
    await expect(page).toHaveURL(/\/segments$/);
    await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
  });
});
