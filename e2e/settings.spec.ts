import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_USERS } from "./auth-users";
import { expectedDemoTotals } from "./demo-data";
import { ownServerStorageState, startOwnServer, type OwnServer } from "./own-server";

/**
 * Settings change the figures every other view shows, so this spec runs on a seeded server of its own
 * (port E2E_PORT_BASE + 6); the specs reading the shared seeded server never see a recompute mid-test.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const SETTINGS_PORT = portBase + 6;
const SETTINGS_DATABASE = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "settings.db");

const expected = expectedDemoTotals();

/** The snapshot number in the "Up to date. Snapshot N as of …" line. */
async function currentSnapshotNumber(page: Page): Promise<number> {
  const text = await page.getByText(/Up to date\. Snapshot \d+ as of/).textContent();
  return Number(/Snapshot (\d+)/.exec(text ?? "")?.[1] ?? Number.NaN);
}

test.describe("settings and the recompute job", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://127.0.0.1:${SETTINGS_PORT}`, storageState: ownServerStorageState(SETTINGS_PORT) });
  let server: OwnServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startOwnServer({ port: SETTINGS_PORT, database: SETTINGS_DATABASE });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

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
    test.slow(); // two recomputes, one after the other
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

    // Both changes are in the audit trail, with who made them and what changed.
    await page.goto("/admin/audit?action=settingsChanged");
    const changes = page.locator("[data-audit-table] tbody tr");
    await expect(changes).toHaveCount(2);
    for (const row of await changes.all()) {
      await expect(row).toContainText(E2E_USERS.admin.email);
      await expect(row).toContainText("Settings changed");
      await expect(row).toContainText("changed: horizonMonths");
    }
  });

  test("the quadrant map: thresholds on both axes and the four quadrants laid out as on the map", async ({ page, request }) => {
    await page.goto("/settings");
    const quadrant = (position: string) => page.getByRole("group", { name: position, exact: true });
    await expect(quadrant("High CLV, long relationship").getByLabel("Name")).toHaveValue("Loyal stars");
    await expect(quadrant("High CLV, short relationship").getByLabel("Name")).toHaveValue("Promising newcomers");
    await expect(quadrant("Low CLV, long relationship").getByLabel("Name")).toHaveValue("Loyal low spenders");
    await expect(quadrant("Low CLV, short relationship").getByLabel("Name")).toHaveValue("Lapsed or drifting");
    await expect(quadrant("Low CLV, short relationship").getByLabel("Tactic")).toHaveValue(/^Mostly customers who have stopped buying/);
    // High CLV on top, a long relationship on the right.
    const box = async (position: string) => (await quadrant(position).boundingBox())!;
    const highLong = await box("High CLV, long relationship");
    const highShort = await box("High CLV, short relationship");
    const lowLong = await box("Low CLV, long relationship");
    const lowShort = await box("Low CLV, short relationship");
    expect(highLong.x).toBeGreaterThan(highShort.x + highShort.width - 1);
    expect(lowLong.x).toBeGreaterThan(lowShort.x + lowShort.width - 1);
    expect(lowLong.y).toBeGreaterThan(highLong.y + highLong.height - 1);
    expect(lowShort.y).toBeGreaterThan(highShort.y + highShort.height - 1);
    // The text names the CLV the tiers rank by, and follows the choice.
    await expect(page.getByText(/now the predicted CLV/)).toBeVisible();
    await page.getByLabel("Rank customers by").selectOption("historic");
    await expect(page.getByText(/now the historic CLV/)).toBeVisible();
    await page.getByLabel("Rank customers by").selectOption("predicted");

    // A fixed number of days below 1 is rejected next to the field.
    const duration = page.getByRole("group", { name: "A long relationship starts at" });
    const clv = page.getByRole("group", { name: "A high CLV starts at" });
    await expect(duration.getByRole("textbox")).toBeDisabled();
    await duration.getByLabel("A fixed number of days", { exact: true }).check();
    await duration.getByRole("textbox").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The threshold is at least 1 day.")).toBeVisible();

    // Fixed thresholds and a new name are saved and used by the recompute.
    const before = await currentSnapshotNumber(page);
    await duration.getByRole("textbox").fill("365");
    await clv.getByLabel("A fixed amount", { exact: true }).check();
    await clv.getByRole("textbox").fill("150");
    await quadrant("Low CLV, short relationship").getByLabel("Name").fill("At risk");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved. The figures are being recomputed in the background.")).toBeVisible();
    await expect(async () => expect(await currentSnapshotNumber(page)).toBeGreaterThan(before)).toPass({ timeout: 60_000 });
    const report = await (await request.get("/api/snapshots/current")).json();
    expect(report.quadrants.map((q: { name: string }) => q.name)).toEqual(["Loyal stars", "Promising newcomers", "Loyal low spenders", "At risk"]);
    expect(report.quadrants.reduce((total: number, q: { customers: number }) => total + q.customers, 0)).toBe(report.customers);
    await page.reload();
    await expect(page.getByRole("group", { name: "A long relationship starts at" }).getByRole("textbox")).toHaveValue("365");
    await expect(page.getByRole("group", { name: "A high CLV starts at" }).getByRole("textbox")).toHaveValue("150");

    // Back to the defaults for the other tests.
    await page.getByRole("group", { name: "A long relationship starts at" }).getByLabel(/^The median/).check();
    await page.getByRole("group", { name: "A high CLV starts at" }).getByLabel(/^The median/).check();
    await quadrant("Low CLV, short relationship").getByLabel("Name").fill("Lapsed or drifting");
    const changed = await currentSnapshotNumber(page);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved. The figures are being recomputed in the background.")).toBeVisible();
    await expect(async () => expect(await currentSnapshotNumber(page)).toBeGreaterThan(changed)).toPass({ timeout: 60_000 });
  });
});
