import "server-only";
import type Database from "better-sqlite3";
import type { CustomerFigures } from "@/lib/scoring/types";
import { CUSTOMER_SCORE_COLUMNS, STAGED_SCORES_TABLE, clearStagedCustomerScores, stageCustomerScores } from "./stage-customer-scores";

/**
 * Rows per copy transaction. Copied in SQL, a chunk holds the write lock only while SQLite inserts its rows
 * into the table and its eight indexes (no JavaScript in between). Chunks of 100,000 rows were tried: at 1M
 * customers on a busy machine the write phase took 47-59 s for ten of them, i.e. several seconds per chunk,
 * too close to the 5 s other writers wait, so the chunk stays at the 25,000 rows of the row-by-row writer.
 */
export const COPY_CHUNK_ROWS = 25_000;

/**
 * Writes a snapshot's customer rows: first into the connection's staging table (no lock on the database,
 * stage-customer-scores.ts), then copied into `customer_scores` in chunks of `chunkRows`, one transaction
 * each, so that other writers (an import, a settings change) never wait more than a moment. The rows are
 * invisible to the app until the snapshot turns `complete` (pages read complete snapshots only), so the
 * snapshot still appears all at once. Measured at 100k customers (2026-12-07): the same rows bound straight
 * into `customer_scores`, chunk by chunk, took twice the CPU of staging and copying; the copy's order (by
 * customer id here) made no difference against the order of any one index.
 */
export function insertCustomerScores(
  sqlite: Database.Database,
  snapshotId: number,
  figures: CustomerFigures,
  { chunkRows = COPY_CHUNK_ROWS, onChunk }: { chunkRows?: number; onChunk?: (rowsWritten: number) => void } = {},
): void {
  try {
    const n = stageCustomerScores(sqlite, snapshotId, figures);
    const columns = CUSTOMER_SCORE_COLUMNS.join(", ");
    const copy = sqlite.prepare(`INSERT INTO customer_scores (${columns}) SELECT ${columns} FROM ${STAGED_SCORES_TABLE} WHERE rowid > ? AND rowid <= ?`);
    const copyChunk = sqlite.transaction((start: number, end: number) => copy.run(start, end));
    // The staging table was just emptied and filled in one transaction: its rowids run 1..n.
    for (let start = 0; start < n; start += chunkRows) {
      const end = Math.min(n, start + chunkRows);
      copyChunk(start, end);
      onChunk?.(end);
    }
  } finally {
    clearStagedCustomerScores(sqlite);
  }
}

/** Deletes a snapshot's customer rows in chunks (a failed or pruned snapshot), each chunk its own transaction. */
export function deleteCustomerScores(sqlite: Database.Database, snapshotId: number, chunkRows = 50_000): void {
  const remove = sqlite.prepare(
    "DELETE FROM customer_scores WHERE rowid IN (SELECT rowid FROM customer_scores WHERE snapshot_id = ? LIMIT ?)",
  );
  while (remove.run(snapshotId, chunkRows).changes > 0) {
    // keep deleting until the snapshot has no rows left
  }
}
