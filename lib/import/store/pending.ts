/**
 * Rows of an import that is still running are in the database but not yet part of the data: an import
 * writes its rows in short steps (so that it never holds SQLite's write lock for long, see run-import.ts)
 * and makes them all visible at once with one short transaction at the end. While it runs, its `imports`
 * row says from which transaction id and customer id on the rows are its own (`pending_transactions_from`,
 * `pending_customers_from`); every reader of `transactions` and `customers` skips those ids.
 *
 * Ids only grow (AUTOINCREMENT) and only one import writes at a time, so "from this id on" is exactly the
 * running import's rows. The subquery reads the small `imports` table once per statement; the filter on
 * the rowid costs nothing measurable on a scan and nothing on an index lookup.
 *
 * An order that an import replaces (another total or refund) or takes back stays data until that import
 * commits: its row gets the import's id in `superseded_by` (the replacing row is one of the import's own), and
 * it is no longer data once that import is `committed`. So a re-export that changes millions of stored
 * orders changes nothing readers see until its one short last transaction.
 *
 * A customers file's changes to customers already stored are kept apart in the same way, and overlaid on
 * the stored values from its commit on: readers of customers' details and soft attributes read them through
 * customer-changes.ts (`visibleCustomerField`, `visibleAttributesSql`).
 *
 * @example db.select({ n: count() }).from(transactions).where(visibleTransactions()) // the committed rows only
 */
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { customers, transactions } from "@/db/schema";

const NO_LIMIT = "9223372036854775807";

/** The first transaction id that is not (yet) visible: SQL text for a scalar subquery. */
export const PENDING_TRANSACTIONS_FROM_SQL = `(SELECT coalesce(min(pending_transactions_from), ${NO_LIMIT}) FROM imports WHERE status = 'running')`;
/** The first customer id that is not (yet) visible. */
export const PENDING_CUSTOMERS_FROM_SQL = `(SELECT coalesce(min(pending_customers_from), ${NO_LIMIT}) FROM imports WHERE status = 'running')`;

/** SQL text: the superseding import `supersededBy` (a column) is committed: the row it marks is no longer data. */
const SUPERSEDED_SQL = (supersededBy: string) =>
  `(${supersededBy} IS NOT NULL AND ${supersededBy} IN (SELECT id FROM imports WHERE status = 'committed'))`;

/** SQL text: the transactions row (its table or alias `table`, e.g. `t`) belongs to committed data. */
export const visibleTransactionSql = (table = "transactions") =>
  `(${table}.id < ${PENDING_TRANSACTIONS_FROM_SQL} AND NOT ${SUPERSEDED_SQL(`${table}.superseded_by`)})`;
/** SQL text: `id` (a customers id column) belongs to committed data. */
export const visibleCustomerSql = (idColumn = "id") => `${idColumn} < ${PENDING_CUSTOMERS_FROM_SQL}`;
/**
 * SQL text: as `visibleCustomerSql`, for a scan of an index that does not hold the customer id (soft data by key
 * and value): while no import runs, nearly always, the test is true without the id, so the scan stays in the
 * index (SQLite seeks a row only for a column it needs). Testing the id of each row made the filter bar's choices
 * read every one of 6.7M rows of a million customers' soft data: 8 s against 1 s.
 */
export const visibleCustomerSqlForIndexScan = (idColumn: string) => `(NOT EXISTS (SELECT 1 FROM imports WHERE status = 'running') OR ${visibleCustomerSql(idColumn)})`;

/** Drizzle condition: the transaction row is committed data (not pending, not superseded). */
export function visibleTransactions(): SQL {
  const supersededBy = transactions.supersededBy;
  return sql`(${transactions.id} < ${sql.raw(PENDING_TRANSACTIONS_FROM_SQL)} AND NOT (${supersededBy} IS NOT NULL AND ${supersededBy} IN (SELECT id FROM imports WHERE status = 'committed')))`;
}

/** Drizzle condition: the customer row is committed data. */
export function visibleCustomers(idColumn: SQLiteColumn = customers.id): SQL {
  return sql`${idColumn} < ${sql.raw(PENDING_CUSTOMERS_FROM_SQL)}`;
}
