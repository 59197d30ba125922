/**
 * Versioned reads of customers: what a customers file changes in STORED customers becomes visible with
 * the import's one short last transaction, however many customers it changes.
 *
 * The import writes its changes in its short steps into `customer_changes` and
 * `customer_attribute_changes`, keyed by (import id, customer id). Readers ignore them while the import
 * runs; the last transaction only turns the import `committed`, and from then on every reader sees the
 * stored values overlaid by that import's changes (`visibleCustomerField`, `visibleAttributesSql`).
 * Afterwards the fold (`createFold`) applies the changes to `customers` and `customer_attributes` and
 * deletes them, a bounded batch per transaction: each batch moves values from the overlay into the table
 * they overlay, so folding changes nothing a reader sees, and a fold cut short by a kill goes on with the
 * next import or server start. The fold also deletes the orders a committed transactions file superseded
 * (pending.ts), which no reader sees any more. A failed or killed import's changes are removed with its other rows (import-record.ts).
 *
 * At most one committed import has changes left at any time: every import folds what is left before it
 * writes a change of its own (it is then the only one running, so no other can commit meanwhile), and a
 * running import's id is larger than every committed one's. So "the committed changes" are those of the
 * smallest import id in the table when that import is committed: two index look-ups per statement, and
 * no change at all to what a reader pays when nothing is left to fold.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type Database from "better-sqlite3";
import { customers } from "@/db/schema";

/** The customers columns a customers file may change (SQL names), as in customer-writer.ts. */
export const CHANGED_COLUMNS = ["name", "email", "country", "city", "acquisition_channel", "first_seen_date"] as const;
export type ChangedColumn = (typeof CHANGED_COLUMNS)[number];

/** Customers folded per statement (one fold batch; a step holds as many batches as fit in STEP_MS). */
export const FOLD_BATCH_CUSTOMERS = 1_000;
/** Superseded orders deleted per statement (pending.ts: rows that stopped being data with their import's commit). */
export const FOLD_BATCH_ORDERS = 2_000;

const committedSetSql = (table: "customer_changes" | "customer_attribute_changes") =>
  `(SELECT i.id FROM imports AS i WHERE i.id = (SELECT min(import_id) FROM ${table}) AND i.status = 'committed')`;

/** SQL text, a scalar: the committed import whose customer changes readers overlay (NULL when none is left). */
export const COMMITTED_CUSTOMER_CHANGES_SQL = committedSetSql("customer_changes");
/** SQL text, a scalar: the committed import whose attribute changes readers overlay (NULL when none is left). */
export const COMMITTED_ATTRIBUTE_CHANGES_SQL = committedSetSql("customer_attribute_changes");

/**
 * SQL text: the value readers see of customers column `column` (a SQL name) of the row whose id is
 * `idColumn` (e.g. `c.id`): the committed change when there is one, else the stored value. The
 * uncorrelated subquery is evaluated once per statement; without committed changes the CASE reads the
 * column and nothing else.
 *
 * @example `SELECT ${visibleCustomerFieldSql("c.id", "c.country", "country")} FROM customers AS c`
 */
export function visibleCustomerFieldSql(idColumn: string, storedColumn: string, column: ChangedColumn): string {
  return (
    `(CASE WHEN ${COMMITTED_CUSTOMER_CHANGES_SQL} IS NULL THEN ${storedColumn} ELSE coalesce((SELECT ch."${column}" FROM customer_changes AS ch ` +
    `WHERE ch.import_id = ${COMMITTED_CUSTOMER_CHANGES_SQL} AND ch.customer_id = ${idColumn}), ${storedColumn}) END)`
  );
}

/**
 * Drizzle expression: the value readers see of a customers column (`customers.country`, ...): see
 * `visibleCustomerFieldSql`. Use it wherever a customer's details are read, selected or filtered on.
 *
 * @example db.select({ country: visibleCustomerField(customers.country) }).from(customers)
 */
export function visibleCustomerField(column: SQLiteColumn, idColumn: SQLiteColumn = customers.id): SQL<string | null> {
  const name = column.name as ChangedColumn;
  if (!CHANGED_COLUMNS.includes(name)) throw new Error(`customers.${name} is not changed by a customers file`);
  return sql<string | null>`(CASE WHEN ${sql.raw(COMMITTED_CUSTOMER_CHANGES_SQL)} IS NULL THEN ${column} ELSE coalesce((SELECT ch.${sql.raw(`"${name}"`)} FROM customer_changes AS ch WHERE ch.import_id = ${sql.raw(COMMITTED_CUSTOMER_CHANGES_SQL)} AND ch.customer_id = ${idColumn}), ${column}) END)`;
}

