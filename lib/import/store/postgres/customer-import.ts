/**
 * Stores the rows of a customers file in PostgreSQL: the twin of customer-writer.ts, with the same outcome for
 * every row. Customers are upserted by their customer number; for a stored one an empty cell never erases what is
 * known and a value that differs replaces it; the file's other columns become soft attributes; a row that changes
 * nothing (details nor attributes) counts as a duplicate. A customer named twice in a file is compared, the second
 * time, with what the first row left.
 *
 * What differs is how, because PostgreSQL is not SQLite:
 * - Everything runs in the caller's one transaction, written straight into `customers` and `customer_attributes`.
 *   Readers keep seeing the data as it was until it commits (multi-version concurrency), so none of SQLite's
 *   pending rows, steps or change tables is needed.
 * - The rows are handled a batch at a time, with a few round trips per batch instead of several per row: one query
 *   reads the batch's stored customers with their attributes, the outcomes are decided here, and multi-row
 *   statements (over `unnest` of arrays) write the new customers, the changed details and the attributes.
 *   A customer repeated within a batch sees the earlier row through the batch's map; one repeated in a later batch
 *   is read again from the database, which shows this transaction its own writes.
 */
import type pg from "pg";
import { customers } from "@/db/schema";
import type { CustomerRow } from "@/lib/import/read/customer-row";

/** What an import of a customers file did, in rows of the file (as the SQLite writer counts them). */
export interface CustomerImportCounts {
  imported: number;
  updated: number;
  duplicates: number;
}

/** A customer's details, in this order everywhere below. */
const FIELDS = ["name", "email", "country", "city", "acquisitionChannel", "firstSeenDate"] as const;
const COLUMNS = FIELDS.map((field) => `"${customers[field].name}"`);
/** The PostgreSQL type of each detail (the first-seen date is a `date`, the others text). */
const TYPES = FIELDS.map((field) => (field === "firstSeenDate" ? "date" : "text"));

