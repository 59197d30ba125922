/**
 * A group's size and predicted CLV read from a snapshot's segment breakdown, so a decision note's "then"
 * (when it was written) and "now" (the snapshot shown) are the same measure. Pure.
 */
import type { SegmentRef } from "@/lib/filters/segment-ref";
import type { SegmentBreakdown } from "@/lib/queries/segments";

export interface SegmentSize {
  customers: number;
  predictedClvCents: number;
}

/**
 * The figures of one group in an unfiltered breakdown; null when the snapshot has no such group (a tier
 * number beyond its tiers). An empty cross-table cell is zero customers, not null.
 *
 * @example figuresOf({ kind: "rfm", segment: "champions" }, breakdown) // { customers: 212, predictedClvCents: 9_120_000 }
 */
export function figuresOf(ref: SegmentRef, breakdown: Pick<SegmentBreakdown, "tiers" | "rfm" | "quadrants" | "cells">): SegmentSize | null {
  const pick = (row: SegmentSize | undefined) => (row ? { customers: row.customers, predictedClvCents: row.predictedClvCents } : null);
  switch (ref.kind) {
    case "tier":
      return pick(breakdown.tiers.find((row) => row.tier === ref.tier));
    case "rfm":
      return pick(breakdown.rfm.find((row) => row.key === ref.segment));
    case "quadrant":
      return pick(breakdown.quadrants.find((row) => row.key === ref.quadrant));
    case "cell": {
      if (!breakdown.tiers.some((row) => row.tier === ref.tier)) return null;
      return pick(breakdown.cells.find((row) => row.tier === ref.tier && row.segment === ref.segment)) ?? { customers: 0, predictedClvCents: 0 };
    }
  }
}

/** The change from then to now (null when either is missing). */
export function figuresChange(then: SegmentSize | null, now: SegmentSize | null): SegmentSize | null {
  if (!then || !now) return null;
  return { customers: now.customers - then.customers, predictedClvCents: now.predictedClvCents - then.predictedClvCents };
}