/**
 * SQL text: a subquery with the columns `customer_id, key, value` of the soft attributes readers see:
 * the stored ones not overlaid, and the committed changes. Without committed changes the second part is
 * empty and the first reads `customer_attributes` as before (one look-up of a NULL key per row).
 *
 * @example `SELECT key, value FROM ${visibleAttributesSql()} AS a WHERE a.customer_id = ?`
 */
export function visibleAttributesSql(): string {
  const set = COMMITTED_ATTRIBUTE_CHANGES_SQL;
  return (
    `(SELECT s.customer_id, s.key, s.value FROM customer_attributes AS s WHERE NOT EXISTS (SELECT 1 FROM customer_attribute_changes AS x ` +
    `WHERE x.import_id = ${set} AND x.customer_id = s.customer_id AND x.key = s.key) ` +
    `UNION ALL SELECT x.customer_id, x.key, x.value FROM customer_attribute_changes AS x WHERE x.import_id = ${set})`
  );
}

/** Drizzle form of `visibleAttributesSql`, to put after `from` in a raw query. */
export const visibleAttributes = (): SQL => sql.raw(visibleAttributesSql());

/**
 * Drizzle condition: the customer `customerId` (a column) has soft attribute `key` = `value` as readers
 * see it. Without committed changes it is the plain look-up in the (customer_id, key, value) index.
 *
 * @example db.select().from(customerScores).where(visibleAttributeIs(customerScores.customerId, "nieuwsbrief", "ja"))
 */
export function visibleAttributeIs(customerId: SQLiteColumn, key: string, value: string): SQL {
  const set = sql.raw(COMMITTED_ATTRIBUTE_CHANGES_SQL);
  return sql`(CASE WHEN ${set} IS NULL THEN exists (select 1 from customer_attributes as s where s.customer_id = ${customerId} and s.key = ${key} and s.value = ${value}) ELSE coalesce((select x.value from customer_attribute_changes as x where x.import_id = ${set} and x.customer_id = ${customerId} and x.key = ${key}), (select s.value from customer_attributes as s where s.customer_id = ${customerId} and s.key = ${key})) = ${value} END)`;
}

/**
 * Runs `read` in one read transaction (one snapshot of the database), telling it whether a committed
 * customers file's changes are still to be overlaid. For aggregates that read an index in order (counts
 * by attribute value): they keep their plan when nothing is left to fold, and read through
 * `visibleAttributesSql` / `visibleCustomerFieldSql` only while a fold is due. The one snapshot makes the
 * answer and the query agree even if a fold step commits in between.
 *
 * @example readWithCustomerChanges(sqlite, (overlay) => sqlite.prepare(overlay ? slowerQuery : plainQuery).all())
 */
export function readWithCustomerChanges<T>(sqlite: Database.Database, read: (overlay: boolean) => T): T {
  const overlay = sqlite.prepare(`SELECT ${COMMITTED_CUSTOMER_CHANGES_SQL} IS NOT NULL OR ${COMMITTED_ATTRIBUTE_CHANGES_SQL} IS NOT NULL`).pluck();
  return sqlite.transaction(() => read(overlay.get() === 1))();
}

/**
 * The fold as batches: each call applies at most FOLD_BATCH_CUSTOMERS customers' committed changes (fields,
 * then attributes) to the stored rows and deletes them, or, when none is left, deletes at most
 * FOLD_BATCH_ORDERS orders superseded by a committed import (pending.ts); it returns how many rows it
 * folded or deleted (0: done).
 * Run each call inside a write transaction: readers then see the same values before and after it.
 */
