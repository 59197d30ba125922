import "server-only";
/**
 * The recompute's reads and writes on PostgreSQL (the SQLite ones are load-transactions.ts and write-snapshot.ts):
 * the purchases in one read-only scan of one consistent snapshot of the data (by `COPY … TO STDOUT`), the customer
 * rows by `COPY` in chunks. No staging: the rows of a snapshot that is not `complete` are never read by a page, and PostgreSQL
 * locks only the rows written, so other writers do not wait for the copy.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { copyTextLine, wholeNumberCopyReader } from "@/db/pg/copy-text";
import { refundedInFullSql } from "@/lib/scoring/purchase-rule";
import type { CustomerFigures, LoadedTransactions } from "@/lib/scoring/types";
import { DAY_BITS, DAY_OFFSET, toColumns } from "./load-transactions";
import { CUSTOMER_SCORE_COLUMNS, customerIdOrder, dayToIsoDate, writeScoreRow } from "./stage-customer-scores";
import { COPY_CHUNK_ROWS } from "./write-snapshot";

/** Where the store takes a connection of its own: a pool. */
type ConnectionSource = { connect(): Promise<pg.PoolClient> };

/**
 * Every transaction row as the scorer's columns, read in one repeatable-read transaction (the row count, largest
 * id and the rows agree). Rows of an import still running are not visible on PostgreSQL: it writes in one
 * transaction.
 */
export async function loadTransactionsFromPostgres(pool: ConnectionSource): Promise<LoadedTransactions> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: top } = await client.query<{ max_id: number; has_cost: boolean }>(
      `SELECT coalesce(max(id), 0) AS max_id, coalesce(bool_or(cost_cents <> 0 AND NOT ${refundedInFullSql()}), false) AS has_cost FROM transactions`,
    );
    const { max_id: maxTransactionId, has_cost: hasCost } = top[0]!;
    // COPY text read straight into columns: 0.6 times the CPU of the driver's rows at 100k customers (README).
    const reader = wholeNumberCopyReader(hasCost ? 3 : 2);
    const copy = client.query(
      copyTo(
        `COPY (SELECT (customer_id::bigint * ${DAY_BITS} + (purchase_date - date '1970-01-01') + ${DAY_OFFSET}) * 2 + (CASE WHEN ${refundedInFullSql()} THEN 1 ELSE 0 END), ` +
          `revenue_cents${hasCost ? ", cost_cents" : ""} FROM transactions ORDER BY id) TO STDOUT`,
      ),
    );
    for await (const chunk of copy as AsyncIterable<Buffer>) reader.push(chunk);
    await client.query("COMMIT");
    const [packed, revenue, cost] = reader.end() as [(number | null)[], number[], number[] | undefined];
    return toColumns(packed, revenue, cost ?? null, maxTransactionId);
  } catch (error) {
    // A copy stopped halfway may leave the connection mid-protocol: it is closed, not given back to the pool.
    failure = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release(failure);
  }
}

/** NaN (a figure the model could not give) is stored as null, as SQLite stores it; infinities in PostgreSQL's words. */
function copyableNumber(value: number | string | null): number | string | null {
  if (typeof value !== "number" || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? null : value > 0 ? "Infinity" : "-Infinity";
}

/** Writes a snapshot's customer rows with `COPY`, `chunkRows` per statement (each its own transaction), in customer id order. */
export async function copyCustomerScoresToPostgres(
  pool: ConnectionSource,
  snapshotId: number,
  figures: CustomerFigures,
  { chunkRows = COPY_CHUNK_ROWS, onChunk }: { chunkRows?: number; onChunk?: (rowsWritten: number) => void | Promise<void> } = {},
): Promise<void> {
  const order = customerIdOrder(figures.customerIds);
  const dateOf = dayToIsoDate();
  const width = CUSTOMER_SCORE_COLUMNS.length;
  const values: (number | string | null)[] = new Array(width);
  const copySql = `COPY customer_scores (${CUSTOMER_SCORE_COLUMNS.join(", ")}) FROM STDIN`;
  for (let start = 0; start < order.length; start += chunkRows) {
    const end = Math.min(order.length, start + chunkRows);
    function* lines() {
      for (let r = start; r < end; r++) {
        writeScoreRow(values, 0, snapshotId, figures, order[r]!, dateOf);
        yield copyTextLine(values.map(copyableNumber));
      }
    }
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(lines()), client.query(copyFrom(copySql)));
    } finally {
      client.release();
    }
    // Awaited: what the caller does between chunks (a test's erasure) is done before the next chunk is written.
    await onChunk?.(end);
  }
}
