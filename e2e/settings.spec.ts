import { expect, test, type Page } from "@playwright/test";
import { expectedDemoTotals } from "./demo-data";

const expected = expectedDemoTotals();

/** The snapshot number in the "Up to date. Snapshot N as of …" line. */
async function currentSnapshotNumber(page: Page): Promise<number> {
  const text = await page.getByText(/Up to date\. Snapshot \d+ as of/).textContent();
  return Number(/Snapshot (\d+)/.exec(text ?? "")?.[1] ?? Number.NaN);
}

test.describe("settings and the recompute job", () => {
  test.describe.configure({ mode: "serial" });

  test("a rejected change shows its reason next to the field and saves nothing", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const before = await currentSnapshotNumber(page);
    await page.getByLabel("Percentage of customers in tier 1").fill("30");
    await expect(page.getByText("adding up to 110%")).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The tiers add up to 110%; they must add up to 100%.")).toBeVisible();
    await expect(page.getByText("The settings were not saved: correct the fields marked below.")).toBeVisible();
    // The typed value is kept, and no recompute was started.
    await expect(page.getByLabel("Percentage of customers in tier 1")).toHaveValue("30");
    await page.reload();
    expect(await currentSnapshotNumber(page)).toBe(before);
    await expect(page.getByLabel("Percentage of customers in tier 1")).toHaveValue("20");
  });

  test("changing the horizon recomputes the figures in the background", async ({ page, request }) => {
    await page.goto("/settings");
    const before = await currentSnapshotNumber(page);
    expect(before).toBeGreaterThan(0);
    await page.getByLabel("Horizon (months)").fill("6");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved. The figures are being recomputed in the background.")).toBeVisible();
    // The status line follows the job and shows the new snapshot when it is done.
    await expect(async () => expect(await currentSnapshotNumber(page)).toBeGreaterThan(before)).toPass({ timeout: 60_000 });
    await expect(page.getByText(/over the next 6 months/)).toBeVisible();
    await expect(page.getByText(/The last recompute failed/)).toHaveCount(0);

    const response = await request.get("/api/snapshots/current");
    expect(response.status()).toBe(200);
    const report = await response.json();
    expect(report.snapshotId).toBe(await currentSnapshotNumber(page));
    expect(report.asOf).toBe(expected.lastDate);
    expect(report.customers).toBeGreaterThan(0);
    expect(report.customers).toBeLessThanOrEqual(expected.customers);
    expect(report.tiers.map((tier: { name: string }) => tier.name)).toEqual(["Very profitable", "Profitable", "Less profitable"]);
    expect(report.tiers.map((tier: { customers: number }) => tier.customers)).toEqual([
      Math.round(report.customers * 0.2),
      Math.round(report.customers * 0.8) - Math.round(report.customers * 0.2),
      report.customers - Math.round(report.customers * 0.8),
    ]);
    expect(report.quadrants).toHaveLength(4);
    expect(report.rfm).toHaveLength(11);

    // Back to the default horizon for the other tests.
    await page.getByLabel("Horizon (months)").fill("12");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/over the next 12 months/)).toBeVisible({ timeout: 60_000 });
  });
});
