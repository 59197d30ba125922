import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { purchaseSql, refundedInFullSql } from "../lib/scoring/purchase-rule";
import { ownServerStorageState, startOwnServer, type OwnServer } from "./own-server";
import { serverDatabase } from "./server-database";


/**
 * Platform exports dropped on /import as a user would: recognised with no choices made, read as orders,
 * and the report says what was counted and what was left out. On a server of its own (E2E_PORT_BASE + 8):
 * the imports add customers.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const PORT = portBase + 8;
const DATABASE = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "platforms.db");
const fixture = (name: string) => path.resolve("lib/import/platforms/fixtures", name);
const WEBSHOP_ORDERS = path.resolve("lib/import/read/fixtures/webshop-bestellingen.csv");

const database = serverDatabase(DATABASE, PORT);

/**
 * Purchases, net revenue and the customers who bought in the database of an import, counted straight from
 * the tables, and the orders refunded in full it stored beside them (worth 0, no purchase).
 */
async function stored(importId: number): Promise<{ purchases: number; revenueCents: number; customers: number; refundedInFull: number }> {
  const [row] = await database.query<{ purchases: number; revenueCents: number; customers: number; refundedInFull: number }>(
    `SELECT count(*) FILTER (WHERE ${purchaseSql()}) AS purchases, coalesce(sum(revenue_cents), 0) AS "revenueCents",
       count(DISTINCT customer_id) FILTER (WHERE ${purchaseSql()}) AS customers, count(*) FILTER (WHERE ${refundedInFullSql()}) AS "refundedInFull"
     FROM transactions WHERE import_id = ?`,
    importId,
  );
  return row!;
}

const lastImportId = async () => (await database.query<{ id: number }>("SELECT max(id) AS id FROM imports"))[0]!.id;

/** The database id of the customer with this customer number (here: the e-mail address). */
const customerId = async (externalId: string) => (await database.query<{ id: number }>("SELECT id FROM customers WHERE external_id = ?", externalId))[0]!.id;

const report = (page: Page) => page.getByRole("region", { name: "Import report" });

test.describe("platform exports on the import page", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://127.0.0.1:${PORT}`, storageState: ownServerStorageState(PORT) });
  let server: OwnServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startOwnServer({ port: PORT, database: DATABASE });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("a Shopify orders export is recognised and imported with no choices: the analyst's count", async ({ page }) => {
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles(fixture("shopify-orders.csv"));
    const note = page.locator('[data-platform="shopify-orders"]');
    await expect(note).toContainText("Recognised: Shopify orders export");
    await expect(note).toContainText("Total (on the order's first row) minus Refunded Amount");
    await expect(page.getByLabel("Purchase date", { exact: true })).toHaveValue(/\d+/);
    await page.screenshot({ path: "test-results/import-shopify-mapping.png", fullPage: true });
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(page.getByTestId("import-message")).toContainText(
      "18 rows = 14 orders; 6 purchases; 2 fully refunded orders (€120.00) stored, not counted; refunds €20.00 subtracted; 5 orders are no purchase",
    );
    const orders = report(page).locator("[data-orders]");
    await expect(orders).toContainText("Shopify orders export");
    await expect(orders).toContainText("1 voided");
    await page.screenshot({ path: "test-results/import-shopify-report.png", fullPage: true });
    // By hand: #1014 59.90 + #1013 24.95 + #1012 (120.00 − 20.00) + #1007 210.00 + #1006 18.00 + #1002 33.33, five customers.
    expect(await stored(await lastImportId())).toEqual({ purchases: 6, revenueCents: 44618, customers: 5, refundedInFull: 2 });
  });

  test("the customer page lists an order refunded in full, marked as such, and what was refunded on a partly refunded one", async ({ page }) => {
    await page.goto(`/customers/${await customerId("carla.peeters@example.be")}`);
    const refunded = page.locator('tr[data-kind="refunded-in-full"]');
    await expect(refunded).toHaveCount(1);
    await expect(refunded).toContainText("#1011");
    await expect(refunded).toContainText("Refunded in full");
    await expect(refunded).toContainText("€45.00 refunded");
    await page.goto(`/customers/${await customerId("anna.devries@example.nl")}`);
    const partial = page.locator("tr", { hasText: "#1012" });
    await expect(partial).toHaveAttribute("data-kind", "purchase");
    await expect(partial).toContainText("€20.00 refunded");
    await page.screenshot({ path: "test-results/customer-partial-refund.png", fullPage: true });
  });

  test("a Stripe payments export: failed and refunded charges are not purchases", async ({ page }) => {
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles(fixture("stripe-payments.csv"));
    await expect(page.locator('[data-platform="stripe-payments"]')).toContainText("Recognised: Stripe payments export");
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(report(page).locator("[data-orders]")).toContainText("2 Failed");
    // anna.devries@example.nl is the Shopify file's customer too: one customer, whatever the case.
    expect(await stored(await lastImportId())).toEqual({ purchases: 4, revenueCents: 21320, customers: 3, refundedInFull: 1 });
  });

  test("a webshop's own order list: the status column mapped, its values ticked or not, statuses and refunds applied", async ({ page }) => {
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles(WEBSHOP_ORDERS);
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Status" });
    await expect(page.getByLabel("Refunded amount", { exact: true })).toHaveValue("7");
    const statuses = page.locator("[data-status-choices]");
    await expect(statuses).toContainText("Which statuses count as a purchase?");
    await expect(statuses.getByRole("checkbox", { name: /^Betaald counts as a purchase/ })).toBeChecked();
    await expect(statuses.getByRole("checkbox", { name: /^Geannuleerd/ })).not.toBeChecked();
    await expect(statuses.getByRole("checkbox", { name: /^Terugbetaald/ })).not.toBeChecked();
    await expect(statuses).toContainText("9 rows");
    await statuses.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/import-status-mapping.png", fullPage: true });
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(page.getByTestId("import-message")).toContainText(
      "Read as a transactions file with statuses: 13 rows = 9 orders; 5 purchases; 2 fully refunded orders (€123.90) stored, not counted; refunds €35.90 subtracted; 2 orders are no purchase (1 Geannuleerd, 1 Mislukt).",
    );
    await expect(report(page).locator("[data-orders]")).toContainText("Transactions file with statuses");
    // By hand: W-2001 33.95 + W-2002 189.00 + W-2003 37.50 + W-2007 18.50 + W-2009 45.00 (lines of an order are one purchase).
    expect(await stored(await lastImportId())).toEqual({ purchases: 5, revenueCents: 32395, customers: 4, refundedInFull: 2 });
  });

  test("in Dutch, an unknown status is named until it is ticked or left out", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto("/import");
    await page.getByLabel("Te importeren bestand").setInputFiles({
      name: "bestellingen.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(fs.readFileSync(WEBSHOP_ORDERS, "utf8").replace("7,95;Mislukt", "7,95;Nabestelling")),
    });
    const statuses = page.locator("[data-status-choices]");
    await expect(statuses).toContainText("Welke statussen tellen als aankoop?");
    await expect(statuses).toContainText("Klantwaarde kent 'Nabestelling' niet.");
    await expect(page.getByLabel("Terugbetaald bedrag", { exact: true })).toHaveValue("7");
    await statuses.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/import-status-mapping-nl.png", fullPage: true });
    await statuses.getByRole("checkbox", { name: /^Nabestelling/ }).check();
    await expect(statuses).not.toContainText("Klantwaarde kent");
    await expect(statuses).toContainText("Uw keuze: alleen de aangevinkte statussen tellen");
  });
});
