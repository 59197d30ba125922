import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { ownServerStorageState, startOwnServer, type OwnServer } from "./own-server";

/**
 * Platform exports dropped on /import as a user would: recognised with no choices made, read as orders,
 * and the report says what was counted and what was left out. On a server of its own (E2E_PORT_BASE + 8):
 * the imports add customers.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const PORT = portBase + 8;
const DATABASE = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "platforms.db");
const fixture = (name: string) => path.resolve("lib/import/platforms/fixtures", name);

/** Purchases and net revenue in the database of an import, counted straight from the tables. */
function stored(importId: number): { purchases: number; revenueCents: number; customers: number } {
  const database = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    return database
      .prepare("SELECT count(*) AS purchases, coalesce(sum(revenue_cents), 0) AS revenueCents, count(DISTINCT customer_id) AS customers FROM transactions WHERE import_id = ?")
      .get(importId) as { purchases: number; revenueCents: number; customers: number };
  } finally {
    database.close();
  }
}

const lastImportId = () => {
  const database = new Database(DATABASE, { readonly: true, fileMustExist: true });
  try {
    return database.prepare("SELECT max(id) FROM imports").pluck().get() as number;
  } finally {
    database.close();
  }
};

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
      "18 rows = 14 orders; 6 purchases; 2 fully refunded orders (€120.00) not counted; refunds €20.00 subtracted; 5 orders are no purchase",
    );
    const orders = report(page).locator("[data-orders]");
    await expect(orders).toContainText("Shopify orders export");
    await expect(orders).toContainText("1 voided");
    await page.screenshot({ path: "test-results/import-shopify-report.png", fullPage: true });
    // By hand: #1014 59.90 + #1013 24.95 + #1012 (120.00 − 20.00) + #1007 210.00 + #1006 18.00 + #1002 33.33, five customers.
    expect(stored(lastImportId())).toEqual({ purchases: 6, revenueCents: 44618, customers: 5 });
  });

  test("a Stripe payments export: failed and refunded charges are not purchases", async ({ page }) => {
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles(fixture("stripe-payments.csv"));
    await expect(page.locator('[data-platform="stripe-payments"]')).toContainText("Recognised: Stripe payments export");
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(report(page).locator("[data-orders]")).toContainText("2 Failed");
    // anna.devries@example.nl is the Shopify file's customer too: one customer, whatever the case.
    expect(stored(lastImportId())).toEqual({ purchases: 4, revenueCents: 21320, customers: 3 });
  });
});
