"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type PointerEvent } from "react";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { QuadrantPointDetails } from "@/lib/queries/quadrant-point";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import type { QuadrantKey } from "@/lib/settings/schema";
import { MapCornerLabels, type CornerLabel } from "./map-corner-labels";
import { markerPath, seriesStyle, type ColorBy, type MapScale, type MarkerShape, type PackedPoints } from "./map-points";
import { durationParts, durationTicks, logFloorCents, niceLinear, niceLog, scaler } from "./map-scales";

const DEFAULT_HEIGHT = 540;
/** Room above the plot for the high quadrants' names, and under the axis for the low ones' (labels never cover points). */
const MARGIN = { top: 52, right: 16, bottom: 96, left: 84 };
const RADIUS = 2.6;
/** How close (px) the pointer must be to a point to pick it. */
const PICK_RADIUS = 8;

export interface QuadrantScatterProps {
  points: PackedPoints;
  thresholdDays: number;
  thresholdClvCents: number;
  quadrants: CornerLabel[];
  scale: MapScale;
  colorBy: ColorBy;
  tierNames: string[];
  measureLabel: string;
  /** The x axis's title, as the snapshot's relationship definition says it. */
  axisXLabel: string;
  /** The snapshot the points come from: the tooltip fetches P(alive) and the last purchase from it. */
  snapshotId: number;
  /** Whether the snapshot has ended relationships to show (open markers). */
  showsEnded: boolean;
  /** Height of the chart in px (default 540). */
  height?: number;
  locale: string;
  currency: string;
}

/**
 * The quadrant map itself: one marker per customer (a sample for large bases), drawn as one SVG path per
 * colour series rather than one element per point. Recharts' ScatterChart renders React components and
 * three DOM nodes per point: 4,000 points took 4.0-4.8 s to draw in Chromium on the 2-core build machine,
 * against 30 ms for these paths (same machine, same moment). Here the whole chart is a few dozen elements,
 * and hovering finds the nearest point with a plain loop over the coordinates.
 * The points are drawn after mount only (they are not part of the server HTML, which keeps the page small).
 */
