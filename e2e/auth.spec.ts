import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type BrowserContext } from "@playwright/test";
import { E2E_PORTS, E2E_SETUP_PORT } from "../playwright.config";
import { E2E_USERS, e2eCookiePrefix } from "./auth-users";
import { sessionCookies as signInCookies, signInAs as signInContext, SIGNED_OUT } from "./sign-in";
import type { Role } from "../lib/auth/roles";
import { serverDatabase } from "./server-database";

const SEEDED = `http://127.0.0.1:${E2E_PORTS.seeded}`;
const SEEDED_DATABASE = path.resolve("data", E2E_PORTS.seeded === 3100 ? "e2e" : `e2e-${E2E_PORTS.seeded}`, "seeded.db");
const SESSION_COOKIE = `${e2eCookiePrefix(E2E_PORTS.seeded)}.session_token`;
/** Routes anyone may open: signing in, the first-run page, better-auth's endpoints and the health check. */
const PUBLIC = new Set(["/sign-in", "/setup", "/api/health", "/api/auth/[...all]"]);

/** The seeded server's database, on the engine it serves from (its SQLite file, or its PostgreSQL schema). */
const seededDatabase = serverDatabase(SEEDED_DATABASE, E2E_PORTS.seeded);

async function count(table: "decision_notes" | "imports" | "snapshots"): Promise<number> {
  const [row] = await seededDatabase.query<{ n: number }>(`SELECT count(*) AS "n" FROM ${table}`);
  return row!.n;
}

/**
 * What no one without a session may learn: customers' names, e-mail addresses and numbers, and the names of
 * the tiers and quadrants (settings), from the seeded database.
 */
async function customerDataSecrets(): Promise<string[]> {
  const customers = await seededDatabase.query<{ name: string | null; email: string | null; externalId: string | null }>(
    `SELECT name, email, external_id AS "externalId" FROM customers WHERE id <= 40`,
  );
  const [snapshot] = await seededDatabase.query<{ settings: string }>("SELECT settings FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1");
  const settings = JSON.parse(snapshot!.settings) as { tiers: { name: string }[]; quadrants: { labels: Record<string, { name: string }> } };
  const groupNames = [...settings.tiers, ...Object.values(settings.quadrants.labels)].map((group) => group.name);
  const values = [...customers.flatMap((customer) => [customer.name, customer.email, customer.externalId]), ...groupNames];
  const secrets = values.filter((value): value is string => typeof value === "string" && value.length >= 4);
  expect(secrets.length).toBeGreaterThan(40); // the seeded database has named customers (and the check is real)
  return secrets;
}

/** The routes, plus pages of customers and groups that exist (a leak shows with real data only). */
function withKnownCustomersAndGroups(routes: AppRoute[]): AppRoute[] {
  const extra = [
    ...[2, 3, 17, 40, 987654].map((id) => `/customers/${id}`), // 987654 does not exist: not a 404 either
    ...["tier/1", "tier/2", "tier/3", "quadrant/high-long", "quadrant/low-long", "rfm/champions", "cell/1.champions"].map((ref) => `/segments/${ref}`),
  ].map((url): AppRoute => ({ route: url, url, kind: "page", methods: ["GET"] }));
  return [...routes, ...extra];
}

interface AppRoute {
  /** The route as in app/ (`/segments/[kind]/[key]`). */
  route: string;
  /** A URL that reaches it (`/segments/tier/1`). */
  url: string;
  kind: "page" | "route";
  methods: string[];
}

/** Every page and route handler in app/, found on disk, so a new route is covered without editing this test. */
function appRoutes(): AppRoute[] {
  const root = path.resolve("app");
  const found: AppRoute[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^(page\.tsx|route\.ts)$/.test(entry.name)) continue;
    const segments = path.relative(root, entry.parentPath).split(path.sep).filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
    const route = `/${segments.join("/")}`;
    const url = `/${segments.map((segment) => (segment === "[kind]" ? "tier" : /^\[\.\.\./.test(segment) ? "x" : /^\[.*\]$/.test(segment) ? "1" : segment)).join("/")}`;
    const source = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    const methods = entry.name === "page.tsx" ? ["GET"] : ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => new RegExp(`export (async )?function ${method}\\b|export const \\{[^}]*\\b${method}\\b`).test(source));
    found.push({ route, url, kind: entry.name === "page.tsx" ? "page" : "route", methods });
  }
  return found.filter((route) => !PUBLIC.has(route.route));
}

