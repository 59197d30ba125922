import "server-only";
import type { OpenedDatabase } from "@/db/client";
import { getQueue, newRunnerHolder, RUNNER_HEARTBEAT_MS, runnerIsAlive } from "@/lib/queries/recompute-queue";
import { addRecomputeRequest, claimRequests, finishRequests, heartbeatNow, releaseQueue } from "./queue";
import { cleanUpInterruptedSnapshots, recomputeSnapshot, type RecomputeOutcome } from "./recompute";
import type { ProgressCallback } from "@/lib/scoring/types";

export interface RunnerOptions {
  /** The runner's holder id in the queue's lease (tests); a new `newRunnerHolder()` by default. */
  holder?: string;
  onProgress?: ProgressCallback;
  /** Passed to every recompute (tests). */
  onRowsWritten?: (rows: number) => void | Promise<void>;
}

export type RunnerResult =
  | { kind: "ran"; outcomes: RecomputeOutcome[] }
  /** Another live process holds the queue; it will handle the waiting requests. */
  | { kind: "busy"; runnerPid: number };

/**
 * Runs the queued recompute requests until none are left: claims them, computes one snapshot for all of
 * them, and runs again when requests arrived meanwhile. Returns at once when another process is running.
 */
export async function runQueuedRecomputes(database: OpenedDatabase, options: RunnerOptions = {}): Promise<RunnerResult> {
  const holder = options.holder ?? newRunnerHolder();
  const { db } = database;
  // The job waits for other writers (an import's transaction) instead of failing after 5 s, keeps the
  // indexes of the rows it writes in memory, and checkpoints the write-ahead log every 200 MB instead of
  // every 4 MB (each checkpoint copies and syncs pages: about a third of the write time at the default).
  if (database.engine === "sqlite") {
    database.sqlite.pragma("busy_timeout = 60000");
    database.sqlite.pragma("cache_size = -262144");
    database.sqlite.pragma("wal_autocheckpoint = 50000");
    database.sqlite.pragma("journal_size_limit = 67108864");
  }
  const outcomes: RecomputeOutcome[] = [];
  let claim = await claimRequests(db, holder);
  if (claim.kind === "busy") return { kind: "busy", runnerPid: claim.runnerPid };
  try {
    while (claim.kind === "claimed") {
      await cleanUpInterruptedSnapshots(database);
      let lastBeat = Date.now();
      const outcome = await recomputeSnapshot(database, {
        reason: claim.reason,
        force: claim.forced,
        onRowsWritten: options.onRowsWritten,
        onProgress: (fraction, phase) => {
          options.onProgress?.(fraction, phase);
          if (Date.now() - lastBeat > RUNNER_HEARTBEAT_MS) {
            heartbeatNow(database, holder);
            lastBeat = Date.now();
          }
        },
      });
      outcomes.push(outcome);
      // Copy the new rows from the log into the database file now, in the job, not in the server's next write.
      if (database.engine === "sqlite") database.sqlite.pragma("wal_checkpoint(PASSIVE)");
      if (!(await finishRequests(db, holder, claim.target))) break;
      claim = await claimRequests(db, holder);
    }
  } catch (error) {
    await releaseQueue(db, holder);
    throw error;
  }
  return { kind: "ran", outcomes };
}

export interface RecomputeNowResult {
  /** The last recompute that covered the request (null when another process handled it). */
  outcome: RecomputeOutcome | null;
  request: number;
}

/**
 * Requests a recompute and runs it in this process (the command line, the browser tests' seeded server).
 * When another process is already running, waits until it has handled this request.
 */
export async function recomputeNow(database: OpenedDatabase, { reason, force = false, ...options }: RunnerOptions & { reason: string; force?: boolean }): Promise<RecomputeNowResult> {
  const { request } = await addRecomputeRequest(database.db, reason, force);
  for (;;) {
    const result = await runQueuedRecomputes(database, options);
    if (result.kind === "ran") return { outcome: result.outcomes.at(-1) ?? null, request };
    // Another runner holds the queue: wait until it handled our request, or took over when it died.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const queue = await getQueue(database.db);
      if (queue.handled >= request) return { outcome: null, request };
      if (!runnerIsAlive(queue)) break;
    }
  }
}
