import path from "node:path";
import { expect, test } from "@playwright/test";
import { recomputeAsOf } from "./recompute-as-of";
import { E2E_PORTS, E2E_SNAPSHOTS_DATABASE } from "../playwright.config";
import { serverDatabase } from "./server-database";

const SNAPSHOTS_DATABASE = path.resolve(E2E_SNAPSHOTS_DATABASE);
const COLUMN = { tier: "clv_tier", rfm: "rfm_segment", quadrant: "quadrant" } as const;

/** The snapshots server's database. */
const snapshotsDatabase = serverDatabase(SNAPSHOTS_DATABASE, E2E_PORTS.snapshots);

/** The migration matrix counted straight from customer_scores: "from.to" with new / gone for customers scored in one snapshot only. */
async function countsFromDatabase(fromId: number, toId: number, by: keyof typeof COLUMN): Promise<Map<string, number>> {
  const column = COLUMN[by];
  const rows = await snapshotsDatabase.query<{ cell: string; customers: number }>(
    `select coalesce(cast(a.${column} as text), 'new') || '.' || coalesce(cast(b.${column} as text), 'gone') as cell, count(*) as customers
     from customer_scores a left join customer_scores b on b.snapshot_id = ? and b.customer_id = a.customer_id where a.snapshot_id = ? group by 1
     union all
     select 'new.' || cast(b.${column} as text), count(*) from customer_scores b
     where b.snapshot_id = ? and not exists (select 1 from customer_scores a where a.snapshot_id = ? and a.customer_id = b.customer_id) group by 1`,
    toId,
    fromId,
    toId,
    fromId,
  );
  return new Map(rows.map((row) => [row.cell, row.customers]));
}

test("with one snapshot the history says how to make another", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing to compare yet" })).toBeVisible();
  await expect(page.getByText(/A new one is made by a recompute/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the settings" })).toHaveAttribute("href", "/settings");
  await expect(page.locator("[data-snapshot-row]")).toHaveCount(1);
});

test.describe("comparing two snapshots", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.snapshots}` });
  // One worker makes the two snapshots once (the settings row is shared); the tests then read them.
  test.describe.configure({ mode: "serial" });
  // Two recomputes of the demo company on the command line.
  test.setTimeout(120_000);

  let earlier: number;
  let later: number;

  test.beforeAll(async () => {
    // An earlier analysis date, then the last purchase again: customers who first bought in between are new.
    earlier = await recomputeAsOf(SNAPSHOTS_DATABASE, E2E_PORTS.snapshots, "2026-03-31");
    later = await recomputeAsOf(SNAPSHOTS_DATABASE, E2E_PORTS.snapshots, null);
  });

  test("the migration matrix counts the customers of the database, and a cell lists them", async ({ page }) => {
    await page.goto(`/history?from=${earlier}&to=${later}`);
    await expect(page.getByRole("heading", { name: "Where customers moved" })).toBeVisible();
    await expect(page.locator(`[data-snapshot-row="${earlier}"]`)).toContainText("from");
    await expect(page.locator(`[data-snapshot-row="${later}"]`)).toContainText("to");

    for (const by of ["tier", "rfm", "quadrant"] as const) {
      if (by !== "tier") await page.getByRole("navigation", { name: "Group customers by" }).getByRole("link", { name: by === "rfm" ? "RFM segment" : "Quadrant" }).click();
      await expect(page.locator(`table[data-matrix="${by}"]`)).toBeVisible();
      const expected = await countsFromDatabase(earlier, later, by);
      const shown = await page.locator(`table[data-matrix="${by}"] td[data-cell]`).evaluateAll((cells) =>
        cells.map((cell) => [cell.getAttribute("data-cell")!, Number(cell.getAttribute("data-customers"))] as const),
      );
      const nonEmpty = new Map(shown.filter(([, customers]) => customers > 0));
      expect(nonEmpty, `matrix by ${by}`).toEqual(expected);
      expect([...expected.keys()].some((cell) => cell.startsWith("new."))).toBe(true);
    }

    // The biggest cell of new customers by quadrant: its number opens the list of those customers.
    const expected = await countsFromDatabase(earlier, later, "quadrant");
    const [cell, customers] = [...expected].filter(([key]) => key.startsWith("new.")).sort((a, b) => b[1] - a[1])[0]!;
    await page.locator(`td[data-cell="${cell}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`cell=${cell.replace(".", "\\.")}`));
    const list = page.locator("#cell-customers");
    await expect(list).toHaveAttribute("data-cell-customers", String(customers));
    await expect(list.getByRole("heading", { name: /^New customers → / })).toBeVisible();
    await expect(list.locator("tbody tr")).toHaveCount(Math.min(customers, 50));
    await expect(list.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", new RegExp(`^/customers/\\d+\\?snapshot=${later}$`));
  });

  test("key figures, the flow chart and the biggest movers", async ({ page }) => {
    await page.goto(`/history?from=${earlier}&to=${later}&measure=value`);
    const kpis = page.locator('[data-section="kpi-changes"]');
    await expect(kpis.locator('[data-change="customers"]')).toBeVisible();
    const count = async (id: number) => (await snapshotsDatabase.query<{ n: number }>("select count(*) as n from customer_scores where snapshot_id = ?", id))[0]!.n;
    const [before, now] = [await count(earlier), await count(later)];
    await expect(kpis.locator('[data-change="customers"] td').nth(0)).toHaveText(before.toLocaleString("en-GB"));
    await expect(kpis.locator('[data-change="customers"] td').nth(2)).toHaveText(`+${(now - before).toLocaleString("en-GB")}`);

    const flow = page.locator('[data-chart="migration-flow"]');
    await expect(flow.getByRole("heading", { name: "Flow between groups" })).toBeVisible();
    const chart = flow.locator(".recharts-wrapper > svg.recharts-surface");
    await expect(chart.locator("rect").first()).toBeVisible();
    expect(await chart.locator("path").count()).toBeGreaterThan(3);
    await expect(chart.locator("text", { hasText: "New customers" })).toBeVisible();
    await expect(flow.getByRole("button", { name: /Export/ })).toBeVisible();

    const risers = page.locator('[data-movers="up"]');
    await expect(risers.getByRole("heading", { name: "Biggest risers" })).toBeVisible();
    await expect(risers.locator("tbody tr")).toHaveCount(20);
    await expect(risers.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", new RegExp(`^/customers/\\d+\\?snapshot=${later}$`));
    await expect(page.locator('[data-movers="down"] tbody tr')).toHaveCount(20);
  });

  test("the overview's changes since the previous snapshot link to the comparison", async ({ page }) => {
    await page.goto("/");
    const changes = page.locator('[data-section="changes"]');
    const link = changes.getByRole("link", { name: "Compare in history" });
    await expect(link).toHaveAttribute("href", /^\/history\?from=\d+&to=\d+$/);
    await link.click();
    await expect(page.getByRole("heading", { name: "Key figures" })).toBeVisible();
    const url = new URL(page.url());
    expect(Number(url.searchParams.get("from"))).toBeLessThan(Number(url.searchParams.get("to")));
  });

  test("a comparison asked the wrong way round is turned around", async ({ page }) => {
    await page.goto(`/history?from=${later}&to=${earlier}&by=rfm`);
    await expect(page).toHaveURL(new RegExp(`from=${earlier}&to=${later}&by=rfm`));
  });
});
