/**
 * An import's writes in short steps: each step is one IMMEDIATE transaction of at most about
 * `stepMs` of work, so that SQLite's write lock is never held long by an import, whatever the file's
 * size. Between steps (STEP_GAP_MS) the event loop runs (other requests of the same server) and other
 * processes write (the recompute job, the command line).
 *
 * The rule that keeps the bound: never await while a step is open. A step is opened (`enter`) right
 * before synchronous writes and closed (`leave`) before any await; `breathe` closes it when it has run
 * `stepMs` and lets everything else in. Opening a step waits for the lock without blocking the thread
 * (busy_timeout 0 and a retry after a short sleep), so a server that imports keeps answering meanwhile.
 */
import type Database from "better-sqlite3";

/**
 * Work per step: well under the 5 s busy_timeout of every other connection, and not much shorter: every
 * commit writes each page it changed again. Measured when rows were written in file order (before the
 * staging database): 1M rows of random customers on a busy machine, one transaction 20 s, steps of 250 ms
 * 43 s, steps of 100 ms 85 s; on a quiet one steps of 250 ms 27.0 s (longest hold 0.53 s), 1 s 15.4 s
 * (1.33 s), 2 s 13.9 s (2.42 s). Since then a transactions file is staged first and copied in sorted
 * pieces (transaction-writer.ts), so a step changes far fewer pages per row. 1 s keeps every other
 * writer's wait near 1 s.
 */
export const STEP_MS = 1000;

/**
 * The pause after a step before the next: another connection waiting for the lock polls it (SQLite's busy
 * handler sleeps between tries, 100 ms at a time once it has waited ~230 ms), so a shorter gap lets the
 * import take the lock again before the waiter looks: with `setImmediate` alone a write beside the import
 * waited 1.3 s behind steps of at most 0.4 s.
 */
export const STEP_GAP_MS = 100;

/**
 * Steps between two checkpoints of the WAL (see `checkpoint` below). A step of a large import changes
 * index pages all over, and the next steps change most of them again: a checkpoint after every step
 * copied each of them into the database file (and synced it) every time, ~0.3 s a step at 1M rows.
 * Another connection's commit meanwhile may checkpoint what the import wrote (its automatic checkpoint),
 * as it did before.
 */
const CHECKPOINT_EVERY_STEPS = 4;

/** How long opening a step waits for another writer before the import gives up. */
const LOCK_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WriteSteps {
  /** Opens a step (waits for the write lock without blocking); nothing when one is open. */
  enter(): Promise<void>;
  /** Commits the open step (nothing when none is open). */
  leave(): void;
  /** After `stepMs` of work: commits and lets the event loop and other writers in. */
  breathe(): Promise<void>;
  /** Rolls the open step back (on failure); called when the import ends, whatever its outcome (restores automatic checkpoints). */
  abandon(): void;
  readonly open: boolean;
  /** The longest time a step held the write lock, in milliseconds. */
  readonly longestMs: number;
  readonly steps: number;
}

/**
 * Steps on `sqlite`. `onCommit` runs inside every step right before its COMMIT (the import's heartbeat).
 */
export function createWriteSteps(sqlite: Database.Database, options: { stepMs?: number; onCommit?: () => void } = {}): WriteSteps {
  const stepMs = options.stepMs ?? STEP_MS;
  const busyTimeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  let openedAt = 0;
  let open = false;
  let longestMs = 0;
  let steps = 0;

  const tryBegin = (): boolean => {
    sqlite.pragma("busy_timeout = 0");
    try {
      sqlite.exec("BEGIN IMMEDIATE");
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
      throw error;
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
  };

  // The WAL is checkpointed after each step by the import itself, outside the step: SQLite's automatic
  // checkpoint would run inside COMMIT, after the write lock is released (other writers do not wait for
  // it) but before the step ends, so it made every step look longer than the lock was held and delayed
  // the next one. A PASSIVE checkpoint waits for no one and no one waits for it.
  const walMode = sqlite.pragma("journal_mode", { simple: true }) === "wal";
  const autoCheckpoint = sqlite.pragma("wal_autocheckpoint", { simple: true }) as number;
  if (walMode) sqlite.pragma("wal_autocheckpoint = 0");
  let uncheckpointedSteps = 0;
  const checkpoint = () => {
    if (walMode) sqlite.pragma("wal_checkpoint(PASSIVE)");
    uncheckpointedSteps = 0;
  };

  // How long the last COMMIT took (writing the step's pages to the WAL): a step ends that much earlier, so
  // that work and commit together stay near `stepMs` (at 6M rows a commit wrote up to a second of pages).
  let lastCommitMs = 0;
  const leave = () => {
    if (!open) return;
    options.onCommit?.();
    const committing = performance.now();
    sqlite.exec("COMMIT");
    lastCommitMs = performance.now() - committing;
    open = false;
    steps += 1;
    longestMs = Math.max(longestMs, performance.now() - openedAt);
    if (++uncheckpointedSteps >= CHECKPOINT_EVERY_STEPS) checkpoint();
  };

  return {
    async enter() {
      if (open) return;
      const giveUpAt = Date.now() + LOCK_WAIT_MS;
      let wait = 2;
      while (!tryBegin()) {
        if (Date.now() > giveUpAt) throw new Error(`The database stayed busy for ${LOCK_WAIT_MS / 1000} seconds, so the import stopped.`);
        await sleep(wait);
        wait = Math.min(wait * 2, 50);
      }
      open = true;
      openedAt = performance.now();
    },
    leave,
    async breathe() {
      if (!open || performance.now() - openedAt + lastCommitMs < stepMs) return;
      leave();
      await sleep(STEP_GAP_MS);
    },
    abandon() {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      open = false;
      if (uncheckpointedSteps > 0) checkpoint();
      if (walMode) sqlite.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    },
    get open() {
      return open;
    },
    get longestMs() {
      return longestMs;
    },
    get steps() {
      return steps;
    },
  };
}

/**
 * Runs `batch` again and again in steps until it returns 0 (nothing left), then closes the step: for
 * work of unknown size that must never hold the lock long, such as folding a customers file's changes
 * (customer-changes.ts). Each batch must be small next to `stepMs` and whole in itself.
 */
export async function repeatInSteps(batch: () => number, steps: WriteSteps): Promise<void> {
  for (;;) {
    await steps.enter();
    if (batch() === 0) break;
    await steps.breathe();
  }
  steps.leave();
}
