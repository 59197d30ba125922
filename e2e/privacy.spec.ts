import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { recomputeAsOf } from "./recompute-as-of";
import { E2E_USERS } from "./auth-users";
import { ownServerStorageState, startOwnServer, type OwnServer } from "./own-server";
import { serverDatabase } from "./server-database";

/**
 * Personal data (issue #9): the JSON download on the shared seeded server (read only), and erasing a customer
 * on a throwaway server of its own (port E2E_PORT_BASE + 10, its own seeded database), so the other specs never
 * miss a customer.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`);
const SEEDED_DATABASE = path.join(databaseFolder, "seeded.db");
const PRIVACY_PORT = portBase + 10;
const PRIVACY_DATABASE = path.join(databaseFolder, "privacy.db");

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}
const countOf = (file: string, sql: string, ...params: unknown[]) => query<{ n: number }>(file, sql, ...params)[0]!.n;
/** The privacy server's own database (its SQLite file, or its schema on the PostgreSQL run). */
const privacyDatabase = serverDatabase(PRIVACY_DATABASE, PRIVACY_PORT);
const privacyCount = async (sql: string, ...params: unknown[]) => (await privacyDatabase.query<{ n: number }>(sql, ...params))[0]!.n;

test.describe("personal data download on the seeded demo company", () => {
  test("the customer page downloads everything held about the customer as JSON", async ({ page, request }) => {
    const [customer] = query<{ id: number; externalId: string }>(
      SEEDED_DATABASE,
      "select c.id, c.external_id as externalId from customers c join transactions t on t.customer_id = c.id group by c.id order by count(*) desc, c.id limit 1",
    );
    const { id } = customer!;
    await page.goto(`/customers/${id}`);
    const card = page.locator('[data-section="personal-data"]');
    await expect(card.getByRole("heading", { name: "Personal data" })).toBeVisible();
    const link = card.getByRole("link", { name: "Download all data (JSON)" });
    await expect(link).toHaveAttribute("href", `/api/customers/${id}/personal-data`);

    const downloading = page.waitForEvent("download");
    await link.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`customer-${id}-personal-data.json`);
    const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as {
      customerId: number;
      generatedAt: string;
      profile: { externalId: string };
      transactions: unknown[];
      attributes: unknown[];
      scores: { snapshotId: number; asOfDate: string }[];
      explanation: Record<string, string>;
    };
    expect(data.customerId).toBe(id);
    expect(data.profile.externalId).toBe(customer!.externalId);
    expect(Date.parse(data.generatedAt)).not.toBeNaN();
    expect(data.transactions).toHaveLength(countOf(SEEDED_DATABASE, "select count(*) as n from transactions where customer_id = ?", id));
    expect(data.attributes).toHaveLength(countOf(SEEDED_DATABASE, "select count(*) as n from customer_attributes where customer_id = ?", id));
    expect(data.scores).toHaveLength(countOf(SEEDED_DATABASE, "select count(*) as n from customer_scores where customer_id = ?", id));
    expect(data.scores[0]!.asOfDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(data.explanation)).toEqual(expect.arrayContaining(["profile", "attributes", "transactions", "scores"]));

    const response = await request.get(`/api/customers/${id}/personal-data`);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="customer-${id}-personal-data.json"`);
    const unknown = await request.get("/api/customers/99999999/personal-data");
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.any(String) });
  });
});

test.describe("erasing a customer (own server and database)", () => {
  test.use({ baseURL: `http://127.0.0.1:${PRIVACY_PORT}`, storageState: ownServerStorageState(PRIVACY_PORT) });
  test.describe.configure({ mode: "serial" });

  let server: OwnServer | undefined;
  let earlier = 0;
  let later = 0;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startOwnServer({ port: PRIVACY_PORT, database: PRIVACY_DATABASE });
    // Two snapshots as of different dates, so the history view has movers.
    earlier = await recomputeAsOf(PRIVACY_DATABASE, PRIVACY_PORT, "2026-03-31");
    later = await recomputeAsOf(PRIVACY_DATABASE, PRIVACY_PORT, null);
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("an erased customer appears nowhere: list, search, page, CSV, quadrant map, history movers", async ({ page, request }) => {
    test.setTimeout(90_000); // many pages, each visited before and after
    // The biggest riser between the snapshots: shown among the movers, on the map and in the lists.
    const [victim] = await privacyDatabase.query<{ id: number; name: string; externalId: string }>(
      `select a.customer_id as id, c.name, c.external_id as "externalId" from customer_scores a
       join customer_scores b on b.snapshot_id = ? and b.customer_id = a.customer_id join customers c on c.id = a.customer_id
       where a.snapshot_id = ? and b.predicted_clv_cents > a.predicted_clv_cents
       order by b.predicted_clv_cents - a.predicted_clv_cents desc, a.customer_id limit 1`,
      later,
      earlier,
    );
    const { id, name, externalId } = victim!;
    const own = (table: string) => privacyCount(`select count(*) as n from ${table} where customer_id = ?`, id);
    const [purchases, attributes, scores] = [await own("transactions"), await own("customer_attributes"), await own("customer_scores")];
    expect(scores).toBeGreaterThanOrEqual(2); // both snapshots compared (and the seeded one)
    const risers = page.locator('[data-movers="up"]');
    // The map's points reach the browser packed, one array per field (components/quadrants/map-points.ts).
    const onMap = async () => {
      const html = await (await request.get("/quadrants")).text();
      const ids = /customerId\\?":\[([\d,]*)\]/.exec(html)?.[1];
      expect(ids, "the quadrant map's points in the page").toBeDefined();
      return ids!.split(",").map(Number).includes(id);
    };
    const csvHasThem = async () => (await (await request.get("/api/customers/export")).text()).split("\r\n").some((line) => line.includes(externalId));

    // Before: everywhere (and every cache on the server has seen them).
    await page.goto(`/history?from=${earlier}&to=${later}&measure=value`);
    await expect(risers.locator(`a[href^="/customers/${id}?"]`)).toHaveCount(1);
    expect(await onMap()).toBe(true);
    expect(await csvHasThem()).toBe(true);

    // Find them by name in the customer list, open their page.
    await page.goto("/customers");
    const search = page.getByRole("searchbox", { name: "Search" });
    await search.fill(name);
    await search.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(name);
    const row = page.locator(`[data-customer-table] tbody tr[data-customer-id="${id}"]`);
    await expect(row).toBeVisible();
    await row.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));

    // The confirmation step, by keyboard: a wrong customer number erases nothing.
    const card = page.locator('[data-section="personal-data"]');
    await card.getByRole("button", { name: "Erase this customer…" }).focus();
    await page.keyboard.press("Enter");
    const confirmation = card.getByRole("textbox", { name: `Type the customer number ${externalId} to confirm` });
    await expect(confirmation).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(card.getByRole("button", { name: "Erase this customer…" })).toBeFocused();
    await page.keyboard.press("Enter");
    await confirmation.fill(`${externalId}0`);
    await confirmation.press("Enter");
    await expect(card.getByText(`That is not the customer number. Type ${externalId} exactly to erase this customer.`)).toBeVisible();
    expect(await privacyCount("select count(*) as n from customers where id = ?", id)).toBe(1);

    // The right number erases them and lands on the list with what was deleted.
    await confirmation.fill(externalId);
    await card.getByRole("button", { name: "Erase permanently" }).click();
    await expect(page).toHaveURL(/\/customers\?erased=/);
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    await expect(page.locator("[data-erased-notice]")).toContainText(
      `Customer ${externalId} erased: ${plural(purchases, "purchase")}, ${plural(attributes, "attribute")}, ${plural(scores, "snapshot row")}.`,
    );
    await expect(page.locator("[data-erased-notice]")).toContainText("Snapshot totals and tier counts were computed before and stay as they were");

    // After: nowhere.
    expect(await privacyCount("select count(*) as n from customers where id = ?", id)).toBe(0);
    for (const table of ["transactions", "customer_attributes", "customer_scores"]) expect(await own(table), table).toBe(0);
    await page.goto(`/customers?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator(`[data-customer-table] tbody tr[data-customer-id="${id}"]`)).toHaveCount(0);
    expect((await request.get(`/customers/${id}`)).status()).toBe(404);
    expect((await request.get(`/api/customers/${id}/personal-data`)).status()).toBe(404);
    expect(await csvHasThem()).toBe(false);
    expect(await onMap()).toBe(false);
    await page.goto(`/history?from=${earlier}&to=${later}&measure=value`);
    await expect(risers.locator("tbody tr").first()).toBeVisible();
    await expect(risers.locator(`a[href^="/customers/${id}?"]`)).toHaveCount(0);

    // The audit trail says who erased and how much, and nothing that names the customer.
    await page.goto("/admin/audit?action=customerErased");
    const erasure = page.locator('[data-audit-table] tbody tr[data-audit-action="customerErased"]');
    await expect(erasure).toHaveCount(1);
    await expect(erasure).toContainText(E2E_USERS.admin.email);
    await expect(erasure).toContainText(`${plural(purchases, "purchase")}, `);
    const trail = await page.locator("[data-audit-table]").textContent();
    expect(trail).not.toContain(externalId);
    expect(trail).not.toContain(name);
  });
});