export function createFold(sqlite: Database.Database): () => number {
  // Indexed columns are set only on the rows where they change (an UPDATE rewrites an index entry even to
  // the same value); the others in one pass.
  const indexed = new Set(sqlite.prepare("SELECT i.name FROM pragma_index_list('customers') AS l, pragma_index_info(l.name) AS i WHERE l.origin = 'c'").pluck().all() as string[]);
  const plain = CHANGED_COLUMNS.filter((column) => !indexed.has(column));
  const customerSet = sqlite.prepare(COMMITTED_CUSTOMER_CHANGES_SQL.slice(1, -1)).pluck();
  const attributeSet = sqlite.prepare(COMMITTED_ATTRIBUTE_CHANGES_SQL.slice(1, -1)).pluck();
  const lastOfBatch = (table: string) =>
    sqlite.prepare(`SELECT max(customer_id) FROM (SELECT customer_id FROM ${table} WHERE import_id = ? ORDER BY customer_id LIMIT ${FOLD_BATCH_CUSTOMERS})`).pluck();
  const lastCustomer = lastOfBatch("customer_changes");
  const lastAttributeCustomer = lastOfBatch("customer_attribute_changes");
  const inBatch = "ch.import_id = @set AND ch.customer_id <= @last";
  const setPlain = sqlite.prepare(
    `UPDATE customers SET (${plain.map((column) => `"${column}"`).join(", ")}) = (SELECT ${plain.map((column) => `coalesce(ch."${column}", customers."${column}")`).join(", ")} ` +
      `FROM customer_changes AS ch WHERE ch.import_id = @set AND ch.customer_id = customers.id) ` +
      `WHERE id IN (SELECT ch.customer_id FROM customer_changes AS ch WHERE ch.import_id = @set AND ch.customer_id <= @last AND (${plain.map((column) => `ch."${column}" IS NOT NULL`).join(" OR ")}))`,
  );
  const setIndexed = CHANGED_COLUMNS.filter((column) => indexed.has(column)).map((column) =>
    sqlite.prepare(
      `UPDATE customers SET "${column}" = (SELECT ch."${column}" FROM customer_changes AS ch WHERE ch.import_id = @set AND ch.customer_id = customers.id) ` +
        `WHERE id IN (SELECT ch.customer_id FROM customer_changes AS ch WHERE ch.import_id = @set AND ch.customer_id <= @last AND ch."${column}" IS NOT NULL)`,
    ),
  );
  const deleteCustomers = sqlite.prepare(`DELETE FROM customer_changes AS ch WHERE ${inBatch}`);
  const setAttributes = sqlite.prepare(
    `INSERT INTO customer_attributes (customer_id, key, value) SELECT ch.customer_id, ch.key, ch.value FROM customer_attribute_changes AS ch ` +
      `WHERE ${inBatch} AND EXISTS (SELECT 1 FROM customers AS c WHERE c.id = ch.customer_id) ORDER BY ch.customer_id, ch.key ` +
      "ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
  );
  const deleteAttributes = sqlite.prepare(`DELETE FROM customer_attribute_changes AS ch WHERE ${inBatch}`);
  const deleteSuperseded = sqlite.prepare(
    `DELETE FROM transactions WHERE id IN (SELECT id FROM transactions WHERE superseded_by IS NOT NULL ` +
      `AND superseded_by IN (SELECT id FROM imports WHERE status = 'committed') LIMIT ${FOLD_BATCH_ORDERS})`,
  );

  return () => {
    const customerImport = (customerSet.get() as number | undefined) ?? null;
    if (customerImport !== null) {
      const last = lastCustomer.get(customerImport) as number;
      const batch = { set: customerImport, last };
      setPlain.run(batch);
      for (const statement of setIndexed) statement.run(batch);
      return deleteCustomers.run(batch).changes;
    }
    const attributeImport = (attributeSet.get() as number | undefined) ?? null;
    if (attributeImport !== null) {
      const last = lastAttributeCustomer.get(attributeImport) as number;
      const batch = { set: attributeImport, last };
      setAttributes.run(batch);
      return deleteAttributes.run(batch).changes;
    }
    return deleteSuperseded.run().changes;
  };
}

/**
 * Folds every committed change now, one short IMMEDIATE transaction per batch (server start, after a
 * kill cut a fold short). Returns the customers (and attribute values) folded.
 */
export function foldCommittedChanges(sqlite: Database.Database): number {
  const fold = createFold(sqlite);
  let folded = 0;
  for (let batch = sqlite.transaction(fold).immediate(); batch > 0; batch = sqlite.transaction(fold).immediate()) folded += batch;
  return folded;
}

/**
 * Removes the changes of an import that will never commit (rejected, failed, interrupted), at most
 * `limit` rows per call; returns how many went. Run inside a write transaction.
 */
export function removeChangesStep(sqlite: Database.Database, importId: number, limit: number): number {
  let removed = 0;
  for (const table of ["customer_changes", "customer_attribute_changes"]) {
    removed += sqlite.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE import_id = ? LIMIT ${limit})`).run(importId).changes;
    if (removed >= limit) break;
  }
  return removed;
}
