import "server-only";
import { eq, sql } from "drizzle-orm";
import type { KlantwaardeDatabase, OpenedDatabase } from "@/db/client";
import { recomputeQueue, type RecomputeQueueRow } from "@/db/schema";
import { holderParts, isOwnLease, isReservation, RECOMPUTE_QUEUE_ID, reservedHolder, runnerIsAlive } from "@/lib/queries/recompute-queue";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/**
 * The recompute queue in the database, so that the server, its background runner, the command line and
 * other app instances on other hosts agree. Requests are numbered; a runner claims every request made so
 * far, computes one snapshot for all of them and, before it lets go, looks whether new requests came in
 * meanwhile (then it runs again). Only requests a runner finished count as handled, so the requests of a
 * runner that crashed are claimed again by the next one.
 *
 * One runner holds the queue at a time, by a lease (the rule and its expiry: lib/queries/recompute-queue.ts):
 * a runner is identified by a holder id (`newRunnerHolder()`), and claims only when no unexpired lease of
 * another holder exists. Every step that reads and then writes the queue is one `immediate` transaction: on
 * SQLite it takes the write lock at its start, on PostgreSQL an advisory lock that every other `immediate`
 * transaction waits for (db/transaction.ts). That is used instead of `SELECT ... FOR UPDATE` of the queue's
 * row because the row may not exist yet (the first request inserts it, and FOR UPDATE locks no missing row),
 * and because it gives both engines the same rule: two claims cannot both see the queue free, and a request
 * can never fall between a runner's last look and its release.
 */

const QUEUE_ID = RECOMPUTE_QUEUE_ID;

async function readQueue(db: KlantwaardeDatabase): Promise<RecomputeQueueRow> {
  await db.insert(recomputeQueue).values({ id: QUEUE_ID }).onConflictDoNothing();
  return (await firstRow(db.select().from(recomputeQueue).where(eq(recomputeQueue.id, QUEUE_ID)).limit(1)))!;
}

/** The queue's columns that say who holds it: `holder` from now on, or nobody. */
function leaseOf(holder: string | null): Pick<RecomputeQueueRow, "runnerHolder" | "runnerPid" | "runnerHeartbeatAt"> {
  if (holder === null) return { runnerHolder: null, runnerPid: null, runnerHeartbeatAt: null };
  return { runnerHolder: holder, runnerPid: holderParts(holder)?.pid ?? null, runnerHeartbeatAt: new Date().toISOString() };
}

/** Only the row of the queue whose lease `holder` holds. */
const heldBy = (holder: string) => sql`${recomputeQueue.id} = ${QUEUE_ID} AND ${recomputeQueue.runnerHolder} = ${holder}`;

export interface QueuedRequest {
  /** The request's number: it is handled once `handled` reaches it. */
  request: number;
  /** Whether a live runner already holds the queue (it will pick this request up). */
  runnerAlive: boolean;
}

/**
 * Adds a request to the queue. A forced request ("Recompute now") made while a runner is computing (it has
 * claimed, not only been reserved) is stored as an ordinary one: the snapshot being computed is the new
 * snapshot asked for, and the run after it computes again only when data or settings changed meanwhile (the
 * fingerprint check of lib/recompute/recompute.ts). So "Recompute now" pressed by two people, or on two app
 * instances, at about the same time makes one snapshot, whichever of them the runner claimed first. When the
 * running computation fails, the earlier forced request it claimed is not handled and keeps its force.
 */
export async function addRecomputeRequest(db: KlantwaardeDatabase, reason: string, force = false): Promise<QueuedRequest> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      const request = row.requested + 1;
      const computing = runnerIsAlive(row) && row.runnerHolder !== null && !isReservation(row.runnerHolder);
      await database
        .update(recomputeQueue)
        .set({ requested: request, forced: force && !computing ? request : row.forced, lastReason: reason, lastRequestedAt: new Date().toISOString() })
        .where(eq(recomputeQueue.id, QUEUE_ID));
      return { request, runnerAlive: runnerIsAlive(row) };
    },
    { behavior: "immediate" },
  );
}

