import "server-only";
import { eq, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { recomputeQueue, type RecomputeQueueRow } from "@/db/schema";
import { RECOMPUTE_QUEUE_ID, runnerIsAlive } from "@/lib/queries/recompute-queue";

/**
 * The recompute queue in SQLite, so that the server, its background runner and the command line agree
 * across processes. Requests are numbered; a runner claims every request made so far, computes one
 * snapshot for all of them and, before it lets go, looks whether new requests came in meanwhile (then it
 * runs again). Every step is one IMMEDIATE transaction, so a request can never fall between a runner's
 * last look and its release. Only one runner holds the queue: the process in `runner_pid`, as long as it
 * is alive and its heartbeat is recent.
 */

const QUEUE_ID = RECOMPUTE_QUEUE_ID;

function readQueue(db: KlantwaardeDatabase): RecomputeQueueRow {
  db.insert(recomputeQueue).values({ id: QUEUE_ID }).onConflictDoNothing().run();
  return db.select().from(recomputeQueue).where(eq(recomputeQueue.id, QUEUE_ID)).get()!;
}

export interface QueuedRequest {
  /** The request's number: it is handled once `handled` reaches it. */
  request: number;
  /** Whether a live runner already holds the queue (it will pick this request up). */
  runnerAlive: boolean;
}

/** Adds a request to the queue. */
export function addRecomputeRequest(db: KlantwaardeDatabase, reason: string, force = false): QueuedRequest {
  return db.transaction(
    (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = readQueue(database);
      const request = row.requested + 1;
      database
        .update(recomputeQueue)
        .set({ requested: request, forced: force ? request : row.forced, lastReason: reason, lastRequestedAt: new Date().toISOString() })
        .where(eq(recomputeQueue.id, QUEUE_ID))
        .run();
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
export function claimRequests(db: KlantwaardeDatabase, pid: number): Claim {
  return db.transaction(
    (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = readQueue(database);
      if (row.runnerPid !== null && row.runnerPid !== pid && runnerIsAlive(row)) return { kind: "busy", runnerPid: row.runnerPid };
      if (row.requested <= row.handled) {
        if (row.runnerPid !== null) database.update(recomputeQueue).set({ runnerPid: null, runnerHeartbeatAt: null }).where(eq(recomputeQueue.id, QUEUE_ID)).run();
        return { kind: "idle" };
      }
      database.update(recomputeQueue).set({ runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() }).where(eq(recomputeQueue.id, QUEUE_ID)).run();
      return { kind: "claimed", target: row.requested, forced: row.forced > row.handled, reason: row.lastReason ?? "request" };
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks the claimed requests up to `target` handled. Returns true when the runner still holds the queue
 * because new requests arrived meanwhile (it should run again), false when it let go.
 */
export function finishRequests(db: KlantwaardeDatabase, pid: number, target: number): boolean {
  return db.transaction(
    (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = readQueue(database);
      const handled = Math.max(row.handled, target);
      const more = row.requested > handled;
      database
        .update(recomputeQueue)
        .set(more ? { handled, runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() } : { handled, runnerPid: null, runnerHeartbeatAt: null })
        .where(eq(recomputeQueue.id, QUEUE_ID))
        .run();
      return more;
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks a just-started runner process as the queue's runner before it has claimed anything, so that
 * requests made while it starts do not start another one. Does nothing when a runner is already set.
 */
export function reserveRunner(db: KlantwaardeDatabase, pid: number): void {
  db.update(recomputeQueue)
    .set({ runnerPid: pid, runnerHeartbeatAt: new Date().toISOString() })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} IS NULL`)
    .run();
}

/** Lets go of the queue without handling anything (a runner that stops early). */
export function releaseQueue(db: KlantwaardeDatabase, pid: number): void {
  db.update(recomputeQueue)
    .set({ runnerPid: null, runnerHeartbeatAt: null })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} = ${pid}`)
    .run();
}

/** Records that the runner is still working. */
export function heartbeat(db: KlantwaardeDatabase, pid: number): void {
  db.update(recomputeQueue)
    .set({ runnerHeartbeatAt: new Date().toISOString() })
    .where(sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerPid} = ${pid}`)
    .run();
}
