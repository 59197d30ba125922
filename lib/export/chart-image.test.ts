import { describe, expect, test } from "vitest";
import { chartCsv, composeChartSvg, escapeXml, exportFileName, pngScale } from "./chart-image";

describe("chart exports", () => {
  test("file names say what and when", () => {
    expect(exportFileName("Quadrants", "png", "2026-11-23")).toBe("klantwaarde-quadrants-2026-11-23.png");
    expect(exportFileName("CLV × RFM: Kampioenen (één)", "csv", "2026-11-23")).toBe("klantwaarde-clv-rfm-kampioenen-een-2026-11-23.csv");
    expect(exportFileName("///", "svg", "2026-11-23")).toBe("klantwaarde-chart-2026-11-23.svg");
  });

  test("the CSV holds the chart's rows, formula-escaped, with a byte-order mark", () => {
    const csv = chartCsv({ columns: ["segment", "customers"], rows: [["=HYPERLINK(1)", 12], ["Champions", -3.5]] });
    expect(csv).toBe("\uFEFFsegment,customers\r\n'=HYPERLINK(1),12\r\nChampions,-3.5\r\n");
  });

  test("the SVG document parses, carries title, subtitle, legend and footer, and escapes text", () => {
    const { svg, width, height } = composeChartSvg({
      chartSvg: '<svg width="800" height="300"><rect width="10" height="10" fill="#0072b2"/></svg>',
      chartWidth: 800,
      chartHeight: 300,
      title: "Quadrants <img src=x onerror=alert(1)>",
      subtitle: ["Channel: Webshop", "As of 30 Jun 2026"],
      legend: [{ label: "Very profitable", color: "#0072b2" }],
      footer: "Klantwaarde · 23 Nov 2026",
      colors: { background: "#ffffff", text: "#1c1f23", muted: "#5b6470" },
      fontFamily: "system-ui",
    });
    expect(width).toBe(864);
    expect(height).toBeGreaterThan(300);
    expect(svg).toContain("Quadrants &lt;img src=x onerror=alert(1)&gt;");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("As of 30 Jun 2026");
    expect(svg).toContain("Very profitable");
    expect(svg).toContain('<svg x="32" y="');
    // Balanced: one outer and one nested svg element.
    expect(svg.match(/<svg\b/g)).toHaveLength(2);
    expect(svg.match(/<\/svg>/g)).toHaveLength(2);
  });

  test("escapeXml and PNG scale", () => {
    expect(escapeXml(`a&b<"c">'`)).toBe("a&amp;b&lt;&quot;c&quot;&gt;&apos;");
    expect(pngScale(1200)).toBe(2);
    expect(pngScale(500) * 500).toBe(1600);
  });
});

test("the Dutch CSV uses ; and a decimal comma", () => {
  const csv = chartCsv({ columns: ["Segment", "Klanten", "Aandeel"], rows: [["Kampioenen; top", 12, 0.25], ["+31 6", 3, -1.5]] }, "nl-NL");
  expect(csv).toBe("\uFEFFSegment;Klanten;Aandeel\r\n\"Kampioenen; top\";12;0,25\r\n'+31 6;3;-1,5\r\n");
  expect(chartCsv({ columns: ["a"], rows: [[0.5]] }, "en-GB")).toBe("\uFEFFa\r\n0.5\r\n");
});
