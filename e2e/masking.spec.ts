import path from "node:path";
import { serverDatabase } from "./server-database";
import { expect, test, type APIRequestContext, type BrowserContext, type Cookie } from "@playwright/test";
import { E2E_PORTS } from "../playwright.config";
import { sessionCookies as signInCookies, SIGNED_OUT } from "./sign-in";
import type { Role } from "../lib/auth/roles";

/**
 * The privacy setting that masks customers' names and e-mail addresses (issue #9): an admin sets "admins only"
 * on the shared seeded server; an analyst then finds no name or e-mail address in any response (pages with
 * their RSC payload, the quadrant map, the CSV export), sees why, cannot search by name and cannot change the
 * setting; the admin still sees everything. The setting is put back to "everyone" at the end whatever happens
 * (other specs run at the same time on this server), so the test runs alone and keeps the window short.
 */
const SEEDED = `http://127.0.0.1:${E2E_PORTS.seeded}`;
const SEEDED_DATABASE = path.resolve("data", E2E_PORTS.seeded === 3100 ? "e2e" : `e2e-${E2E_PORTS.seeded}`, "seeded.db");

interface KnownCustomer {
  id: number;
  name: string;
  email: string;
  externalId: string;
  tier: number;
}

/** The seeded server's database. */
const seeded = serverDatabase(SEEDED_DATABASE, E2E_PORTS.seeded);

/** One of the most valuable customers (first page of every list) with a plain name (no HTML escaping in the page). */
async function knownCustomer(): Promise<KnownCustomer> {
  const rows = await seeded.query<KnownCustomer>(
    `select c.id, c.name, c.email, c.external_id as "externalId", s.clv_tier as tier from customer_scores s join customers c on c.id = s.customer_id
     where s.snapshot_id = (select max(id) from snapshots where status = 'complete') order by s.predicted_clv_cents desc, s.customer_id limit 20`,
  );
  const plain = rows.find((row) => /^[A-Za-z][A-Za-z .-]{4,}$/.test(row.name ?? "") && row.email);
  if (!plain) throw new Error("no customer with a plain name among the most valuable");
  return plain;
}

async function storedAudience(): Promise<string> {
  const [row] = await seeded.query<{ audience: string }>("select personal_data_audience as audience from privacy_settings where id = 1");
  return row?.audience ?? "everyone";
}

/** Puts the setting back to the default straight in the database (the server reads it on every request). */
const restoreEveryone = () => seeded.run("update privacy_settings set personal_data_audience = 'everyone' where id = 1");

/** Signs `role` in on the seeded server from its own client address (its own rate-limit bucket). */
const sessionCookies = (role: Role, clientIp: string) => signInCookies(SEEDED, role, clientIp);

async function useCookies(context: BrowserContext, cookies: Cookie[]) {
  await context.clearCookies();
  await context.addCookies(cookies);
}

/** The raw response body of a GET (HTML with its inline RSC payload, or the CSV). */
async function body(request: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await request.get(`${SEEDED}${url}`, { headers });
  expect(response.status(), url).toBe(200);
  return response.text();
}

test.use({ storageState: SIGNED_OUT });
test.describe.configure({ mode: "serial" });

