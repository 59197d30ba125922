import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { periodEndDate, periodIndexOfDate, periodKey, type CohortPeriod } from "../lib/analysis/cohort-periods";
import { formatCount, formatMoney, formatMonth } from "../lib/format";
import { E2E_PORTS } from "../playwright.config";

/** The seeded server's database (the folder follows E2E_PORT_BASE, as in playwright.config.ts). */
const SEEDED_DATABASE = path.resolve("data", E2E_PORTS.seeded === 3100 ? "e2e" : `e2e-${E2E_PORTS.seeded}`, "seeded.db");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const database = new Database(SEEDED_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

/** The analysis date and the margin source of the current snapshot. */
function currentSnapshot(): { asOf: string; fromSetting: boolean; profitMargin: number; currency: string } {
  const [row] = query<{ asOf: string; fit: string; settings: string; summary: string }>(
    "SELECT as_of_date AS asOf, fit, settings, summary FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1",
  );
  const fit = JSON.parse(row!.fit) as { margin: { source: string } };
  return {
    asOf: row!.asOf,
    fromSetting: fit.margin.source === "setting",
    profitMargin: (JSON.parse(row!.settings) as { profitMargin: number }).profitMargin,
    currency: (JSON.parse(row!.summary) as { currency: string }).currency,
  };
}

/** Customers by the period of their first purchase (not a refund), straight from the transactions. */
function firstPurchases(asOf: string): { customerId: number; first: string }[] {
  return query<{ customerId: number; first: string }>(
    "SELECT customer_id AS customerId, min(purchase_date) AS first FROM transactions WHERE revenue_cents >= 0 AND purchase_date <= ? GROUP BY customer_id",
    asOf,
  );
}

function cohortCounts(period: CohortPeriod, asOf: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { first } of firstPurchases(asOf)) {
    const key = periodKey(periodIndexOfDate(first, period), period);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const chart = (page: Page) => page.getByRole("group", { name: "Cumulative value per customer" });
const table = (page: Page) => page.locator("table").filter({ has: page.locator("tr[data-cohort]") });

test.describe("cohorts on the seeded demo company", () => {
  test("draws one actual and one predicted line per chosen cohort, from the data", async ({ page }) => {
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    page.on("console", (message) => {
      // Failed requests are checked below, by address.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("response", (response) => {
      const url = new URL(response.url());
      // The menu prefetches the other views; this test is about the cohort view's own requests.
      const otherViewPrefetch = url.searchParams.has("_rsc") && url.pathname !== "/cohorts";
      if (response.status() >= 400 && !otherViewPrefetch) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    await page.goto("/cohorts");
    await expect(page.getByRole("heading", { name: "Cohorts", level: 1 })).toBeVisible();
    const figure = chart(page);
    await expect(figure.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    const legend = figure.getByRole("list", { name: "Cohorts in the chart" }).getByRole("listitem");
    const shown = await legend.count();
    const { asOf } = currentSnapshot();
    // 24 months of history: months by default, six cohorts spread from the oldest to the newest.
    const months = [...cohortCounts("month", asOf).keys()];
    expect(shown).toBe(Math.min(6, months.length));
    await expect(legend.first()).toHaveText(formatMonth(months[0]!));
    await expect(legend.last()).toHaveText(formatMonth(months.at(-1)!));
    await expect(figure.locator(".cohort-line-actual path.recharts-line-curve")).toHaveCount(shown);
    await expect(figure.locator(".cohort-line-predicted path.recharts-line-curve")).toHaveCount(shown);
    for (const path of await figure.locator(".cohort-line-actual path.recharts-line-curve").all()) {
      expect((await path.getAttribute("d"))?.length ?? 0).toBeGreaterThan(10);
    }
    await expect(figure.locator("figcaption")).toContainText(`${formatMonth(months[0]!)} (`);
    // Hovering shows the values of the hovered month.
    await figure.locator(".recharts-wrapper").hover({ position: { x: 200, y: 150 } });
    await expect(figure.getByText(/^Month \d+ after the first purchase$/)).toBeVisible();
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  test("every cohort's customers are the customers whose first purchase falls in it", async ({ page }) => {
    await page.goto("/cohorts?period=month");
    const { asOf } = currentSnapshot();
    const counts = cohortCounts("month", asOf);
    const [firstKey, firstCount] = [...counts][0]!;
    const rows = table(page).locator("tr[data-cohort]");
    await expect(rows).toHaveCount(counts.size);
    const first = rows.first();
    await expect(first).toHaveAttribute("data-cohort", firstKey);
    await expect(first.getByRole("rowheader")).toHaveText(formatMonth(firstKey));
    await expect(first.locator("td[data-column=customers]")).toHaveText(formatCount(firstCount));
    const shown = await rows.locator("td[data-column=customers]").allTextContents();
    expect(shown).toEqual([...counts.values()].map((count) => formatCount(count)));
  });

  test("switching to quarters goes into the URL and stays after a reload", async ({ page }) => {
    await page.goto("/cohorts");
    const switcher = page.getByRole("navigation", { name: "Cohorts by" });
    await expect(switcher.getByRole("link", { name: "Month" })).toHaveAttribute("aria-current", "true");
    await switcher.getByRole("link", { name: "Quarter" }).click();
    await expect(page).toHaveURL(/[?&]period=quarter/);
    const { asOf } = currentSnapshot();
    const quarters = [...cohortCounts("quarter", asOf).keys()];
    await expect(table(page).locator("tr[data-cohort]")).toHaveCount(quarters.length);
    await expect(table(page).locator("tr[data-cohort]").first()).toHaveAttribute("data-cohort", quarters[0]!);
    await page.reload();
    await expect(switcher.getByRole("link", { name: "Quarter" })).toHaveAttribute("aria-current", "true");
    await expect(table(page).getByRole("columnheader", { name: "Quarters since the first purchase" })).toBeVisible();
    await expect(table(page).locator("tr[data-cohort]").first().getByRole("rowheader")).toHaveText(/^Q\d \d{4}$/);
  });

  test("the last period is marked incomplete exactly when the data ends before the period does; the prediction follows it", async ({ page }) => {
    const { asOf } = currentSnapshot();
    for (const period of ["month", "quarter"] as const) {
      await page.goto(`/cohorts?period=${period}`);
      const current = periodIndexOfDate(asOf, period);
      const partial = asOf < periodEndDate(current, period);
      const rows = table(page).locator("tr[data-cohort]");
      const cohorts = await rows.count();
      await expect(table(page).locator("td[data-state=partial]")).toHaveCount(partial ? cohorts : 0);
      await expect(page.getByTestId("partial-explanation")).toHaveCount(partial ? 1 : 0);
      // Every cohort: actual cells up to the analysis date's period, then predicted cells.
      for (const row of [rows.first(), rows.last()]) {
        const key = (await row.getAttribute("data-cohort"))!;
        const index = period === "month" ? Number(key.slice(0, 4)) * 12 + Number(key.slice(5)) - 1 : Number(key.slice(0, 4)) * 4 + Number(key.slice(6)) - 1;
        const lastAge = current - index;
        await expect(row.locator(`td[data-age="${lastAge}"]`)).toHaveAttribute("data-state", partial ? "partial" : "complete");
        await expect(row.locator(`td[data-age="${lastAge + 1}"]`)).toHaveAttribute("data-state", "predicted");
        if (partial) await expect(row.locator(`td[data-age="${lastAge}"]`)).toContainText("*");
      }
      await expect(chart(page).locator("circle[data-partial=true]")).toHaveCount(partial ? await chart(page).getByRole("list", { name: "Cohorts in the chart" }).getByRole("listitem").count() : 0);
    }
  });

  test("choosing the chart's cohorts goes into the URL", async ({ page }) => {
    await page.goto("/cohorts?period=quarter");
    const picker = page.getByRole("group", { name: /Cohorts shown in the chart/ });
    const checked = picker.getByRole("checkbox", { checked: true });
    const before = await checked.count();
    const name = (await checked.first().evaluate((input) => input.parentElement?.textContent ?? "")).trim();
    const box = picker.getByRole("checkbox", { name, exact: true });
    await box.click();
    await expect(box).not.toBeChecked();
    await expect(page).toHaveURL(/[?&]cohorts=/);
    await expect(chart(page).locator(".cohort-line-actual path.recharts-line-curve")).toHaveCount(before - 1);
    await page.reload();
    await expect(box).not.toBeChecked();
    await expect(chart(page).getByRole("list", { name: "Cohorts in the chart" }).getByRole("listitem")).toHaveCount(before - 1);
  });

  test("in Dutch, labels and money are Dutch and the value is the database's", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto("/cohorts?period=month");
    await expect(page.getByRole("heading", { name: "Cohorten", level: 1 })).toBeVisible();
    const { asOf, fromSetting, profitMargin, currency } = currentSnapshot();
    const firsts = firstPurchases(asOf);
    const firstKey = [...cohortCounts("month", asOf).keys()][0]!;
    const members = new Set(firsts.filter((row) => row.first.startsWith(firstKey)).map((row) => row.customerId));
    // Age 0: their net value up to the end of their first month.
    const sums = query<{ customerId: number; revenue: number; net: number }>(
      "SELECT customer_id AS customerId, sum(revenue_cents) AS revenue, sum(revenue_cents - cost_cents) AS net FROM transactions WHERE purchase_date <= ? GROUP BY customer_id",
      `${firstKey}-31`,
    ).filter((row) => members.has(row.customerId));
    const value = sums.reduce((sum, row) => sum + (fromSetting ? row.revenue * profitMargin : row.net), 0) / members.size;
    const dutch = formatMoney(value, { locale: "nl-NL", currency });
    expect(dutch).toMatch(/^€\s\d+(\.\d{3})*,\d{2}$/);
    const row = table(page).locator(`tr[data-cohort="${firstKey}"]`);
    await expect(row.getByRole("rowheader")).toHaveText(formatMonth(firstKey, { locale: "nl-NL" }));
    await expect(row.locator('td[data-age="0"]')).toHaveText(dutch);
    await expect(page.getByRole("columnheader", { name: "Maanden sinds de eerste aankoop" })).toBeVisible();
  });
});

test.describe("cohorts on an empty database", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("shows how to load data instead of an error", async ({ page }) => {
    await page.goto("/cohorts");
    await expect(page.getByRole("heading", { name: "Cohorts", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Cumulative value per customer" })).toHaveCount(0);
  });
});