export type Claim =
  | { kind: "claimed"; target: number; forced: boolean; reason: string }
  /** Another runner holds an unexpired lease: `runnerPid` is its process id on its host `holder`. */
  | { kind: "busy"; runnerPid: number; holder: string }
  | { kind: "idle" };

/**
 * Takes the queue's lease for runner `holder` (a `newRunnerHolder()` id) when no other runner holds an
 * unexpired one and requests are waiting: every request made so far, including those a crashed runner
 * claimed and did not finish. Without waiting requests it lets go of the lease (`idle`).
 */
export async function claimRequests(db: KlantwaardeDatabase, holder: string): Promise<Claim> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      if (row.runnerHolder !== null && !isOwnLease(row.runnerHolder, holder) && runnerIsAlive(row)) {
        return { kind: "busy", runnerPid: row.runnerPid ?? 0, holder: row.runnerHolder };
      }
      if (row.requested <= row.handled) {
        if (row.runnerHolder !== null) await database.update(recomputeQueue).set(leaseOf(null)).where(eq(recomputeQueue.id, QUEUE_ID));
        return { kind: "idle" };
      }
      await database.update(recomputeQueue).set(leaseOf(holder)).where(eq(recomputeQueue.id, QUEUE_ID));
      return { kind: "claimed", target: row.requested, forced: row.forced > row.handled, reason: row.lastReason ?? "request" };
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks the claimed requests up to `target` handled (its snapshot is written). Returns true when the runner
 * still holds the queue because new requests arrived meanwhile (it should run again), false when it let go,
 * or when its lease had expired and another runner took the queue over (that one's lease is left alone).
 */
export async function finishRequests(db: KlantwaardeDatabase, holder: string, target: number): Promise<boolean> {
  return inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      const row = await readQueue(database);
      const handled = Math.max(row.handled, target);
      const held = row.runnerHolder === holder;
      const more = held && row.requested > handled;
      await database
        .update(recomputeQueue)
        .set(held ? { handled, ...leaseOf(more ? holder : null) } : { handled })
        .where(eq(recomputeQueue.id, QUEUE_ID));
      return more;
    },
    { behavior: "immediate" },
  );
}

/**
 * Reserves the queue for runner process `pid` that the server just started on this host, before it has
 * claimed anything, so that requests made while it starts do not start another one. Does nothing when a
 * live runner holds the queue; the process takes the reservation over as its own when it claims.
 */
export async function reserveRunner(db: KlantwaardeDatabase, pid: number): Promise<void> {
  await inTransaction(
    db,
    async (tx) => {
      const database = tx as unknown as KlantwaardeDatabase;
      if (runnerIsAlive(await readQueue(database))) return;
      await database.update(recomputeQueue).set(leaseOf(reservedHolder(pid))).where(eq(recomputeQueue.id, QUEUE_ID));
    },
    { behavior: "immediate" },
  );
}

/** Lets go of the queue without handling anything (a runner that stops early); nothing when `holder` no longer holds it. */
export async function releaseQueue(db: KlantwaardeDatabase, holder: string): Promise<void> {
  await db.update(recomputeQueue).set(leaseOf(null)).where(heldBy(holder));
}

/**
 * Records that the runner is still working: renews its lease, and only its own (a runner whose lease
 * expired does not take it back). The runner calls it from the scoring's progress, which runs
 * synchronously: on SQLite it is written at once on the connection (an awaited write would wait until the
 * fitting is done); on PostgreSQL it is sent when the job next yields (not awaited; a failure is logged).
 */
export function heartbeatNow(database: OpenedDatabase, holder: string): void {
  const at = new Date().toISOString();
  if (database.engine === "sqlite") {
    database.sqlite.prepare("UPDATE recompute_queue SET runner_heartbeat_at = ? WHERE id = ? AND runner_holder = ?").run(at, QUEUE_ID, holder);
    return;
  }
  database.db
    .update(recomputeQueue)
    .set({ runnerHeartbeatAt: at })
    .where(heldBy(holder))
    .then(
      () => {},
      (error: unknown) => console.warn(`[recompute] heartbeat not written (${(error as Error).message})`),
    );
}
