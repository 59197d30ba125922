import "server-only";
import { and, desc, eq, gt, max, min } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { snapshots, transactions, type Snapshot } from "@/db/schema";
import { visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { getQueue, runnerIsAlive } from "./recompute-queue";
import type { ScoringModelName, SnapshotFit, SnapshotSummary } from "@/lib/scoring/types";
import { settingsFromDocument, type Settings } from "@/lib/settings/schema";
import { valueRows } from "./purchase-rows";
import { failedRead } from "./support";
import { firstRow } from "@/db/first-row";

/** A complete snapshot: when, on what data, with which settings and model, and its summary (cents). */
export interface SnapshotInfo {
  id: number;
  createdAt: string;
  finishedAt: string;
  reason: string | null;
  asOfDate: string;
  firstPurchaseDate: string;
  lastPurchaseDate: string;
  settings: Settings;
  model: ScoringModelName;
  fit: SnapshotFit;
  customers: number;
  transactions: number;
  summary: SnapshotSummary;
  seconds: number;
}

/** One line of the snapshot history (complete and failed). */
export interface SnapshotListItem {
  id: number;
  status: Snapshot["status"];
  createdAt: string;
  finishedAt: string | null;
  reason: string | null;
  asOfDate: string | null;
  model: string | null;
  customers: number | null;
  predictedClvCents: number | null;
  message: string | null;
  seconds: number | null;
}

/** What the recompute job is doing, for the status line ("recomputing, 40%"). */
export interface RecomputeStatus {
  state: "idle" | "queued" | "running";
  /** 0..1 while running. */
  progress: number | null;
  phase: string | null;
  runningSince: string | null;
  current: { id: number; finishedAt: string; asOfDate: string; model: string; customers: number } | null;
  /** The latest failed recompute when it is newer than the current snapshot: the figures shown are older. */
  lastFailure: { id: number; finishedAt: string | null; message: string } | null;
}

function toInfo(row: Snapshot): SnapshotInfo {
  return {
    id: row.id,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt ?? row.createdAt,
    reason: row.reason,
    asOfDate: row.asOfDate ?? "",
    firstPurchaseDate: row.firstPurchaseDate ?? "",
    lastPurchaseDate: row.lastPurchaseDate ?? "",
    settings: settingsFromDocument(row.settings),
    model: row.model as ScoringModelName,
    fit: row.fit!,
    customers: row.customers ?? 0,
    transactions: row.transactions ?? 0,
    summary: row.summary!,
    seconds: row.seconds ?? 0,
  };
}

/** The snapshot the app shows: the newest complete one (null before the first recompute). */
export async function getCurrentSnapshot(db: KlantwaardeDatabase = getDb()): Promise<SnapshotInfo | null> {
  try {
    const row = await firstRow(db.select().from(snapshots).where(eq(snapshots.status, "complete")).orderBy(desc(snapshots.id)).limit(1));
    return row ? toInfo(row) : null;
  } catch (error) {
    failedRead("the current snapshot", error);
  }
}

/** A complete snapshot by id (null when it does not exist, failed or was pruned). */
export async function getSnapshot(id: number, db: KlantwaardeDatabase = getDb()): Promise<SnapshotInfo | null> {
  try {
    const row = await firstRow(db.select().from(snapshots).where(and(eq(snapshots.id, id), eq(snapshots.status, "complete"))).limit(1));
    return row ? toInfo(row) : null;
  } catch (error) {
    failedRead(`snapshot ${id}`, error);
  }
}

/** The snapshot history, newest first. */
export async function listSnapshots(db: KlantwaardeDatabase = getDb(), limit = 24): Promise<SnapshotListItem[]> {
  try {
    return (await db
      .select()
      .from(snapshots)
      .orderBy(desc(snapshots.id))
      .limit(limit)
      )
      .filter((row) => row.status !== "running")
      .map((row) => ({
        id: row.id,
        status: row.status,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
        reason: row.reason,
        asOfDate: row.asOfDate,
        model: row.model,
        customers: row.customers,
        predictedClvCents: row.summary?.totals.predictedClvCents ?? null,
        message: row.message,
        seconds: row.seconds,
      }));
  } catch (error) {
    failedRead("the snapshot history", error);
  }
}

/** Requests waiting without a runner are shown as queued for this long (the runner process is starting). */
const QUEUED_GRACE_MS = 60_000;

export async function getRecomputeStatus(db: KlantwaardeDatabase = getDb()): Promise<RecomputeStatus> {
  try {
    const current = await firstRow(db.select().from(snapshots).where(eq(snapshots.status, "complete")).orderBy(desc(snapshots.id)).limit(1));
    const running = await firstRow(db.select().from(snapshots).where(eq(snapshots.status, "running")).orderBy(desc(snapshots.id)).limit(1));
    const failure = await firstRow(db
      .select()
      .from(snapshots)
      .where(and(eq(snapshots.status, "failed"), gt(snapshots.id, current?.id ?? 0)))
      .orderBy(desc(snapshots.id))
      .limit(1)
      );
    const queue = await getQueue(db);
    const alive = runnerIsAlive(queue);
    const pending = queue.requested > queue.handled;
    const recentlyRequested = queue.lastRequestedAt !== null && Date.now() - Date.parse(queue.lastRequestedAt) < QUEUED_GRACE_MS;
    const state: RecomputeStatus["state"] = running && alive ? "running" : pending && (alive || recentlyRequested) ? "queued" : "idle";
    return {
      state,
      progress: state === "running" ? running!.progress : null,
      phase: state === "running" ? running!.phase : null,
      runningSince: state === "running" ? running!.createdAt : null,
      current: current
        ? { id: current.id, finishedAt: current.finishedAt ?? current.createdAt, asOfDate: current.asOfDate ?? "", model: current.model ?? "", customers: current.customers ?? 0 }
        : null,
      lastFailure: failure ? { id: failure.id, finishedAt: failure.finishedAt, message: failure.message ?? "The recompute failed." } : null,
    };
  } catch (error) {
    failedRead("the recompute status", error);
  }
}

/**
 * The summary printed by `clv report --json` and served by `GET /api/snapshots/current`. The field names
 * are a contract other tools rely on; money is in currency units (`currency`).
 */
export interface SnapshotReport {
  snapshotId: number;
  asOf: string;
  customers: number;
  model: string;
  params: Record<string, number>;
  standardErrors: Record<string, number>;
  currency: string;
  totals: { historicClv: number; predictedClv: number };
  tiers: { name: string; customers: number; predictedClv: number; valueShare: number }[];
  quadrants: { name: string; customers: number; predictedClv: number; valueShare: number; tactic: string }[];
  rfm: { segment: string; customers: number; predictedClv: number }[];
}

const units = (cents: number) => Math.round(cents) / 100;

export function snapshotReport(snapshot: SnapshotInfo): SnapshotReport {
  const { summary, fit } = snapshot;
  return {
    snapshotId: snapshot.id,
    asOf: snapshot.asOfDate,
    customers: snapshot.customers,
    model: snapshot.model,
    params: fit.purchaseModel.params,
    standardErrors: fit.purchaseModel.standardErrors,
    currency: summary.currency,
    totals: { historicClv: units(summary.totals.historicClvCents), predictedClv: units(summary.totals.predictedClvCents) },
    tiers: summary.tiers.map((t) => ({ name: t.name, customers: t.customers, predictedClv: units(t.predictedClvCents), valueShare: t.valueShare })),
    quadrants: summary.quadrants.map((q) => ({ name: q.name, customers: q.customers, predictedClv: units(q.predictedClvCents), valueShare: q.valueShare, tactic: q.tactic })),
    rfm: summary.rfm.map((s) => ({ segment: s.segment, customers: s.customers, predictedClv: units(s.predictedClvCents) })),
  };
}

/** The current snapshot's report, or null before the first recompute. */
export async function getSnapshotReport(db: KlantwaardeDatabase = getDb()): Promise<SnapshotReport | null> {
  const snapshot = await getCurrentSnapshot(db);
  return snapshot ? snapshotReport(snapshot) : null;
}

/** First and last purchase date in the data (one pass over the transactions: about 0.2 s per million rows; only the settings page asks). */
export async function getPurchaseDateRange(db: KlantwaardeDatabase = getDb()): Promise<{ firstDate: string | null; lastDate: string | null }> {
  try {
    const row = await firstRow(
      db
        .select({ firstDate: min(transactions.purchaseDate), lastDate: max(transactions.purchaseDate) })
        .from(transactions)
        .where(and(visibleTransactions(), valueRows())), // an order refunded in full leaves no date
    );
    return { firstDate: row?.firstDate ?? null, lastDate: row?.lastDate ?? null };
  } catch (error) {
    failedRead("the purchase dates", error);
  }
}
