import "server-only";
import { count, max, min, sql, sum } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { visibleCustomers, visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";

/** What the database holds, as printed by `clv stats --json`. Money in euros (or the data's currency). */
export interface DatabaseStats {
  customers: number;
  /** Stored rows: purchases, order lines added up per order, and refunds. */
  transactions: number;
  /**
   * Stored orders that count as a purchase: a positive value (refund rows and orders worth nothing are not
   * purchases; failed, voided and fully refunded orders of platform exports are never stored). The models
   * still merge the purchases of one customer on one day into one.
   */
  purchases: number;
  /** Revenue to date, refunds subtracted, in currency units (cents / 100). */
  revenue: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function getDatabaseStats(db: KlantwaardeDatabase = getDb()): DatabaseStats {
  const customerRow = db.select({ customers: count() }).from(customers).where(visibleCustomers()).get();
  const transactionRow = db
    .select({
      transactions: count(),
      purchases: sql<number>`count(*) FILTER (WHERE ${transactions.revenueCents} > 0)`.mapWith(Number),
      revenueCents: sum(transactions.revenueCents).mapWith(Number),
      firstDate: min(transactions.purchaseDate),
      lastDate: max(transactions.purchaseDate),
    })
    .from(transactions)
    .where(visibleTransactions())
    .get();
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
export function getCustomerCount(db: KlantwaardeDatabase = getDb()): number {
  return db.select({ customers: count() }).from(customers).where(visibleCustomers()).get()?.customers ?? 0;
}
