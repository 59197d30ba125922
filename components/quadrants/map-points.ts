/**
 * The points of the quadrant map as the browser receives them: one array per field instead of one object
 * per customer, so 4,000 points stay well under the page's 300 KB budget (no repeated key names). No names:
 * the tooltip fetches the hovered customer's name with its other details (/api/quadrants/point). The names
 * were 68 of the page's 180 KB of data at 100k customers, and leaving them out cut the server's work per
 * page by a fifth (bench:pages, 2026-12-07: 52-54 ms of CPU per answer down to 41-43 ms).
 */
import type { QuadrantMapPoint } from "@/lib/queries/quadrant-map";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";

export interface PackedPoints {
  customerId: number[];
  clvCents: number[];
  relationshipDays: number[];
  clvTier: number[];
  /** Index into RFM_SEGMENT_KEYS. */
  rfm: number[];
  /** "1" at i when the relationship has ended (an open marker, on the short side whatever its length), else "0": one character a point. */
  ended: string;
}

/** Packed once per points array (getQuadrantMap hands out the same array while its map is remembered). */
const packedPoints = new WeakMap<readonly QuadrantMapPoint[], PackedPoints>();

export function packPoints(points: readonly QuadrantMapPoint[]): PackedPoints {
  let packed = packedPoints.get(points);
  if (!packed) packedPoints.set(points, (packed = packNow(points)));
  return packed;
}

function packNow(points: readonly QuadrantMapPoint[]): PackedPoints {
  const packed: PackedPoints = { customerId: [], clvCents: [], relationshipDays: [], clvTier: [], rfm: [], ended: "" };
  const ended: string[] = [];
  for (const point of points) {
    packed.customerId.push(point.customerId);
    packed.clvCents.push(point.clvCents);
    packed.relationshipDays.push(point.relationshipDays);
    packed.clvTier.push(point.clvTier);
    packed.rfm.push(Math.max(0, RFM_SEGMENT_KEYS.indexOf(point.rfmSegment)));
    ended.push(point.ended ? "1" : "0");
  }
  packed.ended = ended.join("");
  return packed;
}

export type ColorBy = "tier" | "rfm";
export type MapScale = "linear" | "log";
export type MarkerShape = "circle" | "square" | "triangle" | "diamond";

/**
 * The look of the i-th series (tier i + 1, or the i-th RFM segment): one of the 8 colour-blind safe theme
 * colours, and a shape (circle, square, triangle in turn) so that colour is never the only difference
 * between neighbours. Series 9 to 16 reuse the colours as diamonds: no two of up to 16 series look alike.
 */
export function seriesStyle(index: number): { color: string; shape: MarkerShape } {
  const shapes: MarkerShape[] = ["circle", "square", "triangle"];
  return { color: `var(--chart-${(index % 8) + 1})`, shape: index < 8 ? shapes[index % 3]! : "diamond" };
}

/** SVG path of one marker of radius r centred on (x, y), to be joined into one path per series. */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  const f = (value: number) => Math.round(value * 10) / 10;
  if (shape === "square") return `M${f(x - r)},${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}z`;
  if (shape === "diamond") return `M${f(x)},${f(y - 1.3 * r)}l${f(1.3 * r)},${f(1.3 * r)}l${f(-1.3 * r)},${f(1.3 * r)}l${f(-1.3 * r)},${f(-1.3 * r)}z`;
  if (shape === "triangle") return `M${f(x)},${f(y - 1.2 * r)}l${f(1.1 * r)},${f(2 * r)}h${f(-2.2 * r)}z`;
  return `M${f(x - r)},${f(y)}a${r},${r} 0 1,0 ${f(2 * r)},0a${r},${r} 0 1,0 ${f(-2 * r)},0`;
}
