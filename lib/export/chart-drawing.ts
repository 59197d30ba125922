/**
 * Charts that the page shows as HTML (the CLV tier x RFM heat map is a table of links, the tier bars are
 * divs) have no `<svg>` to serialise, so their image export draws them from their data instead: a
 * `ChartDrawing` is that data (already translated and formatted by the server component), and
 * `drawChart` turns it into an `<svg>` element of the same kind `serialiseChart` gives for a Recharts
 * chart, which `composeChartSvg` then frames with title, subtitle, legend and footer. Colours come in
 * resolved (hex) from the theme on screen, so light and dark exports look like the page. Pure.
 */
import { escapeXml } from "./chart-image";
import { mixOklab, textOn } from "./colour";

/** The theme colours a drawing uses (resolved CSS variables). */
export interface DrawingColours {
  text: string;
  muted: string;
  /** Empty cells and the track behind a bar. */
  track: string;
  heatLow: string;
  heatHigh: string;
}

export interface HeatMapCell {
  /** The big number of the cell (a count). */
  value: string;
  /** The smaller line under it (a money amount). */
  detail?: string;
  /** 0..1: how much of the heat colour the cell gets (see components/segments/heat.ts). */
  intensity: number;
}

export interface HeatMapTotal {
  value: string;
  detail?: string;
}

/** A grid of coloured cells with a number in each: rows and columns named, totals at the right and bottom. */
export interface HeatMapDrawing {
  kind: "heat-map";
  /** Header of the row names' column ("CLV tier"). */
  corner: string;
  columns: string[];
  /** `cells[i]` belongs to `columns[i]`; null is an empty cell. */
  rows: { label: string; cells: (HeatMapCell | null)[]; total?: HeatMapTotal }[];
  /** Header of the totals column and name of the totals row. */
  totalLabel?: string;
  columnTotals?: HeatMapTotal[];
  grandTotal?: HeatMapTotal;
  /** The colour scale under the grid: "Colour: Customers", "Fewer" ... "More". */
  scale: { label: string; low: string; high: string };
}

/** Rows of horizontal bars (shares, 0..1), each row named with a figure at its right. */
export interface BarListDrawing {
  kind: "bar-list";
  rows: { label: string; detail: string; bars: { share: number; color: string; text: string }[] }[];
}

export type ChartDrawing = HeatMapDrawing | BarListDrawing;

export interface DrawnChart {
  /** An `<svg>` element (no XML declaration) with width, height and viewBox. */
  markup: string;
  width: number;
  height: number;
}

/** Rough text width (no font metrics in pure code): generous, so that text rather fits than overflows. */
export function estimateTextWidth(text: string, size: number, bold = false): number {
  return text.length * size * (bold ? 0.6 : 0.56);
}

/** Splits a text at spaces into lines of at most `maxWidth` (a single long word stays whole). */
export function wrapText(text: string, maxWidth: number, size: number, maxLines = 3): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && estimateTextWidth(`${last} ${word}`, size) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), `${lines.slice(maxLines - 1).join(" ")}`];
  return lines.length > 0 ? lines : [""];
}

