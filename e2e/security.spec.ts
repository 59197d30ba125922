import http from "node:http";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { serverDatabase } from "./server-database";
import { ownServerStorageState, startOwnServer, waitFor, type OwnServer } from "./own-server";

/**
 * Hardening (issue #9): the security headers and a Content Security Policy that the app runs under without
 * a single violation, and injection tests. Customers whose names are HTML or spreadsheet formulas are
 * imported through the real upload (`POST /api/imports`) into a server of this spec's own (a seeded
 * database that no other spec reads), then looked for in every view that shows them and in the exports.
 */

const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`;
/** The server of this spec: one port above the four of playwright.config.ts. */
const SECURITY_PORT = portBase + 4;
const SECURITY_URL = `http://127.0.0.1:${SECURITY_PORT}`;
const SECURITY_DATABASE = path.resolve(databaseFolder, "security.db");
/** IMPORT_MAX_BYTES of this spec's server: small, so the limit is tested with little data. */
const SECURITY_IMPORT_MAX_BYTES = 256 * 1024;

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = '"><script>alert(1)</script>';
/** Names a spreadsheet would run as a formula, with what every CSV export must write instead. */
const FORMULAS = [
  { name: '=HYPERLINK("http://evil.example","klik")', csv: `'=HYPERLINK("http://evil.example","klik")` },
  { name: "+SUM(1+1)", csv: "'+SUM(1+1)" },
  { name: "-2+3 Koffie", csv: "'-2+3 Koffie" },
  { name: "@SUM(A1)", csv: "'@SUM(A1)" },
];
const HOSTILE = [
  { number: "SEC-IMG", name: IMG },
  { number: "SEC-SCRIPT", name: SCRIPT },
  ...FORMULAS.map((formula, index) => ({ number: `SEC-F${index + 1}`, name: formula.name })),
];