/** Signs `role` in on the seeded server (or `origin`) from its own client address (its own rate-limit bucket). */
const sessionCookies = (role: Role, clientIp: string, origin = SEEDED) => signInCookies(origin, role, clientIp);
const signInAs = (context: BrowserContext, role: Role, clientIp: string, origin = SEEDED) => signInContext(context, origin, role, clientIp);

// Every test here starts signed out (not with the admin of e2e/auth.setup.ts) and signs in whom it needs.
test.use({ storageState: { cookies: [], origins: [] } });

test.describe("without a session", () => {
  test("the route list covers the app", () => {
    const routes = appRoutes().map((route) => route.route);
    for (const expected of ["/", "/customers/[id]", "/settings", "/import", "/admin/users", "/api/imports", "/api/customers/export", "/api/snapshots/current", "/report/pdf"]) {
      expect(routes).toContain(expected);
    }
  });

  for (const [label, cookie] of [
    ["no cookie (the proxy answers)", null],
    ["a forged session cookie (the page or route itself answers)", "forged-token.forged-signature"],
  ] as const) {
    test(`every page redirects to /sign-in and every API route answers 401 with ${label}`, async () => {
      const context = await playwrightRequest.newContext({
        baseURL: SEEDED,
        storageState: SIGNED_OUT,
        extraHTTPHeaders: cookie ? { Cookie: `${SESSION_COOKIE}=${cookie}` } : {},
      });
      const problems: string[] = [];
      const secrets = await customerDataSecrets();
      for (const route of withKnownCustomersAndGroups(appRoutes())) {
        for (const method of route.methods) {
          const response = await context.fetch(route.url, { method, maxRedirects: 0, data: method === "GET" ? undefined : "x" });
          // Nothing from the database before the session and role are checked: not in the title, not anywhere.
          const body = await response.text();
          const leaked = secrets.filter((secret) => body.includes(secret));
          if (leaked.length > 0) problems.push(`${method} ${route.url} (${route.route}): body contains ${leaked.slice(0, 3).join(", ")}`);
          const status = response.status();
          const location = response.headers()["location"] ?? "";
          const redirectsToSignIn = [302, 303, 307, 308].includes(status) && /^(https?:\/\/[^/]+)?\/sign-in(\?|$)/.test(location);
          const ok = route.url.startsWith("/api/") ? status === 401 : redirectsToSignIn || status === 401;
          if (!ok) problems.push(`${method} ${route.url} (${route.route}): ${status} ${location}`);
        }
      }
      await context.dispose();
      expect(problems).toEqual([]);
    });
  }

  test("the health check says the server is up and nothing about the data", async () => {
    const context = await playwrightRequest.newContext({ baseURL: SEEDED, storageState: SIGNED_OUT });
    const response = await context.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await context.dispose();
  });

  test("a page remembers where the reader was going", async () => {
    const context = await playwrightRequest.newContext({ baseURL: SEEDED, storageState: SIGNED_OUT });
    const response = await context.get("/customers?tier=1", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(new URL(response.headers()["location"]!, SEEDED).searchParams.get("next")).toBe("/customers?tier=1");
    await context.dispose();
  });
});

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wrong password says so; the right one opens the page asked for", async ({ browser }) => {
    const context = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.10" } });
    const page = await context.newPage();
    await page.goto(`${SEEDED}/customers`);
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
    await page.getByLabel("E-mail address").fill(E2E_USERS.analyst.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The e-mail address or password is not right. Check both and try again.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Password").fill(E2E_USERS.analyst.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${SEEDED}/customers`);
    await expect(page.locator("[data-user-menu] summary")).toHaveAccessibleName(`Account of ${E2E_USERS.analyst.name}`);
    await context.close();
  });

  test("the sixth sign-in attempt within a minute from one address is refused", async ({ browser }) => {
    const ip = "203.0.113.77";
    const context = await playwrightRequest.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": ip } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await context.post(`${SEEDED}/api/auth/sign-in/email`, {
        data: { email: E2E_USERS.viewer.email, password: `wrong-${attempt}-password` },
        headers: { Origin: SEEDED },
      });
      statuses.push(response.status());
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password waits now, and the form says why.
    const browserContext = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": ip } });
    const page = await browserContext.newPage();
    await page.goto(`${SEEDED}/sign-in`);
    await page.getByLabel("E-mail address").fill(E2E_USERS.viewer.email);
    await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Too many sign-in attempts from this address. Wait a minute and try again.")).toBeVisible();
    // Another address is not affected.
    expect((await sessionCookies("viewer", "203.0.113.78")).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(true);
    await browserContext.close();
    await context.dispose();
  });
});

