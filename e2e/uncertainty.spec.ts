import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { formatMoney } from "../lib/format";

/** The seeded server's database (see playwright.config.ts): read to know which ranges the pages must show. */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const seededDatabase = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "seeded.db");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const database = new Database(seededDatabase, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

interface Interval {
  lowCents: number;
  highCents: number;
  level: number;
}

function currentSnapshot() {
  const [row] = query<{ id: number; customers: number; summary: string }>("SELECT id, customers, summary FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1");
  const summary = JSON.parse(row!.summary) as { currency: string; totals: { predictedClvCents: number }; predictedClvInterval?: Interval };
  return { id: row!.id, customers: row!.customers, summary };
}

/** A customer near the middle of the value ranking, and the top one (cents shown below €1,000, not above). */
function customers(snapshotId: number) {
  const rows = query<{ customerId: number; predicted: number; low: number | null; high: number | null }>(
    `SELECT customer_id AS customerId, predicted_clv_cents AS predicted, predicted_clv_low_cents AS low, predicted_clv_high_cents AS high
     FROM customer_scores WHERE snapshot_id = ? ORDER BY predicted_clv_cents DESC, customer_id`,
    snapshotId,
  );
  return { top: rows[0]!, middle: rows[Math.floor(rows.length / 2)]! };
}

/** The range as the pages write it: cents when the figure it belongs to is below €1,000. */
function rangeText(lowCents: number, highCents: number, valueCents: number, locale = "en-GB", currency = "EUR"): string {
  const cents = Math.abs(valueCents) < 100_000;
  const money = (amount: number) => formatMoney(amount, { locale, currency, cents });
  return `90%: ${money(lowCents)} – ${money(highCents)}`;
}

const kpi = (page: Page, key: string) => page.getByRole("list", { name: "Key figures" }).locator(`[data-kpi="${key}"]`);

test.describe("predicted CLV ranges on the seeded demo company", () => {
  test("the customer page shows the customer's 90% range from customer_scores, and explains it", async ({ page }) => {
    test.slow(); // two customer pages
    const snapshot = currentSnapshot();
    for (const customer of Object.values(customers(snapshot.id))) {
      expect(customer.low).not.toBeNull();
      expect(customer.low!).toBeLessThanOrEqual(customer.predicted);
      expect(customer.high!).toBeGreaterThanOrEqual(customer.predicted);
      await page.goto(`/customers/${customer.customerId}`);
      const card = kpi(page, "predicted");
      await expect(card).toContainText(formatMoney(customer.predicted, { currency: snapshot.summary.currency }));
      await expect(card).toContainText(rangeText(customer.low!, customer.high!, customer.predicted, "en-GB", snapshot.summary.currency));
      await expect(card.locator("[data-clv-range]")).toHaveAttribute("data-clv-range", `${customer.low}:${customer.high}`);
    }
    // The explanation opens from its summary and names the same bounds; it says this is not a promise.
    const card = kpi(page, "predicted");
    await card.getByText("How sure is this?").click();
    await expect(card).toContainText("not a promise");
  });

  test("the overview's predicted and average CLV show the total's range from the snapshot summary", async ({ page }) => {
    const snapshot = currentSnapshot();
    const interval = snapshot.summary.predictedClvInterval!;
    const total = snapshot.summary.totals.predictedClvCents;
    expect(interval.level).toBe(0.9);
    expect(interval.lowCents).toBeLessThan(total);
    expect(interval.highCents).toBeGreaterThan(total);
    await page.goto("/");
    await expect(kpi(page, "predicted")).toContainText(rangeText(interval.lowCents, interval.highCents, total));
    const average = total / snapshot.customers;
    await expect(kpi(page, "average")).toContainText(rangeText(interval.lowCents / snapshot.customers, interval.highCents / snapshot.customers, average));
    await kpi(page, "predicted").getByText("How sure is this?").click();
    await expect(kpi(page, "predicted")).toContainText("all customers together");
  });

  test("the customer list gives each predicted CLV its range as the cell's title", async ({ page }) => {
    const snapshot = currentSnapshot();
    const { top } = customers(snapshot.id);
    await page.goto("/customers");
    const row = page.locator(`tr[data-customer-id="${top.customerId}"]`);
    const money = (cents: number) => formatMoney(cents, { currency: snapshot.summary.currency });
    await expect(row.locator("td[title]")).toHaveAttribute("title", `90% range ${money(top.low!)} – ${money(top.high!)}`);
  });

  test("in Dutch the range is written the Dutch way", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    const snapshot = currentSnapshot();
    const { top } = customers(snapshot.id);
    await page.goto(`/customers/${top.customerId}`);
    const card = page.getByRole("list", { name: "Kerncijfers" }).locator('[data-kpi="predicted"]');
    await expect(card).toContainText(rangeText(top.low!, top.high!, top.predicted, "nl-NL", snapshot.summary.currency));
    await expect(card.getByText("Hoe zeker is dit?")).toBeVisible();
  });
});
