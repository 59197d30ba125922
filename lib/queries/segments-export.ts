import "server-only";
import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { customerFilterCondition, type SnapshotRef } from "./customer-filter-sql";
import { customerScoreColumns, type CustomerScoreRow } from "./customer-scores";

/** One line of the customer export: a customer's row of the tables. Money in cents. */
export type CustomerExportRow = CustomerScoreRow;

const columns = customerScoreColumns;

export const EXPORT_CHUNK_ROWS = 2_000;

/**
 * The customers matching a filter, most valuable first (ties by customer id), in chunks of `chunkRows`.
 * Each chunk is its own short query that continues after the last row of the one before (keyset paging
 * on the (snapshot, predicted CLV) index), so memory stays at one chunk for any number of customers and
 * the shared connection is free between chunks (an open `.iterate()` would block every other request).
 */
export async function* customerExportChunks(
  snapshot: SnapshotRef,
  filter: CustomerFilter,
  { chunkRows = EXPORT_CHUNK_ROWS }: { chunkRows?: number } = {},
  db: KlantwaardeDatabase = getDb(),
): AsyncGenerator<CustomerExportRow[], void, undefined> {
  const condition = customerFilterCondition(snapshot, filter);
  let after: { predicted: number; customerId: number } | null = null;
  for (;;) {
    let rows: CustomerExportRow[];
    try {
      const position = after
        ? or(
            lt(customerScores.predictedClvCents, after.predicted),
            and(eq(customerScores.predictedClvCents, after.predicted), gt(customerScores.customerId, after.customerId)),
          )
        : undefined;
      rows = (await db
        .select(columns)
        .from(customerScores)
        .leftJoin(customers, eq(customers.id, customerScores.customerId))
        .where(position ? and(condition, position) : condition)
        .orderBy(desc(customerScores.predictedClvCents), asc(customerScores.customerId))
        .limit(chunkRows)
        ) as CustomerExportRow[];
    } catch (error) {
      console.error("[queries] the customer export failed", error);
      throw new Error("Could not read the customers from the database.");
    }
    if (rows.length > 0) yield rows;
    if (rows.length < chunkRows) return;
    const last = rows[rows.length - 1]!;
    after = { predicted: last.predictedClvCents, customerId: last.customerId };
  }
}
