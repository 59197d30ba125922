/**
 * Stores the rows of a transactions file in PostgreSQL (issue #21, item 1): the twin of transaction-writer.ts,
 * with the same outcome for every order (see the top of that file: new, duplicate, updated, taken back; orders
 * never moved between customers; identical lines without an order number counted as copies).
 *
 * What differs is how, because PostgreSQL is not SQLite:
 * - The rows go into a temporary staging table with `COPY ... FROM STDIN` (pg-copy-streams), the fastest way in.
 * - Everything runs in the caller's one transaction. Readers keep seeing the data as it was until it commits
 *   (multi-version concurrency), and other writers are not held up: nothing takes a table lock, only the rows
 *   the import changes are locked. So none of SQLite's pending rows, steps or customer-change overlays is needed:
 *   new customers get their ids from the identity column, earlier first-seen dates and changed orders are
 *   written in place (a changed order's stored row is deleted and the file's version inserted).
 * - Customers are matched by their number in SQL (no map of them in memory).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { hash128 } from "@/lib/import/read/content-key";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import { copyText, utf8Packer } from "@/db/pg/copy-text";
import { ISO_NOW_SQL } from "@/db/pg/schema";
import { ORDER_OUTCOME } from "../order-outcomes";
import { createSeenKeys } from "../seen-keys";
import { createFreshTransactionsTable } from "./fresh-transactions-table";

/** What an import did, as the SQLite writer counts it (lines of the file, except `newCustomers`). */
export interface PostgresImportCounts {
  imported: number;
  updated: number;
  duplicates: number;
  newCustomers: number;
}

/** Repeated order numbers listed while copying, at most (beyond this the staged rows are scanned for them). */
const LISTED_REPEATS = 10_000;

/** Memory each hash or sort of the import may use on the server before it spills to disk (per step, this transaction only). */
const WORK_MEM_MB = 256;

/** `column` of a staged line, or 0 for a line that is no purchase (as the sums of an order's lines count it). */
const zeroWhenNoPurchase = (column: string) => `CASE WHEN no_purchase THEN 0 ELSE ${column} END`;

/** What a staged order or line does (see the top of transaction-writer.ts). */
const { nothing: NOTHING, new: NEW, updated: UPDATED, takenBack: TAKEN_BACK, duplicate: DUPLICATE } = ORDER_OUTCOME;

/** A quoted PostgreSQL identifier (Klantwaarde's schema names are checked in db/database-url.ts; quoted anyway). */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The COPY text line of `row`, the `line`-th of the file, in the column order of `import_rows`; `repeated`: its order
 * number (maybe) came before in the file. Written as one template per row, not as an array of values joined: the
 * lines of a million-row file are built while the file is read, on the thread that also sends them.
 * @example stagedLine({ orderId: "A1", customerId: "K7", purchaseDate: "2024-03-01", revenueCents: 1250, costCents: 0, quantity: 1, channel: null, productCategory: "Thee", … }, 2, false)
 * // "2\tt\tA1\tK7\t2024-03-01\t1250\t0\t1\t\\N\tThee\tf\t0\tf\n"
 */
export function stagedLine(row: TransactionRow, line: number, repeated: boolean): string {
  const isOrder = row.orderId !== null;
  return `${line}\t${isOrder ? "t" : "f"}\t${copyText(isOrder ? row.orderId : row.contentKey!)}\t${copyText(row.customerId)}\t${row.purchaseDate}\t${wholeNumber(row.revenueCents)}\t${wholeNumber(row.costCents)}\t${wholeNumber(row.quantity)}\t${copyText(row.channel)}\t${copyText(row.productCategory)}\t${row.noPurchase === undefined ? "f" : "t"}\t${wholeNumber(row.refundedCents ?? 0)}\t${repeated ? "t" : "f"}\n`;
}

