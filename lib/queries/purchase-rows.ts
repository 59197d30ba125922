/**
 * The purchase rule (lib/scoring/purchase-rule.ts) as Drizzle conditions on the `transactions` table, for
 * the queries that count orders, purchase days, active customers or first and last purchase dates.
 *
 * @example db.select({ n: count() }).from(transactions).where(and(visibleTransactions(), purchaseRows())) // the purchases
 */
import { sql, type SQL } from "drizzle-orm";
import { purchaseSql, refundedInFullSql } from "@/lib/scoring/purchase-rule";

const TABLE = `"transactions".`;

/** The row is a purchase: not a refund row, not an order refunded in full. */
export function purchaseRows(): SQL {
  return sql.raw(purchaseSql(TABLE));
}

/**
 * The row is not an order refunded in full: a purchase or a refund row, the rows that carry value and
 * dates. (An order refunded in full is kept for re-exports and the customer page, and is otherwise as if
 * it was never placed.)
 */
export function valueRows(): SQL {
  return sql.raw(`NOT ${refundedInFullSql(TABLE)}`);
}
