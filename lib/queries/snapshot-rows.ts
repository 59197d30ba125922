import "server-only";
/**
 * A snapshot's score rows in table order. The recompute writes a snapshot's rows in one go, sorted by customer id
 * (lib/recompute/stage-customer-scores.ts), so on SQLite its rows occupy one rowid range in customer order. Reading
 * that range without an index and joining each row to the customer's other rows (soft data, details) walks those in
 * customer order too: at a million customers several times faster than visiting the rows in the order of an index
 * on the scores, which jumps all over the other tables (measured in quadrant-map.ts and drivers.ts).
 */
import { eq, sql, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { engineOf } from "@/db/engine";
import { firstRow } from "@/db/first-row";
import { customerScores } from "@/db/schema";

/** The first and last rowid of each snapshot's scores (a complete snapshot never changes). */
const rowidRanges = new WeakMap<KlantwaardeDatabase, Map<number, { first: number; last: number }>>();

/**
 * The rowids a snapshot's scores occupy. They are written in one go, so they are (nearly) contiguous and a
 * rowid range reads them in table order, without the other snapshots' rows.
 */
async function snapshotRowids(snapshotId: number, db: KlantwaardeDatabase): Promise<{ first: number; last: number }> {
  let cache = rowidRanges.get(db);
  if (!cache) rowidRanges.set(db, (cache = new Map()));
  let range = cache.get(snapshotId);
  if (!range) {
    const row = await firstRow(db
      .select({ first: sql<number | null>`min(${customerScores}.rowid)`, last: sql<number | null>`max(${customerScores}.rowid)` })
      .from(customerScores)
      .where(eq(customerScores.snapshotId, snapshotId))
      .limit(1));
    range = { first: row?.first ?? 0, last: row?.last ?? -1 };
    cache.set(snapshotId, range);
  }
  return range;
}

/**
 * The snapshot's score rows read in table order: on SQLite its rowid range without an index (NOT INDEXED); on
 * PostgreSQL the planner chooses (the filter condition holds the snapshot). Put `from` after FROM and `where` in
 * the WHERE clause, beside the condition that picks the snapshot's rows.
 */
export async function snapshotRowsInTableOrder(snapshotId: number, db: KlantwaardeDatabase): Promise<{ from: SQL; where: SQL }> {
  if (engineOf(db) === "postgres") return { from: sql`${customerScores}`, where: sql`true` };
  const { first, last } = await snapshotRowids(snapshotId, db);
  return { from: sql`${customerScores} not indexed`, where: sql`${customerScores}.rowid between ${first} and ${last}` };
}