/** A whole number for a bigint or integer column (the reader gives nothing else; anything else stops the import). */
function wholeNumber(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} cannot be staged as a whole number`);
  return value;
}

/**
 * Imports the valid rows of a file, given a piece at a time as it is read (`pieces`; each row is used before the next
 * piece is asked for, so a stream may refill one object per row), into the schema `schema` through `client`, which must be inside a transaction
 * (BEGIN by the caller, who commits it with the import's record, or rolls it back: then nothing of the file stays).
 * `importId` is written on every new row. `onSwapLocked` is called when a first import has taken the lock of its
 * swap (fresh-transactions-table.ts), which readers wait for until the transaction ends.
 */
export async function importTransactionsPostgres(
  client: pg.ClientBase,
  schema: string,
  importId: number,
  pieces: AsyncIterable<Iterable<TransactionRow>>,
  onSwapLocked?: () => void,
): Promise<PostgresImportCounts> {
  const s = quoted(schema);
  // For this transaction only: the set-based steps hash a million rows at once (the default 4 MB made them spill
  // to disk, 17 s of a 1M-row file), a first import sorts them to build its indexes, and plans this simple gain
  // nothing from compiling.
  await client.query(`SET LOCAL work_mem = '${WORK_MEM_MB}MB'`);
  await client.query(`SET LOCAL maintenance_work_mem = '${WORK_MEM_MB}MB'`);
  await client.query("SET LOCAL jit = off");
  // Whether any order is stored yet: only imports write transactions, one at a time, so the answer holds until the commit.
  const anyStored = (await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${s}.transactions) AS any`)).rows[0]!.any;
  await client.query(`CREATE TEMP TABLE import_rows (line bigint NOT NULL, is_order boolean NOT NULL, key text NOT NULL, customer_key text NOT NULL,
    purchase_date date NOT NULL, revenue bigint NOT NULL, cost bigint NOT NULL, quantity integer NOT NULL, channel text, category text,
    no_purchase boolean NOT NULL, refunded bigint NOT NULL, repeated boolean NOT NULL) ON COMMIT DROP`);

  // 1. The rows, streamed in with COPY in file order; a Bloom filter (seen-keys.ts) notes the order numbers that
  // (maybe) came before, so that only those orders' lines are added up below.
  let line = 0;
  /** Lines without an order number (purchases keyed by their content): most platform exports have none. */
  let keyedLines = 0;
  const seenOrders = createSeenKeys();
  /** The order numbers marked repeated (real repeats and the filter's few false alarms), while there are not too many. */
  let repeatedKeys: Set<string> | null = new Set();
  const copy = client.query(copyFrom("COPY import_rows FROM STDIN"));
  /** The staged lines as UTF-8, each written into a buffer as it is made (half the time of joining them into text first). */
  async function* lines() {
    const packer = utf8Packer();
    for await (const rows of pieces) {
      for (const row of rows) {
        if (row.orderId === null) keyedLines++;
        const repeated = row.orderId !== null && seenOrders.seenBefore(row.orderId);
        if (repeated && repeatedKeys) {
          repeatedKeys.add(row.orderId!);
          if (repeatedKeys.size > LISTED_REPEATS) repeatedKeys = null;
        }
        const full = packer.add(stagedLine(row, ++line, repeated));
        if (full) yield full;
      }
    }
    const rest = packer.rest();
    if (rest) yield rest;
  }
  await pipeline(Readable.from(lines()), copy);
  // Statistics for the plans below: of the columns they join and filter on only (the others cost a third of the time).
  await client.query("ANALYZE import_rows (line, is_order, key, customer_key, no_purchase, repeated)");

  // 2. The n-th identical line without an order number (n > 1) gets its own key, the same on every re-import
  // (as transaction-writer.ts's import_copy_key). Only lines that come more than once are read back. A file whose
  // every line has an order number skips the scans of steps 2 and 4 that look for such lines (`AND false`).
  const noKeyedLines = keyedLines === 0 ? "AND false" : "";
  const repeats = await client.query<{ line: string; key: string; copy: string }>(
    `SELECT line, key, copy FROM (
       SELECT line, key, row_number() OVER (PARTITION BY key ORDER BY line) AS copy FROM import_rows WHERE NOT is_order AND NOT no_purchase ${noKeyedLines}) AS numbered
     WHERE copy > 1`,
  );
  if (repeats.rows.length > 0) {
    await client.query(`UPDATE import_rows AS r SET key = u.key FROM unnest($1::bigint[], $2::text[]) AS u(line, key) WHERE r.line = u.line`, [
      repeats.rows.map((row) => row.line),
      repeats.rows.map((row) => hash128(`${row.key}#${Number(row.copy)}`)),
    ]);
  }

  // Every new row's `created_at` is the column's default, the transaction's start: worked out once, not per row.
  const [{ now }] = (await client.query<{ now: string }>(`SELECT ${ISO_NOW_SQL} AS now`)).rows as [{ now: string }];

  // 3. Customers: a new one for every customer number of a stored order (a purchase or one refunded in full),
  // with ids in the order the file first names them; earlier first-seen dates for those already stored.
  await client.query(
    `CREATE TEMP TABLE import_customers ON COMMIT DROP AS
     SELECT customer_key, min(line) AS first_line, min(purchase_date) AS first_date FROM import_rows WHERE NOT no_purchase GROUP BY customer_key`,
  );
  const created = await client.query(
    `INSERT INTO ${s}.customers (external_id, first_seen_date, created_at)
     SELECT customer_key, first_date, $1::text FROM import_customers AS f
     WHERE NOT EXISTS (SELECT 1 FROM ${s}.customers AS c WHERE c.external_id = f.customer_key) ORDER BY first_line`,
    [now],
  );
  await client.query(
    `UPDATE ${s}.customers AS c SET first_seen_date = f.first_date FROM import_customers AS f
     WHERE c.external_id = f.customer_key AND (c.first_seen_date IS NULL OR c.first_seen_date > f.first_date)`,
  );

  // 4. Orders: the lines of those named more than once added up (customer, date, channel and category of the first
  // line, joined back), the others taken as they are; each matched with the stored order of its number and given its outcome.
  // Sums as bigint, as they are stored, and no column that is not needed further (into `transactions` the rows are sorted).
  // The order numbers to add up come from the list made while copying (no scan of the staged rows for them), or
  // when that grew too long, from the staged rows. An empty `transactions` (a first import) is not joined at all.
  const repeatedSql =
    repeatedKeys === null ? "SELECT DISTINCT key FROM import_rows WHERE repeated" : repeatedKeys.size === 0 ? "SELECT NULL::text AS key WHERE false" : "SELECT DISTINCT unnest($1::text[]) AS key";
  const storedOrders = anyStored
    ? `${s}.transactions`
    : "(SELECT NULL::integer AS id, NULL::text AS external_id, NULL::integer AS customer_id, NULL::bigint AS revenue_cents, NULL::bigint AS refunded_cents, NULL::integer AS superseded_by WHERE false)";
  await client.query(
    `CREATE TEMP TABLE import_orders ON COMMIT DROP AS
     WITH repeated AS (${repeatedSql}),
     g AS (
       SELECT key AS order_id, min(line) AS first_line,
         coalesce(sum(revenue) FILTER (WHERE NOT no_purchase), 0)::bigint AS revenue, coalesce(sum(cost) FILTER (WHERE NOT no_purchase), 0)::bigint AS cost,
         coalesce(sum(quantity) FILTER (WHERE NOT no_purchase), 0)::bigint AS quantity, coalesce(sum(refunded) FILTER (WHERE NOT no_purchase), 0)::bigint AS refunded,
         count(*) AS lines, bool_or(no_purchase) AS no_purchase
       FROM import_rows WHERE is_order AND key IN (SELECT key FROM repeated) GROUP BY key),
     o AS (
       SELECT g.*, f.customer_key, f.purchase_date, f.channel, f.category FROM g JOIN import_rows AS f ON f.line = g.first_line
       UNION ALL
       SELECT key, line, ${zeroWhenNoPurchase("revenue")}, ${zeroWhenNoPurchase("cost")}, ${zeroWhenNoPurchase("quantity")}, ${zeroWhenNoPurchase("refunded")},
         1, no_purchase, customer_key, purchase_date, channel, category
       FROM import_rows AS r WHERE is_order AND NOT EXISTS (SELECT 1 FROM repeated WHERE repeated.key = r.key))
     SELECT o.order_id, o.first_line, o.revenue, o.cost, o.quantity, o.refunded, o.lines, o.no_purchase, o.purchase_date, o.channel, o.category,
       c.id AS customer_id, t.id AS stored_id,
       CASE WHEN t.id IS NULL THEN (CASE WHEN o.no_purchase THEN ${NOTHING} ELSE ${NEW} END)
            WHEN t.customer_id IS DISTINCT FROM c.id THEN ${DUPLICATE}
            WHEN o.no_purchase THEN ${TAKEN_BACK}
            WHEN o.revenue <> t.revenue_cents OR o.refunded <> t.refunded_cents THEN ${UPDATED}
            ELSE ${DUPLICATE} END AS outcome
     FROM o LEFT JOIN ${s}.customers AS c ON c.external_id = o.customer_key
       LEFT JOIN ${storedOrders} AS t ON t.external_id = o.order_id AND t.superseded_by IS NULL`,
    repeatedKeys && repeatedKeys.size > 0 ? [[...repeatedKeys]] : [],
  );
  // Lines without an order number: new unless their key is stored.
  await client.query(
    `CREATE TEMP TABLE import_keyed ON COMMIT DROP AS
     SELECT r.*, c.id AS customer_id,
       CASE WHEN EXISTS (SELECT 1 FROM ${s}.transactions AS t WHERE t.content_key = r.key) THEN ${DUPLICATE} ELSE ${NEW} END AS outcome
     FROM import_rows AS r JOIN ${s}.customers AS c ON c.external_id = r.customer_key
     WHERE NOT r.is_order AND NOT r.no_purchase ${noKeyedLines}`,
  );

  // What the lines did, counted before the rows are written (a first import's swap ends with the lock that holds readers up).
  const tally = await client.query<{ outcome: number; lines: string }>(
    `SELECT outcome, sum(lines) AS lines FROM import_orders GROUP BY outcome UNION ALL SELECT outcome, count(*) FROM import_keyed GROUP BY outcome`,
  );

  // 5. The changes: a changed or taken-back order's stored row goes, a changed one comes back with the file's
  // values (and the stored order's number, customer, date, channel, category and content key). Skipped when the
  // tally has none (a first import, a re-export with nothing new): each statement would scan every staged order.
  const changes = tally.rows.some((row) => row.outcome === UPDATED || row.outcome === TAKEN_BACK);
  if (changes) {
    await client.query(
      `CREATE TEMP TABLE import_changes ON COMMIT DROP AS
       SELECT t.external_id, t.customer_id, t.purchase_date, o.revenue, o.cost, o.quantity, t.channel, t.product_category, t.content_key, o.refunded, o.outcome
       FROM import_orders AS o JOIN ${s}.transactions AS t ON t.id = o.stored_id WHERE o.outcome IN (${UPDATED}, ${TAKEN_BACK})`,
    );
    await client.query(`DELETE FROM ${s}.transactions WHERE id IN (SELECT stored_id FROM import_orders WHERE outcome IN (${UPDATED}, ${TAKEN_BACK}))`);
  }
  // A first import writes into a fresh table that takes the place of the empty one (fresh-transactions-table.ts).
  const fresh = await createFreshTransactionsTable(client, schema, importId);
  const target = fresh?.name ?? `${s}.transactions`;
  const columns = `external_id, customer_id, purchase_date, revenue_cents, cost_cents, quantity, channel, product_category, import_id, content_key, refunded_cents, created_at`;
  if (changes) {
    await client.query(
      `INSERT INTO ${target} (${columns})
       SELECT external_id, customer_id, purchase_date, revenue, cost, quantity, channel, product_category, $1::integer, content_key, refunded, $2::text
       FROM import_changes WHERE outcome = ${UPDATED} ORDER BY customer_id, purchase_date`,
      [importId, now],
    );
  }
  // New orders and new lines without an order number. Into `transactions` they go sorted as its (customer, date)
  // index, so that each index page is visited once; a fresh table has no index yet (each is built afterwards from
  // its own sort), so there the sort of a million whole rows (~1 s) would buy nothing.
  await client.query(
    `INSERT INTO ${target} (${columns})
     SELECT order_id, customer_id, purchase_date, revenue, cost, quantity, channel, category, $1::integer, NULL, refunded, $2::text FROM import_orders WHERE outcome = ${NEW}
     UNION ALL
     SELECT NULL, customer_id, purchase_date, revenue, cost, quantity, channel, category, $1::integer, key, refunded, $2::text FROM import_keyed WHERE outcome = ${NEW}
     ${fresh ? "" : "ORDER BY 2, 3"}`,
    [importId, now],
  );
  await fresh?.swapIn(onSwapLocked);

  const counts: PostgresImportCounts = { imported: 0, updated: 0, duplicates: 0, newCustomers: created.rowCount ?? 0 };
  for (const { outcome, lines } of tally.rows) {
    if (outcome === NEW) counts.imported += Number(lines);
    else if (outcome === UPDATED || outcome === TAKEN_BACK) counts.updated += Number(lines);
    else if (outcome === DUPLICATE) counts.duplicates += Number(lines);
  }
  return counts;
}