const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));
/** A CSV field, quoted the way RFC 4180 wants. */
const field = (text: string) => (/[";\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** This spec's database, read directly: the counts a page must show. */
const { query } = serverDatabase(SECURITY_DATABASE, SECURITY_PORT);
const currentSnapshotId = async () => (await query<{ id: number }>("SELECT id FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1"))[0]!.id;
/** Scored customers whose name, e-mail or number contains `text` literally (no wildcards, any case), optionally in one tier. */
async function literalMatches(text: string, tier?: number): Promise<number> {
  const scored = await query<{ name: string | null; email: string | null; number: string; tier: number }>(
    `SELECT c.name, c.email, c.external_id AS number, s.clv_tier AS tier FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE s.snapshot_id = ?`,
    await currentSnapshotId(),
  );
  const needle = text.toLowerCase();
  return scored.filter((row) => (tier === undefined || row.tier === tier) && [row.name ?? "", row.email ?? "", row.number].some((value) => value.toLowerCase().includes(needle))).length;
}
async function hostileCustomer(externalId: string) {
  return (
    await query<{ id: number; tier: number }>(
      "SELECT c.id, s.clv_tier AS tier FROM customers c JOIN customer_scores s ON s.customer_id = c.id AND s.snapshot_id = ? WHERE c.external_id = ?",
      await currentSnapshotId(),
      externalId,
    )
  )[0]!;
}

/** "1–50 of 1,500" → 1500; an empty table ("No customer matches …") → 0. */
async function tableTotal(page: Page): Promise<number> {
  await expect(page.locator('[data-range], [data-state="no-customers"]').first()).toBeVisible();
  if ((await page.locator('[data-state="no-customers"]').count()) > 0) return 0;
  const text = (await page.locator("[data-range]").textContent()) ?? "";
  return number(text.split(/of|van/)[1] ?? "");
}

/** Records every dialog (an injected `alert(1)` would open one) and page error. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { dialogs, errors };
}

/** No element that an injected name could have created. */
async function expectNoInjectedElements(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const injectedScripts = await page.evaluate(() => Array.from(document.querySelectorAll("script")).filter((script) => script.textContent?.trim() === "alert(1)").length);
  expect(injectedScripts).toBe(0);
}

test.describe("security headers and Content Security Policy", () => {
  const pages = [
    "/",
    "/quadrants",
    "/segments",
    "/segments/tier/1",
    "/segments/rfm/champions",
    "/customers",
    "/customers/1",
    "/cohorts",
    "/model",
    "/history",
    "/decisions",
    "/import",
    "/settings",
    "/present",
    "/report",
  ];

  test("every page is served with the headers and runs without a CSP violation", async ({ page }) => {
    test.setTimeout(180_000); // fifteen views
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to|Permissions-Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
    });
    const { errors } = watch(page);
    for (const pathname of pages) {
      const response = await page.goto(pathname);
      expect(response?.status(), pathname).toBe(200);
      const headers = response!.headers();
      expect(headers["content-security-policy"], pathname).toContain("script-src-attr 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      // Served over plain HTTP: no HSTS (see lib/security/headers.mjs).
      expect(headers["strict-transport-security"]).toBeUndefined();
      await page.waitForLoadState("networkidle");
      // Charts draw after hydration: give them a moment, then read what the browser blocked.
      await page.waitForTimeout(300);
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      problems.push(...violations.map((violation) => `${pathname}: ${violation}`));
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("API responses carry the headers too, and HSTS is sent only behind HTTPS", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.headers()["content-security-policy"]).toContain("default-src 'self'");
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");
    const behindTls = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
    expect(behindTls.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });

  test("an inline event handler is blocked by the policy itself (defence in depth)", async ({ page }) => {
    const { dialogs } = watch(page);
    await page.goto("/customers");
    // As if an HTML injection had slipped through: the browser refuses to run the handler, and says so.
    const violation = await page.evaluate(
      (html) =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective), { once: true });
          document.body.insertAdjacentHTML("beforeend", html);
        }),
      '<img src="data:," onerror="alert(1)" data-injected>',
    );
    expect(violation).toBe("script-src-attr");
    expect(dialogs).toEqual([]);
  });

  test("the report PDF is printed under the policy", async ({ request }) => {
    test.slow(); // a Chromium starts on the server
    const response = await request.get("/report/pdf", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("a forged Host header does not choose the page the server prints", async ({ request }) => {
    test.slow();
    // Before the fix the server's Chromium opened http://<Host>/report; now it prints its own report.
    const response = await request.get("/report/pdf", { headers: { Host: "evil.example:80" }, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

test.describe("names that are HTML or formulas", () => {
  test.describe.configure({ mode: "serial" }); // one server, started once
  test.use({ baseURL: SECURITY_URL, storageState: ownServerStorageState(SECURITY_PORT) });
  let server: OwnServer | null = null;
  const signedIn = () => ({ Cookie: server!.cookie });

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startOwnServer({ port: SECURITY_PORT, database: SECURITY_DATABASE, env: { IMPORT_MAX_BYTES: String(SECURITY_IMPORT_MAX_BYTES) } });
    const before = (await (await fetch(`${SECURITY_URL}/api/snapshots/status`, { headers: signedIn() })).json()) as { current: { id: number; customers: number } };

    // The real upload: customers with hostile names, then purchases that make them the most valuable.
    const customers = ["klantnummer;naam;e-mail;land", ...HOSTILE.map((customer, index) => `${customer.number};${field(customer.name)};sec${index}@example.com;NL`)].join("\n");
    const purchases = [
      "klantnummer;datum;bedrag;ordernummer",
      ...HOSTILE.flatMap((customer, index) =>
        ["2025-09-01", "2025-12-01", "2026-03-01", "2026-06-01"].map((date, purchase) => `${customer.number};${date};${(4_000 + 100 * index + purchase).toFixed(2).replace(".", ",")};${customer.number}-${purchase}`),
      ),
    ].join("\n");
    for (const [kind, body] of [["customers", customers], ["transactions", purchases]] as const) {
      const response = await fetch(`${SECURITY_URL}/api/imports?kind=${kind}&fileName=security-${kind}.csv`, { method: "POST", body, headers: { "Content-Type": "text/csv", ...signedIn() } });
      const json = (await response.json()) as { report?: { status: string; message: string } };
      expect(json.report?.status, json.report?.message).toBe("committed");
    }
    // The import asks for a recompute in the background: wait until the new customers are scored.
    await waitFor(
      async () => {
        const status = (await (await fetch(`${SECURITY_URL}/api/snapshots/status`, { headers: signedIn() })).json()) as { state: string; current: { id: number; customers: number } };
        return status.state === "idle" && status.current.id > before.current.id && status.current.customers === before.current.customers + HOSTILE.length;
      },
      "the recompute after the import",
      120_000,
    );
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("the customer list and its search show the names as text", async ({ page }) => {
    const { dialogs, errors } = watch(page);
    await page.goto("/customers?q=SEC-");
    expect(await tableTotal(page)).toBe(HOSTILE.length);
    const names = page.locator("[data-customer-table] tbody tr th");
    for (const customer of HOSTILE) await expect(names.getByText(customer.name, { exact: true })).toBeVisible();
    await expectNoInjectedElements(page);

    // Typed into the search box: the same text comes back in the URL, the table and the search box.
    for (const hostile of [IMG, SCRIPT]) {
      const search = page.getByRole("searchbox", { name: "Search" });
      await search.fill(hostile);
      await search.press("Enter");
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(hostile);
      expect(await tableTotal(page)).toBe(await literalMatches(hostile));
      await expect(names.getByText(hostile, { exact: true })).toBeVisible();
      await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(hostile);
      await expectNoInjectedElements(page);
    }
    // A search that matches nothing repeats the text in its message, as text.
    await page.goto(`/customers?q=${encodeURIComponent(`${IMG}-nobody`)}`);
    await expect(page.getByText(`No customer matches “${IMG}-nobody”.`)).toBeVisible();
    await expectNoInjectedElements(page);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the customer page and a drill-down show the names as text", async ({ page }) => {
    test.slow(); // twelve views
    const { dialogs, errors } = watch(page);
    for (const customer of HOSTILE) {
      const { id, tier } = await hostileCustomer(customer.number);
      await page.goto(`/customers/${id}`);
      await expect(page.getByRole("heading", { level: 1, name: customer.name })).toBeVisible();
      await expectNoInjectedElements(page);
      await page.goto(`/segments/tier/${tier}?q=${encodeURIComponent(customer.number)}`);
      await expect(page.locator("[data-customer-table] tbody tr th").getByText(customer.name, { exact: true })).toBeVisible();
      await expectNoInjectedElements(page);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the quadrant map's tooltip shows the name as text", async ({ page }) => {
    const { dialogs } = watch(page);
    // Only the one customer on the map: its marker is the only drawn path.
    await page.goto(`/quadrants?q=${encodeURIComponent("SEC-IMG")}`);
    const map = page.locator("[data-quadrant-map]");
    await expect(map).toHaveAttribute("data-points", "1");
    const point = await map.evaluate((element) => {
      const marker = Array.from(element.querySelectorAll("path[data-series]")).find((path) => (path.getAttribute("d") ?? "") !== "")!;
      const box = marker.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.move(point.x, point.y);
    const tooltip = map.locator("[data-tooltip]");
    await expect(tooltip).toBeVisible();
    // The map shortens long names ("…"): the start of the name, as text.
    await expect(tooltip.locator("p").first()).toContainText(IMG.slice(0, 20));
    await expectNoInjectedElements(page);
    expect(dialogs).toEqual([]);
  });

  test("a decision note, the presentation and the report show typed text as text", async ({ page }) => {
    test.slow(); // every slide of the presentation
    const { dialogs, errors } = watch(page);
    const { tier } = await hostileCustomer("SEC-IMG");
    await page.goto(`/segments/tier/${tier}`);
    const form = page.locator("[data-add-decision]");
    await form.getByLabel("Decision or tactic").fill(`${IMG} ${SCRIPT}`);
    await form.getByLabel("Owner (optional)").fill(FORMULAS[0]!.name);
    await form.getByRole("button", { name: "Add decision" }).click();
    await expect(page.locator("[data-decisions]").getByRole("status")).toHaveText("Decision added.");
    await expect(page.locator("[data-decision]").filter({ hasText: `${IMG} ${SCRIPT}` })).toBeVisible();
    await page.goto("/decisions");
    await expect(page.getByText(`${IMG} ${SCRIPT}`, { exact: false }).first()).toBeVisible();
    await expectNoInjectedElements(page);

    await page.goto("/present");
    const counter = page.locator("[data-slide-counter]");
    const slides = Number(/of (\d+)/.exec((await counter.textContent()) ?? "")?.[1]);
    expect(slides).toBeGreaterThan(1);
    const snapshot = new URL(page.url()).searchParams.get("snapshot");
    let shown = false;
    for (let slide = 1; slide <= slides; slide++) {
      await page.goto(`/present?snapshot=${snapshot}&slide=${slide}`);
      await expect(counter).toHaveText(`Slide ${slide} of ${slides}`);
      await expectNoInjectedElements(page);
      if ((await page.getByText(`${IMG} ${SCRIPT}`).count()) > 0) shown = true;
    }
    expect(shown).toBe(true); // the decisions slide quotes the note as text

    await page.goto("/report");
    await expect(page.locator(".report-page").first()).toBeVisible();
    await expectNoInjectedElements(page);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("customer CSV exports escape formulas and keep HTML as plain text", async ({ request }) => {
    const { tier } = await hostileCustomer("SEC-F1");
    for (const url of ["/api/customers/export?q=SEC-", `/api/customers/export?kind=tier&key=${tier}&q=SEC-`]) {
      const response = await request.get(url);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      const [header, ...rows] = parse(await response.text(), { bom: true }) as string[][];
      const nameColumn = header!.indexOf("Name");
      expect(nameColumn).toBeGreaterThanOrEqual(0);
      const names = new Map(rows.map((row) => [row[0], row[nameColumn]]));
      for (const customer of HOSTILE) {
        if (url.includes("kind=tier") && (await hostileCustomer(customer.number)).tier !== tier) continue;
        const expected = FORMULAS.find((formula) => formula.name === customer.name)?.csv ?? customer.name;
        expect(names.get(customer.number), `${url} ${customer.number}`).toBe(expected);
      }
      // No cell of the file starts a formula.
      for (const row of rows) for (const cell of row) expect(cell, url).not.toMatch(/^[=+@]|^-(?!\d+(\.\d+)?$)/);
    }
  });

  test("searches and filters that look like SQL are text: no error, no extra rows", async ({ page }) => {
    test.slow(); // many pages, each rendered from the full list
    const { errors } = watch(page);
    const all = await literalMatches("");
    const { tier } = await hostileCustomer("SEC-IMG");
    for (const text of ["' OR 1=1 --", "%", "_", '"; DROP TABLE customers; --', "\\", "' OR ''='", "%' --"]) {
      const list = await page.goto(`/customers?q=${encodeURIComponent(text)}`);
      expect(list?.status(), text).toBe(200);
      expect(await tableTotal(page), `/customers?q=${text}`).toBe(await literalMatches(text));
      const drillDown = await page.goto(`/segments/tier/${tier}?q=${encodeURIComponent(text)}`);
      expect(drillDown?.status(), text).toBe(200);
      expect(await tableTotal(page), `/segments/tier/${tier}?q=${text}`).toBe(await literalMatches(text, tier));
    }
    // A tier that is not a number is ignored (the whole list), an attribute condition matches nobody.
    await page.goto(`/customers?tier=${encodeURIComponent("1 OR 1=1")}`);
    expect(await tableTotal(page)).toBe(all);
    for (const filter of [`attr=${encodeURIComponent("x:' OR '1'='1")}`, `channel=${encodeURIComponent("' OR ''='")}`, `country=${encodeURIComponent("NL' OR 1=1 --")}`]) {
      const response = await page.goto(`/customers?${filter}`);
      expect(response?.status(), filter).toBe(200);
      expect(await tableTotal(page), filter).toBe(0);
    }
    // The table is still there.
    expect((await query<{ n: number }>("SELECT count(*) AS n FROM customers"))[0]!.n).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
  });

  test("uploads: the server enforces the size limit (declared or streamed) and refuses binary files", async ({ request }) => {
    const imports = async () => (await query<{ n: number }>("SELECT count(*) AS n FROM imports WHERE status = 'committed'"))[0]!.n;
    const transactions = async () => (await query<{ n: number }>("SELECT count(*) AS n FROM transactions"))[0]!.n;
    const before = { imports: await imports(), transactions: await transactions() };
    const line = "SEC-IMG;2026-06-02;1,00;";
    const tooLarge = Buffer.from(`klantnummer;datum;bedrag;ordernummer\n${Array.from({ length: Math.ceil((2 * SECURITY_IMPORT_MAX_BYTES) / 40) }, (_, i) => `${line}BIG-${i}`).join("\n")}\n`);

    // With Content-Length: refused before the body is read.
    const declared = await request.post("/api/imports?kind=transactions&fileName=groot.csv", { data: tooLarge, headers: { "Content-Type": "text/csv" } });
    expect(declared.status()).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/^'groot\.csv' is .*, more than the 256 KB that can be imported at once\. Nothing was imported\./);

    // Streamed without a length (chunked): stopped once the limit is passed, with the same answer.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = http.request(
        { host: "127.0.0.1", port: SECURITY_PORT, method: "POST", path: "/api/imports?kind=transactions&fileName=gestreamd.csv", headers: { "Content-Type": "text/csv", "Transfer-Encoding": "chunked", ...signedIn() } },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      let answered = false;
      upload.on("response", () => (answered = true));
      upload.on("error", (error) => {
        if (!answered) reject(error);
      });
      for (let offset = 0; offset < tooLarge.length; offset += 16 * 1024) upload.write(tooLarge.subarray(offset, offset + 16 * 1024));
      upload.end();
    });
    expect(streamed.status).toBe(413);
    expect((JSON.parse(streamed.body) as { error: string }).error).toMatch(/more than the 256 KB that can be imported at once/);

    // Content, not the name, decides: binaries renamed to .csv/.txt are refused with what they are.
    const binaries: [string, Buffer, RegExp][] = [
      ["werkmap.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), /ZIP archive \(perhaps an Excel workbook renamed to \.csv\)/],
      ["programma.txt", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]), /binary data/],
      ["scan.csv", Buffer.from("%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "latin1"), /PDF document/],
    ];
    for (const [fileName, bytes, message] of binaries) {
      const response = await request.post(`/api/imports?kind=transactions&fileName=${fileName}`, { data: bytes, headers: { "Content-Type": "text/csv" } });
      const body = (await response.json()) as { report: { status: string; imported: number; problems: { code: string; message: string }[] } };
      expect(body.report.status, fileName).toBe("rejected");
      expect(body.report.imported).toBe(0);
      expect(body.report.problems[0]!.message, fileName).toMatch(message);
    }
    expect({ imports: await imports(), transactions: await transactions() }).toEqual(before);
  });
});