/** A text cut to `maxWidth` with an ellipsis. */
function fit(text: string, maxWidth: number, size: number, bold = false): string {
  if (estimateTextWidth(text, size, bold) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && estimateTextWidth(`${cut}…`, size, bold) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function text(x: number, y: number, content: string, attributes: Record<string, string | number>): string {
  const list = Object.entries(attributes)
    .map(([name, value]) => `${name}="${escapeXml(String(value))}"`)
    .join(" ");
  return `<text x="${round(x)}" y="${round(y)}" ${list}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string, extra = ""): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(Math.max(0, width))}" height="${round(height)}" fill="${escapeXml(fill)}"${extra}/>`;
}

const round = (value: number) => Math.round(value * 10) / 10;

function svgElement(width: number, height: number, body: string[]): DrawnChart {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return { markup: [`<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`, ...body, `</svg>`].join("\n"), width: w, height: h };
}

const GAP = 3;
const HEADER_SIZE = 12;
const VALUE_SIZE = 13;
const DETAIL_SIZE = 11;

/** The heat map as a grid of rounded cells with the count and amount in each, totals and a colour scale. */
export function drawHeatMap(drawing: HeatMapDrawing, colours: DrawingColours): DrawnChart {
  const hasDetail = drawing.rows.some((row) => row.cells.some((cell) => cell?.detail)) || Boolean(drawing.columnTotals?.some((total) => total.detail));
  const allCells = drawing.rows.flatMap((row) => row.cells.filter((cell): cell is HeatMapCell => cell !== null));
  const figures = [...allCells, ...(drawing.columnTotals ?? [])];
  const cellWidth = Math.max(
    84,
    ...figures.map((cell) => Math.max(estimateTextWidth(cell.value, VALUE_SIZE, true), estimateTextWidth(cell.detail ?? "", DETAIL_SIZE)) + 14),
  );
  const labelWidth = Math.min(220, Math.max(96, estimateTextWidth(drawing.corner, HEADER_SIZE), ...drawing.rows.map((row) => estimateTextWidth(row.label, VALUE_SIZE, true))) + 16);
  const hasTotals = Boolean(drawing.totalLabel) && drawing.rows.some((row) => row.total);
  const totalWidth = hasTotals
    ? Math.max(88, ...[...drawing.rows.map((row) => row.total), drawing.grandTotal].map((total) => (total ? Math.max(estimateTextWidth(total.value, VALUE_SIZE, true), estimateTextWidth(total.detail ?? "", DETAIL_SIZE)) + 16 : 0)))
    : 0;
  const headers = drawing.columns.map((column) => wrapText(column, cellWidth - 8, HEADER_SIZE));
  const headerLines = Math.max(1, ...headers.map((lines) => lines.length));
  const lineHeight = HEADER_SIZE + 3;
  const headerHeight = headerLines * lineHeight + 8;
  const cellHeight = hasDetail ? 44 : 30;
  const gridLeft = labelWidth;
  const columnX = (index: number) => gridLeft + index * (cellWidth + GAP);
  const gridRight = columnX(drawing.columns.length) - GAP;
  const width = gridRight + (hasTotals ? totalWidth + 6 : 0);
  const body: string[] = [];

  // Headers, bottom-aligned like the table on the page.
  body.push(text(0, headerHeight - 8, drawing.corner, { "font-size": HEADER_SIZE, fill: colours.muted }));
  headers.forEach((lines, index) => {
    const x = columnX(index) + cellWidth / 2;
    lines.forEach((line, lineIndex) => {
      const y = headerHeight - 8 - (lines.length - 1 - lineIndex) * lineHeight;
      body.push(text(x, y, line, { "font-size": HEADER_SIZE, "font-weight": 600, "text-anchor": "middle", fill: colours.text }));
    });
  });
  if (hasTotals) body.push(text(width, headerHeight - 8, drawing.totalLabel!, { "font-size": HEADER_SIZE, "text-anchor": "end", fill: colours.muted }));

  const figure = (x: number, y: number, value: string, detail: string | undefined, fill: string, anchor: "middle" | "end", detailFill = fill) => {
    const top = detail ? y + cellHeight / 2 - 3 : y + cellHeight / 2 + VALUE_SIZE * 0.36;
    body.push(text(x, top, value, { "font-size": VALUE_SIZE, "font-weight": 600, "text-anchor": anchor, fill }));
    if (detail) body.push(text(x, top + DETAIL_SIZE + 4, detail, { "font-size": DETAIL_SIZE, "text-anchor": anchor, fill: detailFill }));
  };

  let y = headerHeight;
  for (const row of drawing.rows) {
    body.push(text(0, y + cellHeight / 2 + VALUE_SIZE * 0.36, fit(row.label, labelWidth - 12, VALUE_SIZE, true), { "font-size": VALUE_SIZE, "font-weight": 600, fill: colours.text }));
    row.cells.forEach((cell, index) => {
      const x = columnX(index);
      if (!cell) {
        body.push(rect(x, y, cellWidth, cellHeight, colours.track, ' rx="5"'));
        body.push(text(x + cellWidth / 2, y + cellHeight / 2 + VALUE_SIZE * 0.36, "–", { "font-size": VALUE_SIZE, "text-anchor": "middle", fill: colours.muted }));
        return;
      }
      const fill = mixOklab(colours.heatLow, colours.heatHigh, cell.intensity);
      body.push(rect(x, y, cellWidth, cellHeight, fill, ' rx="5"'));
      figure(x + cellWidth / 2, y, cell.value, cell.detail, textOn(fill), "middle");
    });
    if (hasTotals && row.total) figure(width, y, row.total.value, row.total.detail, colours.text, "end", colours.muted);
    y += cellHeight + GAP;
  }

  if (drawing.columnTotals && drawing.totalLabel) {
    body.push(`<line x1="0" x2="${round(width)}" y1="${round(y + 2)}" y2="${round(y + 2)}" stroke="${escapeXml(colours.track)}" stroke-width="1.5"/>`);
    y += 6;
    body.push(text(0, y + cellHeight / 2 + VALUE_SIZE * 0.36, drawing.totalLabel, { "font-size": VALUE_SIZE, "font-weight": 600, fill: colours.muted }));
    drawing.columnTotals.forEach((total, index) => figure(columnX(index) + cellWidth / 2, y, total.value, total.detail, colours.text, "middle", colours.muted));
    if (hasTotals && drawing.grandTotal) figure(width, y, drawing.grandTotal.value, drawing.grandTotal.detail, colours.text, "end", colours.muted);
    y += cellHeight;
  }

  // The colour scale: five steps from the lightest to the strongest cell colour.
  y += 18;
  let x = 0;
  body.push(text(x, y + 11, drawing.scale.label, { "font-size": HEADER_SIZE, fill: colours.muted }));
  x += estimateTextWidth(drawing.scale.label, HEADER_SIZE) + 12;
  body.push(text(x, y + 11, drawing.scale.low, { "font-size": HEADER_SIZE, fill: colours.muted }));
  x += estimateTextWidth(drawing.scale.low, HEADER_SIZE) + 8;
  for (const step of [0.2, 0.4, 0.6, 0.8, 1]) {
    body.push(rect(x, y, 26, 14, mixOklab(colours.heatLow, colours.heatHigh, step), ' rx="3"'));
    x += 28;
  }
  body.push(text(x + 6, y + 11, drawing.scale.high, { "font-size": HEADER_SIZE, fill: colours.muted }));
  return svgElement(Math.max(width, x + 6 + estimateTextWidth(drawing.scale.high, HEADER_SIZE)), y + 18, body);
}

const BAR_WIDTH = 760;
const BAR_TEXT = 210;

/** Horizontal share bars, grouped per row: the row's name and figure above, each bar with its share in words. */
export function drawBarList(drawing: BarListDrawing, colours: DrawingColours): DrawnChart {
  const body: string[] = [];
  const track = BAR_WIDTH - BAR_TEXT - 12;
  let y = 0;
  for (const row of drawing.rows) {
    y += 16;
    const detailWidth = estimateTextWidth(row.detail, 12);
    body.push(text(0, y, fit(row.label, BAR_WIDTH - detailWidth - 24, 14, true), { "font-size": 14, "font-weight": 600, fill: colours.text }));
    body.push(text(BAR_WIDTH, y, row.detail, { "font-size": 12, "text-anchor": "end", fill: colours.muted }));
    y += 8;
    for (const bar of row.bars) {
      const share = Math.min(1, Math.max(0, bar.share));
      body.push(rect(0, y, track, 11, colours.track, ' rx="5.5"'));
      if (share > 0) body.push(rect(0, y, Math.max(share * track, 3), 11, bar.color, ' rx="5.5"'));
      body.push(text(track + 12, y + 10, bar.text, { "font-size": 12, fill: colours.muted }));
      y += 18;
    }
    y += 12;
  }
  return svgElement(BAR_WIDTH, y, body);
}

/** The drawing as an `<svg>` element; `resolve` turns CSS variables in the data (bar colours) into colours. */
export function drawChart(drawing: ChartDrawing, colours: DrawingColours, resolve: (colour: string) => string = (colour) => colour): DrawnChart {
  if (drawing.kind === "heat-map") return drawHeatMap(drawing, colours);
  return drawBarList({ ...drawing, rows: drawing.rows.map((row) => ({ ...row, bars: row.bars.map((bar) => ({ ...bar, color: resolve(bar.color) })) })) }, colours);
}
