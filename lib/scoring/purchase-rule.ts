/**
 * What a stored transaction row is: the one rule that decides "is a purchase", as a TypeScript function
 * (for rows in memory) and as SQL text (for queries), kept side by side so they cannot drift apart.
 *
 * A row of `transactions` is one of three things, told apart by its net value (`revenue_cents`, what is
 * left after refunds) and what was refunded on it (`refunded_cents`):
 * - a **purchase**: a positive net value (also partly refunded: net 30 of an order of 50), or an order
 *   worth nothing that nothing was refunded on (a free sample);
 * - a **refund row**: a negative value (an ordinary file's returns, written as their own rows). No
 *   purchase, but it lowers the customer's value;
 * - an **order refunded in full**: net 0, its total in `refunded_cents`. Stored so that a re-export can
 *   update it and the customer page can show it, but it is no purchase and adds nothing: not a purchase
 *   day, not a sign of activity, no first or last purchase date.
 *
 * Pure (no database import), so that the scorer, the queries, the import and the pages share it.
 */

/**
 * True when the row is an order refunded in full: nothing is left of its value and a refund took it.
 *
 * @example isRefundedInFull(0, 4500) // true
 * @example isRefundedInFull(3000, 2000) // false: refunded in part, a purchase worth 30.00
 * @example isRefundedInFull(0, 0) // false: an order worth nothing, still a purchase
 */
export function isRefundedInFull(revenueCents: number, refundedCents: number): boolean {
  return refundedCents > 0 && revenueCents <= 0;
}

/**
 * True when the stored row counts as a purchase (a purchase day for the models, an order in the counts):
 * not a refund row and not an order refunded in full.
 *
 * @example isPurchase(3000, 2000) // true
 * @example isPurchase(0, 0) // true
 * @example isPurchase(-1500, 0) // false: a refund row
 * @example isPurchase(0, 4500) // false: refunded in full
 */
export function isPurchase(revenueCents: number, refundedCents: number): boolean {
  return revenueCents >= 0 && !isRefundedInFull(revenueCents, refundedCents);
}

/** `prefix`: the table or alias with its dot (`"t."`), or nothing for the bare column names. */
const columns = (prefix: string) => ({ revenue: `${prefix}revenue_cents`, refunded: `${prefix}refunded_cents` });

/**
 * SQL text of `isRefundedInFull` for a row of `transactions`.
 *
 * @example refundedInFullSql("t.") // "(t.refunded_cents > 0 AND t.revenue_cents <= 0)"
 */
export function refundedInFullSql(prefix = ""): string {
  const { revenue, refunded } = columns(prefix);
  return `(${refunded} > 0 AND ${revenue} <= 0)`;
}

/**
 * SQL text of `isPurchase` for a row of `transactions`.
 *
 * @example purchaseSql() // "(revenue_cents >= 0 AND NOT (refunded_cents > 0 AND revenue_cents <= 0))"
 */
export function purchaseSql(prefix = ""): string {
  return `(${columns(prefix).revenue} >= 0 AND NOT ${refundedInFullSql(prefix)})`;
}
