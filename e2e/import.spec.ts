import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { formatFileSize } from "../lib/format";
import { E2E_IMPORT_MAX_BYTES, E2E_PORTS } from "../playwright.config";
import { buildXlsx } from "./fixtures/build-xlsx";
import { serverDatabase } from "./server-database";


const fixture = (name: string) => path.resolve("e2e", "fixtures", name);
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const IMPORTS_DATABASE = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "imports.db");

/** The import server's database, read directly to prove what was (not) stored. */
const { query } = serverDatabase(IMPORTS_DATABASE, E2E_PORTS.imports);
const transactionCount = async () => (await query<{ n: number }>("SELECT count(*) AS n FROM transactions"))[0]!.n;
const importCount = async () => (await query<{ n: number }>("SELECT count(*) AS n FROM imports"))[0]!.n;

const report = (page: Page) => page.getByRole("region", { name: "Import report" });
/** The figure under a label in the report's counts. */
const countOf = (page: Page, label: string): Locator =>
  report(page).getByLabel("Import counts").locator("div").filter({ has: page.getByText(label, { exact: true }) }).locator("dd").first();
const history = (page: Page) => page.getByRole("table", { name: "Earlier imports, newest first" });

test.describe("import page on an empty database", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("is linked from the header and says there are no imports yet", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
    await expect(page.getByRole("heading", { name: "Import data", level: 1 })).toBeVisible();
    await expect(page.getByText("No imports yet.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Choose a file…" })).toBeVisible();
  });

  test("a file chosen before the page's script has started is read once it has", async ({ page }) => {
    // Hold the page's scripts back: the file is chosen on the server's HTML, with nothing listening yet.
    let release = () => {};
    const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/**/*.js", async (route) => {
      await scriptsMayLoad;
      await route.continue();
    });
    await page.goto("/import", { waitUntil: "commit" });
    await page.getByLabel("File to import").setInputFiles({ name: "vroeg.csv", mimeType: "text/csv", buffer: Buffer.from("klant;datum;bedrag\nK1;02-01-2026;12,50\n") });
    await expect(page.getByTestId("chosen-file")).toHaveCount(0);
    release();
    await expect(page.getByTestId("chosen-file")).toContainText("vroeg.csv");
  });
});