/** A quoted PostgreSQL identifier (Klantwaarde's schema names are checked in db/database-url.ts; quoted anyway). */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** What this batch knows of one customer: as stored (or as the batch's first row created it), plus the batch's changes. */
interface KnownCustomer {
  /** The stored id, or null for a customer new in this batch (inserted at the end of the batch). */
  id: number | null;
  /** The details as they stand after the batch's rows so far. */
  values: (string | null)[];
  /** The soft attributes as they stand after the batch's rows so far. */
  attributes: Map<string, string>;
  /** Details this batch changed (null: unchanged), written over the stored row. */
  changedValues: (string | null)[];
  /** Attributes this batch set or changed. */
  changedAttributes: Map<string, string>;
}

/** The stored customers of `numbers` with their attributes, by customer number, in one query. */
async function readStoredCustomers(client: pg.ClientBase, s: string, numbers: string[]): Promise<Map<string, KnownCustomer>> {
  // The date as text in a fixed form, whatever the session's DateStyle or the driver's date parser; the details
  // named by their place in FIELDS.
  const details = COLUMNS.map((column, index) => `${TYPES[index] === "date" ? `to_char(c.${column}, 'YYYY-MM-DD')` : `c.${column}`} AS detail${index}`);
  const result = await client.query<Record<string, string | null> & { id: number; external_id: string; keys: string[] | null; vals: string[] | null }>(
    `SELECT c.id, c.external_id, ${details.join(", ")},
       array_agg(a.key ORDER BY a.key) FILTER (WHERE a.key IS NOT NULL) AS keys,
       array_agg(a.value ORDER BY a.key) FILTER (WHERE a.key IS NOT NULL) AS vals
     FROM ${s}.customers AS c LEFT JOIN ${s}.customer_attributes AS a ON a.customer_id = c.id
     WHERE c.external_id = ANY($1::text[])
     GROUP BY c.id`,
    [numbers],
  );
  const known = new Map<string, KnownCustomer>();
  for (const row of result.rows) {
    const values = row.vals ?? [];
    known.set(row.external_id, {
      id: Number(row.id),
      values: FIELDS.map((_, index) => row[`detail${index}`] ?? null),
      attributes: new Map((row.keys ?? []).map((key, index) => [key, values[index]!])),
      changedValues: FIELDS.map(() => null),
      changedAttributes: new Map(),
    });
  }
  return known;
}

/** A customer first named by `row` (not stored): its details and attributes are the row's. */
function newCustomer(row: CustomerRow): KnownCustomer {
  const attributes = new Map(Object.entries(row.attributes));
  return { id: null, values: FIELDS.map((field) => row[field]), attributes, changedValues: FIELDS.map(() => null), changedAttributes: new Map(attributes) };
}

/**
 * Applies `row` to a customer already known (stored, or named earlier in the batch) and says whether it changed
 * anything: an empty cell keeps what is known, a value or attribute that differs replaces it.
 */
function applyRow(customer: KnownCustomer, row: CustomerRow): boolean {
  let changed = false;
  FIELDS.forEach((field, index) => {
    const value = row[field];
    if (value === null || value === customer.values[index]) return;
    customer.values[index] = value;
    customer.changedValues[index] = value;
    changed = true;
  });
  for (const [key, value] of Object.entries(row.attributes)) {
    if (customer.attributes.get(key) === value) continue;
    customer.attributes.set(key, value);
    customer.changedAttributes.set(key, value);
    changed = true;
  }
  return changed;
}

/** Inserts the batch's new customers (in the order the file first names them) and notes their ids on them. */
async function insertCustomers(client: pg.ClientBase, s: string, created: [string, KnownCustomer][]): Promise<void> {
  if (created.length === 0) return;
  const arrays = FIELDS.map((_, index) => created.map(([, customer]) => customer.values[index]));
  const casts = TYPES.map((type, index) => `$${index + 2}::${type}[]`);
  const result = await client.query<{ id: number; external_id: string }>(
    `INSERT INTO ${s}.customers (external_id, ${COLUMNS.join(", ")})
     SELECT external_id, ${COLUMNS.join(", ")} FROM unnest($1::text[], ${casts.join(", ")}) WITH ORDINALITY AS u(external_id, ${COLUMNS.join(", ")}, place)
     ORDER BY place
     RETURNING id, external_id`,
    [created.map(([number]) => number), ...arrays],
  );
  const ids = new Map(result.rows.map((row) => [row.external_id, Number(row.id)]));
  for (const [number, customer] of created) customer.id = ids.get(number)!;
}

/** Writes the changed details of stored customers over their rows (a detail not changed keeps its stored value). */
async function updateCustomers(client: pg.ClientBase, s: string, changed: KnownCustomer[]): Promise<void> {
  if (changed.length === 0) return;
  const arrays = FIELDS.map((_, index) => changed.map((customer) => customer.changedValues[index]));
  const casts = TYPES.map((type, index) => `$${index + 2}::${type}[]`);
  await client.query(
    `UPDATE ${s}.customers AS c SET ${COLUMNS.map((column) => `${column} = coalesce(u.${column}, c.${column})`).join(", ")}
     FROM unnest($1::integer[], ${casts.join(", ")}) AS u(id, ${COLUMNS.join(", ")})
     WHERE c.id = u.id`,
    [changed.map((customer) => customer.id), ...arrays],
  );
}

/** Sets the attributes the batch set or changed (one row per customer and key). */
async function upsertAttributes(client: pg.ClientBase, s: string, touched: KnownCustomer[]): Promise<void> {
  const ids: number[] = [];
  const keys: string[] = [];
  const values: string[] = [];
  for (const customer of touched) {
    for (const [key, value] of customer.changedAttributes) {
      ids.push(customer.id!);
      keys.push(key);
      values.push(value);
    }
  }
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.customer_attributes (customer_id, key, value)
     SELECT * FROM unnest($1::integer[], $2::text[], $3::text[])
     ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value`,
    [ids, keys, values],
  );
}

/**
 * Imports `batches` of valid rows of a customers file into the schema `schema` through `client`, which must be
 * inside a transaction (BEGIN by the caller, who commits it with the import's record, or rolls it back: then
 * nothing of the file stays). See the top of this file.
 */
export async function importCustomersPostgres(client: pg.ClientBase, schema: string, batches: AsyncIterable<readonly CustomerRow[]>): Promise<CustomerImportCounts> {
  const s = quoted(schema);
  const counts: CustomerImportCounts = { imported: 0, updated: 0, duplicates: 0 };
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const known = await readStoredCustomers(client, s, [...new Set(batch.map((row) => row.customerId))]);
    const created = new Map<string, KnownCustomer>();
    for (const row of batch) {
      const customer = known.get(row.customerId);
      if (customer === undefined) {
        const fresh = newCustomer(row);
        known.set(row.customerId, fresh);
        created.set(row.customerId, fresh);
        counts.imported += 1;
      } else if (applyRow(customer, row)) counts.updated += 1;
      else counts.duplicates += 1;
    }
    // New customers are inserted with the batch's last word on them; stored ones get only what changed.
    const changed = [...known.values()].filter((customer) => customer.id !== null && customer.changedValues.some((value) => value !== null));
    await insertCustomers(client, s, [...created]);
    await updateCustomers(client, s, changed);
    await upsertAttributes(client, s, [...known.values()]);
  }
  return counts;
}
