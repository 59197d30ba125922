import "server-only";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, snapshots } from "@/db/schema";
import { getDb } from "@/lib/db";
import { niceBinEdges } from "@/lib/analysis/histogram";
import { getSnapshot, type SnapshotInfo } from "./snapshots";
import { failedRead, remember } from "./support";
import { firstRow } from "@/db/first-row";

/** The RFM segments whose value counts as "at risk": good customers who have not come back. */
export const AT_RISK_SEGMENTS = ["at-risk", "cant-lose-them"] as const;

/** One bar of the CLV distribution: customers whose predicted CLV is in [fromCents, toCents). */
export interface ClvBin {
  /** Null for the open-ended first bin (everything below `toCents`, including negative CLV). */
  fromCents: number | null;
  /** Null for the open-ended last bin. */
  toCents: number | null;
  customers: number;
  predictedClvCents: number;
}

/** Figures of a snapshot that the summary JSON does not hold, read from its customer rows. */
export interface SnapshotActivity {
  /** Sum of P(alive): the number of customers the model expects to be still active. */
  expectedActive: number;
  /** Customers with P(alive) of 50% or more. */
  likelyActive: number;
  /** False for the simple formula, which has no P(alive). */
  hasProbabilityAlive: boolean;
  bins: ClvBin[];
}

/** The predicted CLV at a rank (0 = lowest) through the (snapshot, predicted CLV) index. */
async function predictedAtRank(db: KlantwaardeDatabase, snapshotId: number, rank: number): Promise<number> {
  return (
    (await firstRow(db
      .select({ value: customerScores.predictedClvCents })
      .from(customerScores)
      .where(eq(customerScores.snapshotId, snapshotId))
      .orderBy(asc(customerScores.predictedClvCents))
      .limit(1)
      .offset(rank)
      ))?.value ?? 0
  );
}

/**
 * Active customers by P(alive) and the CLV distribution of a complete snapshot. Remembered: a complete
 * snapshot's scores change only when a customer is erased.
 */
export async function getSnapshotActivity(snapshot: Pick<SnapshotInfo, "id" | "customers">, db: KlantwaardeDatabase = getDb()): Promise<SnapshotActivity> {
  try {
    return await remember(db, `snapshot-activity|${snapshot.id}`, "scores", () => readSnapshotActivity(snapshot, db));
  } catch (error) {
    failedRead("the snapshot's customer figures", error);
  }
}

async function readSnapshotActivity(snapshot: Pick<SnapshotInfo, "id" | "customers">, db: KlantwaardeDatabase): Promise<SnapshotActivity> {
  const alive = await firstRow(db
    .select({
      expected: sql<number | null>`sum(${customerScores.probabilityAlive})`,
      likely: sql<number | null>`sum(CASE WHEN ${customerScores.probabilityAlive} >= 0.5 THEN 1 WHEN ${customerScores.probabilityAlive} IS NOT NULL THEN 0 END)`,
      scored: sql<number>`count(${customerScores.probabilityAlive})`.mapWith(Number),
      customers: sql<number>`count(*)`.mapWith(Number),
    })
    .from(customerScores)
    .where(eq(customerScores.snapshotId, snapshot.id))
    .limit(1));
  const customers = alive?.customers ?? 0;
  let bins: ClvBin[] = [];
  if (customers > 0) {
    // Edges from the 1st to the 99th percentile, so a handful of extreme customers do not squash the bars.
    const low = await predictedAtRank(db, snapshot.id, Math.floor((customers - 1) * 0.01));
    const high = await predictedAtRank(db, snapshot.id, Math.floor((customers - 1) * 0.99));
    const edges = niceBinEdges(low, high);
    const bucket = sql.raw(
      `case ${edges.map((edge, index) => `when predicted_clv_cents < ${edge} then ${index}`).join(" ")} else ${edges.length} end`,
    );
    const rows = await db
      .select({ bucket: sql<number>`${bucket}`, customers: sql<number>`count(*)`.mapWith(Number), value: sql<number>`sum(${customerScores.predictedClvCents})`.mapWith(Number) })
      .from(customerScores)
      .where(eq(customerScores.snapshotId, snapshot.id))
      .groupBy(sql`1`);
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    bins = Array.from({ length: edges.length + 1 }, (_, index) => ({
      fromCents: index === 0 ? null : edges[index - 1]!,
      toCents: index === edges.length ? null : edges[index]!,
      customers: byBucket.get(index)?.customers ?? 0,
      predictedClvCents: byBucket.get(index)?.value ?? 0,
    }));
    // The open first bin is empty when no customer is below the first edge: leave it out.
    if (bins[0]!.customers === 0) bins = bins.slice(1);
    if (bins.length > 0 && bins[bins.length - 1]!.customers === 0) bins = bins.slice(0, -1);
  }
  return {
    expectedActive: alive?.expected ?? 0,
    likelyActive: alive?.likely ?? 0,
    hasProbabilityAlive: (alive?.scored ?? 0) > 0,
    bins,
  };
}

/** The complete snapshot before this one (null for the first). */
export async function getPreviousSnapshot(snapshotId: number, db: KlantwaardeDatabase = getDb()): Promise<SnapshotInfo | null> {
  try {
    const row = await firstRow(db
      .select({ id: snapshots.id })
      .from(snapshots)
      .where(and(eq(snapshots.status, "complete"), lt(snapshots.id, snapshotId)))
      .orderBy(desc(snapshots.id))
      .limit(1)
      );
    return row ? await getSnapshot(row.id, db) : null;
  } catch (error) {
    failedRead("the previous snapshot", error);
  }
}
