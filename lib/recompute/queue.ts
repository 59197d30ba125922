import "server-only";
import { eq, sql } from "drizzle-orm";
import type { KlantwaardeDatabase, OpenedDatabase } from "@/db/client";
import { recomputeQueue, type RecomputeQueueRow } from "@/db/schema";
import { RECOMPUTE_QUEUE_ID, runnerIsAlive } from "@/lib/queries/recompute-queue";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/**
 * The recompute queue in SQLite, so that the server, its background runner and the command line agree
 * across processes. Requests are numbered; a runner claims every request made so far, computes one
 * snapshot for all of them and, before it lets go, looks whether new requests came in meanwhile (then it
 * runs again). Every step is one IMMEDIATE transaction, so a request can never fall between a runner's
 * last look and its release. Only one runner holds the queue: the process in `runner_pid`, as long as it
 * is alive and its heartbeat is recent.
 */

const QUEUE_ID = RECOMPUTE_QUEUE_ID;

async function readQueue(db: KlantwaardeDatabase): Promise<RecomputeQueueRow> {
  await db.insert(recomputeQueue).values({ id: QUEUE_ID }).onConflictDoNothing();
  return (await firstRow(db.select().from(recomputeQueue).where(eq(recomputeQueue.id, QUEUE_ID)).limit(1)))!;
}

export interface QueuedRequest {
  /** The request's number: it is handled once `handled` reaches it. */
  request: number;
  /** Whether a live runner already holds the queue (it will pick this request up). */
  runnerAlive: boolean;
}

/** Adds a request to the queue. */
export async function addRecomputeRequest(db: KlantwaardeDatabase, reason: string, force = false): Promise<QueuedRequest> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      const request = row.requested + 1;
      await database
        .update(recomputeQueue)
        .set({ requested: request, forced: force ? request : row.forced, lastReason: reason, lastRequestedAt: new Date().toISOString() })
        .where(eq(recomputeQueue.id, QUEUE_ID));
      return { request, runnerAlive: runnerIsAlive(row) };
    },
    { behavior: "immediate" },
  );
}

export type Claim =
  | { kind: "claimed"; target: number; forced: boolean; reason: string }
  | { kind: "busy"; runnerPid: number }
  | { kind: "idle" };

/** Takes the queue for process `pid` when no other live runner holds it and requests are waiting. */
export async function claimRequests(db: KlantwaardeDatabase, pid: number): Promise<Claim> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      if (row.runnerPid !== null && row.runnerPid !== pid && runnerIsAlive(row)) return { kind: "busy", runnerPid: row.runnerPid };
      if (row.requested <= row.handled) {
        if (row.runnerPid !== null) await database.update(recomputeQueue).set({ runnerPid: null, runnerHeartbeatAt: null }).where(eq(recomputeQueue.id, QUEUE_ID));
        return { kind: "idle" };
      }
      await database.update(recomputeQueue).set({ runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() }).where(eq(recomputeQueue.id, QUEUE_ID));
      return { kind: "claimed", target: row.requested, forced: row.forced > row.handled, reason: row.lastReason ?? "request" };
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks the claimed requests up to `target` handled. Returns true when the runner still holds the queue
 * because new requests arrived meanwhile (it should run again), false when it let go.
 */
export async function finishRequests(db: KlantwaardeDatabase, pid: number, target: number): Promise<boolean> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      const handled = Math.max(row.handled, target);
      const more = row.requested > handled;
      await database
        .update(recomputeQueue)
        .set(more ? { handled, runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() } : { handled, runnerPid: null, runnerHeartbeatAt: null })
        .where(eq(recomputeQueue.id, QUEUE_ID));
      return more;
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks a just-started runner process as the queue's runner before it has claimed anything, so that
 * requests made while it starts do not start another one. Does nothing when a runner is already set.
 */
export async function reserveRunner(db: KlantwaardeDatabase, pid: number): Promise<void> {
  await db.update(recomputeQueue)
    .set({ runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} IS NULL`);
}

/** Lets go of the queue without handling anything (a runner that stops early). */
export async function releaseQueue(db: KlantwaardeDatabase, pid: number): Promise<void> {
  await db.update(recomputeQueue)
    .set({ runnerPid: null, runnerHeartbeatAt: null })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} = ${pid}`);
}

/**
 * Records that the runner is still working. The runner calls it from the scoring's progress, which runs
 * synchronously: on SQLite it is written at once on the connection (an awaited write would wait until the
 * fitting is done); on PostgreSQL it is sent when the job next yields (not awaited; a failure is logged).
 */
export function heartbeatNow(database: OpenedDatabase, pid: number): void {
  const at = new Date().toISOString();
  if (database.engine === "sqlite") {
    database.sqlite.prepare("UPDATE recompute_queue SET runner_heartbeat_at = ? WHERE id = ? AND runner_pid = ?").run(at, QUEUE_ID, pid);
    return;
  }
  database.db
    .update(recomputeQueue)
    .set({ runnerHeartbeatAt: at })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} = ${pid}`)
    .then(
      () => {},
      (error: unknown) => console.warn(`[recompute] heartbeat not written (${(error as Error).message})`),
    );
}
