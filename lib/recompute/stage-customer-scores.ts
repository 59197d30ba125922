import "server-only";
import type Database from "better-sqlite3";
import { isoFromDayNumber } from "@/lib/clv/iso-date";
import { QUADRANT_ORDER } from "@/lib/scoring/quadrants";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import type { CustomerFigures } from "@/lib/scoring/types";

/** The columns of a `customer_scores` row, in the order the staging table and the copy use them. */
export const CUSTOMER_SCORE_COLUMNS = [
  "snapshot_id",
  "customer_id",
  "historic_clv_cents",
  "predicted_clv_cents",
  "total_clv_cents",
  "probability_alive",
  "expected_purchases",
  "expected_order_value_cents",
  "expected_next_purchase_date",
  "purchases",
  "relationship_days",
  "days_since_last_purchase",
  "recency_score",
  "frequency_score",
  "monetary_score",
  "rfm_segment",
  "clv_tier",
  "quadrant",
  "predicted_clv_low_cents",
  "predicted_clv_high_cents",
  "relationship_length_days",
  "relationship_ended",
] as const;

/** The connection's own staging table (in SQLite's temp database: other connections never see or wait for it). */
export const STAGED_SCORES_TABLE = "temp.staged_customer_scores";

/** Rows per INSERT statement: one call into SQLite per 100 rows instead of per row (22 values each, far below SQLite's limit). */
const ROWS_PER_STATEMENT = 100;

/**
 * Writes a snapshot's customer rows into the connection's staging table (emptied first), in customer id
 * order, and returns how many rows it holds. The staging table has no indexes and lives in the temp
 * database, so this takes no lock on the Klantwaarde database: the rows reach `customer_scores` later in
 * short copy transactions done in SQL (write-snapshot.ts), instead of one JavaScript call per row inside
 * the lock. Customer id order makes the copy append to the primary key instead of inserting all over it.
 */
export function stageCustomerScores(sqlite: Database.Database, snapshotId: number, figures: CustomerFigures): number {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${STAGED_SCORES_TABLE} (${CUSTOMER_SCORE_COLUMNS.join(", ")})`);
  sqlite.exec(`DELETE FROM ${STAGED_SCORES_TABLE}`);
  const n = figures.customerIds.length;
  const order = customerIdOrder(figures.customerIds);
  const statementFor = (rows: number) =>
    sqlite.prepare(
      `INSERT INTO ${STAGED_SCORES_TABLE} VALUES ${Array.from({ length: rows }, () => `(${CUSTOMER_SCORE_COLUMNS.map(() => "?").join(",")})`).join(",")}`,
    );
  const full = statementFor(ROWS_PER_STATEMENT);
  const width = CUSTOMER_SCORE_COLUMNS.length;
  const values: (number | string | null)[] = new Array(ROWS_PER_STATEMENT * width);
  const dateOf = dayToIsoDate();
  sqlite.transaction(() => {
    for (let start = 0; start < n; start += ROWS_PER_STATEMENT) {
      const rows = Math.min(ROWS_PER_STATEMENT, n - start);
      for (let r = 0; r < rows; r++) {
        writeScoreRow(values, r * width, snapshotId, figures, order[start + r]!, dateOf);
      }
      if (rows === ROWS_PER_STATEMENT) full.run(values);
      else statementFor(rows).run(values.slice(0, rows * width));
    }
  })();
  return n;
}

/**
 * Puts customer `i`'s row of `customer_scores` into `values` from position `at`, in CUSTOMER_SCORE_COLUMNS order
 * (shared by the SQLite staging and the PostgreSQL copy). Absent figures are null.
 */
export function writeScoreRow(values: (number | string | null)[], at: number, snapshotId: number, figures: CustomerFigures, i: number, dateOf: (day: number) => string | null): void {
  let v = at;
  values[v++] = snapshotId;
  values[v++] = figures.customerIds[i]!;
  values[v++] = figures.historicClvCents[i]!;
  values[v++] = figures.predictedClvCents[i]!;
  values[v++] = figures.totalClvCents[i]!;
  values[v++] = figures.probabilityAlive ? figures.probabilityAlive[i]! : null;
  values[v++] = figures.expectedPurchases[i]!;
  values[v++] = figures.expectedOrderValueCents[i]!;
  values[v++] = dateOf(figures.nextPurchaseDay[i]!);
  values[v++] = figures.purchases[i]!;
  values[v++] = figures.relationshipDays[i]!;
  values[v++] = figures.daysSinceLastPurchase[i]!;
  values[v++] = figures.recencyScore[i]!;
  values[v++] = figures.frequencyScore[i]!;
  values[v++] = figures.monetaryScore[i]!;
  values[v++] = RFM_SEGMENT_KEYS[figures.segment[i]!]!;
  values[v++] = figures.tier[i]!;
  values[v++] = QUADRANT_ORDER[figures.quadrant[i]!]!;
  values[v++] = figures.predictedClvLowCents ? figures.predictedClvLowCents[i]! : null;
  values[v++] = figures.predictedClvHighCents ? figures.predictedClvHighCents[i]! : null;
  values[v++] = figures.relationshipLengthDays[i]!;
  values[v++] = figures.relationshipEnded[i]!;
}

/** Empties the staging table (after the copy, or when the job failed), giving its pages back to the temp file. */
export function clearStagedCustomerScores(sqlite: Database.Database): void {
  sqlite.exec(`DROP TABLE IF EXISTS ${STAGED_SCORES_TABLE}`);
}

/** The positions of the customers sorted by customer id (ids come in the order of their first purchase row). */
export function customerIdOrder(customerIds: Float64Array): Uint32Array {
  const order = new Uint32Array(customerIds.length);
  let sorted = true;
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
    if (i > 0 && customerIds[i]! < customerIds[i - 1]!) sorted = false;
  }
  if (!sorted) order.sort((a, b) => customerIds[a]! - customerIds[b]!);
  return order;
}

/** ISO dates of day numbers, remembered (a snapshot's next-purchase dates fall on a few thousand days); null for NaN. */
export function dayToIsoDate(): (day: number) => string | null {
  const dates = new Map<number, string>();
  return (day) => {
    if (Number.isNaN(day)) return null;
    let date = dates.get(day);
    if (date === undefined) {
      date = isoFromDayNumber(day);
      dates.set(day, date);
    }
    return date;
  };
}
