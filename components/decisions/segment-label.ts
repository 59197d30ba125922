import "server-only";
import { getTranslations } from "next-intl/server";
import { parseSegmentRef, segmentPath, type SegmentRef } from "@/lib/filters/segment-ref";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** Any tier number a note may carry (tiers of older snapshots included). */
const ANY_TIER = 99;

/** The group of a stored note (`cell`, `1.champions`); null for a key no longer understood. */
export function noteSegmentRef(kind: string, key: string): SegmentRef | null {
  return parseSegmentRef(kind, key, ANY_TIER);
}

/**
 * Names groups as the snapshot shown calls them: tiers and quadrants by the names in its settings, RFM
 * segments from the catalogue, a cross-table cell as "tier × segment".
 */
export async function segmentNamer(snapshot: Pick<SnapshotInfo, "summary"> | null): Promise<(ref: SegmentRef) => string> {
  const [tRfm, t] = await Promise.all([getTranslations("rfm"), getTranslations("decisions")]);
  const tierName = (tier: number) => snapshot?.summary.tiers.find((row) => row.tier === tier)?.name ?? t("tierFallback", { tier });
  return (ref) => {
    switch (ref.kind) {
      case "tier":
        return tierName(ref.tier);
      case "rfm":
        return tRfm(`${ref.segment}.name`);
      case "quadrant":
        return snapshot?.summary.quadrants.find((row) => row.key === ref.quadrant)?.name ?? ref.quadrant;
      case "cell":
        return `${tierName(ref.tier)} × ${tRfm(`${ref.segment}.name`)}`;
    }
  };
}

/** The drill-down of a group, keeping the snapshot shown when it is not the current one. */
export function segmentHref(ref: SegmentRef, snapshotParam?: number): string {
  return `${segmentPath(ref)}${snapshotParam !== undefined ? `?snapshot=${snapshotParam}` : ""}`;
}
