import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { formatDecimal } from "../components/customer/format-decimal";
import { formatDate, formatMoney, formatPercent } from "../lib/format";
import { E2E_PORTS } from "../playwright.config";
import { serverDatabase } from "./server-database";

/** The servers' database files (see playwright.config.ts): read to know what the pages must show. */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`);

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const database = new Database(path.join(databaseFolder, file), { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

interface ScoreRow {
  customerId: number;
  name: string;
  externalId: string;
  historic: number;
  predicted: number;
  total: number;
  alive: number | null;
  expected: number;
  next: string | null;
  purchases: number;
  tier: number;
  rfm: string;
  quadrant: string;
}

const scoreColumns = `cs.customer_id AS customerId, c.name, c.external_id AS externalId, cs.historic_clv_cents AS historic,
  cs.predicted_clv_cents AS predicted, cs.total_clv_cents AS total, cs.probability_alive AS alive, cs.expected_purchases AS expected,
  cs.expected_next_purchase_date AS next, cs.purchases, cs.clv_tier AS tier, cs.rfm_segment AS rfm, cs.quadrant`;

function currentSnapshot() {
  const [row] = query<{ id: number; asOf: string; summary: string }>(
    "seeded.db",
    "SELECT id, as_of_date AS asOf, summary FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1",
  );
  const summary = JSON.parse(row!.summary) as { currency: string; tiers: { name: string }[]; quadrants: { key: string; name: string }[] };
  return { id: row!.id, asOf: row!.asOf, summary };
}

function topCustomer(snapshotId: number): ScoreRow {
  return query<ScoreRow>("seeded.db", `SELECT ${scoreColumns} FROM customer_scores cs JOIN customers c ON c.id = cs.customer_id WHERE cs.snapshot_id = ? ORDER BY cs.predicted_clv_cents DESC LIMIT 1`, snapshotId)[0]!;
}

const kpi = (page: Page, key: string) => page.getByRole("list", { name: "Key figures" }).locator(`[data-kpi="${key}"]`);

test.describe("customer page on the seeded demo company", () => {
  test("the top customer's figures are the ones in customer_scores, with the model and date they come from", async ({ page }) => {
    const snapshot = currentSnapshot();
    const top = topCustomer(snapshot.id);
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().includes("404")) consoleErrors.push(message.text());
    });
    await page.goto(`/customers/${top.customerId}`);
    await expect(page.getByRole("heading", { level: 1, name: top.name })).toBeVisible();
    await expect(page.getByText(`Customer number ${top.externalId}`)).toBeVisible();
    const money = (cents: number) => formatMoney(cents, { currency: snapshot.summary.currency });
    await expect(kpi(page, "historic")).toContainText(money(top.historic));
    await expect(kpi(page, "predicted")).toContainText(money(top.predicted));
    await expect(kpi(page, "total")).toContainText(money(top.total));
    await expect(kpi(page, "alive")).toContainText(formatPercent(top.alive!));
    await expect(kpi(page, "expected")).toContainText(formatDecimal(top.expected, "en-GB"));
    await expect(kpi(page, "next")).toContainText(top.next ? formatDate(top.next) : "Not expected");
    await expect(kpi(page, "purchases")).toContainText(String(top.purchases));
    await expect(page.locator("[data-estimate-note]")).toContainText(`as of ${formatDate(snapshot.asOf)}`);
    await expect(page.locator("[data-estimate-note]")).toContainText(/(BG\/NBD|MBG\/NBD|Pareto\/NBD) model/);
    // The history across snapshots shows this snapshot's row.
    const history = page.getByRole("table", { name: "Across snapshots" });
    await expect(history.locator(`tr[data-snapshot-id="${snapshot.id}"]`)).toContainText(money(top.predicted));
    expect(consoleErrors).toEqual([]);
  });

  test("links to the customer's tier, RFM segment and quadrant", async ({ page }) => {
    const snapshot = currentSnapshot();
    const top = topCustomer(snapshot.id);
    await page.goto(`/customers/${top.customerId}`);
    const tierName = snapshot.summary.tiers[top.tier - 1]!.name;
    const quadrantName = snapshot.summary.quadrants.find((q) => q.key === top.quadrant)!.name;
    await expect(page.getByRole("link", { name: `All customers in ${tierName}` })).toHaveAttribute("href", `/segments/tier/${top.tier}`);
    await expect(page.locator('[data-standing="rfm"] a')).toHaveAttribute("href", `/segments/rfm/${top.rfm}`);
    await expect(page.getByRole("link", { name: `All customers in ${quadrantName}` })).toHaveAttribute("href", `/segments/quadrant/${top.quadrant}`);
  });

  test("the timeline draws one dot per purchase day and one triangle per refund day; the P(alive) chart one dot per purchase", async ({ page }) => {
    const snapshot = currentSnapshot();
    // The scored customer with the most refund days, so refunds are on the chart too.
    const [customer] = query<{ id: number; purchaseDays: number; refundDays: number }>(
      "seeded.db",
      `SELECT t.customer_id AS id, count(DISTINCT CASE WHEN revenue_cents >= 0 THEN purchase_date END) AS purchaseDays,
         count(DISTINCT CASE WHEN revenue_cents < 0 THEN purchase_date END) AS refundDays
       FROM transactions t JOIN customer_scores cs ON cs.customer_id = t.customer_id AND cs.snapshot_id = ?
       GROUP BY t.customer_id ORDER BY refundDays DESC, t.customer_id LIMIT 1`,
      snapshot.id,
    );
    const score = query<ScoreRow>("seeded.db", `SELECT ${scoreColumns} FROM customer_scores cs JOIN customers c ON c.id = cs.customer_id WHERE cs.snapshot_id = ? AND cs.customer_id = ?`, snapshot.id, customer!.id)[0]!;
    expect(customer!.refundDays).toBeGreaterThan(0);
    await page.goto(`/customers/${customer!.id}`);

    const timeline = page.getByRole("group", { name: "Purchase timeline" });
    await expect(timeline.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    await expect(timeline.locator(".timeline-purchases .recharts-scatter-symbol")).toHaveCount(customer!.purchaseDays);
    await expect(timeline.locator(".timeline-refunds .recharts-scatter-symbol")).toHaveCount(customer!.refundDays);
    await expect(timeline.locator(".timeline-cumulative .recharts-line-curve")).toHaveCount(1);
    await expect(timeline.locator("figcaption")).toContainText(`${customer!.purchaseDays} purchase days`);
    // Refunds are below the zero line: their symbols sit lower than every purchase of the same size would.
    const zeroY = await timeline.locator(".recharts-reference-line line").first().getAttribute("y1");
    for (const symbol of await timeline.locator(".timeline-refunds .recharts-scatter-symbol").all()) {
      const box = await symbol.boundingBox();
      const svgBox = await timeline.locator(".recharts-wrapper > svg.recharts-surface").boundingBox();
      expect(box!.y - svgBox!.y).toBeGreaterThan(Number(zeroY) - 1);
    }

    const alive = page.getByRole("group", { name: "P(alive) over time" });
    await expect(alive.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    await expect(alive.locator(".alive-line .recharts-line-curve")).toHaveCount(1);
    await expect(alive.locator(".alive-purchases .recharts-scatter-symbol")).toHaveCount(score.purchases);
    await expect(alive.locator("figcaption")).toContainText(`${formatPercent(score.alive!)} on ${formatDate(snapshot.asOf)}`);

    // Refunds are labelled in the transactions table, not only coloured.
    await expect(page.getByRole("table", { name: "Transactions" }).getByRole("cell", { name: "Refund", exact: true }).first()).toBeVisible();
  });

  test("an unknown or malformed id answers 404 with the not-found page", async ({ page }) => {
    for (const id of ["99999999", "abc", "1.5", "-1"]) {
      const response = await page.goto(`/customers/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('meta[name="robots"][content="noindex"]').first()).toBeAttached();
      await expect(page.getByRole("list", { name: "Key figures" })).toHaveCount(0);
    }
  });

  test("in Dutch, money and percentages are formatted the Dutch way", async ({ page, context, baseURL }) => {
    const snapshot = currentSnapshot();
    const top = topCustomer(snapshot.id);
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto(`/customers/${top.customerId}`);
    const figures = page.getByRole("list", { name: "Kerncijfers" });
    const dutchMoney = formatMoney(top.predicted, { locale: "nl-NL", currency: snapshot.summary.currency });
    expect(dutchMoney).toMatch(/^€\s\d/);
    await expect(figures.locator('[data-kpi="predicted"]')).toContainText(dutchMoney);
    await expect(figures.locator('[data-kpi="alive"]')).toContainText(formatPercent(top.alive!, "nl-NL"));
    await expect(page.getByRole("group", { name: "P(actief) door de tijd" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Aankooptijdlijn" })).toBeVisible();
  });
});

test.describe("customer page with data a person typed", () => {
  // The import server's database may gain customers in tests (the import tests only count transactions and imports).
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.imports}` });
  const hostile = "<img src=x onerror=alert(1)>";

  test("a name and soft data that look like HTML are shown as text", async ({ page }) => {
    const database = serverDatabase(path.join(databaseFolder, "imports.db"), E2E_PORTS.imports);
    const externalId = `XSS-${Date.now()}`;
    const [{ id }] = (await database.run<{ id: number }>("INSERT INTO customers (external_id, name, city) VALUES (?, ?, ?) RETURNING id", externalId, hostile, hostile)) as [{ id: number }];
    await database.run("INSERT INTO customer_attributes (customer_id, key, value) VALUES (?, ?, ?)", id, "note", `<script>alert(2)</script>`);
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`/customers/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: hostile })).toBeVisible();
    await expect(page.getByText(hostile, { exact: true }).nth(1)).toBeVisible(); // the city
    await expect(page.getByText("<script>alert(2)</script>", { exact: true })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // No transactions: either no snapshot yet on this server, or a note that there is nothing to score.
    await expect(page.locator('[data-state="not-scored-noTransactions"], [data-state^="snapshot-"]').first()).toBeVisible();
    expect(dialogs).toEqual([]);
  });
});
