import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";

async function exportChart(page: Page, chartTitle: string, choice: "PNG image" | "SVG vector image" | "CSV data") {
  const chart = page.getByRole("group", { name: chartTitle });
  await chart.getByRole("button", { name: `Export “${chartTitle}”` }).click();
  const downloading = page.waitForEvent("download");
  await chart.getByRole("menuitem", { name: choice }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

test.describe("exporting a chart", () => {
  test("PNG at least 1600 px wide, not blank", async ({ page }) => {
    await page.goto("/");
    const { name, bytes } = await exportChart(page, "How customer value is spread", "PNG image");
    expect(name).toMatch(/^klantwaarde-clv-distribution-\d{4}-\d{2}-\d{2}\.png$/);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(1600);
    expect(height).toBeGreaterThan(400);
    // Decode in the browser and count distinct colours on a grid of samples: a blank image has one.
    const colours = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const seen = new Set<string>();
      for (let y = 0; y < image.height; y += 7) {
        for (let x = 0; x < image.width; x += 7) seen.add(context.getImageData(x, y, 1, 1).data.join(","));
      }
      return seen.size;
    }, bytes.toString("base64"));
    expect(colours).toBeGreaterThan(8);
  });

  test("SVG that parses and carries the title, the as-of date and the legend", async ({ page }) => {
    await page.goto("/");
    const { name, bytes } = await exportChart(page, "RFM segments", "SVG vector image");
    expect(name).toMatch(/^klantwaarde-rfm-segments-.*\.svg$/);
    const text = bytes.toString("utf8");
    const parsed = await page.evaluate((svg) => {
      const document = new DOMParser().parseFromString(svg, "image/svg+xml");
      return {
        error: document.querySelector("parsererror")?.textContent ?? null,
        title: document.querySelector("title")?.textContent ?? null,
        texts: Array.from(document.querySelectorAll("text")).map((node) => node.textContent),
        usesVariables: svg.includes("var(--"),
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.title).toBe("RFM segments");
    expect(parsed.texts).toContain("Share of predicted value");
    expect(parsed.texts.some((line) => line?.startsWith("Figures as of "))).toBe(true);
    expect(parsed.usesVariables).toBe(false);
  });

  test("CSV with the chart's data: one row per bar, the customers add up", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { customers: number };
    await page.goto("/");
    const { name, bytes } = await exportChart(page, "How customer value is spread", "CSV data");
    expect(name).toMatch(/\.csv$/);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(["Predicted CLV range", "Customers", "Predicted CLV in the range"]);
    const bars = await page.getByRole("group", { name: "How customer value is spread" }).locator(".recharts-bar-rectangle").count();
    expect(rows.length - 1).toBe(bars);
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(report.customers);
  });
});

test.describe("exporting the quadrant map", () => {
  test("PNG of the promised size with varied pixels, SVG with the title, CSV with the quadrants' counts", async ({ page }) => {
    await page.goto("/quadrants?tier=1");
    const title = "Customer value against relationship length";
    const png = await exportChart(page, title, "PNG image");
    expect(png.name).toMatch(/^klantwaarde-quadrants-\d{4}-\d{2}-\d{2}\.png$/);
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1600);
    const distinct = new Set<number>();
    // Raw PNG bytes vary a lot unless the image is one flat colour (which compresses to almost nothing).
    for (let i = 64; i < png.bytes.length; i += 97) distinct.add(png.bytes[i]!);
    expect(png.bytes.length).toBeGreaterThan(20_000);
    expect(distinct.size).toBeGreaterThan(50);

    const svg = (await exportChart(page, title, "SVG vector image")).bytes.toString("utf8");
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, "image/svg+xml");
      return { error: document.querySelector("parsererror")?.textContent ?? null, title: document.querySelector("title")?.textContent, texts: Array.from(document.querySelectorAll("text")).map((node) => node.textContent ?? "") };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.title).toBe(title);
    expect(parsed.texts.some((text) => text.startsWith("CLV tier: "))).toBe(true);

    const rows = parse((await exportChart(page, title, "CSV data")).bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows).toHaveLength(5);
    const total = Number(await page.locator("[data-total]").getAttribute("data-total"));
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(total);
    // Each row is a quadrant the chart's text alternative names with the same count.
    const caption = page.getByRole("group", { name: title }).locator("figcaption");
    for (const row of rows.slice(1)) await expect(caption).toContainText(row[0]!);
  });
});

test("the cohort chart's CSV holds every cohort's actual and predicted values", async ({ page }) => {
  await page.goto("/cohorts?period=quarter");
  const { name, bytes } = await exportChart(page, "Cumulative value per customer", "CSV data");
  expect(name).toMatch(/^klantwaarde-cohorts-quarter-.*\.csv$/);
  const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
  expect(rows[0]).toEqual(["Cohort", "Customers", "Periods since the first purchase", "Cumulative net value per customer", "Kind"]);
  const cohorts = new Set(rows.slice(1).map((row) => row[0]));
  expect(cohorts.size).toBeGreaterThan(4);
  expect(rows.slice(1).some((row) => row[4] === "predicted")).toBe(true);
  // Cumulative: within a cohort the actual values never fall by more than refunds could explain (they only add up).
  const first = rows.slice(1).filter((row) => row[0] === rows[1]![0] && row[4] !== "predicted");
  expect(first.length).toBeGreaterThan(1);
  expect(Number(first[first.length - 1]![3])).toBeGreaterThan(Number(first[0]![3]));
});
