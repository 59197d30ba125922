import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatCount } from "../lib/format";
import { E2E_PORTS } from "../playwright.config";

interface Report {
  customers: number;
  tiers: { name: string; customers: number }[];
  quadrants: { name: string; customers: number }[];
}

async function report(request: APIRequestContext): Promise<Report> {
  const response = await request.get("/api/snapshots/current");
  expect(response.status()).toBe(200);
  return (await response.json()) as Report;
}

const chartName = "Customer value against relationship length";

/** "Showing N of M customers": both numbers, read from the page. */
async function showing(page: Page): Promise<{ shown: number; total: number }> {
  const status = page.locator("[data-showing]");
  await expect(status).toBeVisible();
  return { shown: Number(await status.getAttribute("data-showing")), total: Number(await status.getAttribute("data-total")) };
}

/** The markers drawn (running relationships filled, ended ones open): each marker starts its own subpath ("M") in its series' path. */
async function markersDrawn(page: Page): Promise<number> {
  const paths = page.locator("[data-quadrant-map] path[data-series], [data-quadrant-map] path[data-series-ended]");
  const all = await paths.evaluateAll((elements) => elements.map((element) => element.getAttribute("d") ?? ""));
  return all.reduce((sum, d) => sum + (d.match(/M/g)?.length ?? 0), 0);
}

/** The sum of the customer counts on the four quadrant cards. */
async function cardCustomers(page: Page): Promise<number> {
  const counts = await page.locator("[data-quadrant-card] [data-customers]").evaluateAll((elements) => elements.map((element) => Number(element.getAttribute("data-customers"))));
  expect(counts).toHaveLength(4);
  return counts.reduce((a, b) => a + b, 0);
}

