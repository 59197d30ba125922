import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_USERS } from "./auth-users";
import { ownServerStorageState, startOwnServer, waitFor, type OwnServer } from "./own-server";
import { serverDatabase } from "./server-database";
import { SIGNED_OUT } from "./sign-in";

/**
 * Two app instances on one database (issue #21 item 4), as a load balancer in front of two servers would have
 * them: instance A on a seeded database of this spec's own (port E2E_PORT_BASE + 14), instance B on the same
 * database as it is (port + 15, scripts/e2e-server.ts --join-port: the same SQLite file, or on the PostgreSQL
 * run the same schema). Nothing an instance keeps in memory may make it disagree with the other one:
 *
 * 1. an import through A is seen by B, customer and purchases as the file has them, and the rejected rows of a
 *    file refused through A download through B;
 * 2. "Recompute now" pressed on both at once makes one snapshot, not two, whether or not the runner claimed the
 *    first request before the second came in (lib/recompute/queue.ts: a forced request made while a runner
 *    computes is not forced again);
 * 3. a session made on A works on B, and signing out on B ends it on A too (one session row);
 * 4. a customer B has read (and cached: the list's counts, the quadrant map) and then erased through A is gone
 *    from B: its page answers 404, the search finds nothing, the totals count one customer fewer.
 */

const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`;
const PORT_A = portBase + 14;
const PORT_B = portBase + 15;
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
/** The one database both serve (its SQLite file; on the PostgreSQL run the schema of A's port). */
const DATABASE = path.resolve(databaseFolder, "two-instances.db");
const database = serverDatabase(DATABASE, PORT_A);

/**
 * The file imported through A: one customer the demo company does not have, with three orders.
 * Counted by hand: 3 rows, 1 new customer, 120.00 + 80.50 + 45.25 = 245.75 in all, last purchase 2026-05-20.
 */
const NEW_CUSTOMER = "TWEE-0001";
const PURCHASES = [
  { date: "2026-05-20", amount: "€45.25", order: "TWEE-3" },
  { date: "2026-02-14", amount: "€80.50", order: "TWEE-2" },
  { date: "2025-11-03", amount: "€120.00", order: "TWEE-1" },
];
const FILE = ["klantnummer;datum;bedrag;ordernummer", `${NEW_CUSTOMER};2025-11-03;120,00;TWEE-1`, `${NEW_CUSTOMER};2026-02-14;80,50;TWEE-2`, `${NEW_CUSTOMER};2026-05-20;45,25;TWEE-3`].join("\n");

type Status = { state: string; current: { id: number; customers: number } | null };
type Queue = { requested: number; handled: number };

const count = async (sql: string, ...params: unknown[]) => (await database.query<{ n: number }>(sql, ...params))[0]!.n;
const queue = async () => (await database.query<Queue>("SELECT requested, handled FROM recompute_queue WHERE id = 1"))[0] ?? { requested: 0, handled: 0 };

/** The customer list's total ("1–50 of 1,501" → 1501; "No customer matches" → 0). */
async function listTotal(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await expect(page.locator('[data-range], [data-state="no-customers"]').first()).toBeVisible();
  if ((await page.locator('[data-state="no-customers"]').count()) > 0) return 0;
  return Number(((await page.locator("[data-range]").textContent()) ?? "").split("of")[1]!.replace(/[^\d]/g, ""));
}

/** The customer ids on a server's quadrant map (they reach the browser packed, as in e2e/privacy.spec.ts). */
async function mapCustomerIds(page: Page, origin: string): Promise<number[]> {
  const html = await (await page.request.get(`${origin}/quadrants`)).text();
  const ids = /customerId\\?":\[([\d,]*)\]/.exec(html)?.[1];
  expect(ids, `the quadrant map's points on ${origin}`).toBeDefined();
  return ids!.split(",").map(Number);
}

