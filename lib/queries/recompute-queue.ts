import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { recomputeQueue, type RecomputeQueueRow } from "@/db/schema";
import { heartbeatIsAlive } from "@/lib/process-alive";
import { firstRow } from "@/db/first-row";

/**
 * The recompute queue as it is now, for the status line and for the job itself (lib/recompute/queue.ts
 * writes it): requests made and handled, and the runner that holds it.
 */

/** The queue's one row. */
export const RECOMPUTE_QUEUE_ID = 1;

/** A runner that has not written a heartbeat for this long is taken to be gone (its process may be hung). */
export const RUNNER_STALE_MS = 10 * 60 * 1000;

/** The queue as it is now; an empty queue before the first request. */
export async function getQueue(db: KlantwaardeDatabase): Promise<RecomputeQueueRow> {
  return (await firstRow(db.select().from(recomputeQueue).where(eq(recomputeQueue.id, RECOMPUTE_QUEUE_ID)).limit(1))) ?? {
    id: RECOMPUTE_QUEUE_ID,
    requested: 0,
    handled: 0,
    forced: 0,
    lastReason: null,
    lastRequestedAt: null,
    runnerPid: null,
    runnerHeartbeatAt: null,
  };
}

/** Whether the queue's runner is alive: its process exists and its heartbeat is recent. */
export function runnerIsAlive(row: Pick<RecomputeQueueRow, "runnerPid" | "runnerHeartbeatAt">, now = Date.now()): boolean {
  return heartbeatIsAlive(row.runnerPid, row.runnerHeartbeatAt, RUNNER_STALE_MS, now);
}