test.describe("importing files", () => {
  // These tests change the import server's data and read its history: one after another.
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.imports}` });

  test("a messy Dutch export: nothing imported with an invalid row, then the valid rows, then duplicates", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles(fixture("bestellingen-windows-1252.csv"));

    // Detected as the app reads it: Windows-1252, semicolons, decimal commas, day-month-year.
    await expect(page.getByLabel("Character encoding")).toHaveValue("windows-1252");
    await expect(page.getByLabel("Column separator")).toHaveValue(";");
    await expect(page.getByLabel("Decimal separator")).toHaveValue(",");
    await expect(page.getByLabel("Date format")).toHaveValue("DD-MM-YYYY");
    await expect(page.getByRole("radio", { name: /Transactions/ })).toBeChecked();
    await expect(page.getByLabel("Amount", { exact: true })).toHaveValue("2");
    const preview = page.getByRole("table", { name: /rows as they will be stored/ });
    await expect(preview.getByRole("row").filter({ hasText: "K001" }).first()).toContainText("€1,234.56");
    await expect(preview.getByRole("row").filter({ hasText: "K002" })).toContainText("Café-servies");
    await expect(preview).toContainText("purchase date '31-02-2026' does not exist");

    // All or nothing: one invalid row, nothing stored.
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
    await expect(countOf(page, "Rows read")).toHaveText("6");
    await expect(countOf(page, "Imported")).toHaveText("0");
    await expect(countOf(page, "Rejected")).toHaveText("1");
    const rejected = report(page).getByRole("table", { name: /Rejected rows/ });
    await expect(rejected.getByRole("row").nth(1)).toContainText(/5\s*datum\s*31-02-2026\s*purchase date '31-02-2026' does not exist: February 2026 has 28 days/);
    expect(await transactionCount()).toBe(0);

    // The rejected rows download: original cells with line and reason, formulas escaped for Excel.
    const [download] = await Promise.all([page.waitForEvent("download"), report(page).getByRole("button", { name: "Download the rejected rows (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^klantwaarde-rejected-rows-bestellingen-windows-1252-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv).toBe(
      "\uFEFFline in original file;problem;klantnummer;datum;bedrag;kosten;ordernummer;kanaal;categorie\r\n" +
        "5;purchase date '31-02-2026' does not exist: February 2026 has 28 days;K003;31-02-2026;10,00;;W-1004;Winkel;'=SUM(A1:A9)\r\n",
    );

    // Skip the invalid row: the five valid ones are stored, the skipped one is reported.
    await report(page).getByRole("button", { name: "Import the 5 valid rows and skip the 1 invalid ones" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(report(page).getByTestId("import-message")).toHaveText("5 rows imported, 1 invalid row skipped.");
    await expect(countOf(page, "Imported")).toHaveText("5");
    await expect(countOf(page, "Rejected")).toHaveText("1");
    await expect(report(page).getByRole("table", { name: /Rejected rows/ })).toContainText("31-02-2026");
    await expect(history(page).getByRole("row").nth(1)).toContainText(/bestellingen-windows-1252\.csv\s*Transactions\s*6\s*5\s*0\s*0\s*1\s*Imported/);
    await expect(history(page).getByRole("row").nth(2)).toContainText("Nothing imported");
    // A formula-looking cell is stored as plain text.
    expect(await query<{ category: string }>("SELECT product_category AS category FROM transactions WHERE external_id = 'W-1005'")).toEqual([
      { category: '=HYPERLINK("http://example.com";"klik")' },
    ]);

    // The same file again adds nothing.
    await report(page).getByRole("button", { name: "Import another file" }).click();
    await page.getByLabel("File to import").setInputFiles(fixture("bestellingen-windows-1252.csv"));
    await page.getByRole("checkbox", { name: /Import the valid rows and skip the rest/ }).check();
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(countOf(page, "Imported")).toHaveText("0");
    await expect(countOf(page, "Already present")).toHaveText("5");
    expect(await transactionCount()).toBe(5);

    // The overview shows the new purchases, and says why there are no model figures: 4 customers are too few.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByText("at least 20 customers")).toBeVisible({ timeout: 20_000 });
    const revenue = page.getByRole("group", { name: "Revenue per month" });
    await expect(revenue).toBeVisible();
    await revenue.getByRole("button", { name: "Export “Revenue per month”" }).click();
    const downloading = page.waitForEvent("download");
    await revenue.getByRole("menuitem", { name: "CSV data" }).click();
    const revenueCsv = fs.readFileSync((await (await downloading).path())!, "utf8");
    const revenueCents = revenueCsv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .reduce((sum, line) => sum + Math.round(Number(line.split(",")[1]) * 100), 0);
    expect(revenueCents).toBe(123456 - 1250 + 9995 + 4500 + 750);
    expect(consoleErrors).toEqual([]);
  });

  test("ambiguous dates make the user choose the format (file dropped on the page)", async ({ page }) => {
    await page.goto("/import");
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "ambiguous-dates.csv", { type: "text/csv" }));
      return transfer;
    }, fs.readFileSync(fixture("ambiguous-dates.csv"), "utf8"));
    await page.getByTestId("import-dropzone").dispatchEvent("drop", { dataTransfer });
    await expect(page.getByTestId("chosen-file")).toContainText("ambiguous-dates.csv");
    const dateFormat = page.getByLabel("Date format");
    await expect(dateFormat).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "can be read in more than one way: '03/04/2025' is 3 April 2025 (DD/MM/YYYY) or 4 March 2025 (MM/DD/YYYY)" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import transactions" })).toBeDisabled();

    await dateFormat.selectOption("MM/DD/YYYY");
    await expect(page.getByRole("table", { name: /rows as they will be stored/ }).getByRole("row").nth(1)).toContainText("4 Mar 2025");
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(countOf(page, "Imported")).toHaveText("4");
    expect(await query<{ date: string }>("SELECT purchase_date AS date FROM transactions WHERE revenue_cents = 1250")).toEqual([{ date: "2025-03-04" }]);
  });

  test("a column with an unknown name is chosen in the mapping", async ({ page }) => {
    await page.goto("/import");
    const csv = "klant;moment;bedrag\nK201;20-11-2025;12,50\nK202;21-11-2025;3,00\n";
    await page.getByLabel("File to import").setInputFiles({ name: "eigen-kolommen.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    // Without a recognisable date column the file looks like a customers file: say what it is.
    await expect(page.getByRole("radio", { name: /Customers/ })).toBeChecked();
    await page.getByRole("radio", { name: /Transactions/ }).check();
    await expect(page.getByRole("alert").filter({ hasText: "No column found for the purchase date" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import transactions" })).toBeDisabled();
    await page.getByLabel("Purchase date", { exact: true }).selectOption({ label: "moment" });
    await expect(page.getByLabel("Date format")).toHaveValue("DD-MM-YYYY");
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(countOf(page, "Imported")).toHaveText("2");
  });

  test("an Excel workbook of customers imports, with extra columns as soft data", async ({ page }) => {
    const workbook = buildXlsx("Klanten", [
      ["Klantnummer", "Naam", "E-mail", "Woonplaats", "Klant sinds", "Loyaliteitsprogramma", "Nieuwsbrief"],
      ["K101", "Anna de Vries", "anna@example.nl", "Utrecht", { date: 45_000 }, "Goud", "ja"],
      ["K102", "=HYPERLINK(\"http://evil.example\")", null, "Zwolle", { date: 45_500 }, "Zilver", "nee"],
      [103, "Bakkerij 't Hoekje", "info@hoekje.nl", "Gouda", null, null, "ja"],
    ]);
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles({ name: "klanten.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: workbook });
    await expect(page.getByTestId("chosen-file")).toContainText("Excel workbook, sheet 'Klanten'");
    await expect(page.getByRole("radio", { name: /Customers/ })).toBeChecked();
    await expect(page.getByText("Kept as customer attributes (soft data): Loyaliteitsprogramma, Nieuwsbrief.")).toBeVisible();
    await expect(page.getByRole("table", { name: /rows as they will be stored/ }).getByRole("row").nth(1)).toContainText("15 Mar 2023");

    await page.getByRole("button", { name: "Import customers" }).click();
    await expect(report(page).getByRole("heading", { name: "Import finished" })).toBeVisible();
    await expect(countOf(page, "Imported")).toHaveText("3");
    expect(await query(`SELECT c.external_id AS id, c.name, c.first_seen_date AS "firstSeen" FROM customers c WHERE external_id IN ('K101', 'K102', '103') ORDER BY 1`)).toEqual([
      { id: "103", name: "Bakkerij 't Hoekje", firstSeen: null },
      { id: "K101", name: "Anna de Vries", firstSeen: "2023-03-15" },
      { id: "K102", name: '=HYPERLINK("http://evil.example")', firstSeen: "2024-07-27" },
    ]);
    expect(await query("SELECT key, value FROM customer_attributes a JOIN customers c ON c.id = a.customer_id WHERE c.external_id = 'K101' ORDER BY key")).toEqual([
      { key: "Loyaliteitsprogramma", value: "Goud" },
      { key: "Nieuwsbrief", value: "ja" },
    ]);
    await expect(history(page).getByRole("row").nth(1)).toContainText(/klanten\.xlsx\s*Customers\s*3\s*3/);
  });

  test("a PNG renamed to .csv is refused before anything is sent, and by the server", async ({ page, request }) => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles({ name: "klanten.csv", mimeType: "text/csv", buffer: png });
    await expect(page.getByRole("alert").filter({ hasText: "'klanten.csv' is a PNG image, not a CSV text file." })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Import (transactions|customers)$/ })).toBeDisabled();

    const before = await transactionCount();
    const response = await request.post("/api/imports?kind=customers&fileName=klanten.csv", { data: png, headers: { "Content-Type": "text/csv" } });
    const body = await response.json();
    expect(body.report).toMatchObject({ status: "rejected", imported: 0, problems: [{ code: "binary-file" }] });
    expect(await transactionCount()).toBe(before);
  });

  test("a file over the size limit gets a clear message and changes nothing", async ({ page, request }) => {
    const tooLarge = Buffer.from(`klantnummer;datum;bedrag\n${"K1;01-01-2025;1,00\n".repeat(Math.ceil((1.2 * E2E_IMPORT_MAX_BYTES) / 18))}`);
    await page.goto("/import");
    await expect(page.getByText("up to 1 MB")).toBeVisible();
    await page.getByLabel("File to import").setInputFiles({ name: "alles.csv", mimeType: "text/csv", buffer: tooLarge });
    await expect(page.getByRole("alert").filter({ hasText: "alles.csv" })).toHaveText(
      `'alles.csv' is ${formatFileSize(tooLarge.length)}, more than the 1 MB that can be imported at once. Nothing was imported. ` +
        "Split the file (for example per year) and import the parts one after another.",
    );
    await expect(page.getByRole("heading", { name: "4. Preview" })).toHaveCount(0);

    const imports = await importCount();
    const response = await request.post("/api/imports?kind=transactions&fileName=alles.csv", { data: tooLarge, headers: { "Content-Type": "text/csv" } });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toMatch(/more than the 1 MB that can be imported at once/);
    expect(await importCount()).toBe(imports);
  });

  test("a connection that breaks off mid-upload leaves the database as it was", async ({ page, context }) => {
    const cookie = (await context.cookies(`http://127.0.0.1:${E2E_PORTS.imports}`)).map(({ name, value }) => `${name}=${value}`).join("; "); // signed in
    const before = await transactionCount();
    const rows = Array.from({ length: 20_000 }, (_, index) => `B${index};K${index % 500};${String((index % 28) + 1).padStart(2, "0")}-10-2025;${index % 100},50`).join("\n");
    const body = Buffer.from(`ordernummer;klantnummer;datum;bedrag\n${rows}\n`);
    await new Promise<void>((resolve) => {
      const upload = http.request({
        host: "127.0.0.1",
        port: E2E_PORTS.imports,
        method: "POST",
        path: "/api/imports?kind=transactions&fileName=onderbroken.csv",
        headers: { "Content-Type": "text/csv", "Content-Length": body.length, Cookie: cookie },
      });
      upload.on("error", () => resolve());
      // Time for the server to check the session and start the import on the first half (a busy machine is slow).
      upload.write(body.subarray(0, body.length / 2), () => setTimeout(() => {
        upload.destroy();
        resolve();
      }, 2_000));
    });
    await expect.poll(() => query<{ status: string }>("SELECT status FROM imports WHERE file_name = 'onderbroken.csv'"), { timeout: 10_000 }).toEqual([{ status: "failed" }]);
    expect(await transactionCount()).toBe(before);
    await page.goto("/import");
    await expect(history(page).getByRole("row").nth(1)).toContainText(/onderbroken\.csv.*Failed.*upload was interrupted/s);
  });

  test("more rejected rows than the report holds: the download is the server's file of all of them", async ({ page, playwright }) => {
    const lines = ["klantnummer;datum;bedrag;ordernummer", "K900;15-11-2025;12,50;R-OK"];
    for (let index = 0; index < 1_200; index++) lines.push(`K9${index};15-11-2025;=WAAR()${index};R${index}`);
    await page.goto("/import");
    await page.getByLabel("File to import").setInputFiles({ name: "veel-fouten.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\n")}\n`) });
    await page.getByRole("checkbox", { name: /Import the valid rows and skip the rest/ }).check();
    await page.getByRole("button", { name: "Import transactions" }).click();
    await expect(report(page).getByTestId("import-message")).toHaveText("1 row imported, 1,200 invalid rows skipped.");
    await expect(countOf(page, "Rejected")).toHaveText("1,200");

    const [download] = await Promise.all([page.waitForEvent("download"), report(page).getByRole("link", { name: "Download the rejected rows (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^klantwaarde-rejected-rows-veel-fouten-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8").split("\r\n").filter((line) => line !== "");
    expect(csv).toHaveLength(1_201);
    expect(csv[0]).toBe("\uFEFFline in original file;problem;klantnummer;datum;bedrag;ordernummer");
    // Formula-looking cells are escaped for Excel, as in every export.
    expect(csv[1_200]).toMatch(/^1202;.*;K91199;15-11-2025;'=WAAR\(\)1199;R1199$/);

    // Only for those who may import.
    const importId = (await query<{ id: number }>("SELECT id FROM imports WHERE file_name = 'veel-fouten.csv'"))[0]!.id;
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    expect((await anonymous.get(`http://127.0.0.1:${E2E_PORTS.imports}/api/imports/${importId}/rejected-rows`)).status()).toBe(401);
    await anonymous.dispose();
  });

  test("the server checks the request and never trusts the browser's detection", async ({ request }) => {
    const bad = await request.post("/api/imports?kind=orders&fileName=x.csv", { data: "a;b\n1;2\n" });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/kind must be 'transactions' or 'customers'/);

    // Sent without the date format the page would have asked for: refused, with the same question.
    const ambiguous = await request.post("/api/imports?kind=transactions&fileName=ambiguous-again.csv", { data: fs.readFileSync(fixture("ambiguous-dates.csv")) });
    const { report: refused } = await ambiguous.json();
    expect(refused).toMatchObject({ status: "rejected", imported: 0, problems: [{ code: "ambiguous-date-format" }] });
  });
});
