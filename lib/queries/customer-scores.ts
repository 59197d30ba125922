import "server-only";
import { visibleCustomerField } from "@/lib/import/store/customer-changes";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import { filterCacheKey, type CustomerFilter } from "@/lib/filters/customer-filter";
import { maskCustomer } from "@/lib/privacy/masking";
import type { QuadrantKey } from "@/lib/settings/schema";
import { customerFilterCondition, needsCustomerJoin, type SnapshotRef } from "./customer-filter-sql";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import { failedRead, readsScoresOnly, remember, rememberForSnapshot } from "./support";
import { firstRow } from "@/db/first-row";

/** One customer's figures in a snapshot, with who they are. Money in cents. */
export interface CustomerScoreRow {
  customerId: number;
  externalId: string | null;
  name: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  /** Acquisition channel. */
  channel: string | null;
  historicClvCents: number;
  predictedClvCents: number;
  /**
   * The 90% interval of the predicted CLV from the uncertainty of the model's estimates (null for the
   * simple formula and in snapshots computed before intervals; missing in rows built elsewhere): no range then.
   */
  predictedClvLowCents?: number | null;
  predictedClvHighCents?: number | null;
  totalClvCents: number;
  probabilityAlive: number | null;
  expectedPurchases: number;
  expectedOrderValueCents: number;
  expectedNextPurchaseDate: string | null;
  purchases: number;
  /** Days from the first purchase to the analysis date (how long they have been a customer). */
  relationshipDays: number;
  /**
   * Relationship length as the snapshot defined it (`summary.quadrantAxes.relationship`): the quadrant map's x.
   * Days since the first purchase in snapshots from before it was stored.
   */
  relationshipLengthDays?: number;
  /** 1 when the relationship had ended (on the map's short side), 0 when running; null before it was stored. */
  relationshipEnded?: number | null;
  daysSinceLastPurchase: number;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  rfmSegment: RfmSegmentKey;
  clvTier: number;
  quadrant: QuadrantKey;
}

