"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { drawChart, type ChartDrawing } from "@/lib/export/chart-drawing";
import { chartCsv, composeChartSvg, exportFileName, pngScale, type ChartTable } from "@/lib/export/chart-image";
import { formatDate } from "@/lib/format";
import { FORMAT_LOCALES } from "@/lib/i18n/config";

export interface ChartExportOptions {
  /** What the file is called after `klantwaarde-`: "quadrants" gives klantwaarde-quadrants-2026-11-23.png. */
  name: string;
  /** The data the chart draws, for the CSV (no CSV choice without it). */
  table?: ChartTable;
  /** Active filters, in words, for the image's subtitle. */
  filters?: string;
  /** The snapshot's as-of date (ISO) for the subtitle. */
  asOfDate?: string;
  /** The legend of the image when the chart draws its own (instead of the card's legend). */
  legend?: { label: string; color: string }[];
  /**
   * For a chart the page shows as HTML (no `<svg>`): its data as a drawing, from which the PNG and SVG are
   * drawn (lib/export/chart-drawing.ts). Without it the card's own `<svg>` is exported.
   */
  drawing?: ChartDrawing;
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Replaces var(--name) in a text by the value of that CSS variable where the chart is drawn. */
function resolveVariables(text: string, styles: CSSStyleDeclaration): string {
  return text.replace(/var\((--[\w-]+)(?:,[^)]*)?\)/g, (_, name: string) => styles.getPropertyValue(name).trim() || "currentColor");
}

/** The chart's SVG with every CSS variable and inherited text style written into the elements. */
function serialiseChart(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const styles = getComputedStyle(svg);
  clone.setAttribute("width", String(Math.round(box.width)));
  clone.setAttribute("height", String(Math.round(box.height)));
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${Math.round(box.width)} ${Math.round(box.height)}`);
  clone.removeAttribute("style");
  const originals = svg.querySelectorAll("*");
  clone.querySelectorAll("*").forEach((element, index) => {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.value.includes("var(")) element.setAttribute(attribute.name, resolveVariables(attribute.value, styles));
    }
    if (element.tagName.toLowerCase() === "text") {
      const computed = getComputedStyle(originals[index]!);
      element.setAttribute("font-size", computed.fontSize);
      if (!element.getAttribute("fill") || element.getAttribute("fill") === "currentColor") element.setAttribute("fill", computed.fill || computed.color);
    }
  });
  return { markup: new XMLSerializer().serializeToString(clone), width: box.width, height: box.height };
}

async function svgToPng(svg: string, width: number, height: number, background: string): Promise<Blob> {
  const scale = pngScale(width);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d")!;
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The "Export" button of a chart card: PNG (twice the screen size, at least 1600 px wide), SVG (vector,
 * opens in an editor) and CSV (the chart's data). Images carry the title, the filters, the as-of date, the
 * legend and a footer, in the colours of the theme on screen.
 */
export function ChartExportMenu({ chartId, title, legend, options }: { chartId: string; title: string; legend: { label: string; color: string }[]; options: ChartExportOptions }) {
  const t = useTranslations("chartExport");
  const locale = FORMAT_LOCALES[useLocale()];
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const today = new Date().toISOString().slice(0, 10);

  function image(): { svg: string; width: number; height: number; background: string } {
    const figure = document.querySelector<HTMLElement>(`[data-chart="${CSS.escape(chartId)}"]`);
    const chart = figure?.querySelector<SVGSVGElement>("svg[data-export-chart]") ?? figure?.querySelector<SVGSVGElement>("svg.recharts-surface");
    if (!figure || (!chart && !options.drawing)) throw new Error("no chart on the page");
    const styles = getComputedStyle(figure);
    const colour = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    const background = colour("--card", "#ffffff");
    const serialised = options.drawing
      ? drawChart(
          options.drawing,
          {
            text: colour("--card-foreground", "#1c1f23"),
            muted: colour("--muted-foreground", "#5b6470"),
            track: colour("--muted", "#eef0f2"),
            heatLow: colour("--heat-low", "#eef4fb"),
            heatHigh: colour("--heat-high", "#0b5cad"),
          },
          (value) => resolveVariables(value, styles),
        )
      : serialiseChart(chart!);
    const composed = composeChartSvg({
      chartSvg: serialised.markup,
      chartWidth: serialised.width,
      chartHeight: serialised.height,
      title,
      subtitle: [options.filters ?? "", options.asOfDate ? t("asOf", { date: formatDate(options.asOfDate, locale) }) : ""],
      legend: (options.legend ?? legend).map((entry) => ({ label: entry.label, color: resolveVariables(entry.color, styles) })),
      footer: t("footer", { date: formatDate(today, locale) }),
      colors: { background, text: colour("--card-foreground", "#1c1f23"), muted: colour("--muted-foreground", "#5b6470") },
      fontFamily: styles.fontFamily || "system-ui, sans-serif",
    });
    return { ...composed, background };
  }

  async function run(kind: "png" | "svg" | "csv") {
    setOpen(false);
    setError(null);
    try {
      const fileName = exportFileName(options.name, kind, today);
      if (kind === "csv" && options.table) download(new Blob([chartCsv(options.table, locale)], { type: "text/csv;charset=utf-8" }), fileName);
      if (kind === "svg") download(new Blob([image().svg], { type: "image/svg+xml;charset=utf-8" }), fileName);
      if (kind === "png") {
        const { svg, width, height, background } = image();
        download(await svgToPng(svg, width, height, background), fileName);
      }
    } catch (failure) {
      setError(t("failed", { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  }

  const choices = (["png", "svg", "csv"] as const).filter((kind) => kind !== "csv" || options.table);
  return (
    <div ref={wrapper} className="relative shrink-0" data-export-menu>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t("menu", { title })}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-border px-2.5 py-1 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        {t("button")}
      </button>
      {open ? (
        <ul id={menuId} role="menu" className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-border bg-card py-1 text-sm shadow-lg">
          {choices.map((kind) => (
            <li key={kind} role="none">
              <button type="button" role="menuitem" onClick={() => run(kind)} className="w-full px-3 py-1.5 text-left hover:bg-muted focus:bg-muted focus:outline-none">
                {t(kind)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="absolute right-0 mt-1 w-64 text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
