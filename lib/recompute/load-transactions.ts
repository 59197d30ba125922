import "server-only";
import type Database from "better-sqlite3";
import { visibleTransactionSql } from "@/lib/import/store/pending";
import { refundedInFullSql } from "@/lib/scoring/purchase-rule";
import type { LoadedTransactions } from "@/lib/scoring/types";

/**
 * Reads the whole transactions table into typed columns: the purchases and the refund rows. Orders
 * refunded in full are left out (lib/scoring/purchase-rule.ts): no purchase day, no value, no sign of
 * activity, no first or last date; to the scorer they are as if never placed, and a customer with only such
 * orders is not scored. So the scorer's "a row worth ≥ 0 is a purchase" holds for every row it gets.
 * better-sqlite3's `pluck().all()` of one number per row is about four times faster than rows as arrays,
 * so the table is read in three scans of one number each (customer id and day packed into one), inside one
 * read transaction so that all scans see the same rows; `NOT INDEXED` keeps every scan in rowid order.
 */
const DAY_BITS = 262_144; // 2^18 day slots per customer id
const DAY_OFFSET = 131_072; // day numbers from -2^17 (year 1611) to 2^17 (year 2328)

export function loadTransactions(sqlite: Database.Database): LoadedTransactions {
  return sqlite.transaction(() => {
    // Rows of an import still running are not data yet (lib/import/store/pending.ts): every scan stops before them.
    const maxTransactionId = (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM transactions WHERE ${visibleTransactionSql()}`).pluck().get() as number) ?? 0;
    const visible = `${visibleTransactionSql()} AND NOT ${refundedInFullSql()}`;
    const packed = sqlite
      .prepare(`SELECT customer_id * ${DAY_BITS} + (unixepoch(purchase_date) + ${DAY_OFFSET} * 86400) / 86400 FROM transactions NOT INDEXED WHERE ${visible}`)
      .pluck()
      .all() as (number | null)[];
    const revenue = sqlite.prepare(`SELECT revenue_cents FROM transactions NOT INDEXED WHERE ${visible}`).pluck().all() as number[];
    const hasCost = sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM transactions WHERE cost_cents <> 0 AND ${visible})`).pluck().get() === 1;
    const cost = hasCost ? (sqlite.prepare(`SELECT cost_cents FROM transactions NOT INDEXED WHERE ${visible}`).pluck().all() as number[]) : null;
    if (revenue.length !== packed.length || (cost && cost.length !== packed.length)) {
      throw new Error("internal error: the transaction scans returned different row counts");
    }
    return toColumns(packed, revenue, cost, maxTransactionId);
  })();
}

function toColumns(packed: (number | null)[], revenue: number[], cost: number[] | null, maxTransactionId: number): LoadedTransactions {
  const rows = packed.length;
  const customer = new Int32Array(rows);
  const day = new Int32Array(rows);
  const revenueCents = Float64Array.from(revenue);
  const costCents = cost ? Float64Array.from(cost) : null;
  const ids: number[] = [];
  let indexById: Int32Array | null = null;
  const indexMap = new Map<number, number>();
  let maxId = 0;
  for (let i = 0; i < rows; i++) {
    const value = packed[i];
    if (value === null || value === undefined) throw new Error(`transaction row ${i + 1} has a purchase date SQLite cannot read`);
    const id = Math.floor(value / DAY_BITS);
    if (id > maxId) maxId = id;
  }
  if (maxId < 1 << 26) indexById = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < rows; i++) {
    const value = packed[i]!;
    const id = Math.floor(value / DAY_BITS);
    let c: number;
    if (indexById) {
      c = indexById[id]!;
      if (c < 0) {
        c = ids.length;
        indexById[id] = c;
        ids.push(id);
      }
    } else {
      c = indexMap.get(id) ?? -1;
      if (c < 0) {
        c = ids.length;
        indexMap.set(id, c);
        ids.push(id);
      }
    }
    customer[i] = c;
    day[i] = value - id * DAY_BITS - DAY_OFFSET;
  }
  return { rows, customerIds: Float64Array.from(ids), customer, day, revenueCents, costCents, maxTransactionId };
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