test.describe("two app instances on one database", () => {
  test.describe.configure({ mode: "serial" }); // one pair of servers, started once
  // A's admin session; its cookie is sent to both ports (cookies ignore ports) and B reads it by A's name.
  test.use({ storageState: ownServerStorageState(PORT_A) });

  let a: OwnServer | undefined;
  let b: OwnServer | undefined;
  const signedIn = () => ({ Cookie: a!.cookie });
  const status = async (origin: string) => (await (await fetch(`${origin}/api/snapshots/status`, { headers: signedIn() })).json()) as Status;
  /** Both instances report no recompute running or queued, and the queue has handled every request. */
  const bothIdle = async () => (await status(A)).state === "idle" && (await status(B)).state === "idle" && ((q) => q.handled >= q.requested)(await queue());

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    a = await startOwnServer({ port: PORT_A, database: DATABASE });
    b = await startOwnServer({ port: PORT_B, database: DATABASE, join: PORT_A });
  });

  test.afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  test("an import through A is seen by B: the new customer and its purchases", async ({ page }) => {
    test.setTimeout(150_000); // the import's recompute
    const before = await status(B);
    expect(before.current).not.toBeNull();

    const response = await fetch(`${A}/api/imports?kind=transactions&fileName=twee-instanties.csv`, { method: "POST", body: FILE, headers: { "Content-Type": "text/csv", ...signedIn() } });
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as { report: { status: string; message: string; rowsRead: number; imported: number; newCustomers: number } };
    expect(report.status, report.message).toBe("committed");
    expect({ rowsRead: report.rowsRead, imported: report.imported, newCustomers: report.newCustomers }).toEqual({ rowsRead: 3, imported: 3, newCustomers: 1 });

    // The import asked for a recompute; B reports the new snapshot with one customer more once it is done.
    await waitFor(
      async () => {
        const now = await status(B);
        return now.state === "idle" && now.current!.id > before.current!.id && now.current!.customers === before.current!.customers + 1;
      },
      "B to report the snapshot made after the import",
      120_000,
    );

    // B's list finds exactly the new customer, last bought on the file's last date.
    expect(await listTotal(page, `${B}/customers?q=${NEW_CUSTOMER}`)).toBe(1);
    const row = page.locator("[data-customer-table] tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row.locator("td").first()).toHaveText(NEW_CUSTOMER);
    await expect(row).toContainText("20 May 2026");

    // B's customer page: the file's three orders, newest first, with their amounts, and three purchases.
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`^${B}/customers/\\d+$`));
    await expect(page.getByText(`Customer number ${NEW_CUSTOMER}`)).toBeVisible();
    const orders = page.getByRole("table", { name: "Transactions" }).locator("tbody tr");
    await expect(orders).toHaveCount(PURCHASES.length);
    for (const [index, purchase] of PURCHASES.entries()) {
      await expect(orders.nth(index).locator("time")).toHaveAttribute("datetime", purchase.date);
      await expect(orders.nth(index).locator("td").nth(2)).toHaveText(purchase.amount);
      await expect(orders.nth(index).locator("td").last()).toHaveText(purchase.order);
    }
    const figure = (key: string) => page.locator(`[data-kpi="${key}"] p`).nth(1);
    await expect(figure("purchases")).toHaveText("3");
    await expect(figure("historic")).toHaveText("€245.75"); // the file has no costs: all of it is net value
    await expect(figure("order")).toHaveText("€81.92"); // 245.75 / 3
    await page.screenshot({ path: `test-results${portBase === 3100 ? "" : `-${portBase}`}/two-instances-b-imported-customer.png`, fullPage: true });

    // A file refused through A: its rejected rows download through B (a load balancer may send the click there).
    const refused = await fetch(`${A}/api/imports?kind=transactions&fileName=twee-fout.csv`, {
      method: "POST",
      body: ["klantnummer;datum;bedrag;ordernummer", "TWEE-0002;2026-03-01;tien;TWEE-9", "TWEE-0002;2026-03-02;5,00;TWEE-10"].join("\n"),
      headers: { "Content-Type": "text/csv", ...signedIn() },
    });
    const { report: refusedReport } = (await refused.json()) as { report: { status: string; importId: number; rejected: number } };
    expect(refusedReport).toMatchObject({ status: "rejected", rejected: 1 });
    const download = await fetch(`${B}/api/imports/${refusedReport.importId}/rejected-rows`, { headers: signedIn() });
    expect(download.status).toBe(200);
    const lines = (await download.text()).split("\r\n").filter((line) => line !== "");
    expect(lines).toHaveLength(2); // the header and line 2
    expect(lines[1]).toMatch(/^2;.*;TWEE-0002;2026-03-01;tien;TWEE-9$/);
  });

  test("Recompute now pressed on both instances at once makes one snapshot", async ({ page, context }) => {
    test.setTimeout(150_000);
    await waitFor(bothIdle, "both instances idle", 120_000);
    const snapshotsBefore = await count("SELECT count(*) AS n FROM snapshots");
    const completeBefore = await count("SELECT count(*) AS n FROM snapshots WHERE status = 'complete'");
    const queued = await queue();

    const onA = page;
    const onB = await context.newPage();
    await Promise.all([onA.goto(`${A}/settings`), onB.goto(`${B}/settings`)]);
    const button = (tab: Page) => tab.getByRole("button", { name: "Recompute now" });
    await expect(button(onA)).toBeEnabled();
    await expect(button(onB)).toBeEnabled();
    await Promise.all([button(onA).click(), button(onB).click()]);

    // Both requests reached the one queue (the panels' "Recompute requested." is gone again as soon as the
    // snapshot is made: the page is refreshed), and both were handled...
    await expect.poll(async () => (await queue()).requested).toBe(queued.requested + 2);
    await waitFor(bothIdle, "the recompute both asked for", 120_000);
    expect((await queue()).handled).toBe(queued.requested + 2);
    // ...by one run: one snapshot more, and it is complete.
    expect(await count("SELECT count(*) AS n FROM snapshots")).toBe(snapshotsBefore + 1);
    expect(await count("SELECT count(*) AS n FROM snapshots WHERE status = 'complete'")).toBe(completeBefore + 1);
    // Both status lines show that one snapshot.
    const newest = (await database.query<{ id: number }>("SELECT max(id) AS id FROM snapshots"))[0]!.id;
    expect((await status(A)).current!.id).toBe(newest);
    expect((await status(B)).current!.id).toBe(newest);
  });

  test("a session made on A works on B, and signing out on B ends it on A", async ({ browser }) => {
    const analyst = E2E_USERS.analyst;
    // Signed out, from a client address of its own (sign-in is rate limited per address, in the shared database).
    const context = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.214" } });
    const page = await context.newPage();
    const menu = page.locator("[data-user-menu] summary");

    // Without a session B sends the browser to its sign-in page.
    await page.goto(`${B}/customers`);
    await expect(page).toHaveURL(`${B}/sign-in?next=%2Fcustomers`);

    await page.goto(`${A}/sign-in`);
    await page.getByLabel("E-mail address").fill(analyst.email);
    await page.getByLabel("Password").fill(analyst.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(A);
    const session = await context.cookies(A);
    expect(session.map((cookie) => cookie.name)).toContain(`klantwaarde-${PORT_A}.session_token`);

    // The same cookie on B: its pages render signed in, as the analyst.
    await page.goto(`${B}/customers`);
    await expect(page).toHaveURL(`${B}/customers`);
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    await expect(menu).toHaveAccessibleName(`Account of ${analyst.name}`);

    // Signing out on B deletes the one session row: the cookie, put back, no longer opens A.
    await menu.click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${B}/sign-in`));
    await context.addCookies(session);
    await page.goto(`${A}/customers`);
    await expect(page).toHaveURL(`${A}/sign-in?next=%2Fcustomers`);
    await context.close();
  });

  test("a customer B has read, erased through A, is gone from B's page, search, totals and map", async ({ page, context }) => {
    test.setTimeout(90_000);
    const snapshotId = (await status(A)).current!.id;
    // The most valuable customer of the current snapshot: on every view, the quadrant map included.
    const [victim] = await database.query<{ id: number; externalId: string }>(
      `SELECT c.id, c.external_id AS "externalId" FROM customer_scores s JOIN customers c ON c.id = s.customer_id
       WHERE s.snapshot_id = ? ORDER BY s.predicted_clv_cents DESC, c.id LIMIT 1`,
      snapshotId,
    );
    const { id, externalId } = victim!;
    const scored = await count("SELECT count(*) AS n FROM customer_scores WHERE snapshot_id = ?", snapshotId);

    // B reads them everywhere first (and remembers the list's counts and the map).
    const onB = await context.newPage();
    expect(await listTotal(onB, `${B}/customers`)).toBe(scored);
    expect(await listTotal(onB, `${B}/customers?q=${externalId}`)).toBe(1);
    expect(await mapCustomerIds(onB, B)).toContain(id);
    expect((await onB.goto(`${B}/customers/${id}`))?.status()).toBe(200);
    await expect(onB.getByText(`Customer number ${externalId}`)).toBeVisible();

    // Erased through A's customer page, as a user does.
    await page.goto(`${A}/customers/${id}`);
    const card = page.locator('[data-section="personal-data"]');
    await card.getByRole("button", { name: "Erase this customer…" }).click();
    await card.getByRole("textbox", { name: `Type the customer number ${externalId} to confirm` }).fill(externalId);
    await card.getByRole("button", { name: "Erase permanently" }).click();
    await expect(page).toHaveURL(new RegExp(`^${A}/customers\\?erased=`));
    expect(await count("SELECT count(*) AS n FROM customers WHERE id = ?", id)).toBe(0);

    // B, which never saw the erasure happen, has forgotten them too.
    expect((await onB.goto(`${B}/customers/${id}`))?.status()).toBe(404);
    expect(await listTotal(onB, `${B}/customers?q=${externalId}`)).toBe(0);
    expect(await listTotal(onB, `${B}/customers`)).toBe(scored - 1);
    expect(await mapCustomerIds(onB, B)).not.toContain(id);
    // And A, where it happened.
    expect(await listTotal(page, `${A}/customers`)).toBe(scored - 1);
    expect(await mapCustomerIds(page, A)).not.toContain(id);
  });
});