test.describe("the sign-in form without JavaScript", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("posts, says when the password is wrong, signs in, and never puts the password in an address", async ({ browser }) => {
    // As before the page's script has loaded (a slow connection, a fast typist pressing Enter).
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.31" } });
    const page = await context.newPage();
    const addresses: string[] = [];
    page.on("request", (request) => addresses.push(request.url()));
    await page.goto(`${SEEDED}/sign-in?next=%2Fcustomers`);
    await page.getByLabel("E-mail address").fill(E2E_USERS.analyst.email);
    await page.getByLabel("Password").fill("wrong-but-secret-password");
    await page.getByLabel("Password").press("Enter");
    await expect(page.getByText("The e-mail address or password is not right. Check both and try again.")).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveValue(E2E_USERS.analyst.email);
    await page.getByLabel("Password").fill(E2E_USERS.analyst.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${SEEDED}/customers`);
    // Signed in (the page's streamed parts need JavaScript; the header does not).
    await expect(page.locator("[data-user-menu] summary")).toHaveAccessibleName(`Account of ${E2E_USERS.analyst.name}`);
    expect(addresses.length).toBeGreaterThan(2);
    expect(addresses.filter((address) => /password|secret/i.test(address))).toEqual([]);
    await context.close();
  });
});

test.describe("a post from another site", () => {
  test("to a server action is refused with 403 and changes nothing", async ({ context, page }) => {
    await signInAs(context, "analyst", "198.51.100.32");
    await page.goto(`${SEEDED}/segments/rfm/need-attention`); // no other spec reads this group's decisions
    const card = page.locator("[data-decisions]");
    await card.getByLabel("Decision or tactic").fill("A decision posted from elsewhere");
    // The browser's own post of the form, captured, then sent again as another site would.
    const posted = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await card.getByRole("button", { name: "Add decision" }).click();
    const original = await posted;
    await expect(card.getByText("A decision posted from elsewhere")).toBeVisible();
    const notes = await count("decision_notes");
    const headers = { ...(await original.allHeaders()), origin: "http://evil.example" };
    const replay = await context.request.fetch(original.url(), { method: "POST", headers, data: original.postDataBuffer() ?? undefined, maxRedirects: 0 });
    expect(replay.status()).toBe(403);
    expect(await count("decision_notes")).toBe(notes);
  });
});

test.describe("a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("browses and exports but sees no import, settings or decision forms", async ({ context, page }) => {
    await signInAs(context, "viewer", "198.51.100.20");
    await page.goto(`${SEEDED}/`);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
    for (const forbidden of ["/import", "/settings", "/admin/users", "/admin/audit"]) {
      await page.goto(`${SEEDED}${forbidden}`);
      await expect(page.getByRole("heading", { name: "Not allowed with your role", level: 1 })).toBeVisible();
    }
    await page.goto(`${SEEDED}/segments/rfm/champions`);
    await expect(page.getByRole("heading", { name: "Decisions" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add decision" })).toHaveCount(0);
    const csv = await context.request.get(`${SEEDED}/api/customers/export?kind=rfm&key=champions`);
    expect(csv.status()).toBe(200);
  });

  test("on an empty database is told whom to ask, without links to pages it cannot open", async ({ context, page }) => {
    const EMPTY = `http://127.0.0.1:${E2E_PORTS.empty}`;
    await signInAs(context, "viewer", "198.51.100.25", EMPTY);
    await page.goto(`${EMPTY}/`);
    await expect(page.locator('[data-state="empty-viewer"]')).toHaveText("An analyst or admin of your team can load your company's data or the demo company; ask them.");
    await expect(page.locator('main a[href="/import"], main a[href="/settings"]')).toHaveCount(0);
  });

  test("is refused by the import API and by the settings, recompute and decision actions", async ({ context, page }) => {
    await signInAs(context, "viewer", "198.51.100.21");
    const imports = await count("imports");
    const upload = await context.request.post(`${SEEDED}/api/imports?kind=customers&fileName=klanten.csv`, {
      data: "klantnummer;naam\nK1;Anna\n",
      headers: { "Content-Type": "text/csv" },
    });
    expect(upload.status()).toBe(403);
    expect(await count("imports")).toBe(imports);

    // The forms as an analyst sees them, submitted with the viewer's session: the server actions refuse.
    await signInAs(context, "analyst", "198.51.100.22");
    await page.goto(`${SEEDED}/segments/rfm/champions`);
    const card = page.locator("[data-decisions]");
    await card.getByLabel("Decision or tactic").fill("A viewer's decision");
    await signInAs(context, "viewer", "198.51.100.21");
    const notes = await count("decision_notes");
    await card.getByRole("button", { name: "Add decision" }).click();
    await expect(card.getByText("Your role may not do this.")).toBeVisible();
    expect(await count("decision_notes")).toBe(notes);

    await signInAs(context, "analyst", "198.51.100.22");
    await page.goto(`${SEEDED}/settings`);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await signInAs(context, "viewer", "198.51.100.21");
    const snapshots = await count("snapshots");
    await page.getByRole("button", { name: "Recompute now" }).click();
    await expect(page.getByText("Your role may not do this.")).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your role may not do this." })).toBeVisible();
    expect(await count("snapshots")).toBe(snapshots);
  });
});

