/**
 * The group of customers a drill-down page shows, from its URL `/segments/[kind]/[key]`:
 *   tier/1               CLV tier 1 (the most valuable)
 *   rfm/champions        RFM segment
 *   quadrant/high-long   quadrant of the quadrant map
 *   cell/1.champions     one cell of the CLV tier x RFM segment cross-table
 * Pure: the page, the CSV export and the links to drill-downs all use it, so they agree on what a key means.
 */
import { QUADRANT_KEYS, type QuadrantKey } from "@/lib/settings/schema";
import { RFM_SEGMENT_KEYS, type RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import type { CustomerFilter } from "./customer-filter";
import type { FilterField } from "./filter-fields";

export const SEGMENT_KINDS = ["tier", "rfm", "quadrant", "cell"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export type SegmentRef =
  | { kind: "tier"; tier: number }
  | { kind: "rfm"; segment: RfmSegmentKey }
  | { kind: "quadrant"; quadrant: QuadrantKey }
  | { kind: "cell"; tier: number; segment: RfmSegmentKey };

const isRfmKey = (value: string): value is RfmSegmentKey => (RFM_SEGMENT_KEYS as readonly string[]).includes(value);
const isQuadrantKey = (value: string): value is QuadrantKey => (QUADRANT_KEYS as readonly string[]).includes(value);

function parseTier(value: string, tierCount: number): number | null {
  if (!/^[1-9]\d?$/.test(value)) return null;
  const tier = Number(value);
  return tier <= tierCount ? tier : null;
}

/**
 * Reads a drill-down's kind and key; null for anything unknown (the page answers 404).
 * `tierCount` is the number of tiers of the snapshot shown (tier keys run from 1 to it).
 *
 * @example parseSegmentRef("cell", "1.champions", 4) // { kind: "cell", tier: 1, segment: "champions" }
 * @example parseSegmentRef("tier", "5", 4) // null
 */
export function parseSegmentRef(kind: string | undefined, key: string | undefined, tierCount: number): SegmentRef | null {
  if (kind === undefined || key === undefined) return null;
  const decoded = safeDecode(key);
  switch (kind) {
    case "tier": {
      const tier = parseTier(decoded, tierCount);
      return tier === null ? null : { kind, tier };
    }
    case "rfm":
      return isRfmKey(decoded) ? { kind, segment: decoded } : null;
    case "quadrant":
      return isQuadrantKey(decoded) ? { kind, quadrant: decoded } : null;
    case "cell": {
      const dot = decoded.indexOf(".");
      if (dot < 0) return null;
      const tier = parseTier(decoded.slice(0, dot), tierCount);
      const segment = decoded.slice(dot + 1);
      return tier !== null && isRfmKey(segment) ? { kind, tier, segment } : null;
    }
    default:
      return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The URL key of a drill-down: `1`, `champions`, `high-long`, `1.champions`. */
export function segmentKey(ref: SegmentRef): string {
  switch (ref.kind) {
    case "tier":
      return String(ref.tier);
    case "rfm":
      return ref.segment;
    case "quadrant":
      return ref.quadrant;
    case "cell":
      return `${ref.tier}.${ref.segment}`;
  }
}

/** `/segments/cell/1.champions` (without query string). */
export function segmentPath(ref: SegmentRef): string {
  return `/segments/${ref.kind}/${segmentKey(ref)}`;
}

/** The condition the drill-down fixes, as a filter. */
export function segmentFilter(ref: SegmentRef): CustomerFilter {
  switch (ref.kind) {
    case "tier":
      return { tier: ref.tier };
    case "rfm":
      return { segment: ref.segment };
    case "quadrant":
      return { quadrant: ref.quadrant };
    case "cell":
      return { tier: ref.tier, segment: ref.segment };
  }
}

/** The filter fields a drill-down fixes, hidden in its filter bar (a tier page has no tier filter). */
export function fixedFields(kind: SegmentKind): FilterField[] {
  switch (kind) {
    case "tier":
      return ["tier"];
    case "rfm":
      return ["rfm"];
    case "quadrant":
      return ["quadrant"];
    case "cell":
      return ["tier", "rfm"];
  }
}

/** The URL filter without the conditions the drill-down fixes: the "all customers" it is compared with. */
export function withoutFixed(filter: CustomerFilter, kind: SegmentKind): CustomerFilter {
  const rest = { ...filter };
  for (const field of fixedFields(kind)) {
    if (field === "tier") delete rest.tier;
    if (field === "rfm") delete rest.segment;
    if (field === "quadrant") delete rest.quadrant;
  }
  return rest;
}

/** A short, file-name-safe name: `tier-1`, `rfm-champions`, `cell-1-champions`. */
export function segmentSlug(ref: SegmentRef): string {
  return `${ref.kind}-${segmentKey(ref).replace(/[^a-z0-9-]+/gi, "-")}`;
}