test("names and e-mail addresses are masked for an analyst when only admins may see them", async ({ context, page }) => {
  test.setTimeout(90_000);
  const known = await knownCustomer();
  const admin = await sessionCookies("admin", "198.51.100.60");
  const analyst = await sessionCookies("analyst", "198.51.100.61");
  // A search term from the name: its longest word ("Vries" of "Anna de Vries").
  const surname = known.name.split(" ").reduce((longest, part) => (part.length > longest.length ? part : longest), "");

  // Before: the admin's list shows the name (so its absence below means something).
  await useCookies(context, admin);
  expect(await body(context.request, "/customers")).toContain(known.name);
  expect(await storedAudience()).toBe("everyone");

  try {
    // The admin sets "admins only" in the Personal data section of /settings.
    await page.goto(`${SEEDED}/settings`);
    const section = page.locator('[data-section="privacy-settings"]');
    await expect(section.getByRole("heading", { name: "Personal data" })).toBeVisible();
    await section.getByLabel("Admins only").check();
    await section.getByRole("button", { name: "Save privacy setting" }).click();
    await expect(section.locator("[data-privacy-message]")).toHaveText("Saved. Names and e-mail addresses are now shown to: Admins only.");
    expect(await storedAudience()).toBe("admins");

    // The analyst: no name or e-mail address in any response, the customer number instead (the quadrant map's
    // page carries no label at all: its tooltip asks /api/quadrants/point for the hovered customer's).
    await useCookies(context, analyst);
    const [current] = await seeded.query<{ snapshot: number }>("select max(id) as snapshot from snapshots where status = 'complete'");
    const point = `/api/quadrants/point?snapshot=${current!.snapshot}&customer=${known.id}`;
    const quadrants = await body(context.request, "/quadrants");
    expect(quadrants, "/quadrants: the name").not.toContain(known.name);
    expect(quadrants, "/quadrants: the e-mail address").not.toContain(known.email);
    const responses: [string, string][] = [
      [point, await body(context.request, point)],
      ["/customers", await body(context.request, "/customers")],
      ["/customers (RSC payload)", await body(context.request, "/customers", { RSC: "1" })],
      [`/segments/tier/${known.tier}`, await body(context.request, `/segments/tier/${known.tier}`)],
      [`/customers/${known.id}`, await body(context.request, `/customers/${known.id}`)],
      ["/api/customers/export", await body(context.request, "/api/customers/export")],
      [`/api/customers/export?kind=tier&key=${known.tier}`, await body(context.request, `/api/customers/export?kind=tier&key=${known.tier}`)],
    ];
    for (const [url, text] of responses) {
      expect(text, `${url}: the name`).not.toContain(known.name);
      expect(text, `${url}: the e-mail address`).not.toContain(known.email);
      expect(text, `${url}: the customer number`).toContain(known.externalId);
    }
    // A search by name finds nobody (it would tell who is a customer); by number it finds the customer.
    const byName = await body(context.request, `/customers?q=${encodeURIComponent(surname)}`);
    expect(byName).toContain("data-state=\"no-customers\"");
    const csvByName = await body(context.request, `/api/customers/export?q=${encodeURIComponent(surname)}`);
    expect(csvByName.trim().split("\n")).toHaveLength(1); // the header only
    const byNumber = await body(context.request, `/customers?q=${encodeURIComponent(known.externalId)}`);
    expect(byNumber).toContain(`data-customer-id="${known.id}"`);

    // In the browser: the note says why, once per view; the customer page is titled by number.
    await page.goto(`${SEEDED}/customers`);
    await expect(page.locator("[data-names-hidden]")).toHaveCount(1);
    await expect(page.locator("[data-names-hidden]")).toContainText("hidden by the privacy setting");
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveAttribute("placeholder", "Customer number");
    await page.goto(`${SEEDED}/customers/${known.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Customer number ${known.externalId}`);
    await expect(page.locator("[data-names-hidden]")).toHaveCount(1);
    await page.goto(`${SEEDED}/quadrants`);
    await expect(page.locator("[data-names-hidden]")).toHaveCount(1);

    // The analyst reads the rule on /settings but has no form to change it...
    await page.goto(`${SEEDED}/settings`);
    await expect(page.locator("[data-privacy-read-only]")).toContainText("Admins only");
    await expect(page.locator("[data-privacy-form]")).toHaveCount(0);
    // ...and the server action refuses the admin's form sent with the analyst's session.
    await useCookies(context, admin);
    await page.goto(`${SEEDED}/settings`);
    const form = page.locator("[data-privacy-form]");
    await form.getByLabel("Everyone (viewers, analysts and admins)").check();
    await useCookies(context, analyst);
    await form.getByRole("button", { name: "Save privacy setting" }).click();
    await expect(form.locator("[data-privacy-message]")).toHaveText("Only an admin can change who sees personal data: nothing was changed.");
    expect(await storedAudience()).toBe("admins");

    // The admin still sees names and e-mail addresses.
    await useCookies(context, admin);
    expect(await body(context.request, "/customers")).toContain(known.name);
    expect(await body(context.request, point)).toContain(known.name);
    expect(await body(context.request, `/customers/${known.id}`)).toContain(known.email);
    expect(await body(context.request, "/api/customers/export")).toContain(known.email);
  } finally {
    await restoreEveryone();
  }
  expect(await storedAudience()).toBe("everyone");
  await useCookies(context, analyst);
  expect(await body(context.request, "/customers")).toContain(known.name);
});
