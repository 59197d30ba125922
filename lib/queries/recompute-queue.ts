import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { recomputeQueue, type RecomputeQueueRow } from "@/db/schema";
import { processIsAlive } from "@/lib/process-alive";
import { firstRow } from "@/db/first-row";

/**
 * The recompute queue as it is now, for the status line and for the job itself (lib/recompute/queue.ts
 * writes it): requests made and handled, and the runner that holds it.
 *
 * The runner holds the queue by a lease, because several app instances on several hosts may share one
 * PostgreSQL database and a process id means nothing on another host. The lease names its holder across
 * hosts (`host:pid:random`, `runner_holder`) and lives as long as the holder writes heartbeats: it has
 * expired when `runner_heartbeat_at` is older than RUNNER_STALE_MS. Only for a holder on this host is its
 * process looked at too, so that a runner that crashed here is replaced at once instead of after the expiry.
 */

/** The queue's one row. */
export const RECOMPUTE_QUEUE_ID = 1;

/** The runner writes its heartbeat at most this often, from the scoring's progress (lib/recompute/runner.ts). */
export const RUNNER_HEARTBEAT_MS = 2000;

/**
 * The lease's expiry: a runner that has not written a heartbeat for this long is taken to be gone (crashed
 * on another host, or hung). It is the stale limit the queue had before the lease, 300 heartbeat intervals:
 * the heartbeat comes only from the scoring's progress, which can be silent for minutes in one phase, and
 * the clocks of two hosts may differ by seconds, not minutes.
 */
export const RUNNER_STALE_MS = 10 * 60 * 1000;

/** The last part of a reservation's holder id: a runner process that the server started and that has not claimed yet. */
const RESERVED = "reserved";

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
    runnerHolder: null,
  };
}

/**
 * A new runner's holder id, unique across hosts and across runners of one process: this host's name, the
 * process id and a random part.
 * @example newRunnerHolder() // "app-2:4711:9f86d081884c"
 */
export function newRunnerHolder(pid = process.pid): string {
  return `${os.hostname()}:${pid}:${crypto.randomBytes(6).toString("hex")}`;
}

/** The holder id with which the server reserves the queue for runner process `pid` it started on this host. */
export function reservedHolder(pid: number): string {
  return `${os.hostname()}:${pid}:${RESERVED}`;
}

/** Whether a holder id is a reservation (`reservedHolder`): a runner process started that has not claimed anything yet. */
export function isReservation(holder: string): boolean {
  return holder.endsWith(`:${RESERVED}`);
}

/**
 * The host and process id in a holder id (the host is everything before the last two parts); null for an
 * id that is not one.
 * @example holderParts("app-2:4711:9f86d081884c") // { host: "app-2", pid: 4711 }
 */
export function holderParts(holder: string): { host: string; pid: number } | null {
  const match = /^(.*):(\d+):[^:]+$/.exec(holder);
  return match ? { host: match[1]!, pid: Number(match[2]) } : null;
}

/**
 * Whether a lease held by `leaseHolder` is the runner `holder`'s own: its own id, or the reservation the
 * server made for its process before it started.
 */
export function isOwnLease(leaseHolder: string, holder: string): boolean {
  if (leaseHolder === holder) return true;
  const parts = holderParts(holder);
  return parts !== null && parts.host === os.hostname() && leaseHolder === reservedHolder(parts.pid);
}

/**
 * Whether the queue's runner is alive: it holds a lease whose heartbeat is at most RUNNER_STALE_MS old, and,
 * when it is on this host, its process exists. A holder on another host is alive on its lease alone.
 */
export function runnerIsAlive(row: Pick<RecomputeQueueRow, "runnerHolder" | "runnerHeartbeatAt">, now = Date.now()): boolean {
  if (row.runnerHolder === null || row.runnerHeartbeatAt === null) return false;
  // Written the other way round so that an unreadable heartbeat counts as expired.
  if (!(now - Date.parse(row.runnerHeartbeatAt) <= RUNNER_STALE_MS)) return false;
  const parts = holderParts(row.runnerHolder);
  return parts === null || parts.host !== os.hostname() || processIsAlive(parts.pid);
}
