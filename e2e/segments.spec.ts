import { expect, test, type Page } from "@playwright/test";
import { formatCount } from "../lib/format";
import { E2E_PORTS } from "../playwright.config";

/** The headline figures of the current snapshot, from the app's own JSON report (not from the page). */
interface Report {
  customers: number;
  tiers: { name: string; customers: number }[];
  rfm: { segment: string; customers: number }[];
  quadrants: { name: string; customers: number }[];
}

const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function customerCount(page: Page): Promise<number> {
  return number(await page.locator('[data-kpi="customers"] p').nth(1).textContent());
}

/** "1–50 of 182" → 182 */
async function tableTotal(page: Page): Promise<number> {
  const text = (await page.locator("[data-range]").textContent()) ?? "";
  return number(text.split(/of|van/)[1] ?? "");
}

test.describe("segments on the seeded demo company", () => {
  let report: Report;
  test.beforeAll(async ({ request }) => {
    report = (await (await request.get("/api/snapshots/current")).json()) as Report;
  });

  test("shows every tier and RFM segment, and the cross-table adds up to them", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/segments");
    await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();

    const tierRows = page.locator('[data-group-table="tier"] tbody tr');
    await expect(tierRows).toHaveCount(report.tiers.length);
    for (const [index, tier] of report.tiers.entries()) {
      await expect(tierRows.nth(index).getByRole("link", { name: tier.name })).toBeVisible();
      await expect(tierRows.nth(index)).toHaveAttribute("data-customers", String(tier.customers));
    }
    const rfmRows = page.locator('[data-group-table="rfm"] tbody tr');
    await expect(rfmRows).toHaveCount(11);
    const rfmCounts = await rfmRows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-customers"))));
    expect(sum(rfmCounts)).toBe(report.customers);
    expect(rfmCounts.filter((count) => count > 0).sort((a, b) => a - b)).toEqual(report.rfm.map((row) => row.customers).filter((count) => count > 0).sort((a, b) => a - b));

    const table = page.locator("[data-cross-table]");
    for (const tier of [...Array(report.tiers.length).keys()].map((index) => index + 1)) {
      const cells = await table.locator(`td[data-cell^="${tier}."]`).evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute("data-count"))));
      expect(cells).toHaveLength(11);
      expect(sum(cells)).toBe(report.tiers[tier - 1]!.customers);
      expect(number(await table.locator(`[data-row-total="${tier}"] span`).first().textContent())).toBe(report.tiers[tier - 1]!.customers);
    }
    const keys = await rfmRows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-group")!));
    for (const [index, key] of keys.entries()) {
      const cells = await table.locator(`td[data-cell$=".${key}"]`).evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute("data-count"))));
      expect(sum(cells)).toBe(rfmCounts[index]);
    }
    expect(number(await table.locator("[data-grand-total] span").first().textContent())).toBe(report.customers);
    const quadrantCounts = await page.locator('[data-group-table="quadrant"] tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-customers"))));
    expect(quadrantCounts).toEqual(report.quadrants.map((row) => row.customers));
    expect(errors).toEqual([]);
  });

  test("a cross-table cell opens its drill-down with as many customers as the cell says", async ({ page }) => {
    await page.goto("/segments");
    const cell = page.locator("[data-cross-table] td[data-cell] a").first();
    const td = page.locator("[data-cross-table] td[data-cell]:has(a)").first();
    const key = (await td.getAttribute("data-cell"))!;
    const count = Number(await td.getAttribute("data-count"));
    await cell.click();
    await expect(page).toHaveURL(new RegExp(`/segments/cell/${key.replace(".", "\\.")}$`));
    await expect(page.locator("[data-kpi=customers]")).toContainText(formatCount(count));
    expect(await customerCount(page)).toBe(count);
    expect(await tableTotal(page)).toBe(count);
    await expect(page.locator("[data-customer-table] tbody tr")).toHaveCount(Math.min(count, 50));
    await expect(page.getByRole("heading", { name: "Recommended tactic" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "What sets this group apart" })).toBeVisible();
    // The filter bar leaves out what the cell fixes.
    await expect(page.getByRole("combobox", { name: "CLV tier" })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "RFM segment" })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "Quadrant" })).toBeVisible();
  });

  test("the heat map colours by value when asked", async ({ page }) => {
    await page.goto("/segments");
    const byValue = page.getByRole("group", { name: "Colour by" }).getByRole("link", { name: "Predicted CLV" });
    const cells = () =>
      page.locator("[data-cross-table] td[data-cell]:has(a)").evaluateAll((nodes) =>
        nodes.map((node) => ({
          key: node.getAttribute("data-cell")!,
          count: Number(node.getAttribute("data-count")),
          value: Number(node.getAttribute("data-value")),
          full: (node as HTMLElement).style.background.includes(" 100%"),
        })),
      );
    const darkest = (list: Awaited<ReturnType<typeof cells>>) => list.filter((cell) => cell.full).map((cell) => cell.key);
    const largest = (list: Awaited<ReturnType<typeof cells>>, measure: "count" | "value") => {
      const top = Math.max(...list.map((cell) => cell[measure]));
      return list.filter((cell) => cell[measure] === top).map((cell) => cell.key);
    };
    const byCount = await cells();
    expect(darkest(byCount)).toEqual(largest(byCount, "count"));
    await byValue.click();
    await expect(page).toHaveURL(/heat=value/);
    await expect(byValue).toHaveAttribute("aria-current", "true");
    // The darkest cell is now the one with the most predicted CLV; the numbers in the cells stay the same.
    const byValueCells = await cells();
    expect(darkest(byValueCells)).toEqual(largest(byValueCells, "value"));
    expect(byValueCells.map((cell) => cell.count)).toEqual(byCount.map((cell) => cell.count));
    await page.reload();
    await expect(byValue).toHaveAttribute("aria-current", "true");
  });

  test("every drill-down kind opens; unknown ones are not found", async ({ page }) => {
    for (const [path, heading] of [
      ["/segments/tier/1", report.tiers[0]!.name],
      ["/segments/rfm/champions", "Champions"],
      ["/segments/quadrant/high-long", report.quadrants[0]!.name],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    }
    expect(await customerCount(page)).toBe(report.quadrants[0]!.customers);
    for (const path of ["/segments/tier/99", "/segments/kind/1", "/segments/rfm/nobody", "/segments/cell/1.nobody"]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
    await page.goto("/segments/kind/1");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a filter narrows the segments, survives a reload and carries into the drill-down", async ({ page }) => {
    await page.goto("/segments");
    const channel = page.getByRole("combobox", { name: "Channel", exact: true });
    const choice = (await channel.locator("option").nth(1).getAttribute("value"))!;
    await channel.focus();
    await channel.selectOption(choice);
    await expect.poll(() => new URL(page.url()).searchParams.get("channel")).toBe(choice);
    await expect(channel).toBeFocused(); // the field in use keeps the focus
    const total = number(await page.locator("[data-grand-total] span").first().textContent());
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(report.customers);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Channel", exact: true })).toHaveValue(choice);
    expect(number(await page.locator("[data-grand-total] span").first().textContent())).toBe(total);
    await page.locator('[data-group-table="tier"] tbody tr').first().getByRole("link").click();
    await expect(page).toHaveURL(/\/segments\/tier\/1\?channel=/);
    await expect(page.getByRole("combobox", { name: "Channel", exact: true })).toHaveValue(choice);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/segments\/tier\/1$/);
    expect(await customerCount(page)).toBe(report.tiers[0]!.customers);
  });

  test("the CSV download has the header and one line per customer of the drill-down", async ({ page }) => {
    await page.goto("/segments/rfm/hibernating");
    const count = await customerCount(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^klantwaarde-rfm-hibernating-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toMatch(/^Customer number,Name,E-mail,/);
    expect(lines).toHaveLength(count + 1);
    expect(lines.slice(1).every((line) => line.includes(",Hibernating,"))).toBe(true);
  });

  test("in Dutch, money is formatted the Dutch way", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto("/segments");
    await expect(page.getByRole("heading", { name: "Segmenten", level: 1 })).toBeVisible();
    const money = await page.locator('[data-group-table="tier"] tfoot td').nth(3).textContent();
    expect(money).toMatch(/^€\s\d{1,3}(\.\d{3})*$/);
    await page.goto("/segments/tier/1");
    await expect(page.locator("[data-kpi=predictedClv]")).toContainText(/€\s\d{1,3}(\.\d{3})*/);
    await expect(page.getByRole("heading", { name: "Aanbevolen aanpak" })).toBeVisible();
  });
});

test.describe("segments on an empty database", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("shows how to load data instead of an error", async ({ page, request }) => {
    await page.goto("/segments");
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await page.goto("/segments/tier/1");
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await page.goto("/customers");
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    expect((await request.get("/api/customers/export")).status()).toBe(404);
  });
});
