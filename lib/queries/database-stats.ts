import "server-only";
import { count, sql, sum } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { visibleCustomers, visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { purchaseRows, valueRows } from "./purchase-rows";
import { firstRow } from "@/db/first-row";

/** What the database holds, as printed by `clv stats --json`. Money in euros (or the data's currency). */
export interface DatabaseStats {
  customers: number;
  /** Stored rows: purchases (order lines added up per order), refunds and orders refunded in full. */
  transactions: number;
  /**
   * Stored orders that count as a purchase (lib/scoring/purchase-rule.ts): not a refund row, not an order
   * refunded in full (kept worth 0 with its refund); failed, voided and cancelled orders are never stored.
   * The models still merge the purchases of one customer on one day into one.
   */
  purchases: number;
  /** Revenue to date, refunds subtracted, in currency units (cents / 100). */
  revenue: number;
  /** The first and last date of a purchase or refund (orders refunded in full leave no date). */
  firstDate: string | null;
  lastDate: string | null;
}

/** What `clv stats` prints: customers, stored rows, purchases, net revenue and the dates they span. */
export async function getDatabaseStats(db: KlantwaardeDatabase = getDb()): Promise<DatabaseStats> {
  const customerRow = await firstRow(db.select({ customers: count() }).from(customers).where(visibleCustomers()).limit(1));
  const transactionRow = await firstRow(db
    .select({
      transactions: count(),
      purchases: sql<number>`count(*) FILTER (WHERE ${purchaseRows()})`.mapWith(Number),
      revenueCents: sum(transactions.revenueCents).mapWith(Number),
      firstDate: sql<string | null>`min(${transactions.purchaseDate}) FILTER (WHERE ${valueRows()})`,
      lastDate: sql<string | null>`max(${transactions.purchaseDate}) FILTER (WHERE ${valueRows()})`,
    })
    .from(transactions)
    .where(visibleTransactions())
    .limit(1));
  return {
    customers: customerRow?.customers ?? 0,
    transactions: transactionRow?.transactions ?? 0,
    purchases: transactionRow?.purchases ?? 0,
    revenue: (transactionRow?.revenueCents ?? 0) / 100,
    firstDate: transactionRow?.firstDate ?? null,
    lastDate: transactionRow?.lastDate ?? null,
  };
}

/** Number of customers: the cheap check behind /api/health (no scan of the transactions). */
export async function getCustomerCount(db: KlantwaardeDatabase = getDb()): Promise<number> {
  return (await firstRow(db.select({ customers: count() }).from(customers).where(visibleCustomers()).limit(1)))?.customers ?? 0;
}
