import { describe, expect, test } from "vitest";
import { drawChart, wrapText, type HeatMapDrawing } from "./chart-drawing";
import { composeChartSvg } from "./chart-image";

const colours = { text: "#1c1f23", muted: "#5b6470", track: "#eef0f2", heatLow: "#eef4fb", heatHigh: "#0b5cad" };

const heatMap: HeatMapDrawing = {
  kind: "heat-map",
  corner: "CLV tier",
  columns: ["Champions", "Can't lose them", "Potential loyalists"],
  rows: [
    { label: "Very profitable", cells: [{ value: "120", detail: "€ 45K", intensity: 1 }, null, { value: "3", detail: "€ 1K", intensity: 0.16 }], total: { value: "123", detail: "€ 46K" } },
    { label: "Profitable <b>", cells: [{ value: "7", intensity: 0.24 }, { value: "1", intensity: 0.09 }, null], total: { value: "8" } },
  ],
  totalLabel: "Total",
  columnTotals: [{ value: "127" }, { value: "1" }, { value: "3" }],
  grandTotal: { value: "131" },
  scale: { label: "Colour: Customers", low: "Fewer", high: "More" },
};

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe("drawings of HTML charts", () => {
  test("wraps column headers at spaces", () => {
    expect(wrapText("Can't lose them", 64, 12)).toEqual(["Can't", "lose them"]);
    expect(wrapText("Champions", 20, 12)).toEqual(["Champions"]);
    expect(wrapText("a b c d e", 1, 12, 3)).toEqual(["a", "b", "c d e"]);
  });

  test("the heat map has every figure, escaped names, plain colours and the colour scale", () => {
    const { markup, width, height } = drawChart(heatMap, colours);
    expect(markup.startsWith("<svg ")).toBe(true);
    expect(markup).toContain(`width="${width}" height="${height}"`);
    const words = texts(markup);
    for (const expected of ["CLV tier", "Champions", "Can&apos;t lose", "them", "120", "€ 45K", "123", "127", "131", "Total", "Fewer", "More", "Colour: Customers", "–"]) {
      expect(words).toContain(expected);
    }
    expect(words).toContain("Profitable &lt;b&gt;");
    expect(markup).not.toContain("var(");
    expect(markup).not.toContain("color-mix");
    // The strongest cell is the theme's heat colour with white text; a pale one has black text.
    expect(markup).toContain('fill="#0b5cad"');
    expect(markup).toMatch(/<text[^>]*fill="#ffffff"[^>]*>120</);
    expect(markup).toMatch(/<text[^>]*fill="#000000"[^>]*>3</);
    expect(width).toBeGreaterThan(3 * 84);
  });

  test("bars: one track and one fill per share, colours resolved, shares clamped", () => {
    const { markup, width } = drawChart(
      {
        kind: "bar-list",
        rows: [
          { label: "Tier 1", detail: "300 · € 90,000", bars: [{ share: 0.2, color: "var(--chart-8)", text: "20% of customers" }, { share: 1.4, color: "var(--chart-1)", text: "140%" }] },
          { label: "Tier 2", detail: "1,200 · € 10,000", bars: [{ share: 0, color: "var(--chart-8)", text: "0%" }] },
        ],
      },
      colours,
      (colour) => (colour === "var(--chart-1)" ? "#0072b2" : "#6e7781"),
    );
    expect(width).toBe(760);
    expect(markup).not.toContain("var(");
    expect(texts(markup)).toEqual(expect.arrayContaining(["Tier 1", "300 · € 90,000", "20% of customers", "Tier 2"]));
    const track = 760 - 210 - 12;
    expect(markup).toContain(`width="${track}" height="11" fill="#0072b2"`);
    expect(markup).toContain(`width="${(0.2 * track).toFixed(1).replace(/\.0$/, "")}" height="11" fill="#6e7781"`);
    // No fill bar for a zero share: 3 tracks and 2 fills.
    expect(markup.match(/height="11"/g)).toHaveLength(5);
  });

  test("a drawing composes into one SVG document like a chart from the page", () => {
    const drawn = drawChart(heatMap, colours);
    const { svg } = composeChartSvg({
      chartSvg: drawn.markup,
      chartWidth: drawn.width,
      chartHeight: drawn.height,
      title: "CLV tier × RFM segment",
      subtitle: ["Channel: Webshop", "Figures as of 30 Jun 2026"],
      legend: [],
      footer: "Klantwaarde · exported 23 Nov 2026",
      colors: { background: "#ffffff", text: "#1c1f23", muted: "#5b6470" },
      fontFamily: "system-ui",
    });
    expect(svg.match(/<svg\b/g)).toHaveLength(2);
    expect(svg.match(/<\/svg>/g)).toHaveLength(2);
    expect(svg).toContain("<title>CLV tier × RFM segment</title>");
  });
});
