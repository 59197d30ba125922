import { expect, test, type Page } from "@playwright/test";

/** The current snapshot's figures, from the app's own JSON report (not from the page). */
interface Report {
  snapshotId: number;
  /** By name ("At Risk"). */
  rfm: { segment: string; customers: number }[];
  quadrants: { name: string; customers: number }[];
}

/** An ISO date `days` from today (negative: in the past). */
function isoDaysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

async function addDecision(page: Page, fields: { tactic: string; owner?: string; target?: string; reviewDate?: string }) {
  const form = page.locator("[data-add-decision]");
  await form.getByLabel("Decision or tactic").fill(fields.tactic);
  if (fields.owner !== undefined) await form.getByLabel("Owner (optional)").fill(fields.owner);
  if (fields.target !== undefined) await form.getByLabel("Target (optional)").fill(fields.target);
  if (fields.reviewDate !== undefined) await form.getByLabel("Review date (optional)").fill(fields.reviewDate);
  await form.getByRole("button", { name: "Add decision" }).click();
}

test.describe("decision log", () => {
  let report: Report;
  test.beforeAll(async ({ request }) => {
    report = (await (await request.get("/api/snapshots/current")).json()) as Report;
  });

  test("a decision added on a drill-down shows there after a reload, as a badge on /segments, in the log and in the presentation", async ({ page }) => {
    test.slow(); // five views and a presentation
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const tactic = `Call every At Risk customer personally ${Date.now()}`;
    const atRisk = report.rfm.find((row) => row.segment === "At Risk")!;
    await page.goto("/segments/rfm/at-risk");
    const card = page.locator("[data-decisions]");
    await expect(card.getByRole("heading", { name: "Decisions" })).toBeVisible();
    await expect(card.locator("[data-decisions-empty]")).toBeVisible();

    await addDecision(page, { tactic, owner: "Sanne de Vries", target: "Move 10% of At Risk to Loyal", reviewDate: isoDaysFromToday(-3) });
    await expect(card.getByRole("status")).toHaveText("Decision added.");
    const item = card.locator("[data-decision]").filter({ hasText: tactic });
    await expect(item).toBeVisible();
    // The form is emptied for the next decision.
    await expect(card.getByLabel("Decision or tactic")).toHaveValue("");

    await page.reload();
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute("data-status", "open");
    await expect(item).toContainText("Owner: Sanne de Vries");
    await expect(item).toContainText("Target: Move 10% of At Risk to Loyal");
    // The review date has passed: marked in words, not only in colour.
    await expect(item.locator("[data-overdue-label]")).toContainText("Overdue");
    // Then and now are the whole segment in the snapshot (the same one here).
    await expect(item.locator("[data-then-customers]")).toHaveAttribute("data-then-customers", String(atRisk.customers));
    await expect(item.locator("[data-now-customers]")).toHaveAttribute("data-now-customers", String(atRisk.customers));
    await expect(item.locator("[data-then-customers]")).toContainText(`${atRisk.customers.toLocaleString("en-GB")} customer`);

    await page.goto("/segments");
    const badge = page.locator('[data-group-table="rfm"] [data-group="at-risk"]').getByRole("link", { name: "1 open decision for At Risk" });
    await expect(badge).toBeVisible();
    await badge.click();
    await expect(page).toHaveURL(/\/segments\/rfm\/at-risk#decisions$/);
    await expect(page.locator("[data-decision]").filter({ hasText: tactic })).toBeVisible();

    await page.goto("/decisions?view=overdue");
    await expect(page.getByRole("heading", { name: "Decision log", level: 1 })).toBeVisible();
    const logged = page.locator("[data-decision-log] [data-decision]").filter({ hasText: tactic });
    await expect(logged).toBeVisible();
    await expect(logged.getByRole("link", { name: "At Risk" })).toHaveAttribute("href", "/segments/rfm/at-risk");
    expect(number(await page.locator('[data-view="overdue"]').textContent())).toBe(await page.locator("[data-decision-log] [data-decision]").count());

    await page.goto(`/present?snapshot=${report.snapshotId}`);
    const counter = page.locator("[data-slide-counter]");
    await expect(async () => {
      await page.keyboard.press("End");
      await expect(page.locator('[data-slide="decisions"]')).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(counter).toHaveText(/Slide (\d+) of \1/);
    const slide = page.locator('[data-slide="decisions"]');
    await expect(slide.getByRole("heading", { name: "Decisions" })).toBeVisible();
    await expect(slide).toContainText(tactic);
    await expect(slide.locator("[data-decision]").filter({ hasText: tactic }).locator("[data-now-customers]")).toHaveAttribute("data-now-customers", String(atRisk.customers));
    expect(errors).toEqual([]);
  });

  test("a missing tactic is refused with a clear message next to the field, keeping what was typed (English and Dutch)", async ({ page, context, baseURL }) => {
    await page.goto("/segments/cell/1.champions");
    const card = page.locator("[data-decisions]");
    await addDecision(page, { tactic: "   ", owner: "Joris", reviewDate: isoDaysFromToday(30) });
    const tacticField = card.getByLabel("Decision or tactic");
    await expect(card.locator("#decision-tactic-error")).toHaveText("Write down the decision or tactic: it cannot be empty.");
    await expect(tacticField).toHaveAttribute("aria-invalid", "true");
    await expect(card.getByRole("status")).toHaveText("The decision was not added: check the fields marked in red.");
    await expect(card.getByLabel("Owner (optional)")).toHaveValue("Joris");
    await expect(card.locator("[data-decision]")).toHaveCount(0);

    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.reload();
    const form = page.locator("[data-add-decision]");
    await form.getByLabel("Besluit of aanpak").fill("");
    await form.getByRole("button", { name: "Besluit toevoegen" }).click();
    await expect(page.locator("#decision-tactic-error")).toHaveText("Schrijf het besluit of de aanpak op: dit veld mag niet leeg zijn.");
  });

  test("without the app's JavaScript: add a decision to a quadrant, see its badge on /quadrants, mark it done, reopen and delete it", async ({ page }) => {
    test.slow(); // eight full page loads, each a plain HTML form post or navigation
    // The app's scripts never load, so React never hydrates: the forms post as plain HTML forms. (Scripts
    // inline in the page still run: without them the streamed parts of every page would stay hidden.)
    let blocked = 0;
    await page.route(/\/_next\/static\/chunks\/.*\.js(\?.*)?$/, (route) => {
      blocked += 1;
      return route.abort();
    });
    const tactic = `Win back the drifting customers ${Date.now()}`;
    await page.goto("/segments/quadrant/low-short");
    await addDecision(page, { tactic, owner: "Team retention" });
    const item = page.locator("[data-decision]").filter({ hasText: tactic });
    await expect(item).toBeVisible();
    await expect(item).toContainText("No review date");
    expect(blocked).toBeGreaterThan(0);

    await page.goto("/quadrants");
    const quadrantCard = page.locator('[data-quadrant-card="low-short"]');
    const badge = quadrantCard.locator("[data-open-notes]");
    await expect(badge).toHaveText(/1 open decision/);
    await expect(badge).toHaveAttribute("href", /\/segments\/quadrant\/low-short.*#decisions$/);

    await page.goto("/segments/quadrant/low-short");
    await item.getByRole("button", { name: /^Mark done: Win back the drifting customers/ }).click();
    await expect(item).toHaveAttribute("data-status", "done");
    await item.getByRole("button", { name: /^Reopen: / }).click();
    await expect(item).toHaveAttribute("data-status", "open");
    // Deleting asks first.
    await item.getByText("Delete…").click();
    await expect(item.locator("[data-delete-confirm]")).toContainText("Delete this decision for good?");
    await item.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.locator("[data-decision]").filter({ hasText: tactic })).toHaveCount(0);
  });

  test("a pinned drill-down's slide shows its open decisions; tags and scripts in a decision stay text", async ({ page }) => {
    const tactic = `<img src=x onerror="window.__xss=1"> Invite champions to the preview ${Date.now()}`;
    await page.goto("/segments/rfm/champions");
    await addDecision(page, { tactic, owner: "Sanne" });
    await expect(page.locator("[data-decision]").filter({ hasText: tactic })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await page.goto(`/present?snapshot=${report.snapshotId}&pin=rfm/champions&slide=7`);
    const slide = page.locator('[data-slide="pin-rfm-champions"]');
    await expect(slide).toBeVisible();
    await expect(slide.locator("[data-pinned-decisions]")).toContainText(tactic);
    await expect(async () => {
      if (!(await page.locator("[data-speaker-notes]").isVisible())) await page.keyboard.press("n");
      await expect(page.locator("[data-speaker-notes]")).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.locator("[data-speaker-notes]")).toContainText("Open decisions:");
    await expect(page.locator("[data-speaker-notes]")).toContainText(`– Champions: ${tactic}`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});
