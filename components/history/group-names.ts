import type { MigrationGrouping } from "@/lib/queries/snapshot-compare-keys";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/**
 * The name of a group as the snapshot calls it: tier and quadrant names are settings kept in each snapshot's
 * summary (they may differ between two snapshots); RFM segment names come from the catalogue (`rfmName`).
 */
export function groupName(by: MigrationGrouping, snapshot: Pick<SnapshotInfo, "summary">, key: string, rfmName: (key: string) => string): string {
  switch (by) {
    case "tier":
      return snapshot.summary.tiers.find((tier) => String(tier.tier) === key)?.name ?? key;
    case "rfm":
      return rfmName(key);
    case "quadrant":
      return snapshot.summary.quadrants.find((quadrant) => quadrant.key === key)?.name ?? key;
  }
}
