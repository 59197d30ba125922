/**
 * The cohort view's figures of a new snapshot, computed once by the job. Reads go through
 * lib/queries/cohorts.ts, which answers the unfiltered view from what is stored here.
 */
import type { KlantwaardeDatabase } from "@/db/client";
import { snapshotCohorts } from "@/db/schema";
import { compactCohortFigures, queryCohortFigures } from "@/lib/queries/cohorts";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/**
 * Computes and stores the unfiltered figures of a snapshot; the recompute job calls it after writing the
 * customers' rows (before the snapshot turns complete), so the unfiltered view never reads the transactions.
 */
export async function storeCohortFigures(snapshot: Pick<SnapshotInfo, "id" | "asOfDate" | "fit" | "settings">, db: KlantwaardeDatabase): Promise<void> {
  const figures = compactCohortFigures(await queryCohortFigures(snapshot as SnapshotInfo, {}, db));
  await db
    .insert(snapshotCohorts)
    .values({ snapshotId: snapshot.id, figures })
    .onConflictDoUpdate({ target: snapshotCohorts.snapshotId, set: { figures } });
}
