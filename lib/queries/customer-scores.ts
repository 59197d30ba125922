import "server-only";
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { QuadrantKey } from "@/lib/settings/schema";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";

/** One customer's figures in a snapshot, with who they are. Money in cents. */
export interface CustomerScoreRow {
  customerId: number;
  externalId: string | null;
  name: string | null;
  historicClvCents: number;
  predictedClvCents: number;
  totalClvCents: number;
  probabilityAlive: number | null;
  expectedPurchases: number;
  expectedOrderValueCents: number;
  expectedNextPurchaseDate: string | null;
  purchases: number;
  /** Days from the first purchase to the analysis date: the quadrant map's x. */
  relationshipDays: number;
  daysSinceLastPurchase: number;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  rfmSegment: RfmSegmentKey;
  clvTier: number;
  quadrant: QuadrantKey;
}

export interface CustomerScoreFilter {
  tier?: number;
  segment?: RfmSegmentKey;
  quadrant?: QuadrantKey;
}

export interface CustomerScorePage {
  /** Sort: predicted CLV (default), historic or total CLV, highest first. */
  orderBy?: "predicted" | "historic" | "total";
  limit?: number;
  offset?: number;
}

function fail(what: string, error: unknown): never {
  console.error(`[queries] ${what} failed`, error);
  throw new Error(`Could not read ${what} from the database.`);
}

function where(snapshotId: number, filter: CustomerScoreFilter): SQL | undefined {
  return and(
    eq(customerScores.snapshotId, snapshotId),
    filter.tier === undefined ? undefined : eq(customerScores.clvTier, filter.tier),
    filter.segment === undefined ? undefined : eq(customerScores.rfmSegment, filter.segment),
    filter.quadrant === undefined ? undefined : eq(customerScores.quadrant, filter.quadrant),
  );
}

const columns = {
  customerId: customerScores.customerId,
  externalId: customers.externalId,
  name: customers.name,
  historicClvCents: customerScores.historicClvCents,
  predictedClvCents: customerScores.predictedClvCents,
  totalClvCents: customerScores.totalClvCents,
  probabilityAlive: customerScores.probabilityAlive,
  expectedPurchases: customerScores.expectedPurchases,
  expectedOrderValueCents: customerScores.expectedOrderValueCents,
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

/** Customers of a snapshot, most valuable first (ties by customer id), optionally of one tier, segment or quadrant. */
export function getCustomerScores(
  snapshotId: number,
  filter: CustomerScoreFilter = {},
  { orderBy = "predicted", limit = 50, offset = 0 }: CustomerScorePage = {},
  db: KlantwaardeDatabase = getDb(),
): CustomerScoreRow[] {
  try {
    const sortColumn = { predicted: customerScores.predictedClvCents, historic: customerScores.historicClvCents, total: customerScores.totalClvCents }[orderBy];
    return db
      .select(columns)
      .from(customerScores)
      .leftJoin(customers, eq(customers.id, customerScores.customerId))
      .where(where(snapshotId, filter))
      .orderBy(desc(sortColumn), asc(customerScores.customerId))
      .limit(limit)
      .offset(offset)
      .all() as CustomerScoreRow[];
  } catch (error) {
    fail("the customers' figures", error);
  }
}

/** How many customers of a snapshot match the filter. */
export function countCustomerScores(snapshotId: number, filter: CustomerScoreFilter = {}, db: KlantwaardeDatabase = getDb()): number {
  try {
    return db.select({ value: count() }).from(customerScores).where(where(snapshotId, filter)).get()?.value ?? 0;
  } catch (error) {
    fail("the number of customers", error);
  }
}

/** One customer's figures in a snapshot (null when the customer was not scored in it). */
export function getCustomerScore(snapshotId: number, customerId: number, db: KlantwaardeDatabase = getDb()): CustomerScoreRow | null {
  try {
    const row = db
      .select(columns)
      .from(customerScores)
      .leftJoin(customers, eq(customers.id, customerScores.customerId))
      .where(and(eq(customerScores.snapshotId, snapshotId), eq(customerScores.customerId, customerId)))
      .get();
    return (row as CustomerScoreRow | undefined) ?? null;
  } catch (error) {
    fail(`customer ${customerId}'s figures`, error);
  }
}
