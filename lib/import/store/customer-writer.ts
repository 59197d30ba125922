/**
 * Stores the rows of a customers file: customers are upserted by their customer number (an empty cell
 * never erases what is known), the file's other columns become soft attributes, and a row that changes
 * nothing counts as a duplicate.
 *
 * New customers are written at once (they are the import's pending rows, invisible until it commits, see
 * pending.ts). Changes to stored customers are visible the moment they are written, so they are kept in
 * temporary tables of the import's own connection (no write lock) and applied by `publish`, in the
 * import's last transaction, writing only what changes, in id order (see `publish`). That transaction
 * grows with the number of changed values (a few microseconds each; customer-changes.test.ts measures
 * 200,000 changed customers), unlike every other step of an import.
 */
import { eq, sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customerAttributes, customers } from "@/db/schema";
import type { CustomerRow } from "@/lib/import/read/customer-row";
import type { ImportCounts, RowWriter } from "./row-writer";

const FIELDS = ["name", "email", "country", "city", "acquisitionChannel", "firstSeenDate"] as const;
const COLUMNS = FIELDS.map((field) => customers[field].name);

export function createCustomerWriter(database: OpenedDatabase, counts: ImportCounts, firstCustomerId: number): RowWriter<"customers"> {
  const { db, sqlite } = database;
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS import_customer_updates (customer_id INTEGER PRIMARY KEY, ${COLUMNS.map((column) => `"${column}" TEXT`).join(", ")})`,
  );
  sqlite.exec("CREATE TEMP TABLE IF NOT EXISTS import_attribute_updates (customer_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (customer_id, key)) WITHOUT ROWID");
  sqlite.exec("DELETE FROM temp.import_customer_updates");
  sqlite.exec("DELETE FROM temp.import_attribute_updates");
  const stageCustomer = sqlite.prepare(
    `INSERT INTO temp.import_customer_updates (customer_id, ${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (?, ${COLUMNS.map(() => "?").join(", ")}) ` +
      `ON CONFLICT (customer_id) DO UPDATE SET ${COLUMNS.map((column) => `"${column}" = coalesce(excluded."${column}", "${column}")`).join(", ")}`,
  );
  const stagedCustomer = sqlite.prepare(`SELECT ${COLUMNS.map((column) => `"${column}"`).join(", ")} FROM temp.import_customer_updates WHERE customer_id = ?`).raw();
  const stageAttribute = sqlite.prepare(
    "INSERT INTO temp.import_attribute_updates (customer_id, key, value) VALUES (?, ?, ?) ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value",
  );
  const stagedAttributes = sqlite.prepare("SELECT key, value FROM temp.import_attribute_updates WHERE customer_id = ?");

  const findCustomer = db.select().from(customers).where(eq(customers.externalId, sql.placeholder("externalId"))).prepare();
  const findAttributes = db
    .select({ key: customerAttributes.key, value: customerAttributes.value })
    .from(customerAttributes)
    .where(eq(customerAttributes.customerId, sql.placeholder("customerId")))
    .prepare();
  const upsertAttribute = db
    .insert(customerAttributes)
    .values({ customerId: sql.placeholder("customerId"), key: sql.placeholder("key"), value: sql.placeholder("value") })
    .onConflictDoUpdate({
      target: [customerAttributes.customerId, customerAttributes.key],
      set: { value: sql`excluded.value` },
    })
    .prepare();

  const write = (row: CustomerRow) => {
    const stored = findCustomer.get({ externalId: row.customerId });
    let customerId: number;
    let outcome: "imported" | "updated" | "duplicate";
    // A customer of this import (new in this file) is not visible yet and is changed in place.
    const pending = stored !== undefined && stored.id >= firstCustomerId;
    let known = new Map<string, string>();
    if (!stored) {
      customerId = db
        .insert(customers)
        .values({ externalId: row.customerId, ...Object.fromEntries(FIELDS.map((field) => [field, row[field]])) })
        .returning({ id: customers.id })
        .get().id;
      outcome = "imported";
    } else {
      customerId = stored.id;
      const current: Record<string, unknown> = { ...stored };
      const staged = pending ? undefined : (stagedCustomer.get(customerId) as (string | null)[] | undefined);
      if (staged) FIELDS.forEach((field, index) => (current[field] = staged[index] ?? current[field]));
      // An empty cell never erases what is known; a value that differs replaces it.
      const changes = Object.fromEntries(FIELDS.filter((field) => row[field] !== null && row[field] !== current[field]).map((field) => [field, row[field]]));
      if (Object.keys(changes).length > 0) {
        if (pending) db.update(customers).set(changes).where(eq(customers.id, customerId)).run();
        else stageCustomer.run(customerId, ...FIELDS.map((field) => (changes[field] as string | undefined) ?? null));
      }
      outcome = Object.keys(changes).length > 0 ? "updated" : "duplicate";
      known = new Map(findAttributes.all({ customerId }).map((a) => [a.key, a.value]));
      if (!pending) for (const { key, value } of stagedAttributes.all(customerId) as { key: string; value: string }[]) known.set(key, value);
    }
    for (const [key, value] of Object.entries(row.attributes)) {
      if (known.get(key) === value) continue;
      if (stored && !pending) stageAttribute.run(customerId, key, value);
      else upsertAttribute.run({ customerId, key, value });
      if (outcome === "duplicate") outcome = "updated";
    }
    counts[outcome === "imported" ? "imported" : outcome === "updated" ? "updated" : "duplicates"] += 1;
  };

  // The columns that one of the customers' indexes holds: an UPDATE that sets such a column rewrites the
  // index entry, even to the same value, so they are set only on the rows whose value changes.
  const indexedColumns = new Set(
    (sqlite.prepare("SELECT i.name FROM pragma_index_list('customers') AS l, pragma_index_info(l.name) AS i WHERE l.origin = 'c'").pluck().all() as string[]),
  );
  const plainColumns = COLUMNS.filter((column) => !indexedColumns.has(column));

  /**
   * In the import's last transaction: the staged changes to stored customers, in id order. Only what
   * changes is written (unindexed columns in one pass, each indexed column on the rows where it changes,
   * attributes whose value changes), so the switch costs a few microseconds per changed value: measured
   * in customer-changes.test.ts (200,000 changed customers).
   */
  const publish = () => {
    // `id IN (staged ids)`: SQLite looks the changed customers up, in id order, instead of scanning them all.
    const changed = (where: string) => `WHERE id IN (SELECT customer_id FROM temp.import_customer_updates WHERE ${where})`;
    const staged = (column: string) => `(SELECT u."${column}" FROM temp.import_customer_updates AS u WHERE u.customer_id = customers.id)`;
    if (plainColumns.length > 0) {
      sqlite.exec(
        `UPDATE customers SET (${plainColumns.map((column) => `"${column}"`).join(", ")}) = ` +
          `(SELECT ${plainColumns.map((column) => `coalesce(u."${column}", customers."${column}")`).join(", ")} FROM temp.import_customer_updates AS u WHERE u.customer_id = customers.id) ` +
          changed(plainColumns.map((column) => `"${column}" IS NOT NULL`).join(" OR ")),
      );
    }
    for (const column of COLUMNS.filter((column) => indexedColumns.has(column))) {
      sqlite.exec(`UPDATE customers SET "${column}" = ${staged(column)} ${changed(`"${column}" IS NOT NULL`)}`);
    }
    sqlite.exec(
      "INSERT INTO customer_attributes (customer_id, key, value) SELECT customer_id, key, value FROM temp.import_attribute_updates " +
        "WHERE customer_id IN (SELECT id FROM main.customers) ORDER BY customer_id, key " +
        "ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
    );
    sqlite.exec("DELETE FROM temp.import_customer_updates");
    sqlite.exec("DELETE FROM temp.import_attribute_updates");
  };
  return { write, finish: () => [], publish };
}
