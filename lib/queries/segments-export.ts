import "server-only";
import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import type { QuadrantKey } from "@/lib/settings/schema";
import { customerFilterCondition, type SnapshotRef } from "./customer-filter-sql";

/** One line of the customer export. Money in cents. */
export interface CustomerExportRow {
  customerId: number;
  externalId: string | null;
  name: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  channel: string | null;
  historicClvCents: number;
  predictedClvCents: number;
  totalClvCents: number;
  probabilityAlive: number | null;
  expectedPurchases: number;
  expectedNextPurchaseDate: string | null;
  purchases: number;
  relationshipDays: number;
  daysSinceLastPurchase: number;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  rfmSegment: RfmSegmentKey;
  clvTier: number;
  quadrant: QuadrantKey;
}

const columns = {
  customerId: customerScores.customerId,
  externalId: customers.externalId,
  name: customers.name,
  email: customers.email,
  country: customers.country,
  city: customers.city,
  channel: customers.acquisitionChannel,
  historicClvCents: customerScores.historicClvCents,
  predictedClvCents: customerScores.predictedClvCents,
  totalClvCents: customerScores.totalClvCents,
  probabilityAlive: customerScores.probabilityAlive,
  expectedPurchases: customerScores.expectedPurchases,
  expectedNextPurchaseDate: customerScores.expectedNextPurchaseDate,
  purchases: customerScores.purchases,
  relationshipDays: customerScores.relationshipDays,
  daysSinceLastPurchase: customerScores.daysSinceLastPurchase,
  recencyScore: customerScores.recencyScore,
  frequencyScore: customerScores.frequencyScore,
  monetaryScore: customerScores.monetaryScore,
  rfmSegment: customerScores.rfmSegment,
  clvTier: customerScores.clvTier,
  quadrant: customerScores.quadrant,
};

export const EXPORT_CHUNK_ROWS = 2_000;

/**
 * The customers matching a filter, most valuable first (ties by customer id), in chunks of `chunkRows`.
 * Each chunk is its own short query that continues after the last row of the one before (keyset paging
 * on the (snapshot, predicted CLV) index), so memory stays at one chunk for any number of customers and
 * the shared connection is free between chunks (an open `.iterate()` would block every other request).
 */
export function* customerExportChunks(
  snapshot: SnapshotRef,
  filter: CustomerFilter,
  { chunkRows = EXPORT_CHUNK_ROWS }: { chunkRows?: number } = {},
  db: KlantwaardeDatabase = getDb(),
): Generator<CustomerExportRow[], void, undefined> {
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
      rows = db
        .select(columns)
        .from(customerScores)
        .leftJoin(customers, eq(customers.id, customerScores.customerId))
        .where(position ? and(condition, position) : condition)
        .orderBy(desc(customerScores.predictedClvCents), asc(customerScores.customerId))
        .limit(chunkRows)
        .all() as CustomerExportRow[];
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
