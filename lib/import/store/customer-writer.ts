/**
 * Stores the rows of a customers file: customers are upserted by their customer number (an empty cell
 * never erases what is known), the file's other columns become soft attributes, and a row that changes
 * nothing counts as a duplicate.
 *
 * New customers are written at once (they are the import's pending rows, invisible until it commits, see
 * pending.ts). Changes to stored customers go, in the import's steps too, into the main database's
 * change tables under the import's id (customer-changes.ts): readers ignore them until the import
 * commits and overlay them from then on, until they are folded into the stored rows. So the import's
 * last transaction writes nothing of this file, however many customers it changes.
 */
import type { OpenedSqliteDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import type { CustomerRow } from "@/lib/import/read/customer-row";
import type { ImportCounts, RowWriter } from "./row-writer";

const FIELDS = ["name", "email", "country", "city", "acquisitionChannel", "firstSeenDate"] as const;
const COLUMNS = FIELDS.map((field) => customers[field].name);

/**
 * The writer of one customers file for import `importId` (its new customers get ids from
 * `firstCustomerId` on): see the file's note.
 */
export function createCustomerWriter(database: OpenedSqliteDatabase, counts: ImportCounts, firstCustomerId: number, importId: number): RowWriter<"customers"> {
  const { sqlite } = database;
  const stageCustomer = sqlite.prepare(
    `INSERT INTO customer_changes (import_id, customer_id, ${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (?, ?, ${COLUMNS.map(() => "?").join(", ")}) ` +
      `ON CONFLICT (import_id, customer_id) DO UPDATE SET ${COLUMNS.map((column) => `"${column}" = coalesce(excluded."${column}", "${column}")`).join(", ")}`,
  );
  const stagedCustomer = sqlite.prepare(`SELECT ${COLUMNS.map((column) => `"${column}"`).join(", ")} FROM customer_changes WHERE import_id = ? AND customer_id = ?`).raw();
  const stageAttribute = sqlite.prepare(
    "INSERT INTO customer_attribute_changes (import_id, customer_id, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (import_id, customer_id, key) DO UPDATE SET value = excluded.value",
  );
  const stagedAttributes = sqlite.prepare("SELECT key, value FROM customer_attribute_changes WHERE import_id = ? AND customer_id = ?");

  // Plain prepared statements: a file of 1M customers runs them millions of times, and building each
  // query again per row (Drizzle's insert and update builders) cost most of the import's time.
  const findCustomer = sqlite.prepare(`SELECT id, ${COLUMNS.map((column) => `"${column}"`).join(", ")} FROM customers WHERE external_id = ?`).raw();
  const insertCustomer = sqlite
    .prepare(`INSERT INTO customers (external_id, ${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (?, ${COLUMNS.map(() => "?").join(", ")}) RETURNING id`)
    .pluck();
  const updatePendingCustomer = sqlite.prepare(`UPDATE customers SET ${COLUMNS.map((column) => `"${column}" = coalesce(?, "${column}")`).join(", ")} WHERE id = ?`);
  const findAttributes = sqlite.prepare("SELECT key, value FROM customer_attributes WHERE customer_id = ?").raw();
  const upsertAttribute = sqlite.prepare(
    "INSERT INTO customer_attributes (customer_id, key, value) VALUES (?, ?, ?) ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value",
  );

  const write = (row: CustomerRow) => {
    const found = findCustomer.get(row.customerId) as [number, ...(string | null)[]] | undefined;
    const stored = found && { id: found[0], values: found.slice(1) };
    let customerId: number;
    let outcome: "imported" | "updated" | "duplicate";
    // A customer of this import (new in this file) is not visible yet and is changed in place.
    const pending = stored !== undefined && stored.id >= firstCustomerId;
    let known = new Map<string, string>();
    if (!stored) {
      customerId = insertCustomer.get(row.customerId, ...FIELDS.map((field) => row[field])) as number;
      outcome = "imported";
    } else {
      customerId = stored.id;
      const current = [...stored.values];
      const staged = pending ? undefined : (stagedCustomer.get(importId, customerId) as (string | null)[] | undefined);
      if (staged) staged.forEach((value, index) => (current[index] = value ?? current[index]!));
      // An empty cell never erases what is known; a value that differs replaces it.
      const changes = FIELDS.map((field, index) => (row[field] !== null && row[field] !== current[index] ? row[field] : null));
      const changed = changes.some((value) => value !== null);
      if (changed) {
        if (pending) updatePendingCustomer.run(...changes, customerId);
        else stageCustomer.run(importId, customerId, ...changes);
      }
      outcome = changed ? "updated" : "duplicate";
      known = new Map(findAttributes.all(customerId) as [string, string][]);
      if (!pending) for (const { key, value } of stagedAttributes.all(importId, customerId) as { key: string; value: string }[]) known.set(key, value);
    }
    for (const [key, value] of Object.entries(row.attributes)) {
      if (known.get(key) === value) continue;
      if (stored && !pending) stageAttribute.run(importId, customerId, key, value);
      else upsertAttribute.run(customerId, key, value);
      if (outcome === "duplicate") outcome = "updated";
    }
    counts[outcome === "imported" ? "imported" : outcome === "updated" ? "updated" : "duplicates"] += 1;
  };

  // The import's last transaction has nothing to write: the `committed` status makes the changes visible.
  return { write, finish: () => [] };
}
