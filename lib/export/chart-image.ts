/**
 * Chart exports for reports and slides: the file name, the CSV of the data a chart draws, and one SVG
 * document that holds the chart with its title, a subtitle (active filters, the snapshot's as-of date),
 * the legend and a footer. Pure string building, so it is tested without a browser; the browser side
 * (components/charts/chart-export-menu.tsx) serialises the chart's own SVG and draws PNGs from the result.
 */
import { formatCsv, type CsvCell } from "@/lib/import/read/csv-writer";

/** The data behind a chart, as a table: what the CSV export holds. */
export interface ChartTable {
  columns: string[];
  rows: CsvCell[][];
}

export interface ChartImageParts {
  /** The chart's own `<svg>` serialised (CSS variables already resolved to colours). */
  chartSvg: string;
  chartWidth: number;
  chartHeight: number;
  title: string;
  /** Lines under the title: active filters, the as-of date. */
  subtitle: string[];
  legend: { label: string; color: string }[];
  footer: string;
  colors: { background: string; text: string; muted: string };
  fontFamily: string;
}

const PADDING = 32;
const TITLE_SIZE = 22;
const SUBTITLE_SIZE = 13;
const LINE = 1.45;

/** `klantwaarde-quadrants-2026-11-23.png`: product, what, date (ISO), extension. */
export function exportFileName(name: string, extension: "png" | "svg" | "csv", isoDate: string): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "chart";
  return `klantwaarde-${slug}-${isoDate}.${extension}`;
}

/**
 * The chart's data as CSV: UTF-8 with a byte-order mark (Excel), formula-escaped text cells. In Dutch
 * (`locale` nl-...) the file is what a Dutch Excel opens by double-click: `;` between cells and a decimal
 * comma, as the customer list's export does.
 */
export function chartCsv(table: ChartTable, locale = "en"): string {
  const dutch = locale.toLowerCase().startsWith("nl");
  return formatCsv([table.columns, ...table.rows], { bom: true, ...(dutch ? { delimiter: ";", decimal: "," } : {}) });
}

/** Text for XML: &, <, >, " and ' escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[character]!);
}

/** Rough text width for laying out legend entries (no font metrics in pure code). */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

/**
 * One standalone SVG document: background, title, subtitle lines, legend, the chart, footer. The chart
 * is nested as an `<svg>` element at its own size, so what the browser drew is what the file holds.
 */
export function composeChartSvg(parts: ChartImageParts): { svg: string; width: number; height: number } {
  const width = Math.max(parts.chartWidth + 2 * PADDING, 640);
  const lines: string[] = [];
  let y = PADDING + TITLE_SIZE;
  lines.push(`<text x="${PADDING}" y="${y}" font-size="${TITLE_SIZE}" font-weight="600" fill="${escapeXml(parts.colors.text)}">${escapeXml(parts.title)}</text>`);
  for (const line of parts.subtitle.filter(Boolean)) {
    y += SUBTITLE_SIZE * LINE;
    lines.push(`<text x="${PADDING}" y="${y}" font-size="${SUBTITLE_SIZE}" fill="${escapeXml(parts.colors.muted)}">${escapeXml(line)}</text>`);
  }
  // Legend: swatches and labels in rows that wrap at the image width.
  if (parts.legend.length > 0) {
    y += SUBTITLE_SIZE * LINE + 6;
    let x = PADDING;
    for (const entry of parts.legend) {
      const entryWidth = 16 + textWidth(entry.label, 12) + 20;
      if (x + entryWidth > width - PADDING && x > PADDING) {
        x = PADDING;
        y += 20;
      }
      lines.push(`<rect x="${x}" y="${y - 10}" width="11" height="11" rx="2" fill="${escapeXml(entry.color)}"/>`);
      lines.push(`<text x="${x + 16}" y="${y}" font-size="12" fill="${escapeXml(parts.colors.muted)}">${escapeXml(entry.label)}</text>`);
      x += entryWidth;
    }
  }
  const chartTop = y + 16;
  const footerY = chartTop + parts.chartHeight + 28;
  const height = Math.ceil(footerY + PADDING / 2);
  const chart = parts.chartSvg.replace(/^<svg\b/, `<svg x="${PADDING}" y="${chartTop}"`);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(parts.fontFamily)}">`,
    `<title>${escapeXml(parts.title)}</title>`,
    `<rect width="100%" height="100%" fill="${escapeXml(parts.colors.background)}"/>`,
    ...lines,
    chart,
    `<text x="${PADDING}" y="${footerY}" font-size="11" fill="${escapeXml(parts.colors.muted)}">${escapeXml(parts.footer)}</text>`,
    `</svg>`,
  ].join("\n");
  return { svg, width, height };
}

/** The scale for a PNG: twice the screen size, and at least `minWidth` pixels wide. */
export function pngScale(width: number, minWidth = 1600): number {
  return Math.max(2, minWidth / Math.max(width, 1));
}
