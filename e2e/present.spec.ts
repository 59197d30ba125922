import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORTS, E2E_SNAPSHOTS_DATABASE } from "../playwright.config";
import { serverDatabase } from "./server-database";

const SNAPSHOTS_DATABASE = path.resolve(E2E_SNAPSHOTS_DATABASE);

test.describe("presentation mode", () => {
  test("opens frozen to the current snapshot and moves with the keyboard and the buttons", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { snapshotId: number };
    await page.goto("/present");
    await expect(page).toHaveURL(new RegExp(`/present\\?snapshot=${report.snapshotId}`));
    const counter = page.locator("[data-slide-counter]");
    await expect(counter).toHaveText(/Slide 1 of \d+/);
    // The keys work once the page is interactive.
    await expect(async () => {
      if (/Slide 1 of/.test((await counter.textContent()) ?? "")) await page.keyboard.press("ArrowRight");
      await expect(counter).toHaveText(/Slide 2 of/, { timeout: 1000 });
    }).toPass();
    await expect(page.getByRole("region", { name: "Key figures" }).or(page.locator('[data-slide="kpis"]'))).toBeVisible();
    // The quadrant slide carries every quadrant's tactic as the speaker note.
    await page.getByRole("button", { name: "Next slide" }).click();
    await expect(page.locator('[data-slide="quadrants"]')).toBeVisible();
    await page.getByRole("button", { name: "Show speaker notes (N)" }).click();
    await expect(page.locator("[data-speaker-notes]")).toContainText("Loyal stars: Better customer service");
    await page.getByRole("button", { name: "Hide speaker notes (N)" }).click();
    await page.keyboard.press("End");
    const total = Number((await counter.textContent())!.match(/of (\d+)/)![1]);
    await expect(counter).toHaveText(`Slide ${total} of ${total}`);
    await page.keyboard.press("Home");
    await expect(counter).toHaveText(/Slide 1 of/);
    await page.getByRole("button", { name: "Next slide" }).click();
    await expect(page).toHaveURL(/slide=2/);
    // A reload keeps the slide.
    await page.reload();
    await expect(counter).toHaveText(/Slide 2 of/);
    await page.keyboard.press("n");
    await expect(page.locator("[data-speaker-notes]")).toBeVisible();
  });

  test("a pinned quadrant is a slide with its tactic as the speaker note, and the privacy switch leaves no names in the page", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { snapshotId: number; quadrants: { name: string; tactic: string }[] };
    await page.goto(`/present?snapshot=${report.snapshotId}&pin=quadrant/high-long&slide=7`);
    await expect(page.locator('[data-slide="pin-quadrant-high-long"]')).toBeVisible();
    const names = await page.locator("[data-customer-cell]").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((name) => !name.startsWith("Customer "))).toBe(true);
    await expect(async () => {
      if (!(await page.locator("[data-speaker-notes]").isVisible())) await page.keyboard.press("n");
      await expect(page.locator("[data-speaker-notes]")).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.locator("[data-speaker-notes]")).toContainText(report.quadrants[0]!.tactic.slice(0, 40));

    await page.getByRole("button", { name: "Hide names and e-mail" }).click();
    await expect(page).toHaveURL(/privacy=1/);
    await expect(page.locator("[data-customer-cell]").first()).toHaveText(/^Customer /);
    const html = await page.content();
    for (const name of names.filter((name) => !name.startsWith("Customer "))) expect(html).not.toContain(name);
    expect(html).not.toMatch(/@[a-z0-9-]+\.(nl|be|de|com)/i);
  });
});

test("a drill-down pinned on its page becomes a slide", async ({ page }) => {
  await page.goto("/segments/tier/1");
  await page.getByRole("button", { name: "Pin to presentation" }).click();
  await expect(page.getByRole("button", { name: "Pinned to presentation ✓" })).toBeVisible();
  await page.getByRole("link", { name: "Present (1 pinned)" }).click();
  await expect(page).toHaveURL(/pin=tier%2F1/);
  await expect(page.locator("[data-slide-counter]")).toHaveText("Slide 1 of 8");
  // The keys work once the page is interactive: press until the last slide (the decisions) shows; the
  // pinned drill-down is the one before it.
  await expect(async () => {
    await page.keyboard.press("End");
    await expect(page.locator('[data-slide="decisions"]')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.keyboard.press("ArrowLeft");
  await expect(page.locator('[data-slide="pin-tier-1"]')).toBeVisible();
});

test.describe("presentation on a snapshot that is replaced during the meeting", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.snapshots}` });

  test("stays on its snapshot while a new one is made", async ({ page }) => {
    const env = { ...process.env, DATABASE_URL: serverDatabase(SNAPSHOTS_DATABASE, E2E_PORTS.snapshots).url };
    await page.goto("/present");
    await expect(page).toHaveURL(/snapshot=\d+/);
    const frozen = new URL(page.url()).searchParams.get("snapshot");
    const customersShown = await page.locator('[data-slide="title"] dd').first().textContent();

    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/clv.ts", "recompute", "--force"], { env, stdio: "ignore" });
    await page.keyboard.press("ArrowRight");
    await page.reload();
    expect(new URL(page.url()).searchParams.get("snapshot")).toBe(frozen);
    await expect(page.getByRole("toolbar")).toContainText(`Frozen to snapshot ${frozen}`);
    await expect(page.getByRole("toolbar")).toContainText("Newer figures exist");
    await page.keyboard.press("Home");
    await expect(page.locator('[data-slide="title"] dd').first()).toHaveText(customersShown!);
  });
});

test.describe("the printed report", () => {
  test("prints without navigation, one section per page, and downloads as a PDF", async ({ page, request }) => {
    await page.goto("/report");
    await expect(page.getByRole("heading", { name: "Customer value report" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
    expect(await page.locator(".report-page").count()).toBeGreaterThanOrEqual(4);

    const snapshot = ((await (await request.get("/api/snapshots/current")).json()) as { snapshotId: number }).snapshotId;
    const response = await request.get(`/report/pdf?snapshot=${snapshot}`, { timeout: 90_000 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = await response.body();
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(20_000);
  });
});
