import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { formatCount } from "../lib/format";

/**
 * Export on the cards whose chart is HTML (the CLV tier x RFM heat map, the tier bars): the PNG and SVG are
 * drawn from the card's data, the CSV holds it. Also the CSVs of the customer page's charts, the Dutch and
 * dark-theme exports, and the quadrant map on the presentation's quadrant slide.
 */

const CROSS_TABLE = "CLV tier × RFM segment";
const TIERS = "CLV tiers";

const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`);

function query<T>(sql: string): T[] {
  const database = new Database(path.join(databaseFolder, "seeded.db"), { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

const CHOICES = {
  en: { button: (title: string) => `Export “${title}”`, png: "PNG image", svg: "SVG vector image", csv: "CSV data" },
  nl: { button: (title: string) => `“${title}” exporteren`, png: "PNG-afbeelding", svg: "SVG-vectorafbeelding", csv: "CSV-gegevens" },
};

async function exportCard(page: Page, title: string, kind: "png" | "svg" | "csv", language: "en" | "nl" = "en") {
  const card = page.getByRole("group", { name: title, exact: true });
  await card.getByRole("button", { name: CHOICES[language].button(title) }).click();
  const downloading = page.waitForEvent("download");
  await card.getByRole("menuitem", { name: CHOICES[language][kind] }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

/** Width and height from the PNG header, and what the decoded image holds (decoded by the browser). */
async function inspectPng(page: Page, bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  const pixels = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    const at = (x: number, y: number) => Array.from(data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
    const colours = new Set<string>();
    let light = 0;
    let dark = 0;
    for (let y = 0; y < image.height; y += 5) {
      for (let x = 0; x < image.width; x += 5) {
        const [r, g, b] = at(x, y) as [number, number, number];
        colours.add(`${r},${g},${b}`);
        const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        if (luminance > 200) light += 1;
        if (luminance < 60) dark += 1;
      }
    }
    return { width: image.width, height: image.height, corner: at(2, 2), colours: colours.size, light, dark, samples: Math.ceil(image.width / 5) * Math.ceil(image.height / 5) };
  }, bytes.toString("base64"));
  expect(bytes.readUInt32BE(16)).toBe(pixels.width);
  return pixels;
}

async function parseSvg(page: Page, bytes: Buffer) {
  return page.evaluate((svg) => {
    const document = new DOMParser().parseFromString(svg, "image/svg+xml");
    return {
      error: document.querySelector("parsererror")?.textContent ?? null,
      title: document.querySelector("title")?.textContent ?? null,
      background: document.querySelector("svg > rect")?.getAttribute("fill") ?? null,
      titleFill: document.querySelector("svg > text")?.getAttribute("fill") ?? null,
      texts: Array.from(document.querySelectorAll("text")).map((node) => node.textContent ?? ""),
      usesCss: svg.includes("var(--") || svg.includes("color-mix"),
    };
  }, bytes.toString("utf8"));
}

/** The counts the heat map shows, cell by cell (tiers in rows, RFM segments in columns, in page order). */
async function pageCellCounts(page: Page): Promise<number[]> {
  return page.locator("[data-cross-table] [data-cell]").evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-count"))));
}

test.describe("export of the CLV tier x RFM heat map", () => {
  test("PNG at least 1600 px wide and not blank, SVG with the title and every count, CSV with the counts the page shows", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { customers: number };
    await page.goto("/segments");

    const png = await exportCard(page, CROSS_TABLE, "png");
    expect(png.name).toMatch(/^klantwaarde-clv-tiers-rfm-\d{4}-\d{2}-\d{2}\.png$/);
    const image = await inspectPng(page, png.bytes);
    expect(image.width).toBeGreaterThanOrEqual(1600);
    expect(image.height).toBeGreaterThan(300);
    expect(image.colours).toBeGreaterThan(20);
    expect(image.corner.slice(0, 3)).toEqual([255, 255, 255]);

    const svg = await parseSvg(page, (await exportCard(page, CROSS_TABLE, "svg")).bytes);
    expect(svg.error).toBeNull();
    expect(svg.title).toBe(CROSS_TABLE);
    expect(svg.usesCss).toBe(false);
    expect(svg.texts.some((text) => text.startsWith("Figures as of "))).toBe(true);
    expect(svg.texts).toContain("Champions");
    expect(svg.texts).toContain(formatCount(report.customers));
    const counts = await pageCellCounts(page);
    for (const count of counts.filter((value) => value > 0)) expect(svg.texts).toContain(formatCount(count));

    const csv = await exportCard(page, CROSS_TABLE, "csv");
    expect(csv.name).toMatch(/^klantwaarde-clv-tiers-rfm-.*\.csv$/);
    const rows = parse(csv.bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(["CLV tier", "RFM segment", "Customers", "Predicted CLV"]);
    expect(rows.slice(1).map((row) => Number(row[2]))).toEqual(counts);
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[2]), 0)).toBe(report.customers);
    // The row totals on the page are the CSV's counts per tier.
    const tierNames = [...new Set(rows.slice(1).map((row) => row[0]!))];
    for (const [index, name] of tierNames.entries()) {
      const sum = rows.slice(1).filter((row) => row[0] === name).reduce((total, row) => total + Number(row[2]), 0);
      await expect(page.locator(`[data-row-total="${index + 1}"]`)).toContainText(formatCount(sum));
    }
  });

  test("follows the filters: the subtitle names them and the counts are the filtered ones", async ({ page }) => {
    await page.goto("/segments?country=BE");
    await expect(page.locator("[data-cross-table]")).toBeVisible();
    const counts = await pageCellCounts(page);
    const rows = parse((await exportCard(page, CROSS_TABLE, "csv")).bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows.slice(1).map((row) => Number(row[2]))).toEqual(counts);
    const [belgium] = query<{ customers: number }>(
      `SELECT count(*) AS customers FROM customer_scores cs JOIN customers c ON c.id = cs.customer_id
       WHERE c.country = 'BE' AND cs.snapshot_id = (SELECT max(id) FROM snapshots)`,
    );
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[2]), 0)).toBe(belgium!.customers);
    const svg = await parseSvg(page, (await exportCard(page, CROSS_TABLE, "svg")).bytes);
    expect(svg.texts).toContain("Country: BE");
  });
});

test.describe("export of the CLV tier bars", () => {
  test("PNG, SVG and CSV with the tiers the overview shows", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { customers: number; tiers: { name: string; customers: number }[] };
    await page.goto("/");
    const png = await exportCard(page, TIERS, "png");
    expect(png.name).toMatch(/^klantwaarde-clv-tiers-\d{4}-\d{2}-\d{2}\.png$/);
    const image = await inspectPng(page, png.bytes);
    expect(image.width).toBeGreaterThanOrEqual(1600);
    expect(image.colours).toBeGreaterThan(12);

    const svg = await parseSvg(page, (await exportCard(page, TIERS, "svg")).bytes);
    expect(svg.error).toBeNull();
    expect(svg.title).toBe(TIERS);
    expect(svg.usesCss).toBe(false);
    for (const tier of report.tiers) expect(svg.texts).toContain(tier.name);
    expect(svg.texts).toContain("Share of customers");

    const rows = parse((await exportCard(page, TIERS, "csv")).bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(["CLV tier", "Customers", "Share of customers", "Predicted CLV", "Value share"]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(report.tiers.map((tier) => tier.name));
    const shown = await page.locator("[data-section=tiers] [data-tier]").evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-customers"))));
    expect(rows.slice(1).map((row) => Number(row[1]))).toEqual(shown);
    for (const [index, row] of rows.slice(1).entries()) {
      await expect(page.locator(`[data-section=tiers] [data-tier="${index + 1}"]`)).toContainText(formatCount(Number(row[1])));
    }
    expect(shown.reduce((sum, count) => sum + count, 0)).toBe(report.customers);
  });
});

test.describe("exports in Dutch", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: baseURL! }]);
  });

  test("the heat map's CSV uses ; and decimal commas, its SVG has the Dutch title and names", async ({ page }) => {
    await page.goto("/segments");
    const title = "CLV-klasse × RFM-segment";
    const csv = (await exportCard(page, title, "csv", "nl")).bytes.toString("utf8");
    const rows = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["CLV-klasse", "RFM-segment", "Klanten", "Voorspelde CLV"]);
    expect(rows.slice(1).map((row) => Number(row[2]))).toEqual(await pageCellCounts(page));
    // Amounts with cents are written with a decimal comma and no thousands separator.
    expect(rows.slice(1).some((row) => /^\d+,\d{1,2}$/.test(row[3]!))).toBe(true);
    expect(rows.slice(1).every((row) => !row[3]!.includes("."))).toBe(true);
    expect(rows.slice(1).map((row) => row[1])).toContain("Kampioenen");

    const svg = await parseSvg(page, (await exportCard(page, title, "svg", "nl")).bytes);
    expect(svg.error).toBeNull();
    expect(svg.title).toBe(title);
    expect(svg.texts).toContain("Kampioenen");
    expect(svg.texts.some((text) => text.startsWith("Cijfers per "))).toBe(true);
    expect(svg.texts.some((text) => text.startsWith("Klantwaarde · geëxporteerd op "))).toBe(true);

    const png = await exportCard(page, title, "png", "nl");
    expect((await inspectPng(page, png.bytes)).width).toBeGreaterThanOrEqual(1600);
  });

  test("the tier bars' CSV and SVG are Dutch", async ({ page }) => {
    await page.goto("/");
    const title = "CLV-klassen";
    const rows = parse((await exportCard(page, title, "csv", "nl")).bytes.toString("utf8"), { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["CLV-klasse", "Klanten", "Aandeel klanten", "Voorspelde CLV", "Aandeel in waarde"]);
    expect(rows.slice(1).every((row) => /^0(,\d+)?$|^1$/.test(row[2]!))).toBe(true);
    const svg = await parseSvg(page, (await exportCard(page, title, "svg", "nl")).bytes);
    expect(svg.title).toBe(title);
    expect(svg.texts.some((text) => / van de klanten$/.test(text))).toBe(true);
  });
});

test.describe("exports in the dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("the PNG has the dark card colour as background and light, readable text; the SVG carries the dark colours", async ({ page }) => {
    await page.goto("/segments");
    const card = await page.locator("[data-chart=cross-table]").evaluate((element) => {
      const styles = getComputedStyle(element);
      return { background: styles.getPropertyValue("--card").trim(), text: styles.getPropertyValue("--card-foreground").trim() };
    });
    expect(card.background).toBe("#1b1e22");
    const image = await inspectPng(page, (await exportCard(page, CROSS_TABLE, "png")).bytes);
    expect(image.corner.slice(0, 3)).toEqual([0x1b, 0x1e, 0x22]);
    // Mostly dark, with light text on it (the title, names and figures).
    expect(image.dark / image.samples).toBeGreaterThan(0.5);
    expect(image.light).toBeGreaterThan(200);

    const svg = await parseSvg(page, (await exportCard(page, CROSS_TABLE, "svg")).bytes);
    expect(svg.background).toBe(card.background);
    expect(svg.titleFill).toBe(card.text);

    await page.goto("/");
    const bars = await inspectPng(page, (await exportCard(page, TIERS, "png")).bytes);
    expect(bars.corner.slice(0, 3)).toEqual([0x1b, 0x1e, 0x22]);
    expect(bars.light).toBeGreaterThan(100);
  });
});

test.describe("the customer page's chart data", () => {
  test("the purchase timeline's CSV has every purchase and refund day the chart draws, P(alive)'s every point", async ({ page }) => {
    // A customer with purchases on several days and at least one refund.
    const [customer] = query<{ id: number }>(
      `SELECT customer_id AS id FROM transactions GROUP BY customer_id
       HAVING SUM(revenue_cents < 0) > 0 AND COUNT(DISTINCT purchase_date) >= 3 ORDER BY customer_id LIMIT 1`,
    );
    expect(customer).toBeDefined();
    const days = query<{ date: string; refund: number }>(
      `SELECT DISTINCT purchase_date AS date, revenue_cents < 0 AS refund FROM transactions WHERE customer_id = ${customer!.id} ORDER BY date, refund`,
    );
    await page.goto(`/customers/${customer!.id}`);
    const timeline = await exportCard(page, "Purchase timeline", "csv");
    expect(timeline.name).toMatch(/^klantwaarde-purchase-timeline-.*\.csv$/);
    const rows = parse(timeline.bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(["Date", "Kind", "Orders", "Amount", "Cumulative net value"]);
    expect(rows.slice(1).map((row) => `${row[0]} ${row[1]}`)).toEqual(days.map((day) => `${day.date} ${day.refund ? "Refund" : "Purchase"}`));
    const chart = page.getByRole("group", { name: "Purchase timeline" });
    await expect(chart.locator(".timeline-purchases .recharts-scatter-symbol, .timeline-refunds .recharts-scatter-symbol")).toHaveCount(rows.length - 1);

    const alive = parse((await exportCard(page, "P(alive) over time", "csv")).bytes.toString("utf8"), { bom: true }) as string[][];
    expect(alive[0]).toEqual(["Date", "P(alive)", "Purchase on this day"]);
    expect(alive.slice(1).every((row) => Number(row[1]) >= 0 && Number(row[1]) <= 1)).toBe(true);
    const purchaseDays = alive.slice(1).filter((row) => row[2] === "yes").length;
    expect(purchaseDays).toBeGreaterThan(1);
    await expect(page.getByRole("group", { name: "P(alive) over time" }).locator(".alive-purchases .recharts-scatter-symbol")).toHaveCount(purchaseDays);
  });
});

test.describe("the presentation's quadrant slide", () => {
  test("shows the quadrant map with the quadrants' names in its corners, the tactics stay in the notes, no customer names are sent", async ({ page, request }) => {
    const report = (await (await request.get("/api/snapshots/current")).json()) as { snapshotId: number; quadrants: { name: string; tactic: string }[] };
    await page.goto(`/present?snapshot=${report.snapshotId}&slide=3`);
    const slide = page.locator('[data-slide="quadrants"]');
    await expect(slide).toBeVisible();
    const map = slide.locator("[data-quadrant-map]");
    await expect(map.locator("svg path[data-series]").first()).toBeAttached();
    expect(Number(await map.getAttribute("data-points"))).toBeGreaterThan(100);
    for (const quadrant of report.quadrants) await expect(slide.locator("[data-corner]").filter({ hasText: quadrant.name })).toHaveCount(1);
    // Larger than on /quadrants: the map is scaled up on the stage.
    const box = (await map.boundingBox())!;
    const stage = (await slide.boundingBox())!;
    expect(box.width / stage.width).toBeGreaterThan(0.85);
    await expect(async () => {
      if (!(await page.locator("[data-speaker-notes]").isVisible())) await page.keyboard.press("n");
      await expect(page.locator("[data-speaker-notes]")).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.locator("[data-speaker-notes]")).toContainText(report.quadrants[0]!.tactic.slice(0, 40));
    // The points carry no names (the page's data holds none of the customers' names).
    const names = query<{ name: string }>("SELECT name FROM customers WHERE name IS NOT NULL AND length(name) > 6 ORDER BY id LIMIT 40").map((row) => row.name);
    const html = await page.content();
    for (const name of names) expect(html).not.toContain(name);
  });
});
