import "server-only";
import { and, desc, eq, inArray, lt, max, notInArray } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customerErasures, snapshots } from "@/db/schema";
import { storeCohortFigures } from "./cohort-figures";
import { isUserFacingError, publicErrorMessage } from "@/lib/security/public-error";
import { getSettings } from "@/lib/settings/store";
import { computeScores } from "@/lib/scoring/compute-scores";
import { NoPurchaseModelFitsError } from "@/lib/scoring/fit-models";
import { dataFingerprint } from "./load-transactions";
import type { ProgressCallback } from "@/lib/scoring/types";
import { scoreStoreOf } from "./score-store";
import { firstRow } from "@/db/first-row";
import { sameDocument } from "@/db/same-document";
import { inTransaction } from "@/db/transaction";

/** Complete snapshots kept with every customer's figures (older ones are deleted); failed ones kept for their message. */
export const SNAPSHOTS_KEPT = 24;

export interface RecomputeOptions {
  reason: string;
  /** Compute even when data and settings are the same as the current snapshot's. */
  force?: boolean;
  onProgress?: ProgressCallback;
  /** Called after each chunk of customer rows is written (tests use it to fail halfway). */
  onRowsWritten?: (rows: number) => void | Promise<void>;
  chunkRows?: number;
}

export interface RecomputeOutcome {
  status: "complete" | "failed" | "up-to-date";
  /** The new snapshot (complete or failed), or the current one when up to date. */
  snapshotId: number | null;
  message: string | null;
  seconds: number;
}

const WRITE_START = 0.72;

/** Times a snapshot is computed again because customers were erased meanwhile, before it gives up. */
const MAX_ATTEMPTS = 3;

/** The number of the last erasure (0 before any): it changes with every erasure. */
async function erasuresSoFar(db: OpenedDatabase["db"]): Promise<number> {
  const [row] = await db.select({ last: max(customerErasures.id) }).from(customerErasures);
  return row?.last ?? 0;
}

export class ErasedMeanwhileError extends Error {
  constructor() {
    super(`Customers were erased while the snapshot was computed, ${MAX_ATTEMPTS} times in a row; recompute again when the erasures are done.`);
    this.name = "ErasedMeanwhileError";
  }
}

/**
 * Computes one snapshot: reads the transactions and settings, scores every customer and stores the result.
 * While it runs the snapshot is `running` with its progress; it turns `complete` in one transaction at the
 * end, which also makes it current. Any failure removes the rows written so far and records the reason in
 * a `failed` snapshot: the previous snapshot stays current. A customer erased meanwhile makes it compute
 * again (at most MAX_ATTEMPTS times), so an erased customer never reappears. Never throws for a failed
 * computation.
 */
