import "server-only";
import type Database from "better-sqlite3";
import { visibleTransactionSql } from "@/lib/import/store/pending";
import { refundedInFullSql } from "@/lib/scoring/purchase-rule";
import type { LoadedTransactions, RefundedInFullOrders } from "@/lib/scoring/types";

/**
 * Reads the whole transactions table into typed columns: the purchases and the refund rows. Orders
 * refunded in full are kept apart (lib/scoring/purchase-rule.ts): no purchase day, no value, no sign of
 * activity, no first or last date; to the scorer they are as if never placed, and a customer with only such
 * orders is not scored. So the scorer's "a row worth ≥ 0 is a purchase" holds for every row of the columns.
 * They come back in `refundedInFull`, for the cohort view's value per month only.
 * better-sqlite3's `pluck().all()` of one number per row is about four times faster than rows as arrays,
 * so the table is read in three scans of one number each (customer id, day and the refunded-in-full flag
 * packed into one), inside one read transaction so that all scans see the same rows; `NOT INDEXED` keeps
 * every scan in rowid order.
 */
export const DAY_BITS = 262_144; // 2^18 day slots per customer id
export const DAY_OFFSET = 131_072; // day numbers from -2^17 (year 1611) to 2^17 (year 2328)

export function loadTransactions(sqlite: Database.Database): LoadedTransactions {
  return sqlite.transaction(() => {
    // Rows of an import still running are not data yet (lib/import/store/pending.ts): every scan stops before them.
    const maxTransactionId = (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM transactions WHERE ${visibleTransactionSql()}`).pluck().get() as number) ?? 0;
    const visible = visibleTransactionSql();
    const packed = sqlite
      .prepare(
        `SELECT (customer_id * ${DAY_BITS} + (unixepoch(purchase_date) + ${DAY_OFFSET} * 86400) / 86400) * 2 + ${refundedInFullSql()} FROM transactions NOT INDEXED WHERE ${visible}`,
      )
      .pluck()
      .all() as (number | null)[];
    const revenue = sqlite.prepare(`SELECT revenue_cents FROM transactions NOT INDEXED WHERE ${visible}`).pluck().all() as number[];
    // Costs of orders refunded in full alone do not make the data one with costs (the margin setting applies).
    const hasCost = sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM transactions WHERE cost_cents <> 0 AND ${visible} AND NOT ${refundedInFullSql()})`).pluck().get() === 1;
    const cost = hasCost ? (sqlite.prepare(`SELECT cost_cents FROM transactions NOT INDEXED WHERE ${visible}`).pluck().all() as number[]) : null;
    if (revenue.length !== packed.length || (cost && cost.length !== packed.length)) {
      throw new Error("internal error: the transaction scans returned different row counts");
    }
    return toColumns(packed, revenue, cost, maxTransactionId);
  })();
}

/**
 * Splits the scans into the purchase and refund rows (dense customer indexes in first-row order) and the orders
 * refunded in full. `packed[i]` is `(customer id × DAY_BITS + day number + DAY_OFFSET) × 2 + refunded in full`.
 */
export function toColumns(packed: (number | null)[], revenue: number[], cost: number[] | null, maxTransactionId: number): LoadedTransactions {
  let refunded = 0;
  let maxId = 0;
  for (let i = 0; i < packed.length; i++) {
    const value = packed[i];
    if (value === null || value === undefined) throw new Error(`transaction row ${i + 1} has a purchase date SQLite cannot read`);
    if (value % 2 === 1) refunded++;
    const id = Math.floor(value / (2 * DAY_BITS));
    if (id > maxId) maxId = id;
  }
  const rows = packed.length - refunded;
  const customer = new Int32Array(rows);
  const day = new Int32Array(rows);
  const revenueCents = new Float64Array(rows);
  const costCents = cost ? new Float64Array(rows) : null;
  const refundedInFull: RefundedInFullOrders = {
    rows: refunded,
    customerIds: new Float64Array(refunded),
    day: new Int32Array(refunded),
    revenueCents: new Float64Array(refunded),
    costCents: cost ? new Float64Array(refunded) : null,
  };
  const ids: number[] = [];
  const indexById = maxId < 1 << 26 ? new Int32Array(maxId + 1).fill(-1) : null;
  const indexMap = new Map<number, number>();
  let row = 0;
  let refundedRow = 0;
  for (let i = 0; i < packed.length; i++) {
    const value = packed[i]!;
    const flag = value % 2;
    const idAndDay = (value - flag) / 2;
    const id = Math.floor(idAndDay / DAY_BITS);
    const dayNumber = idAndDay - id * DAY_BITS - DAY_OFFSET;
    if (flag === 1) {
      refundedInFull.customerIds[refundedRow] = id;
      refundedInFull.day[refundedRow] = dayNumber;
      refundedInFull.revenueCents[refundedRow] = revenue[i]!;
      if (cost) refundedInFull.costCents![refundedRow] = cost[i]!;
      refundedRow++;
      continue;
    }
    let c = indexById ? indexById[id]! : (indexMap.get(id) ?? -1);
    if (c < 0) {
      c = ids.length;
      if (indexById) indexById[id] = c;
      else indexMap.set(id, c);
      ids.push(id);
    }
    customer[row] = c;
    day[row] = dayNumber;
    revenueCents[row] = revenue[i]!;
    if (costCents) costCents[row] = cost![i]!;
    row++;
  }
  return { rows, customerIds: Float64Array.from(ids), customer, day, revenueCents, costCents, maxTransactionId, refundedInFull };
}

/**
 * What the data looked like: row count, largest id and column sums. Any import, deletion or edit of an
 * amount, date or customer changes it, so an unchanged fingerprint (with unchanged settings) means a new
 * snapshot would hold the same figures.
 */
export function dataFingerprint(data: LoadedTransactions): string {
  let revenue = 0;
  let cost = 0;
  let days = 0;
  let customers = 0;
  for (let i = 0; i < data.rows; i++) {
    revenue += data.revenueCents[i]!;
    cost += data.costCents?.[i] ?? 0;
    days += data.day[i]!;
    customers += data.customerIds[data.customer[i]!]!;
  }
  return [data.rows, data.maxTransactionId, revenue, cost, days, customers].join(":");
}
