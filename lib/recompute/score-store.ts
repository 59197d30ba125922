import "server-only";
/**
 * What the recompute job reads and writes in bulk, per engine: the purchases, a snapshot's customer rows, and its
 * progress. Everything else in the job is engine-neutral Drizzle.
 */
import { eq } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { postgresPoolOf } from "@/db/pg/query-database";
import { customerScores, snapshots } from "@/db/schema";
import { onFreeConnection } from "@/db/sqlite-async";
import type { CustomerFigures, LoadedTransactions } from "@/lib/scoring/types";
import { loadTransactions } from "./load-transactions";
import { copyCustomerScoresToPostgres, loadTransactionsFromPostgres } from "./postgres-score-store";
import { deleteCustomerScores, insertCustomerScores } from "./write-snapshot";

export interface ScoreWriteOptions {
  chunkRows?: number;
  /** Hears the rows written so far after each chunk; PostgreSQL awaits it before the next chunk (SQLite writes synchronously). */
  onChunk?: (rowsWritten: number) => void | Promise<void>;
}

export interface ScoreStore {
  /** Every visible transaction row as the scorer's columns, from one consistent view of the data. */
  loadTransactions(): Promise<LoadedTransactions>;
  /** Writes a snapshot's customer rows (chunk by chunk, so other writers never wait long). */
  insertCustomerScores(snapshotId: number, figures: CustomerFigures, options?: ScoreWriteOptions): Promise<void>;
  /** Deletes a snapshot's customer rows (a failed, pruned or interrupted snapshot). */
  deleteCustomerScores(snapshotId: number): Promise<void>;
  /**
   * Records the snapshot's progress for the app to show. Called from inside the synchronous fitting: SQLite writes
   * at once; on PostgreSQL the write is sent when the job next yields (the latest value wins).
   */
  writeProgress(snapshotId: number, fraction: number, phase: string): void;
  /** Resolves when every progress write sent so far is done (before the snapshot is marked complete or failed). */
  progressWritten(): Promise<void>;
}

/** The store of `database`'s engine. */
export function scoreStoreOf(database: OpenedDatabase): ScoreStore {
  if (database.engine === "sqlite") {
    const { db, sqlite } = database;
    const writeProgress = sqlite.prepare("UPDATE snapshots SET progress = ?, phase = ? WHERE id = ?");
    return {
      loadTransactions: () => onFreeConnection(db, () => loadTransactions(sqlite)),
      insertCustomerScores: (snapshotId, figures, options) => onFreeConnection(db, () => insertCustomerScores(sqlite, snapshotId, figures, options)),
      deleteCustomerScores: (snapshotId) => onFreeConnection(db, () => deleteCustomerScores(sqlite, snapshotId)),
      writeProgress: (snapshotId, fraction, phase) => void writeProgress.run(fraction, phase, snapshotId),
      progressWritten: async () => {},
    };
  }
  const { db } = database;
  const pool = postgresPoolOf(db)!;
  let progressWrite: Promise<unknown> = Promise.resolve();
  return {
    loadTransactions: async () => {
      await pool.ready;
      return loadTransactionsFromPostgres(pool);
    },
    insertCustomerScores: (snapshotId, figures, options) => copyCustomerScoresToPostgres(pool, snapshotId, figures, options),
    deleteCustomerScores: async (snapshotId) => {
      await db.delete(customerScores).where(eq(customerScores.snapshotId, snapshotId));
    },
    writeProgress: (snapshotId, fraction, phase) => {
      progressWrite = progressWrite
        .then(() => db.update(snapshots).set({ progress: fraction, phase }).where(eq(snapshots.id, snapshotId)))
        .catch((error: unknown) => console.warn(`[recompute] snapshot ${snapshotId}: progress not written (${(error as Error).message})`));
    },
    progressWritten: async () => {
      await progressWrite;
    },
  };
}
