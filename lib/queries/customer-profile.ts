import "server-only";
import { visibleAttributes, visibleCustomerField } from "@/lib/import/store/customer-changes";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, customerScores, snapshots, transactions } from "@/db/schema";
import { visibleCustomerSql, visibleCustomers, visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import type { QuadrantKey } from "@/lib/settings/schema";
import { maskCustomer } from "@/lib/privacy/masking";
import { customerIdentityColumns, getCustomerScore, type CustomerScoreRow } from "./customer-scores";
import { valueRows } from "./purchase-rows";
import { failedRead } from "./support";
import { firstRow } from "@/db/first-row";
import { rawRows } from "@/db/raw-rows";
import { engineOf } from "@/db/engine";

/** Who a customer is: the customers row. */
export interface CustomerDetails {
  id: number;
  /** The customer number in the user's own CRM or webshop. */
  externalId: string;
  name: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  /** Acquisition channel. */
  channel: string | null;
  firstSeenDate: string | null;
}

/** One piece of soft data (preference, interest, satisfaction, ...). */
export interface CustomerAttributeRow {
  key: string;
  value: string;
}

/**
 * One transaction row; a refund has a negative revenue (and cost). Money in cents: `revenueCents` is net
 * of `refundedCents`, what was refunded on the order (an order refunded in full: 0 and its total).
 */
export interface CustomerTransactionRow {
  id: number;
  externalId: string | null;
  date: string;
  revenueCents: number;
  refundedCents: number;
  costCents: number;
  quantity: number;
  channel: string | null;
  category: string | null;
}

/**
 * A customer's transactions of one day and one kind: their purchases (the rows the models count, same-day
 * orders as one purchase: lib/scoring/purchase-rule.ts) or their refunds (revenue < 0). Orders refunded in
 * full are neither: no purchase day and no value. Sums in cents.
 */
export interface CustomerPurchaseDay {
  date: string;
  kind: "purchase" | "refund";
  orders: number;
  revenueCents: number;
  costCents: number;
}

/** The customer's figures in one complete snapshot, with the names that snapshot used. */
export interface CustomerHistoryRow {
  snapshotId: number;
  asOfDate: string;
  model: string | null;
  clvTier: number;
  /** The tier's name in that snapshot's settings (null when the summary lacks it). */
  tierName: string | null;
  rfmSegment: RfmSegmentKey;
  quadrant: QuadrantKey;
  quadrantName: string | null;
  historicClvCents: number;
  predictedClvCents: number;
  probabilityAlive: number | null;
}

export interface CustomerProfile {
  customer: CustomerDetails;
  attributes: CustomerAttributeRow[];
  /** Newest first, at most `transactionLimit`. */
  transactions: CustomerTransactionRow[];
  /** All transaction rows of the customer (purchases and refunds, any date). */
  transactionCount: number;
  /** Per day and kind, oldest first: the timeline chart and the P(alive) curve. */
  days: CustomerPurchaseDay[];
  /** The figures in the requested snapshot; null when the customer was not scored in it. */
  score: CustomerScoreRow | null;
  /** Every complete snapshot that scored the customer, newest first. */
  history: CustomerHistoryRow[];
}

/**
 * The database id in a `/customers/[id]` URL: digits only, a safe positive integer; null otherwise.
 *
 * @example parseCustomerId("42") // 42
 * @example parseCustomerId("4e2") // null
 */
export function parseCustomerId(text: string): number | null {
  if (!/^[0-9]{1,16}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** A customer by database id (null when there is none), with name and e-mail address: mask before showing (lib/privacy/masking.ts). */
export async function getCustomer(customerId: number, db: KlantwaardeDatabase = getDb()): Promise<CustomerDetails | null> {
  try {
    const row = await firstRow(db
      .select({ id: customers.id, ...customerIdentityColumns, firstSeenDate: visibleCustomerField(customers.firstSeenDate) })
      .from(customers)
      .where(and(eq(customers.id, customerId), visibleCustomers()))
      .limit(1));
    return row ?? null;
  } catch (error) {
    failedRead(`customer ${customerId}`, error);
  }
}

/** The customer's soft data, by key. */
export async function getCustomerAttributes(customerId: number, db: KlantwaardeDatabase = getDb()): Promise<CustomerAttributeRow[]> {
  try {
    // As readers see them: a committed customers file's changes not yet folded in included (customer-changes.ts).
    return await rawRows<CustomerAttributeRow>(db, 
      sql`select a.key, a.value from ${visibleAttributes()} as a where a.customer_id = ${customerId} and ${sql.raw(visibleCustomerSql("a.customer_id"))} order by a.key`,
    );
  } catch (error) {
    failedRead(`customer ${customerId}'s soft data`, error);
  }
}

/** The customer's newest transactions (by date, then the order they were recorded in), newest first. */
export async function getCustomerTransactions(customerId: number, limit = 200, db: KlantwaardeDatabase = getDb()): Promise<CustomerTransactionRow[]> {
  try {
    return await db
      .select({
        id: transactions.id,
        externalId: transactions.externalId,
        date: transactions.purchaseDate,
        revenueCents: transactions.revenueCents,
        refundedCents: transactions.refundedCents,
        costCents: transactions.costCents,
        quantity: transactions.quantity,
        channel: transactions.channel,
        category: transactions.productCategory,
      })
      .from(transactions)
      .where(and(eq(transactions.customerId, customerId), visibleTransactions()))
      .orderBy(desc(transactions.purchaseDate), desc(transactions.id))
      .limit(Math.min(Math.max(limit, 1), 10_000));
  } catch (error) {
    failedRead(`customer ${customerId}'s transactions`, error);
  }
}

/** How many transaction rows the customer has: purchases, refunds and orders refunded in full (from the (customer, date) index). */
export async function getCustomerTransactionCount(customerId: number, db: KlantwaardeDatabase = getDb()): Promise<number> {
  try {
    return (await firstRow(db.select({ rows: count() }).from(transactions).where(and(eq(transactions.customerId, customerId), visibleTransactions())).limit(1)))?.rows ?? 0;
  } catch (error) {
    failedRead(`customer ${customerId}'s transaction count`, error);
  }
}

/** The customer's purchases and refunds per day, oldest first (from the (customer, date) index); orders refunded in full left out. */
export async function getCustomerPurchaseDays(customerId: number, db: KlantwaardeDatabase = getDb()): Promise<CustomerPurchaseDay[]> {
  try {
    const isRefund = sql<number>`${transactions.revenueCents} < 0`;
    return (await db
      .select({
        date: transactions.purchaseDate,
        refund: isRefund,
        orders: sql<number>`count(*)`.mapWith(Number),
        revenueCents: sql<number>`sum(${transactions.revenueCents})`.mapWith(Number),
        costCents: sql<number>`sum(${transactions.costCents})`.mapWith(Number),
      })
      .from(transactions)
      .where(and(eq(transactions.customerId, customerId), visibleTransactions(), valueRows()))
      .groupBy(transactions.purchaseDate, isRefund)
      .orderBy(asc(transactions.purchaseDate), asc(isRefund))
      )
      .map(({ refund, ...day }) => ({ ...day, kind: refund ? "refund" : "purchase" }));
  } catch (error) {
    failedRead(`customer ${customerId}'s purchase days`, error);
  }
}

/**
 * The customer's figures in every complete snapshot kept, newest first: one query that walks the few
 * complete snapshots and looks each up by the customer_scores primary key (snapshot_id, customer_id).
 */
export async function getCustomerHistory(customerId: number, db: KlantwaardeDatabase = getDb()): Promise<CustomerHistoryRow[]> {
  try {
    return (await customerHistoryQuery(customerId, db)) as CustomerHistoryRow[];
  } catch (error) {
    failedRead(`customer ${customerId}'s history`, error);
  }
}

/** The query behind `getCustomerHistory` (exported so a test can check its plan). */
export function customerHistoryQuery(customerId: number, db: KlantwaardeDatabase) {
  // The tier's and quadrant's names as the snapshot stored them, read from its summary document.
  const names =
    engineOf(db) === "postgres"
      ? {
          tier: sql<string | null>`(${snapshots.summary} -> 'tiers' -> (${customerScores.clvTier} - 1) ->> 'name')`,
          quadrant: sql<string | null>`(SELECT q.value ->> 'name' FROM jsonb_array_elements(${snapshots.summary} -> 'quadrants') AS q WHERE q.value ->> 'key' = ${customerScores.quadrant})`,
        }
      : {
          tier: sql<string | null>`json_extract(${snapshots.summary}, '$.tiers[' || (${customerScores.clvTier} - 1) || '].name')`,
          quadrant: sql<string | null>`(SELECT json_extract(q.value, '$.name') FROM json_each(${snapshots.summary}, '$.quadrants') AS q WHERE json_extract(q.value, '$.key') = ${customerScores.quadrant})`,
        };
  return db
    .select({
      snapshotId: snapshots.id,
      // As text first: PostgreSQL reads '' as a date otherwise (and rejects it).
      asOfDate: sql<string>`coalesce(CAST(${snapshots.asOfDate} AS TEXT), '')`,
      model: snapshots.model,
      clvTier: customerScores.clvTier,
      tierName: names.tier,
      rfmSegment: customerScores.rfmSegment,
      quadrant: customerScores.quadrant,
      quadrantName: names.quadrant,
      historicClvCents: customerScores.historicClvCents,
      predictedClvCents: customerScores.predictedClvCents,
      probabilityAlive: customerScores.probabilityAlive,
    })
    .from(snapshots)
    .innerJoin(customerScores, and(eq(customerScores.snapshotId, snapshots.id), eq(customerScores.customerId, customerId)))
    .where(eq(snapshots.status, "complete"))
    .orderBy(desc(snapshots.id));
}

/**
 * Everything the customer page shows about one customer: who they are, their soft data, transactions,
 * their figures in the snapshot `snapshotId` (null: no snapshot) and across all snapshots kept. Null when
 * there is no customer with this id. `personalData` false (a reader who may not see them, lib/privacy/masking.ts):
 * name and e-mail address are null everywhere in it.
 */
export async function getCustomerProfile(
  customerId: number,
  snapshotId: number | null,
  { transactionLimit = 200, personalData = true }: { transactionLimit?: number; personalData?: boolean } = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<CustomerProfile | null> {
  const found = await getCustomer(customerId, db);
  if (!found) return null;
  const customer = maskCustomer(found, personalData);
  const days = await getCustomerPurchaseDays(customerId, db);
  return {
    customer,
    attributes: await getCustomerAttributes(customerId, db),
    transactions: await getCustomerTransactions(customerId, transactionLimit, db),
    transactionCount: await getCustomerTransactionCount(customerId, db),
    days,
    score: snapshotId === null ? null : await getCustomerScore(snapshotId, customerId, { personalData }, db),
    history: await getCustomerHistory(customerId, db),
  };
}