export async function recomputeSnapshot(database: OpenedDatabase, options: RecomputeOptions): Promise<RecomputeOutcome> {
  const { db } = database;
  const store = scoreStoreOf(database);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const [{ id: snapshotId }] = (await db
    .insert(snapshots)
    .values({ status: "running", progress: 0, phase: "Reading purchases", reason: options.reason })
    .returning({ id: snapshots.id })) as [{ id: number }];
  let lastReported = -1;
  // The scoring runs synchronously for minutes: the store writes its progress as the fitting goes on (score-store.ts).
  const progress = (fraction: number, phase: string) => {
    options.onProgress?.(fraction, phase);
    if (fraction - lastReported < 0.01 && fraction < 1) return;
    lastReported = fraction;
    store.writeProgress(snapshotId, Math.min(fraction, 0.99), phase);
  };
  try {
    options.onProgress?.(0, "Reading purchases");
    const settings = await getSettings(db);
    // A customer erased while this snapshot is computed must not come back with it (their rows written
    // before the erasure were deleted by it, but later chunks would bring them back): the snapshot
    // completes only when no erasure happened since its purchases were read, else it is computed again.
    let erasuresAtStart = await erasuresSoFar(db);
    let data = await store.loadTransactions();
    let fingerprint = dataFingerprint(data);
    const current = await firstRow(
      db
      .select({ id: snapshots.id, fingerprint: snapshots.dataFingerprint, settings: snapshots.settings, fit: snapshots.fit })
      .from(snapshots)
      .where(eq(snapshots.status, "complete"))
      .orderBy(desc(snapshots.id))
      .limit(1),
    );
    if (!options.force && current && current.fingerprint === fingerprint && sameDocument(current.settings, settings)) {
      await db.delete(snapshots).where(eq(snapshots.id, snapshotId));
      return { status: "up-to-date", snapshotId: current.id, message: "The current snapshot already reflects these data and settings.", seconds: seconds() };
    }
    for (let attempt = 1; ; attempt++) {
      progress(0.1, "Reading purchases");
      const result = computeScores(data, settings, progress, current?.fit ?? null);
      const customers = result.figures.customerIds.length;
      progress(WRITE_START, "Saving every customer's figures");
      await store.insertCustomerScores(snapshotId, result.figures, {
        chunkRows: options.chunkRows,
        onChunk: (rows) => {
          progress(WRITE_START + ((1 - WRITE_START) * rows) / Math.max(customers, 1), "Saving every customer's figures");
          return options.onRowsWritten?.(rows);
        },
      });
      try {
        // The cohort view's figures for all customers, so that view reads no transactions per request.
        await storeCohortFigures({ id: snapshotId, asOfDate: result.asOfDate, fit: result.fit, settings }, data, result.figures, db);
      } catch (error) {
        console.error(`[recompute] snapshot ${snapshotId}: the cohort figures were not stored (the view reads them live)`, error);
      }
      await store.progressWritten(); // a late progress write must not land after the completion
      const completed = await inTransaction(
        db,
        async (tx) => {
          if ((await erasuresSoFar(tx as unknown as OpenedDatabase["db"])) !== erasuresAtStart) return false;
          await tx
            .update(snapshots)
            .set({
              status: "complete",
              progress: 1,
              phase: null,
              finishedAt: new Date().toISOString(),
              asOfDate: result.asOfDate,
              firstPurchaseDate: result.firstPurchaseDate,
              lastPurchaseDate: result.lastPurchaseDate,
              settings,
              dataFingerprint: fingerprint,
              model: result.model,
              fit: result.fit,
              customers,
              transactions: result.transactions,
              summary: result.summary,
              message: null,
              seconds: seconds(),
            })
            .where(eq(snapshots.id, snapshotId));
          return true;
        },
        { behavior: "immediate" },
      );
      if (completed) break;
      if (attempt === MAX_ATTEMPTS) throw new ErasedMeanwhileError();
      await store.deleteCustomerScores(snapshotId);
      lastReported = -1;
      erasuresAtStart = await erasuresSoFar(db);
      data = await store.loadTransactions();
      fingerprint = dataFingerprint(data);
    }
    await pruneSnapshots(database);
    return { status: "complete", snapshotId, message: null, seconds: seconds() };
  } catch (error) {
    const message = failureMessage(error);
    console.error(`[recompute] snapshot ${snapshotId} failed: ${message}`);
    if (process.env.KLANTWAARDE_DEBUG || !isUserFacingError(error)) console.error(error);
    else if (error instanceof NoPurchaseModelFitsError) console.error(`[recompute] why each model failed:\n${error.details}`);
    await store.deleteCustomerScores(snapshotId);
    await store.progressWritten();
    await db
      .update(snapshots)
      .set({ status: "failed", phase: null, finishedAt: new Date().toISOString(), message, seconds: seconds() })
      .where(eq(snapshots.id, snapshotId));
    return { status: "failed", snapshotId, message, seconds: seconds() };
  }
}

/**
 * A failure in words for people (it is stored with the snapshot and shown in the app): the engine's named
 * errors carry a message meant for them; anything else is unexpected and only logged in full.
 */
function failureMessage(error: unknown): string {
  // A failed statement comes as Drizzle's query error (naming the SQL) with the database's own error as its cause.
  const reasons = [error, error instanceof Error ? error.cause : undefined].filter((reason): reason is Error => reason instanceof Error);
  if (reasons.some((reason) => /SQLITE_BUSY|database is locked/i.test(reason.message))) return "The database was busy for too long (another import or recompute); try again.";
  return publicErrorMessage(error, "The recompute failed unexpectedly; the details are in the server log.");
}

/**
 * Keeps the newest SNAPSHOTS_KEPT complete snapshots and as many failed ones; deletes the others with
 * their customer rows. Also removes rows of `running` snapshots whose runner is gone (an interrupted job):
 * the caller holds the queue, so no other snapshot is really running.
 */
export async function pruneSnapshots(database: OpenedDatabase, keep = SNAPSHOTS_KEPT): Promise<void> {
  const { db } = database;
  const store = scoreStoreOf(database);
  for (const status of ["complete", "failed"] as const) {
    const kept = (await db.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.status, status)).orderBy(desc(snapshots.id)).limit(keep)).map((row) => row.id);
    if (kept.length < keep) continue;
    const old = (await db
      .select({ id: snapshots.id })
      .from(snapshots)
      .where(and(eq(snapshots.status, status), notInArray(snapshots.id, kept)))
      )
      .map((row) => row.id);
    for (const id of old) {
      await store.deleteCustomerScores(id);
      await db.delete(snapshots).where(eq(snapshots.id, id));
    }
  }
}

/** Marks `running` snapshots older than `beforeId` failed and deletes their rows: their job was interrupted. */
export async function cleanUpInterruptedSnapshots(database: OpenedDatabase, beforeId?: number): Promise<number> {
  const { db } = database;
  const store = scoreStoreOf(database);
  const stale = (await db
    .select({ id: snapshots.id })
    .from(snapshots)
    .where(beforeId === undefined ? eq(snapshots.status, "running") : and(eq(snapshots.status, "running"), lt(snapshots.id, beforeId)))
    )
    .map((row) => row.id);
  for (const id of stale) await store.deleteCustomerScores(id);
  if (stale.length > 0) {
    await db.update(snapshots)
      .set({ status: "failed", phase: null, finishedAt: new Date().toISOString(), message: "The recompute was interrupted (its process stopped) before it finished." })
      .where(inArray(snapshots.id, stale));
  }
  return stale.length;
}
