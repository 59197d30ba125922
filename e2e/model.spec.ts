import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { decimals, significant } from "../components/model/model-numbers";
import { formatCount } from "../lib/format";
import type { SnapshotFit } from "../lib/scoring/types";
import { E2E_PORTS } from "../playwright.config";

/** The seeded server's database (the folder follows E2E_PORT_BASE, as in playwright.config.ts). */
const SEEDED_DATABASE = path.resolve("data", E2E_PORTS.seeded === 3100 ? "e2e" : `e2e-${E2E_PORTS.seeded}`, "seeded.db");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const database = new Database(SEEDED_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

/** The current snapshot's id, customers and fit, straight from the database. */
function currentSnapshot(): { id: number; customers: number; fit: SnapshotFit } {
  const [row] = query<{ id: number; customers: number; fit: string }>("SELECT id, customers, fit FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1");
  return { id: row!.id, customers: row!.customers, fit: JSON.parse(row!.fit) as SnapshotFit };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

test.describe("the model page on the seeded demo company", () => {
  test("shows the snapshot's model, every candidate, the parameters and the data behind them", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const snapshot = currentSnapshot();
    const { fit } = snapshot;
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Model" }).click();
    await expect(page).toHaveURL(/\/model$/);
    // The first visit renders the page on a cold server: allow it more than the default 5 s.
    await expect(page.getByRole("heading", { name: "Model", level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(`snapshot ${snapshot.id}`)).toBeVisible();

    const chosen = page.locator('[data-section="chosen-model"]');
    await expect(chosen.locator(`[data-model="${fit.purchaseModel.name}"]`)).toHaveText(fit.purchaseModel.label);
    await expect(chosen).toContainText(`the last ${fit.validation!.holdoutPercent}% of the history (${fit.selection.holdoutWeeks} weeks`);
    await expect(chosen.getByRole("link", { name: "Change the share in the settings" })).toHaveAttribute("href", "/settings#holdout");
    await expect(chosen.locator('[data-kpi="holdout-total"]')).toContainText(`${decimals(fit.holdout!.predictedTotal, "en-GB", 0)} vs ${formatCount(fit.holdout!.actualTotal)}`);

    // One row per candidate, the used one marked; each number is the snapshot's.
    const table = page.locator("[data-comparison-table]");
    await expect(table.locator("tbody tr")).toHaveCount(fit.selection.comparison.length);
    await expect(table.locator('tr[data-used="true"]')).toHaveAttribute("data-model-row", fit.purchaseModel.name);
    for (const row of fit.selection.comparison.filter((candidate) => candidate.error === null)) {
      const line = table.locator(`tr[data-model-row="${row.model}"]`);
      await expect(line.locator('[data-cell="bic"]')).toContainText(decimals(row.bic, "en-GB", 1));
      await expect(line.locator('[data-cell="log-likelihood"]')).toHaveText(decimals(row.logLikelihood, "en-GB", 1));
      await expect(line.locator('[data-cell="mae"]')).toContainText(decimals(row.holdout!.meanAbsoluteError, "en-GB", 3));
      await expect(line.locator('[data-cell="rmse"]')).toContainText(decimals(row.holdout!.rootMeanSquaredError, "en-GB", 3));
    }
    // The automatic choice goes by RMSE: the used model's RMSE is the one marked lowest.
    await expect(table.locator('tr[data-used="true"] [data-cell="rmse"]')).toContainText("(lowest)");
    await expect(table.locator('[data-cell="rmse"]', { hasText: "(lowest)" })).toHaveCount(1);

    const parameters = page.locator(`[data-parameters="${fit.purchaseModel.name}"]`);
    for (const [name, value] of Object.entries(fit.purchaseModel.params)) {
      await expect(parameters.locator(`tr[data-parameter="${name}"] td`).first()).toHaveText(significant(value, "en-GB"));
    }
    await expect(page.locator(`[data-readings="${fit.purchaseModel.name}"]`)).toContainText("While active, a typical customer buys about once every");
    await expect(page.locator('[data-readings="gammagamma"]')).toContainText("A typical repeat order is worth about €");

    const repeatBuyers = query<{ n: number }>("SELECT count(*) AS n FROM customer_scores WHERE snapshot_id = ? AND purchases > 1", snapshot.id)[0]!.n;
    const sufficiency = page.locator('[data-section="sufficiency"]');
    await expect(sufficiency.locator('[data-figure="customers"]')).toHaveText(formatCount(snapshot.customers));
    await expect(sufficiency.locator('[data-figure="repeat-buyers"]')).toHaveText(formatCount(repeatBuyers));
    await expect(sufficiency.locator('[data-figure="history-weeks"]')).toHaveText("104 weeks");
    await expect(sufficiency).toHaveAttribute("data-sufficiency", "enough");
    expect(consoleErrors).toEqual([]);
  });

  test("draws the holdout tracking plots and the purchases by frequency from the snapshot", async ({ page }) => {
    const { fit } = currentSnapshot();
    const holdout = fit.validation!.holdout!;
    const tracking = holdout.tracking!;
    await page.goto("/model");
    for (const name of ["Repeat purchases, cumulative", "Repeat purchases per week"]) {
      const chart = page.getByRole("group", { name });
      await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
      await expect(chart.locator(".tracking-line-actual path.recharts-curve")).toHaveCount(1);
      await expect(chart.locator(".tracking-line-predicted path.recharts-curve")).toHaveCount(1);
      await expect(chart.getByRole("button", { name: `Export “${name}”` })).toBeVisible();
    }
    const holdoutActual = sum(tracking.actual.slice(tracking.calibrationWeeks));
    // The holdout weeks hold the comparison's actual holdout purchases.
    expect(holdoutActual).toBe(fit.holdout!.actualTotal);
    await expect(page.getByRole("group", { name: "Repeat purchases, cumulative" }).locator("figcaption")).toContainText(
      `In the ${fit.selection.holdoutWeeks} holdout weeks alone: ${formatCount(holdoutActual)} actual`,
    );
    await expect(page.getByRole("group", { name: "Repeat purchases, cumulative" }).locator("figcaption")).toContainText(`had made ${formatCount(sum(tracking.actual))} repeat purchases`);

    const frequency = page.getByRole("group", { name: "Holdout purchases by purchases before" });
    const drawn = holdout.byFrequency.filter((row) => row.actualMean > 0).length + holdout.byFrequency.filter((row) => row.expectedMean > 0).length;
    await expect(frequency.locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await frequency.locator(".recharts-bar-rectangle").count()).toBe(drawn);
    const first = holdout.byFrequency[0]!;
    await expect(frequency.locator("figcaption")).toContainText(`0: ${formatCount(first.customers)} customers, ${decimals(first.actualMean, "en-GB", 2)} actual, ${decimals(first.expectedMean, "en-GB", 2)} predicted`);
  });

  test("the heat maps hold every customer, in the cells the scores put them", async ({ page }) => {
    const snapshot = currentSnapshot();
    await page.goto("/model");
    const alive = page.locator('svg[data-heat-map="probabilityAlive"]');
    await expect(alive).toBeVisible();
    const counts = await alive.locator("g[data-customers]").evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-customers"))));
    expect(sum(counts)).toBe(snapshot.customers);
    // Cell (0, 0): one purchase, bought in the last 4 weeks; (1, 1): two purchase days, 4 to 8 weeks ago.
    for (const [cell, purchases, from, to] of [
      ["0.0", 1, 0, 28],
      ["1.1", 2, 28, 56],
    ] as const) {
      const n = query<{ n: number }>(
        "SELECT count(*) AS n FROM customer_scores WHERE snapshot_id = ? AND purchases = ? AND days_since_last_purchase >= ? AND days_since_last_purchase < ?",
        snapshot.id,
        purchases,
        from,
        to,
      )[0]!.n;
      await expect(alive.locator(`[data-cell="${cell}"]`)).toHaveAttribute("data-customers", String(n));
    }
    // Mean P(alive) in a cell is the mean of the customers' own P(alive).
    const mean = query<{ mean: number }>(
      "SELECT avg(probability_alive) AS mean FROM customer_scores WHERE snapshot_id = ? AND purchases = 2 AND days_since_last_purchase >= 28 AND days_since_last_purchase < 56",
      snapshot.id,
    )[0]!.mean;
    const shown = Number(await alive.locator('[data-cell="1.1"]').getAttribute("data-value"));
    expect(shown).toBeCloseTo(mean, 3);
    await expect(page.locator('svg[data-heat-map="expectedPurchases"]')).toBeVisible();
    await expect(page.getByRole("group", { name: "Chance of still being active (P(alive))" }).locator("figcaption")).toContainText("Highest:");
  });

  test("the holdout share is a setting", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByLabel("Holdout (% of the history)")).toHaveValue("25");
    // Out of bounds: rejected with its reason next to the field (nothing is saved).
    await page.getByLabel("Holdout (% of the history)").fill("60");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.locator("#holdout-error")).toHaveText("Hold out at most 50% of the history: the models learn from the rest.");
  });

  test("in Dutch", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto("/model");
    await expect(page.getByRole("heading", { name: "Model", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Hoe goed het model de toetsperiode voorspelde" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Herhaalaankopen, opgeteld" }).locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  });

  test("a snapshot id that does not exist says so and shows the current model", async ({ page }) => {
    await page.goto("/model?snapshot=99999");
    await expect(page.getByText("Snapshot 99999 no longer exists")).toBeVisible();
    await expect(page.locator("[data-comparison-table]")).toBeVisible();
  });
});

test.describe("the model page without data", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("shows how to load data instead of an error", async ({ page }) => {
    await page.goto("/model");
    await expect(page.getByRole("heading", { name: "Model", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await expect(page.locator("[data-comparison-table]")).toHaveCount(0);
  });
});