export function QuadrantScatter(props: QuadrantScatterProps) {
  const { points, thresholdDays, thresholdClvCents, quadrants, scale, colorBy, tierNames, measureLabel, axisXLabel, snapshotId, showsEnded, locale, currency } = props;
  const HEIGHT = props.height ?? DEFAULT_HEIGHT;
  const t = useTranslations("quadrants");
  const tm = useTranslations("measures");
  const tr = useTranslations("rfm");
  const router = useRouter();
  const wrapper = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  const details = usePointDetails(snapshotId, hover === null ? null : points.customerId[hover]!);

  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const series = useMemo(
    () => (colorBy === "tier" ? tierNames : RFM_SEGMENT_KEYS.map((key) => tr(`${key}.name`))).map((name, index) => ({ name, ...seriesStyle(index) })),
    [colorBy, tierNames, tr],
  );
  const seriesOf = (i: number) => (colorBy === "tier" ? points.clvTier[i]! - 1 : points.rfm[i]!);

  const layout = useMemo(() => {
    if (width === 0) return null;
    const n = points.customerId.length;
    let maxDays = Math.max(thresholdDays, 1);
    let minClv = Math.min(0, thresholdClvCents);
    let maxClv = Math.max(thresholdClvCents, 1);
    for (let i = 0; i < n; i++) {
      maxDays = Math.max(maxDays, points.relationshipDays[i]!);
      minClv = Math.min(minClv, points.clvCents[i]!);
      maxClv = Math.max(maxClv, points.clvCents[i]!);
    }
    const left = MARGIN.left;
    const right = width - MARGIN.right;
    const top = MARGIN.top;
    const bottom = HEIGHT - MARGIN.bottom;
    const xAxis = durationTicks(maxDays);
    const floor = logFloorCents(points.clvCents, thresholdClvCents);
    const yAxis = scale === "log" ? niceLog(floor, maxClv) : niceLinear(minClv, maxClv, 6);
    const x = scaler(0, xAxis.max, left, right);
    const y = scaler(yAxis.min, yAxis.max, bottom, top, scale === "log");
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    // Running relationships filled, ended ones as open markers (one path per series each).
    const paths: string[][] = series.map(() => []);
    const endedPaths: string[][] = series.map(() => []);
    for (let i = 0; i < n; i++) {
      xs[i] = x(points.relationshipDays[i]!);
      ys[i] = y(points.clvCents[i]!);
      const index = seriesOf(i);
      (points.ended[i] === "1" ? endedPaths : paths)[index]?.push(markerPath(series[index]!.shape, xs[i]!, ys[i]!, RADIUS));
    }
    return {
      left,
      right,
      top,
      bottom,
      xAxis,
      yAxis,
      x,
      y,
      xs,
      ys,
      paths: paths.map((parts) => parts.join("")),
      endedPaths: endedPaths.map((parts) => parts.join("")),
      thresholdX: x(thresholdDays),
      thresholdY: y(thresholdClvCents),
    };
    // seriesOf reads colorBy and points, both listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, HEIGHT, points, scale, colorBy, series, thresholdDays, thresholdClvCents]);

  function quadrantAt(px: number, py: number): QuadrantKey {
    const long = px >= layout!.thresholdX;
    const high = py <= layout!.thresholdY;
    return `${high ? "high" : "low"}-${long ? "long" : "short"}`;
  }

  function pointAt(event: PointerEvent<SVGRectElement>): { px: number; py: number; index: number | null } {
    const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    let best: number | null = null;
    let bestDistance = PICK_RADIUS * PICK_RADIUS;
    const { xs, ys } = layout!;
    for (let i = 0; i < xs.length; i++) {
      const distance = (xs[i]! - px) ** 2 + (ys[i]! - py) ** 2;
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return { px, py, index: best };
  }

  function onClick(event: PointerEvent<SVGRectElement>) {
    const { px, py, index } = pointAt(event);
    if (index !== null) router.push(`/customers/${points.customerId[index]}`);
    else router.push(quadrants.find((quadrant) => quadrant.key === quadrantAt(px, py))!.href);
  }

  const money = (cents: number) => formatMoney(cents, { locale, currency, compact: true });
  const moneyExact = (cents: number) => formatMoney(cents, { locale, currency });
  const duration = (days: number) => {
    const { unit, count } = durationParts(days);
    return tm(unit, { count });
  };

  return (
    <>
      <MapLegend series={series} label={t("legend", { by: colorBy === "tier" ? tm("tier") : tm("rfm") })} ended={showsEnded ? t("endedLegend") : null} />
      <div ref={wrapper} className="relative w-full" style={{ height: HEIGHT }} data-quadrant-map data-points={points.customerId.length}>
      {layout ? (
        <svg width={width} height={HEIGHT} data-export-chart role="img" aria-label={t("chartLabel", { count: points.customerId.length })} className="block select-none">
          {layout.yAxis.ticks.map((tick) => (
            <g key={`y${tick}`}>
              <line x1={layout.left} x2={layout.right} y1={layout.y(tick)} y2={layout.y(tick)} stroke="var(--chart-grid)" strokeDasharray="3 3" />
              {/* The threshold's own label takes the place of a tick label it would overlap. */}
              {Math.abs(layout.y(tick) - layout.thresholdY) < 14 ? null : (
                <text x={layout.left - 8} y={layout.y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill="var(--chart-axis)" className="tabular-nums">
                  {/* The log scale's floor holds everyone below it (zero and negative CLV too). */}
                  {scale === "log" && tick === layout.yAxis.min ? `≤ ${moneyExact(tick)}` : tick < 100 && tick > 0 ? moneyExact(tick) : money(tick)}
                </text>
              )}
            </g>
          ))}
          {layout.xAxis.ticks.filter((tick) => Math.abs(layout.x(tick.days) - layout.thresholdX) >= 44).map((tick) => (
            <text
              key={`x${tick.count}`}
              x={layout.x(tick.days)}
              y={layout.bottom + 18}
              // The last tick sits on the right edge: end its label there instead of cutting it off.
              textAnchor={layout.right - layout.x(tick.days) < 40 ? "end" : "middle"}
              fontSize={12}
              fill="var(--chart-axis)"
            >
              {tm(layout.xAxis.unit === "year" ? "years" : "months", { count: tick.count })}
            </text>
          ))}
          <line x1={layout.left} x2={layout.right} y1={layout.bottom} y2={layout.bottom} stroke="var(--chart-axis)" />
          <line x1={layout.left} x2={layout.left} y1={layout.top} y2={layout.bottom} stroke="var(--chart-axis)" />
          <text x={(layout.left + layout.right) / 2} y={HEIGHT - 8} textAnchor="middle" fontSize={12} fill="var(--muted-foreground)" data-axis-title="x">
            {axisXLabel}
          </text>
          <text
            x={14}
            y={(layout.top + layout.bottom) / 2}
            transform={`rotate(-90 14 ${(layout.top + layout.bottom) / 2})`}
            textAnchor="middle"
            fontSize={12}
            fill="var(--muted-foreground)"
          >
            {scale === "log" ? t("axisYLog", { measure: measureLabel }) : measureLabel}
          </text>
          {layout.endedPaths.map((d, index) => (
            <path key={`ended-${series[index]!.name}`} d={d} fill="none" stroke={series[index]!.color} strokeOpacity={0.75} strokeWidth={1} data-series-ended={index} />
          )).reverse()}
          {layout.paths.map((d, index) => (
            // Reverse order: the first series (most valuable tier, champions) is drawn on top.
            <path key={series[index]!.name} d={d} fill={series[index]!.color} fillOpacity={0.7} data-series={index} />
          )).reverse()}
          <line x1={layout.thresholdX} x2={layout.thresholdX} y1={layout.top} y2={layout.bottom} stroke="var(--foreground)" strokeDasharray="6 4" strokeWidth={1.25} data-threshold="duration" />
          <line x1={layout.left} x2={layout.right} y1={layout.thresholdY} y2={layout.thresholdY} stroke="var(--foreground)" strokeDasharray="6 4" strokeWidth={1.25} data-threshold="clv" />
          {/* The thresholds' values in the axes' margins, so they are always readable and never cover points. */}
          <text x={layout.left - 8} y={layout.thresholdY} dy="0.32em" textAnchor="end" fontSize={12} fontWeight={600} fill="var(--foreground)" className="tabular-nums" data-threshold-label="clv">
            {moneyExact(thresholdClvCents)}
          </text>
          <text x={layout.thresholdX} y={layout.bottom + 18} textAnchor="middle" fontSize={12} fontWeight={600} fill="var(--foreground)" data-threshold-label="duration">
            {duration(thresholdDays)}
          </text>
          <rect
            x={layout.left}
            y={layout.top}
            width={Math.max(0, layout.right - layout.left)}
            height={layout.bottom - layout.top}
            fill="transparent"
            className="cursor-pointer"
            onPointerMove={(event) => setHover(pointAt(event).index)}
            onPointerLeave={() => setHover(null)}
            onClick={onClick}
            data-plot-area
          />
          {hover !== null ? <circle cx={layout.xs[hover]} cy={layout.ys[hover]} r={6} fill="none" stroke="var(--foreground)" strokeWidth={1.5} pointerEvents="none" /> : null}
          <MapCornerLabels labels={quadrants} area={layout} locale={locale} />
        </svg>
      ) : null}
      {layout && hover !== null ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute z-10 rounded-md border border-border bg-card px-3 py-2 text-xs shadow-md"
          style={{
            left: layout.xs[hover]! > width - 240 ? undefined : layout.xs[hover]! + 12,
            right: layout.xs[hover]! > width - 240 ? width - layout.xs[hover]! + 12 : undefined,
            top: Math.min(layout.ys[hover]! + 12, HEIGHT - 190),
          }}
          data-tooltip
        >
          <p className="mb-1 font-semibold" data-tooltip-name>
            {details === undefined ? t("loadingDetails") : details?.label || t("unnamed")}
          </p>
          <p className="tabular-nums">
            {measureLabel}: {formatMoney(points.clvCents[hover]!, { locale, currency })}
          </p>
          <p>
            {showsEnded ? t("relationshipLengthTooltip") : tm("relationship")}: {duration(points.relationshipDays[hover]!)}
            {showsEnded ? <span className="text-muted-foreground"> · {t(points.ended[hover] === "1" ? "relationshipEnded" : "relationshipRunning")}</span> : null}
          </p>
          <p className="tabular-nums" data-tooltip-alive>
            {t("aliveTooltip")}:{" "}
            {details === undefined ? t("loadingDetails") : details === null ? "–" : details.probabilityAlive === null ? t("noAlive") : formatPercent(details.probabilityAlive, locale)}
          </p>
          <p className="tabular-nums" data-tooltip-last-purchase>
            {t("lastPurchase")}:{" "}
            {details === undefined
              ? t("loadingDetails")
              : details === null
                ? "–"
                : t("lastPurchaseValue", { date: formatDate(details.lastPurchaseDate, locale), days: tm("days", { count: details.daysSinceLastPurchase }) })}
          </p>
          <p>
            {tm("tier")}: {tierNames[points.clvTier[hover]! - 1] ?? points.clvTier[hover]}
          </p>
          <p>
            {tm("rfm")}: {tr(`${RFM_SEGMENT_KEYS[points.rfm[hover]!]!}.name`)}
          </p>
          <p className="mt-1 text-muted-foreground">{t("clickToOpen")}</p>
        </div>
      ) : null}
      </div>
    </>
  );
}

function MapLegend({ series, label, ended }: { series: { name: string; color: string; shape: MarkerShape }[]; label: string; ended: string | null }) {
  return (
    <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label={label}>
      {series.map((item) => (
        <li key={item.name} className="flex items-center gap-1.5">
          <svg width="10" height="10" aria-hidden="true">
            <path d={markerPath(item.shape, 5, 5.5, 4)} fill={item.color} />
          </svg>
          {item.name}
        </li>
      ))}
      {ended ? (
        <li className="flex items-center gap-1.5" data-legend-ended>
          <svg width="10" height="10" aria-hidden="true">
            <path d={markerPath("circle", 5, 5.5, 3.5)} fill="none" stroke="currentColor" />
          </svg>
          {ended}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * The name (or customer number), P(alive) and the last purchase of the hovered customer, fetched from
 * /api/quadrants/point when the point is hovered (and kept for the page's lifetime): undefined while loading, null
 * when it cannot be read.
 */
function usePointDetails(snapshotId: number, customerId: number | null): QuadrantPointDetails | null | undefined {
  const [loaded, setLoaded] = useState<ReadonlyMap<number, QuadrantPointDetails | null>>(() => new Map());
  const known = customerId !== null && loaded.has(customerId);
  useEffect(() => {
    if (customerId === null || known) return;
    const controller = new AbortController();
    // A short pause, so sweeping the pointer over the map does not fetch every point it passes.
    const timer = setTimeout(() => {
      fetch(`/api/quadrants/point?snapshot=${snapshotId}&customer=${customerId}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<QuadrantPointDetails>) : null))
        .then((details) => setLoaded((previous) => new Map(previous).set(customerId, details)))
        .catch(() => {
          // Aborted (the pointer moved on) or offline: asked again on the next hover.
        });
    }, 80);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [snapshotId, customerId, known]);
  return customerId === null ? undefined : loaded.get(customerId);
}