test.describe("quadrant map on the seeded demo company", () => {
  test("draws every customer of the snapshot as a marker, with the quadrant figures of the snapshot", async ({ page, request }) => {
    const errors: string[] = [];
    const failed: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
    });
    const current = await report(request);
    await page.goto("/quadrants");
    await expect(page.getByRole("heading", { name: "Quadrant map", level: 1 })).toBeVisible();
    const chart = page.getByRole("group", { name: chartName });
    await expect(chart.getByRole("img", { name: /^Scatter plot of/ })).toBeVisible();
    const { shown, total } = await showing(page);
    expect(total).toBe(current.customers);
    // Fewer customers than the sample size: every one of them is drawn.
    expect(shown).toBe(total);
    await expect(chart.getByText(`Showing ${formatCount(shown)} of ${formatCount(total)} customers`)).toBeVisible();
    expect(await markersDrawn(page)).toBe(shown);
    await expect(chart.locator("[data-threshold]")).toHaveCount(2);
    for (const quadrant of current.quadrants) {
      const card = page.locator("[data-quadrant-card]").filter({ has: page.getByRole("heading", { name: quadrant.name }) });
      await expect(card.locator("[data-customers]")).toHaveAttribute("data-customers", String(quadrant.customers));
      await expect(chart.locator("[data-corner]").filter({ hasText: quadrant.name })).toContainText(`${formatCount(quadrant.customers)} customers`);
    }
    await expect(chart.locator("figcaption")).toContainText(`${formatCount(current.customers)} customers in four quadrants.`);
    expect(errors).toEqual([]);
    // Links prefetch the drill-downs and customer pages, which other views provide.
    expect(failed.filter((path) => !/^\/(segments|customers|cohorts)(\/|$)/.test(path))).toEqual([]);
  });

  test("the page stays small: the HTML with its data is under 300 KB", async ({ request }) => {
    const html = await (await request.get("/quadrants")).text();
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
  });

  test("the map opens readable: log scale, points over the height of the plot, thresholds labelled, no label over the plot", async ({ page }) => {
    await page.goto("/quadrants");
    const scale = page.getByRole("group", { name: "Scale" });
    await expect(scale.getByRole("link", { name: "Logarithmic" })).toHaveAttribute("aria-current", "true");
    const plot = page.locator("[data-quadrant-map] [data-plot-area]");
    await expect(plot).toBeVisible();
    const area = (await plot.boundingBox())!;
    const svgBox = (await page.locator("[data-quadrant-map] svg").boundingBox())!;
    // Every marker's centre: the subpaths start at "M x,y" (circles at their left edge, squares at a corner).
    const ys = (
      await page
        .locator("[data-quadrant-map] path[data-series], [data-quadrant-map] path[data-series-ended]")
        .evaluateAll((elements) => elements.flatMap((element) => [...(element.getAttribute("d") ?? "").matchAll(/M[\d.]+,([\d.]+)/g)].map((match) => Number(match[1]))))
    ).sort((a, b) => a - b);
    const top = area.y - svgBox.y;
    const height = area.height;
    const quantile = (q: number) => ys[Math.floor(q * (ys.length - 1))]!;
    // The middle 80% of the customers spans at least a quarter of the plot's height, and no more than a tenth
    // of them lies on the bottom line (the old linear default had 98% of them within 6 px of it).
    const spread = (quantile(0.9) - quantile(0.1)) / height;
    const onBottom = ys.filter((y) => y > top + height - 6).length / ys.length;
    expect(spread, `middle 80% spans ${spread} of the height`).toBeGreaterThan(0.25);
    expect(onBottom, `${onBottom} on the bottom line`).toBeLessThan(0.1);
    // Both thresholds are drawn inside the plot and their values are written on the axes.
    const clvLine = (await page.locator("[data-threshold='clv']").boundingBox())!;
    expect(clvLine.y).toBeGreaterThan(area.y + 8);
    expect(clvLine.y).toBeLessThan(area.y + area.height - 8);
    await expect(page.locator("[data-threshold-label='clv']")).toHaveText(/^€\d+\.\d{2}$/);
    await expect(page.locator("[data-threshold-label='duration']")).toHaveText(/\d+ (months|years|days)/);
    // The quadrant names sit outside the plot area: they never cover a point.
    for (const corner of await page.locator("[data-corner]").all()) {
      const box = (await corner.boundingBox())!;
      const overlaps = box.x < area.x + area.width && box.x + box.width > area.x && box.y < area.y + area.height && box.y + box.height > area.y;
      expect(overlaps, await corner.textContent() ?? "").toBe(false);
    }
    // The rule is written on the map, and the cards say who is in each quadrant.
    await expect(page.getByRole("group", { name: chartName })).toContainText("never in a long-relationship quadrant");
    await expect(page.locator("[data-quadrant-card] [data-median-alive]")).toHaveCount(4);
    await expect(page.locator("[data-quadrant-card] [data-median-days]")).toHaveCount(4);
  });

  test("hovering a marker shows the customer, and a click opens them", async ({ page }) => {
    await page.goto("/quadrants");
    const svg = page.locator("[data-quadrant-map] svg");
    await expect(svg).toBeVisible();
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    // Markers of the first series; a circle's subpath starts at its left edge ("M x-r,y"). Take the one
    // nearest the middle of the plot (the corners hold the quadrant names).
    const d = (await page.locator("[data-quadrant-map] path[data-series='0']").getAttribute("d"))!;
    const starts = [...d.matchAll(/M([\d.]+),([\d.]+)/g)].map((match) => [Number(match[1]) + 2.6, Number(match[2])] as const);
    const [x, y] = starts.reduce((best, point) =>
      Math.hypot(point[0] - box.width / 2, point[1] - box.height / 2) < Math.hypot(best[0] - box.width / 2, best[1] - box.height / 2) ? point : best,
    );
    await page.mouse.move(box.x + x, box.y + y);
    const tooltip = page.locator("[data-tooltip]");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText("Predicted CLV");
    await expect(tooltip).toContainText("Relationship length");
    // The name, P(alive) and the last purchase are fetched when the point is hovered (not part of the page's data).
    await expect(tooltip.locator("[data-tooltip-name]")).toHaveText(/^(?!Loading…$)\S.*$/);
    await expect(tooltip.locator("[data-tooltip-alive]")).toHaveText(/^P\(alive\): \d+(\.\d)?%$/);
    await expect(tooltip.locator("[data-tooltip-last-purchase]")).toHaveText(/^Last purchase: \d{1,2} \w{3} \d{4} \(\d+ days? ago\)$/);
    await page.mouse.click(box.x + x, box.y + y);
    await expect(page).toHaveURL(/\/customers\/\d+$/);
  });

  test("a tier filter applies to markers and quadrants, and survives a reload", async ({ page, request }) => {
    const current = await report(request);
    await page.goto("/quadrants");
    const before = await showing(page);
    await page.getByRole("search", { name: "Filters" }).getByRole("combobox", { name: "CLV tier" }).selectOption("1");
    await expect(page).toHaveURL(/[?&]tier=1(&|$)/);
    await expect(page.locator("[data-showing]")).not.toHaveAttribute("data-total", String(before.total));
    const filtered = await showing(page);
    expect(filtered.total).toBe(current.tiers[0]!.customers);
    expect(filtered.total).toBeLessThan(before.total);
    expect(await cardCustomers(page)).toBe(filtered.total);
    expect(await markersDrawn(page)).toBe(filtered.shown);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "CLV tier" })).toHaveValue("1");
    expect(await showing(page)).toEqual(filtered);
  });

  test("a quadrant card opens the quadrant's drill-down with the filters kept", async ({ page, request }) => {
    const current = await report(request);
    await page.goto("/quadrants?tier=2&scale=log");
    const name = current.quadrants[0]!.name; // high-long comes first in the summary
    await page.getByRole("link", { name: `Open the drill-down of ${name}` }).click();
    await expect(page).toHaveURL(/\/segments\/quadrant\/high-long\?tier=2$/);
  });

  test("the log scale and the colour choice are kept in the URL", async ({ page }) => {
    await page.goto("/quadrants?tier=1");
    const scale = page.getByRole("group", { name: "Scale" });
    await scale.getByRole("link", { name: "Logarithmic" }).click();
    await expect(page).toHaveURL(/scale=log/);
    await expect(page).toHaveURL(/tier=1/);
    await expect(scale.getByRole("link", { name: "Logarithmic" })).toHaveAttribute("aria-current", "true");
    const chart = page.getByRole("group", { name: chartName });
    await expect(chart.getByText("(log scale)")).toBeVisible();
    await expect(chart).toContainText("are drawn on the bottom line");
    await page.getByRole("group", { name: "Colour by" }).getByRole("link", { name: "RFM segment" }).click();
    await expect(page).toHaveURL(/color=rfm/);
    await expect(page.getByRole("list", { name: "Colour by RFM segment" })).toContainText("Champions");
    await page.reload();
    await expect(scale.getByRole("link", { name: "Logarithmic" })).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("list", { name: "Colour by RFM segment" })).toBeVisible();
  });

  test("in Dutch the page is translated and money is formatted the Dutch way", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
    await page.goto("/quadrants");
    await expect(page.getByRole("heading", { name: "Kwadrantenkaart", level: 1 })).toBeVisible();
    const card = page.locator("[data-quadrant-card]").first();
    const money = await card.locator("dd").nth(1).textContent();
    expect(money).toMatch(/^€\s\d{1,3}(\.\d{3})*(,\d{2})?$/);
    const { shown, total } = await showing(page);
    await expect(page.getByText(`${formatCount(shown, "nl-NL")} van ${formatCount(total, "nl-NL")} klanten getoond`)).toBeVisible();
  });
});

test.describe("quadrant map on an empty database", () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.empty}` });

  test("shows how to load data instead of a chart", async ({ page }) => {
    await page.goto("/quadrants");
    await expect(page.getByRole("heading", { name: "Quadrant map", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No customer data yet" })).toBeVisible();
    await expect(page.getByRole("group", { name: chartName })).toHaveCount(0);
  });
});
