import { expect, test, type Page } from "@playwright/test";
import { expectedDemoTotals } from "./demo-data";

const expected = expectedDemoTotals();
const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** "1–50 of 1,500" → 1500 */
async function tableTotal(page: Page): Promise<number> {
  const text = (await page.locator("[data-range]").textContent()) ?? "";
  return number(text.split(/of|van/)[1] ?? "");
}
const names = (page: Page) => page.locator("[data-customer-table] tbody tr th").allTextContents();
const rows = (page: Page) => page.locator("[data-customer-table] tbody tr");

test.describe("the customer list", () => {
  test("lists every scored customer, 50 per page, most valuable first", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { customers: number };
    await page.goto("/customers");
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    expect(await tableTotal(page)).toBe(report.customers);
    expect(report.customers).toBeLessThanOrEqual(expected.customers);
    await expect(rows(page)).toHaveCount(50);
    await expect(page.getByRole("columnheader", { name: "Predicted CLV", exact: true })).toHaveAttribute("aria-sort", "descending");
    const first = await rows(page).first().getAttribute("data-customer-id");
    await expect(rows(page).first().getByRole("link")).toHaveAttribute("href", `/customers/${first}`);
  });

  test("sorting and paging change the rows and survive a reload", async ({ page }) => {
    await page.goto("/customers");
    const byValue = await names(page);
    await page.getByRole("link", { name: "Name", exact: true }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "ascending");
    const byName = await names(page);
    expect(byName).not.toEqual(byValue);
    expect([...byName].sort()).toEqual(byName); // A to Z by code point, as SQLite compares text

    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/sort=name.*page=2|page=2.*sort=name/);
    await expect(page.locator("[data-range]")).toContainText("51–100");
    const secondPage = await names(page);
    expect(secondPage).not.toEqual(byName);
    await page.reload();
    await expect(page.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "ascending");
    expect(await names(page)).toEqual(secondPage);

    // A second click on the sorted column flips the direction and goes back to page 1.
    await page.getByRole("link", { name: "Name", exact: true }).click();
    await expect(page).toHaveURL(/sort=name&dir=desc$/);
    await expect(page.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "descending");
    await expect(page.locator("[data-range]")).toContainText("1–50");
  });

  test("relationships that ended are marked in their row and explained once under the table", async ({ page }) => {
    await page.goto("/customers?sort=alive&dir=asc"); // least likely alive first: relationships that ended
    const ended = rows(page).filter({ has: page.locator("td", { hasText: "(ended)" }) });
    expect(await ended.count()).toBeGreaterThan(0);
    await expect(ended.first().locator("td").last()).toHaveText(/^\S.* \(ended\)$/);
    await expect(page.locator("[data-ended-note]")).toHaveCount(1);
    await expect(page.locator("[data-ended-note]")).toContainText("(ended): The relationship has ended");
  });

  test("search by a customer's name finds them", async ({ page }) => {
    await page.goto("/customers?page=7");
    const row = rows(page).nth(13);
    const name = ((await row.locator("th").textContent()) ?? "").trim();
    const id = await row.getAttribute("data-customer-id");
    const search = page.getByRole("searchbox", { name: "Search" });
    await search.fill(name);
    await search.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(name);
    await expect(page.locator(`[data-customer-table] tbody tr[data-customer-id="${id}"]`)).toBeVisible();
    expect(await tableTotal(page)).toBeGreaterThanOrEqual(1);
    expect(await tableTotal(page)).toBeLessThan(20);
    await expect(page).not.toHaveURL(/page=7/);
  });

  test("a search that looks like SQL is just text: no error and no extra rows", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(`/customers?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText("No customer matches “' OR 1=1 --”.")).toBeVisible();
    await expect(rows(page)).toHaveCount(0);
    await page.goto(`/customers?q=${encodeURIComponent('" OR ""="')}&sort=name%3B%20DROP%20TABLE%20customers`);
    await expect(rows(page)).toHaveCount(0);
    await page.goto("/customers");
    expect(await tableTotal(page)).toBeGreaterThan(1000); // the table is still there
    expect(errors).toEqual([]);
  });

  test("a filter from the filter bar is in the URL, survives a reload, and can be cleared", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { customers: number; tiers: { name: string; customers: number }[] };
    await page.goto("/customers");
    const tier = page.getByRole("combobox", { name: "CLV tier" });
    await tier.focus();
    await tier.selectOption({ label: report.tiers[0]!.name });
    await expect(page).toHaveURL(/\/customers\?tier=1$/);
    await expect(page.locator("[data-range]")).toContainText(`of ${report.tiers[0]!.customers.toLocaleString("en-GB")}`);
    await expect(tier).toBeFocused();
    await page.reload();
    await expect(page.getByRole("combobox", { name: "CLV tier" })).toHaveValue("1");
    expect(await tableTotal(page)).toBe(report.tiers[0]!.customers);

    // A soft attribute and a date range add to it.
    const loyalty = page.getByRole("combobox", { name: "Loyalty member" });
    await loyalty.selectOption("yes");
    await expect(page).toHaveURL(/tier=1&attr=loyalty_member%3Ayes/);
    const narrowed = await tableTotal(page);
    expect(narrowed).toBeLessThan(report.tiers[0]!.customers);
    const from = page.getByLabel("Customer since, from");
    await from.fill("2025-01-01");
    await from.blur();
    await expect(page).toHaveURL(/from=2025-01-01/);
    expect(await tableTotal(page)).toBeLessThanOrEqual(narrowed);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole("combobox", { name: "CLV tier" })).toHaveValue("");
    expect(await tableTotal(page)).toBe(report.customers);
  });

  test("the CSV download of a filtered list has one line per listed customer", async ({ page }) => {
    await page.goto("/customers?tier=2&attr=newsletter%3Ayes");
    const count = await tableTotal(page);
    expect(count).toBeGreaterThan(0);
    const response = await page.request.get((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toMatch(/filename="klantwaarde-customers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await response.text()).split("\r\n").filter((line) => line !== "");
    expect(lines).toHaveLength(count + 1);
  });
});
