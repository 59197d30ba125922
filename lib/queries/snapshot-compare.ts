import "server-only";
import { desc, eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { snapshots } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import { settingsFromDocument, type Settings } from "@/lib/settings/schema";
import { AT_RISK_SEGMENTS, getSnapshotActivity, type SnapshotActivity } from "./snapshot-overview";
import type { SnapshotInfo } from "./snapshots";
import { failedRead } from "./support";
import { engineOf } from "@/db/engine";
import { jsonNumber } from "@/db/portable-sql";

/**
 * Two snapshots side by side in their headline figures, read from each snapshot's summary: the KPIs and
 * their change, the RFM segments that grew or shrank most, whether the settings changed, and the list of
 * snapshots for the history page. The overview's "since the previous snapshot" and the history page both
 * read their figures here. How customers moved between groups, customer by customer, is in
 * snapshot-migration.ts.
 */

// ---------------------------------------------------------------------------------------------------
// Headline figures

/** A snapshot with the figures its summary does not hold (expected active customers). */
export interface ComparedSnapshot {
  snapshot: SnapshotInfo;
  activity: SnapshotActivity;
}

export const KPI_KEYS = ["customers", "active", "historic", "predicted", "average", "top-tier", "at-risk"] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** One headline figure in both snapshots. `kind` says how to show it: a count, money in cents or a share 0..1. */
export interface KpiChange {
  key: KpiKey;
  kind: "count" | "money" | "share";
  before: number;
  now: number;
  /** now - before (for a share: in fractions, so 0.012 is 1.2 percentage points). */
  change: number;
}

/** The value of the RFM segments the overview counts as at risk (good customers who have not come back). */
export function atRiskClvCents(snapshot: Pick<SnapshotInfo, "summary">): number {
  return snapshot.summary.rfm.filter((segment) => (AT_RISK_SEGMENTS as readonly string[]).includes(segment.key)).reduce((sum, segment) => sum + segment.predictedClvCents, 0);
}

/** The headline figures of one snapshot (what the overview's KPI cards show). Null for "active" under the simple formula. */
export function snapshotKpis({ snapshot, activity }: ComparedSnapshot): Record<KpiKey, number | null> {
  const { summary } = snapshot;
  return {
    customers: snapshot.customers,
    active: activity.hasProbabilityAlive ? activity.expectedActive : null,
    historic: summary.totals.historicClvCents,
    predicted: summary.totals.predictedClvCents,
    average: snapshot.customers > 0 ? summary.totals.predictedClvCents / snapshot.customers : 0,
    "top-tier": summary.tiers[0]?.valueShare ?? 0,
    "at-risk": atRiskClvCents(snapshot),
  };
}

const KPI_KINDS: Record<KpiKey, KpiChange["kind"]> = {
  customers: "count",
  active: "count",
  historic: "money",
  predicted: "money",
  average: "money",
  "top-tier": "share",
  "at-risk": "money",
};

/**
 * The headline figures of `from` and `to` and their difference; a figure one of them lacks (expected active
 * customers under the simple formula) is left out.
 *
 * @example compareKpis(previous, current).find((row) => row.key === "customers") // { key: "customers", kind: "count", before: 1480, now: 1500, change: 20 }
 */
export function compareKpis(from: ComparedSnapshot, to: ComparedSnapshot): KpiChange[] {
  const before = snapshotKpis(from);
  const now = snapshotKpis(to);
  return KPI_KEYS.flatMap((key) => {
    const a = before[key];
    const b = now[key];
    return a === null || b === null ? [] : [{ key, kind: KPI_KINDS[key], before: a, now: b, change: b - a }];
  });
}

/** One RFM segment's size in both snapshots. */
export interface SegmentShift {
  key: (typeof RFM_SEGMENT_KEYS)[number];
  before: number;
  now: number;
}

/** The RFM segments whose size changed most (largest absolute change first). */
export function segmentShifts(from: Pick<SnapshotInfo, "summary">, to: Pick<SnapshotInfo, "summary">, limit = 4): SegmentShift[] {
  const before = new Map(from.summary.rfm.map((segment) => [segment.key, segment.customers]));
  return to.summary.rfm
    .map((segment) => ({ key: segment.key, before: before.get(segment.key) ?? 0, now: segment.customers }))
    .filter((shift) => shift.before !== shift.now)
    .sort((a, b) => Math.abs(b.now - b.before) - Math.abs(a.now - a.before))
    .slice(0, limit);
}

/** Whether two snapshots were computed with different settings (then part of any difference comes from the settings). */
export function settingsDiffer(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** What changed between two snapshots in their headline figures. */
export interface SnapshotComparison {
  from: SnapshotInfo;
  to: SnapshotInfo;
  kpis: KpiChange[];
  segmentShifts: SegmentShift[];
  settingsChanged: boolean;
}

/** The headline comparison of two snapshots whose activity is already known (no database reads). */
export function compareSnapshots(from: ComparedSnapshot, to: ComparedSnapshot): SnapshotComparison {
  return {
    from: from.snapshot,
    to: to.snapshot,
    kpis: compareKpis(from, to),
    segmentShifts: segmentShifts(from.snapshot, to.snapshot),
    settingsChanged: settingsDiffer(from.snapshot.settings, to.snapshot.settings),
  };
}

/** The headline comparison of two snapshots (reads each one's activity once; cached per snapshot). */
export async function getSnapshotComparison(from: SnapshotInfo, to: SnapshotInfo, db: KlantwaardeDatabase = getDb()): Promise<SnapshotComparison> {
  return compareSnapshots({ snapshot: from, activity: await getSnapshotActivity(from, db) }, { snapshot: to, activity: await getSnapshotActivity(to, db) });
}

// ---------------------------------------------------------------------------------------------------
// The list of snapshots

/** One complete snapshot in the history list. */
export interface HistorySnapshot {
  id: number;
  asOfDate: string;
  /** When the recompute finished (ISO timestamp, UTC). */
  computedAt: string;
  reason: string | null;
  model: string;
  customers: number;
  predictedClvCents: number;
  /** Whether its settings differ from the snapshot before it (null for the oldest one listed). */
  settingsChanged: boolean | null;
}

/** The complete snapshots, newest first (the recompute keeps the last 24). */
export async function listHistorySnapshots(db: KlantwaardeDatabase = getDb(), limit = 24): Promise<HistorySnapshot[]> {
  try {
    const rows = await db
      .select({
        id: snapshots.id,
        asOfDate: snapshots.asOfDate,
        finishedAt: snapshots.finishedAt,
        createdAt: snapshots.createdAt,
        reason: snapshots.reason,
        model: snapshots.model,
        customers: snapshots.customers,
        predictedClvCents: jsonNumber(engineOf(db), snapshots.summary, ["totals", "predictedClvCents"]),
        settings: snapshots.settings,
      })
      .from(snapshots)
      .where(eq(snapshots.status, "complete"))
      .orderBy(desc(snapshots.id))
      .limit(limit + 1);
    const settings = rows.map((row) => settingsFromDocument(row.settings));
    return rows.slice(0, limit).map((row, index) => ({
      id: row.id,
      asOfDate: row.asOfDate ?? "",
      computedAt: row.finishedAt ?? row.createdAt,
      reason: row.reason,
      model: row.model ?? "",
      customers: row.customers ?? 0,
      predictedClvCents: row.predictedClvCents ?? 0,
      settingsChanged: index + 1 < rows.length ? settingsDiffer(settings[index + 1]!, settings[index]!) : null,
    }));
  } catch (error) {
    failedRead("the list of snapshots", error);
  }
}