test.describe("personal data requests", () => {
  test("only an admin sees the customer's personal data card and may download it", async ({ context, page }) => {
    const customerId = 1;
    await signInAs(context, "analyst", "198.51.100.23");
    await page.goto(`${SEEDED}/customers/${customerId}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('[data-section="personal-data"]')).toHaveCount(0);
    expect((await context.request.get(`${SEEDED}/api/customers/${customerId}/personal-data`)).status()).toBe(403);

    await signInAs(context, "admin", "198.51.100.24");
    await page.reload();
    await expect(page.locator('[data-section="personal-data"]')).toBeVisible();
    expect((await context.request.get(`${SEEDED}/api/customers/${customerId}/personal-data`)).status()).toBe(200);
  });
});

test.describe("users and sessions", () => {
  test("an admin adds a user, who signs out everywhere: the other session ends too", async ({ context: adminContext, page, browser }) => {
    test.slow(); // three browsers sign in (scrypt) and several pages load
    await signInAs(adminContext, "admin", "198.51.100.29");
    const email = `roaming-${Date.now()}@klantwaarde.test`;
    const password = "a-long-enough-password";
    await page.goto(`${SEEDED}/admin/users`);
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await page.getByLabel("E-mail address", { exact: true }).fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Roaming Analyst");
    await page.getByLabel(/^Password/).fill(password);
    await page.getByLabel("Role", { exact: true }).selectOption("analyst");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`${email} was added as Analyst.`)).toBeVisible();
    await expect(page.getByRole("table", { name: "People with access" }).getByRole("row", { name: new RegExp(email) })).toContainText("Analyst");

    const signIn = async (ip: string) => {
      const context = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": ip } });
      const tab = await context.newPage();
      await tab.goto(`${SEEDED}/sign-in`);
      await tab.getByLabel("E-mail address").fill(email);
      await tab.getByLabel("Password").fill(password);
      await tab.getByRole("button", { name: "Sign in" }).click();
      await expect(tab.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
      return { context, tab };
    };
    const laptop = await signIn("198.51.100.30");
    const phone = await signIn("198.51.100.31");
    await phone.tab.locator("[data-user-menu] summary").click();
    await phone.tab.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(phone.tab.getByText("You were signed out on every device.")).toBeVisible();
    await laptop.tab.goto(`${SEEDED}/customers`);
    await expect(laptop.tab).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);
    await laptop.context.close();
    await phone.context.close();

    await page.reload();
    const row = page.getByRole("table", { name: "People with access" }).getByRole("row", { name: new RegExp(email) });
    await expect(row).toContainText("0 devices");
    await row.getByRole("button", { name: `Remove ${email}` }).click();
    await expect(row).toHaveCount(0); // the list is re-read without them
  });
});

test.describe("the first run", () => {
  test.use({ storageState: { cookies: [], origins: [] }, baseURL: `http://127.0.0.1:${E2E_SETUP_PORT}` });

  test("without users every page leads to /setup, which makes the first admin once", async ({ page }) => {
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Welcome to Klantwaarde", level: 1 })).toBeVisible();
    await page.getByLabel("E-mail address").fill("first@klantwaarde.test");
    await page.getByLabel(/^Password/).fill("short");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await expect(page.getByText("The password must have at least 10 characters.")).toBeVisible();
    await page.getByLabel(/^Password/).fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await expect(page.locator("[data-user-menu] summary")).toHaveAccessibleName("Account of first");
    await page.goto("/admin/users");
    await expect(page.getByRole("table", { name: "People with access" })).toContainText("first@klantwaarde.test");
    // The door is closed now: /setup sends everyone to sign in, and its action refuses.
    await page.context().clearCookies();
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