/** Columns the customer tables can sort by. */
export const CUSTOMER_SORTS = ["predicted", "historic", "total", "alive", "lastPurchase", "relationship", "purchases", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerScorePage {
  /** Sort column (default predicted CLV) and direction (default: highest first). */
  orderBy?: CustomerSort;
  direction?: "asc" | "desc";
  limit?: number;
  offset?: number;
  /**
   * Whether the reader sees names and e-mail addresses (lib/privacy/masking-server.ts). False: they are null
   * in the rows and the "name" sort orders by customer number (an order by name would tell names apart).
   * Default true, for the command line and tests; every page passes the request's answer.
   */
  personalData?: boolean;
}

const sortColumns = {
  predicted: customerScores.predictedClvCents,
  historic: customerScores.historicClvCents,
  total: customerScores.totalClvCents,
  alive: customerScores.probabilityAlive,
  // Most recent purchase first when descending: fewer days since the last purchase (see `reversed`).
  lastPurchase: customerScores.daysSinceLastPurchase,
  // The relationship length of the quadrant map (days since the first purchase in snapshots from before it was stored).
  relationship: sql`coalesce(${customerScores.relationshipLengthDays}, ${customerScores.relationshipDays})`,
  purchases: customerScores.purchases,
  name: sql`coalesce(${visibleCustomerField(customers.name)}, ${customers.externalId})`,
  /** The "name" sort of a reader who may not see names. */
  number: customers.externalId,
} as const;

/** A customer's figures in one snapshot (customer_scores without its keys): the tables, the export and the right of access. */
export const snapshotFigureColumns = {
  historicClvCents: customerScores.historicClvCents,
  predictedClvCents: customerScores.predictedClvCents,
  predictedClvLowCents: customerScores.predictedClvLowCents,
  predictedClvHighCents: customerScores.predictedClvHighCents,
  totalClvCents: customerScores.totalClvCents,
  probabilityAlive: customerScores.probabilityAlive,
  expectedPurchases: customerScores.expectedPurchases,
  expectedOrderValueCents: customerScores.expectedOrderValueCents,
  expectedNextPurchaseDate: customerScores.expectedNextPurchaseDate,
  purchases: customerScores.purchases,
  relationshipDays: customerScores.relationshipDays,
  relationshipLengthDays: sql<number>`coalesce(${customerScores.relationshipLengthDays}, ${customerScores.relationshipDays})`.mapWith(Number),
  relationshipEnded: customerScores.relationshipEnded,
  daysSinceLastPurchase: customerScores.daysSinceLastPurchase,
  recencyScore: customerScores.recencyScore,
  frequencyScore: customerScores.frequencyScore,
  monetaryScore: customerScores.monetaryScore,
  rfmSegment: customerScores.rfmSegment,
  clvTier: customerScores.clvTier,
  quadrant: customerScores.quadrant,
};

/** Who a customer is: number, name and e-mail address (mask before showing: lib/privacy/masking.ts), place and channel. */
export const customerIdentityColumns = {
  externalId: customers.externalId,
  name: visibleCustomerField(customers.name),
  email: visibleCustomerField(customers.email),
  country: visibleCustomerField(customers.country),
  city: visibleCustomerField(customers.city),
  channel: visibleCustomerField(customers.acquisitionChannel),
};

/** The columns of a customer's row in a snapshot with who they are (the tables and the CSV export). */
export const customerScoreColumns = {
  customerId: customerScores.customerId,
  ...customerIdentityColumns,
  ...snapshotFigureColumns,
};

/** Customers of a snapshot that match the filter, sorted (ties by customer id) and paged. */
export async function getCustomerScores(
  snapshot: SnapshotRef,
  filter: CustomerFilter = {},
  { orderBy = "predicted", direction = "desc", limit = 50, offset = 0, personalData = true }: CustomerScorePage = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<CustomerScoreRow[]> {
  try {
    const sortColumn = sortColumns[orderBy === "name" && !personalData ? "number" : orderBy];
    // Sorted on the plain column (so its index serves the order), in the other direction where it counts down.
    const reversed = orderBy === "lastPurchase";
    const order = [(direction === "asc") !== reversed ? asc(sortColumn) : desc(sortColumn), asc(customerScores.customerId)];
    // First the page's customer ids (customers joined only when the filter or the sort needs them), then
    // their rows with who they are: joining a million customers before sorting cost seconds.
    const idQuery = db.select({ customerId: customerScores.customerId }).from(customerScores).$dynamic();
    const joined = needsCustomerJoin(filter) || orderBy === "name" ? idQuery.leftJoin(customers, eq(customers.id, customerScores.customerId)) : idQuery;
    const pageKey = `${snapshot.id}|${filterCacheKey(filter)}|${orderBy === "name" && !personalData ? "number" : orderBy}|${direction}|${limit}|${offset}`;
    // The ids of a page: sorting a large group by another column than its index (say 150,000 Champions by
    // P(alive)) reads the whole group, about 0.5 s at a million customers. An erased customer's id goes with
    // the erasure version.
    const ids = await remember(db, `customer-page|${pageKey}`, readsScoresOnly(filter) ? "scores" : "data", async () =>
      (await joined
        .where(customerFilterCondition(snapshot, filter))
        .orderBy(...order)
        .limit(Math.min(Math.max(limit, 1), 10_000))
        .offset(Math.max(offset, 0))
        )
        .map((row) => row.customerId),
    );
    if (ids.length === 0) return [];
    const rows = (await db
      .select(customerScoreColumns)
      .from(customerScores)
      .leftJoin(customers, eq(customers.id, customerScores.customerId))
      .where(and(eq(customerScores.snapshotId, snapshot.id), inArray(customerScores.customerId, ids)))
      ) as CustomerScoreRow[];
    const byId = new Map(rows.map((row) => [row.customerId, maskCustomer(row, personalData)]));
    return ids.map((id) => byId.get(id)!);
  } catch (error) {
    failedRead("the customers' figures", error);
  }
}

/** How many customers of a snapshot match the filter. */
export async function countCustomerScores(snapshot: SnapshotRef, filter: CustomerFilter = {}, db: KlantwaardeDatabase = getDb()): Promise<number> {
  // Remembered like the segment aggregates: a search counts by reading every name (about 0.5 s at 1M).
  return await rememberForSnapshot(db, "count", snapshot.id, [filter], () => countNow(snapshot, filter, db));
}

async function countNow(snapshot: SnapshotRef, filter: CustomerFilter, db: KlantwaardeDatabase): Promise<number> {
  try {
    const query = db.select({ value: count() }).from(customerScores);
    const joined = needsCustomerJoin(filter) ? query.leftJoin(customers, eq(customers.id, customerScores.customerId)) : query;
    return (await firstRow(joined.where(customerFilterCondition(snapshot, filter))))?.value ?? 0;
  } catch (error) {
    failedRead("the number of customers", error);
  }
}

/** Size and value of the customers of a snapshot that match the filter (cents). */
export interface CustomerScoreTotals {
  customers: number;
  historicClvCents: number;
  predictedClvCents: number;
}

export async function sumCustomerScores(snapshot: SnapshotRef, filter: CustomerFilter = {}, db: KlantwaardeDatabase = getDb()): Promise<CustomerScoreTotals> {
  try {
    const query = db
      .select({
        customers: count(),
        historicClvCents: sql<number>`coalesce(sum(${customerScores.historicClvCents}), 0)`.mapWith(Number),
        predictedClvCents: sql<number>`coalesce(sum(${customerScores.predictedClvCents}), 0)`.mapWith(Number),
      })
      .from(customerScores);
    const joined = needsCustomerJoin(filter) ? query.leftJoin(customers, eq(customers.id, customerScores.customerId)) : query;
    return (await firstRow(joined.where(customerFilterCondition(snapshot, filter)))) ?? { customers: 0, historicClvCents: 0, predictedClvCents: 0 };
  } catch (error) {
    failedRead("the customers' totals", error);
  }
}

/**
 * One customer's figures in a snapshot (null when the customer was not scored in it). `personalData` false:
 * name and e-mail address are null (see `CustomerScorePage.personalData`).
 */
export async function getCustomerScore(
  snapshotId: number,
  customerId: number,
  { personalData = true }: { personalData?: boolean } = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<CustomerScoreRow | null> {
  try {
    const row = await firstRow(db
      .select(customerScoreColumns)
      .from(customerScores)
      .leftJoin(customers, eq(customers.id, customerScores.customerId))
      .where(and(eq(customerScores.snapshotId, snapshotId), eq(customerScores.customerId, customerId)))
      .limit(1));
    return row ? maskCustomer(row as CustomerScoreRow, personalData) : null;
  } catch (error) {
    failedRead(`customer ${customerId}'s figures`, error);
  }
}
