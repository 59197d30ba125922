/**
 * Stores the rows of a transactions file: the hot path of a million-row import.
 *
 * Three phases, so that the main database's write lock is held only for sorted, set-based writes:
 * 1. Stage (while the file is read): every valid row is appended to the import's staging database
 *    (stage-database.ts: a private temporary file with a lock of its own), in file order. Customers get
 *    their ids here (stored, or new ones in file order); a fixed-size Bloom filter (seen-keys.ts) notes
 *    the order numbers that (maybe) come more than once.
 * 2. Decide (`prepare`; no lock on the main database, which is only read): the lines of the orders named
 *    more than once are added up (GROUP BY, over those rows only) and each such order is matched with the
 *    stored order of its number; the orders of one line (usually nearly all) are matched in one pass over
 *    the staged rows; identical lines without an order number get their copy number and are matched on
 *    their content key. Out come the outcomes, the changes to stored orders (sorted by id) and the counts.
 * 3. Apply (`finish`, in the import's short steps): the new rows and customers are copied into the main
 *    tables with INSERT ... SELECT in pieces of consecutive staged rows (so of the order-number index,
 *    as order numbers mostly grow along a file), each piece sorted by the (customer, date) index and
 *    sized to take about PIECE_MS, so a step stays near STEP_MS. They are pending rows, invisible until
 *    the import's last transaction (pending.ts). The changes to stored rows are written in the same steps
 *    and become data with that transaction too: a changed or taken-back order is marked as superseded by
 *    this import and a changed one gets a new row with the file's values (pending.ts); earlier first-seen
 *    dates go into the customer changes (customer-changes.ts). So the last transaction writes nothing.
 *
 * Outcome of an order number (summed over all its lines in this file). An order refunded in full is a row
 * like any other here: worth 0, with its total refunded (stored, no purchase: lib/scoring/purchase-rule.ts).
 * - not stored: new (each line counts as imported), also when it comes refunded in full;
 * - stored by an earlier import, same customer, same net value and same refund: a duplicate (each line);
 * - stored, same customer, another net value or refund (refunded in part or in full, paid again, changed
 *   on the platform): updated to the file's total and refund (each line counts as updated);
 * - a row with `noPurchase` (failed, voided, cancelled, pending...): the stored order is taken back
 *   (superseded with no new row, each line counts as updated); when none is stored nothing happens and nothing is counted;
 * - stored under another customer: a duplicate, whatever its value. Orders are never moved between
 *   customers by an import: a customer number that changed on the platform is a question for people,
 *   and moving purchases silently would change two customers' figures at once.
 * Rows without an order number are matched on their content key (customer, date, amount, line
 * content; the n-th identical line of a file is the n-th copy): new or duplicate.
 */
import type Database from "better-sqlite3";
import { customers, transactions } from "@/db/schema";
import { hash128 } from "@/lib/import/read/content-key";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import type { ImportCounts, RowWriter } from "./row-writer";
import { createSeenKeys } from "./seen-keys";
import { attachStage, STAGE } from "./stage-database";
import { ORDER_OUTCOME } from "./order-outcomes";

/** Rows per staging INSERT statement (10 parameters each). */
const BATCH_ROWS = 64;
/**
 * Staged rows per staging transaction. Its commit writes the staged pages to the temporary file (no journal,
 * no sync); once per slice of the file (~1,000 rows) that was ~2 s of a 1M-row import.
 */
const STAGE_COMMIT_ROWS = 100_000;
/** Rows of the first piece copied into the main tables; later pieces are sized by the time it took. */
const FIRST_PIECE_ROWS = 20_000;
/**
 * What one piece should take: a step (STEP_MS) holds several pieces and ends after the one that passes
 * it, so a piece that takes longer than foreseen (a page cache miss at 6M rows) adds to the step.
 */
const PIECE_MS = 100;
const MAX_PIECE_ROWS = 500_000;

/** What a staged order or line does (see the top of transaction-writer.ts). */
const { nothing: NOTHING, new: NEW, updated: UPDATED, takenBack: TAKEN_BACK, duplicate: DUPLICATE } = ORDER_OUTCOME;

const t = {
  id: transactions.id.name,
  externalId: transactions.externalId.name,
  customerId: transactions.customerId.name,
  purchaseDate: transactions.purchaseDate.name,
  revenueCents: transactions.revenueCents.name,
  refundedCents: transactions.refundedCents.name,
  costCents: transactions.costCents.name,
  quantity: transactions.quantity.name,
  channel: transactions.channel.name,
  productCategory: transactions.productCategory.name,
  importId: transactions.importId.name,
  contentKey: transactions.contentKey.name,
  supersededBy: transactions.supersededBy.name,
};
const c = { id: customers.id.name, externalId: customers.externalId.name, firstSeenDate: customers.firstSeenDate.name };

/**
 * The staging database's table of the file's rows, in file order (`line`, the rowid): appended as the
 * rows arrive. Keeping it sorted by order number instead (a B-tree keyed on it) saved the sort after the
 * last row at 1M rows, but at 6M rows (a 500 MB table, larger than the page cache) every insert was a
 * random page read and write: one sort at the end costs far less.
 */
const STAGE_SQL = `
CREATE TABLE ${STAGE}.rows (line INTEGER PRIMARY KEY, is_order INTEGER NOT NULL, key TEXT NOT NULL, customer_id INTEGER, purchase_date TEXT NOT NULL,
  revenue INTEGER NOT NULL, cost INTEGER NOT NULL, quantity INTEGER NOT NULL, channel TEXT, category TEXT, no_purchase INTEGER NOT NULL, refunded INTEGER NOT NULL);
CREATE TABLE ${STAGE}.repeated (key TEXT PRIMARY KEY);
`;

/**
 * Runs `sql` (an INSERT ... SELECT of the staged rows `from` < rowid <= `to`) over ranges of `rows` staged
 * rows, each sized to take about PIECE_MS; gives units between which a step may end. `copied` hears how
 * many rows each piece inserted.
 */
export function* copyInPieces(sqlite: Database.Database, sql: string, rows: number, copied?: (rows: number) => void): Generator<void> {
  const copy = sqlite.prepare(sql);
  let piece = FIRST_PIECE_ROWS;
  for (let from = 0; from < rows; ) {
    const to = Math.min(rows, from + piece);
    const started = performance.now();
    const { changes } = copy.run(from, to);
    copied?.(changes);
    const ms = performance.now() - started;
    piece = Math.max(1_000, Math.min(MAX_PIECE_ROWS, Math.round(((to - from) * PIECE_MS) / Math.max(ms, 1))));
    from = to;
    yield;
  }
}

/**
 * `firstCustomerId`: the first customer id this import may give (its pending customers, see pending.ts).
 * Call `close` when the import ends (it detaches the staging database).
 */
export function createTransactionWriter(sqlite: Database.Database, importId: number, counts: ImportCounts, firstCustomerId: number): RowWriter<"transactions"> {
  // New customers are stored after their transactions.
  if (sqlite.pragma("foreign_keys", { simple: true }) === 1) throw new Error("A transactions import runs with foreign keys off (see runImport).");
  const stage = attachStage(sqlite);
  sqlite.exec(STAGE_SQL);
  // The n-th identical line without an order number (n > 1) gets its own key, the same on every re-import.
  sqlite.function("import_copy_key", { deterministic: true }, (key: unknown, copy: unknown) => hash128(`${key as string}#${copy as number}`));

  const WIDTH = 12;
  const rowsSql = (rows: number) =>
    `INSERT INTO ${STAGE}.rows (line, is_order, key, customer_id, purchase_date, revenue, cost, quantity, channel, category, no_purchase, refunded) VALUES ` +
    Array(rows).fill(`(${Array(WIDTH).fill("?").join(", ")})`).join(", ");
  const insertBatch = sqlite.prepare(rowsSql(BATCH_ROWS));
  const insertOne = sqlite.prepare(rowsSql(1));
  const batch: unknown[] = [];

  // Customers met in this file: their id (stored, or new from `firstCustomerId` on, in file order), their
  // first order in the file and whether this import creates them. Memory grows with the number of
  // customers, never with the rows. A customer is created for an order that is stored (a purchase, or an
  // order refunded in full: such a customer exists but has no purchase), not for a taken-back order.
  const customersSeen = new Map<string, { id: number | null; firstDate: string | null; isNew: boolean }>();
  const findCustomer = sqlite.prepare(`SELECT "${c.id}" FROM main."customers" WHERE "${c.externalId}" = ?`).pluck();
  let nextCustomerId = firstCustomerId;
  const customerIdOf = (externalId: string, purchaseDate: string, purchase: boolean): number | null => {
    let seen = customersSeen.get(externalId);
    if (seen === undefined) {
      const id = (findCustomer.get(externalId) as number | undefined) ?? null;
      seen = { id, firstDate: null, isNew: id === null };
      customersSeen.set(externalId, seen);
    }
    if (!purchase) return seen.id;
    if (seen.id === null) {
      seen.id = nextCustomerId++;
      counts.newCustomers += 1;
    }
    if (seen.firstDate === null || purchaseDate < seen.firstDate) seen.firstDate = purchaseDate;
    return seen.id;
  };

  // Order numbers that (maybe) come more than once in the file: only their lines are added up with a
  // GROUP BY (a sort of those rows); every other order is one line, matched and copied as it is.
  const seenOrders = createSeenKeys();
  const addRepeated = sqlite.prepare(`INSERT OR IGNORE INTO ${STAGE}.repeated (key) VALUES (?)`);

  let line = 0;
  let stagedSinceCommit = 0;
  const write = (row: TransactionRow) => {
    // The staging database only: the write lock of the main database is not taken (see stage-database.ts).
    if (!sqlite.inTransaction) sqlite.exec("BEGIN");
    const purchase = row.noPurchase === undefined;
    if (row.orderId !== null && seenOrders.seenBefore(row.orderId)) addRepeated.run(row.orderId);
    batch.push(
      ++line,
      row.orderId === null ? 0 : 1,
      row.orderId ?? row.contentKey,
      customerIdOf(row.customerId, row.purchaseDate, purchase),
      row.purchaseDate,
      row.revenueCents,
      row.costCents,
      row.quantity,
      row.channel,
      row.productCategory,
      purchase ? 0 : 1,
      row.refundedCents ?? 0,
    );
    if (batch.length === BATCH_ROWS * WIDTH) {
      insertBatch.run(batch);
      batch.length = 0;
    }
  };

  /** Stages the rows held back and commits the staging transaction. */
  const settle = () => {
    if (batch.length > 0 && !sqlite.inTransaction) sqlite.exec("BEGIN");
    for (let at = 0; at < batch.length; at += WIDTH) insertOne.run(batch.slice(at, at + WIDTH));
    batch.length = 0;
    if (sqlite.inTransaction) sqlite.exec("COMMIT");
    stagedSinceCommit = line;
  };
  /** After each slice of the file: the staging transaction stays open until STAGE_COMMIT_ROWS more rows are in. */
  const drain = (): Iterable<void> => {
    if (line - stagedSinceCommit >= STAGE_COMMIT_ROWS) settle();
    return [];
  };

  let repeatedOrders = 0;
  let keyedRows = 0;
  // The largest stored id among the changed orders and among the customers with an earlier first-seen date
  // (the pieces of `finish` run over id ranges up to these).
  let changedUpTo = 0;
  let firstSeenUpTo = 0;
  let newCustomers = 0;
  const sum = (sql: string) => (sqlite.prepare(sql).pluck().get() as number | null) ?? 0;

  /** Phase 2: decides every row's outcome in the staging database (the main database is only read). */
  function* prepare(): Generator<void> {
    settle();
    // The file's customers: the new ones (stored after their transactions, in id order) and the stored ones
    // with their first purchase in the file (for first-seen dates).
    sqlite.exec(`CREATE TABLE ${STAGE}.customers (id INTEGER PRIMARY KEY, key TEXT NOT NULL, first_date TEXT NOT NULL, is_new INTEGER NOT NULL)`);
    const stageCustomer = sqlite.prepare(`INSERT INTO ${STAGE}.customers (id, key, first_date, is_new) VALUES (?, ?, ?, ?)`);
    sqlite.exec("BEGIN");
    for (const [key, seen] of customersSeen) if (seen.id !== null && seen.firstDate !== null) stageCustomer.run(seen.id, key, seen.firstDate, seen.isNew ? 1 : 0);
    sqlite.exec("COMMIT");
    customersSeen.clear();
    newCustomers = nextCustomerId - firstCustomerId;
    yield;

    // Orders named more than once (or maybe: see seen-keys.ts): their lines added up; customer, date,
    // channel and category are those of the first line in the file (SQLite's bare columns of the row
    // with min(line)). Each is matched with the stored order of that number and gets its outcome (see
    // the top of this file).
    const outcome = (stored: string, customer: string, noPurchase: string, revenue: string, refunded: string) =>
      `CASE WHEN ${stored}."${t.id}" IS NULL THEN (CASE WHEN ${noPurchase} THEN ${NOTHING} ELSE ${NEW} END)
            WHEN ${stored}."${t.customerId}" IS NOT ${customer} THEN ${DUPLICATE}
            WHEN ${noPurchase} THEN ${TAKEN_BACK}
            WHEN ${revenue} <> ${stored}."${t.revenueCents}" OR ${refunded} <> ${stored}."${t.refundedCents}" THEN ${UPDATED}
            ELSE ${DUPLICATE} END`;
    sqlite.exec(
      `CREATE TABLE ${STAGE}.orders AS
       WITH g AS (
         SELECT key AS order_id, min(line) AS first_line, customer_id, purchase_date, channel, category,
           sum(CASE WHEN no_purchase = 0 THEN revenue ELSE 0 END) AS revenue, sum(CASE WHEN no_purchase = 0 THEN cost ELSE 0 END) AS cost,
           sum(CASE WHEN no_purchase = 0 THEN quantity ELSE 0 END) AS quantity, sum(CASE WHEN no_purchase = 0 THEN refunded ELSE 0 END) AS refunded,
           count(*) AS lines, sum(no_purchase) > 0 AS no_purchase
         FROM ${STAGE}.rows WHERE is_order = 1 AND key IN (SELECT key FROM ${STAGE}.repeated) GROUP BY key)
       SELECT g.order_id, g.customer_id, g.purchase_date, g.revenue, g.cost, g.quantity, g.refunded, g.channel, g.category, g.lines, t."${t.id}" AS stored_id,
         ${outcome("t", "g.customer_id", "g.no_purchase", "g.revenue", "g.refunded")} AS outcome
       FROM g LEFT JOIN main."transactions" AS t ON t."${t.externalId}" = g.order_id AND t."${t.supersededBy}" IS NULL`,
    );
    repeatedOrders = sum(`SELECT max(rowid) FROM ${STAGE}.orders`);
    yield;
    // Orders of one line that are stored: one pass over the rows, each looked up in the order-number index.
    sqlite.exec(
      `CREATE TABLE ${STAGE}.single_stored (line INTEGER PRIMARY KEY, stored_id INTEGER NOT NULL, revenue INTEGER NOT NULL, cost INTEGER NOT NULL,
         quantity INTEGER NOT NULL, refunded INTEGER NOT NULL, outcome INTEGER NOT NULL);
       INSERT INTO ${STAGE}.single_stored
         SELECT r.line, t."${t.id}", r.revenue, r.cost, r.quantity, r.refunded, ${outcome("t", "r.customer_id", "r.no_purchase", "r.revenue", "r.refunded")}
         FROM ${STAGE}.rows AS r JOIN main."transactions" AS t ON t."${t.externalId}" = r.key AND t."${t.supersededBy}" IS NULL
         WHERE r.is_order = 1 AND r.key NOT IN (SELECT key FROM ${STAGE}.repeated);`,
    );
    yield;
    // Rows without an order number: the n-th identical line of the file is the n-th copy of its key,
    // new unless that key is stored; sorted as the orders.
    sqlite.exec(
      `CREATE TABLE ${STAGE}.keyed AS
       WITH n AS (SELECT customer_id, purchase_date, revenue, cost, quantity, refunded, channel, category, key AS content_key,
                    row_number() OVER (PARTITION BY key ORDER BY line) AS copy
                  FROM ${STAGE}.rows WHERE is_order = 0 AND no_purchase = 0),
       k AS (SELECT customer_id, purchase_date, revenue, cost, quantity, refunded, channel, category,
               CASE copy WHEN 1 THEN content_key ELSE import_copy_key(content_key, copy) END AS content_key FROM n)
       SELECT k.*, CASE WHEN EXISTS (SELECT 1 FROM main."transactions" AS t WHERE t."${t.contentKey}" = k.content_key AND t."${t.contentKey}" IS NOT NULL)
         THEN ${DUPLICATE} ELSE ${NEW} END AS outcome
       FROM k`,
    );
    keyedRows = sum(`SELECT max(rowid) FROM ${STAGE}.keyed`);
    yield;

    // Changes to stored orders (applied in `finish`, sorted by id): another value or refund, or taken back.
    sqlite.exec(
      `CREATE TABLE ${STAGE}.changes (id INTEGER PRIMARY KEY, revenue INTEGER, cost INTEGER, quantity INTEGER, refunded INTEGER, remove INTEGER NOT NULL);
       INSERT INTO ${STAGE}.changes SELECT stored_id, revenue, cost, quantity, refunded, outcome = ${TAKEN_BACK} FROM (
         SELECT stored_id, revenue, cost, quantity, refunded, outcome FROM ${STAGE}.orders
         UNION ALL SELECT stored_id, revenue, cost, quantity, refunded, outcome FROM ${STAGE}.single_stored)
         WHERE outcome IN (${UPDATED}, ${TAKEN_BACK}) ORDER BY stored_id;`,
    );
    changedUpTo = sum(`SELECT max(id) FROM ${STAGE}.changes`);
    // (New orders of one line are counted as they are copied, see `finish`.)
    const outcomes = sqlite
      .prepare(
        `SELECT outcome, sum(lines) AS rows FROM ${STAGE}.orders GROUP BY outcome UNION ALL SELECT outcome, count(*) FROM ${STAGE}.single_stored GROUP BY outcome ` +
          `UNION ALL SELECT outcome, count(*) FROM ${STAGE}.keyed GROUP BY outcome`,
      )
      .all() as { outcome: number; rows: number }[];
    for (const { outcome, rows } of outcomes) {
      if (outcome === NEW) counts.imported += rows;
      else if (outcome === UPDATED || outcome === TAKEN_BACK) counts.updated += rows;
      else if (outcome === DUPLICATE) counts.duplicates += rows;
    }
    yield;

    // Stored customers whose first purchase in the file is earlier than their first-seen date (or none was known).
    sqlite.exec(
      `CREATE TABLE ${STAGE}.first_seen (id INTEGER PRIMARY KEY, first_date TEXT NOT NULL);
       INSERT INTO ${STAGE}.first_seen SELECT k.id, k.first_date FROM ${STAGE}.customers AS k JOIN main."customers" AS c ON c."${c.id}" = k.id
         WHERE k.is_new = 0 AND (c."${c.firstSeenDate}" IS NULL OR c."${c.firstSeenDate}" > k.first_date) ORDER BY k.id;`,
    );
    firstSeenUpTo = sum(`SELECT max(id) FROM ${STAGE}.first_seen`);
    sqlite.exec(`DELETE FROM ${STAGE}.customers WHERE is_new = 0`);
  }

  /** Phase 3: the new rows and customers into the main tables, as pending rows, in timed pieces. */
  function* finish(): Generator<void> {
    const insertInto =
      `INSERT INTO main."transactions" ("${t.externalId}", "${t.customerId}", "${t.purchaseDate}", "${t.revenueCents}", "${t.costCents}", "${t.quantity}", ` +
      `"${t.channel}", "${t.productCategory}", "${t.importId}", "${t.contentKey}", "${t.refundedCents}") `;
    // Orders named more than once first (few; their lines were added up).
    yield* copyInPieces(
      sqlite,
      `${insertInto} SELECT order_id, customer_id, purchase_date, revenue, cost, quantity, channel, category, ${Number(importId)}, NULL, refunded ` +
        `FROM ${STAGE}.orders WHERE rowid > ? AND rowid <= ? AND outcome = ${NEW} ORDER BY customer_id, purchase_date`,
      repeatedOrders,
    );
    // Orders of one line, new: pieces of the file's lines (so of its order numbers, which mostly grow along
    // the file), each sorted by (customer, date).
    yield* copyInPieces(
      sqlite,
      `${insertInto} SELECT key, customer_id, purchase_date, revenue, cost, quantity, channel, category, ${Number(importId)}, NULL, refunded ` +
        `FROM ${STAGE}.rows WHERE line > ? AND line <= ? AND is_order = 1 AND no_purchase = 0 ` +
        `AND key NOT IN (SELECT key FROM ${STAGE}.repeated) AND line NOT IN (SELECT line FROM ${STAGE}.single_stored) ORDER BY customer_id, purchase_date`,
      line,
      (copied) => (counts.imported += copied),
    );
    yield* copyInPieces(
      sqlite,
      `${insertInto} SELECT NULL, customer_id, purchase_date, revenue, cost, quantity, channel, category, ${Number(importId)}, content_key, refunded ` +
        `FROM ${STAGE}.keyed WHERE rowid > ? AND rowid <= ? AND outcome = ${NEW} ORDER BY customer_id, purchase_date`,
      keyedRows,
    );
    // Stored orders this file changes: marked as superseded by this import (still data until it commits,
    // pending.ts), then, unless taken back, replaced by a row of this import with the file's values.
    yield* copyInPieces(
      sqlite,
      `UPDATE main."transactions" SET "${t.supersededBy}" = ${Number(importId)} WHERE "${t.id}" IN (SELECT id FROM ${STAGE}.changes WHERE id > ? AND id <= ?)`,
      changedUpTo,
    );
    yield* copyInPieces(
      sqlite,
      `${insertInto} SELECT s."${t.externalId}", s."${t.customerId}", s."${t.purchaseDate}", x.revenue, x.cost, x.quantity, s."${t.channel}", s."${t.productCategory}", ` +
        `${Number(importId)}, s."${t.contentKey}", x.refunded FROM ${STAGE}.changes AS x JOIN main."transactions" AS s ON s."${t.id}" = x.id ` +
        `WHERE x.id > ? AND x.id <= ? AND x.remove = 0 ORDER BY s."${t.customerId}", s."${t.purchaseDate}"`,
      changedUpTo,
    );
    // Earlier first-seen dates of stored customers: customer changes of this import (customer-changes.ts).
    yield* copyInPieces(
      sqlite,
      `INSERT INTO main.customer_changes (import_id, customer_id, "${c.firstSeenDate}") SELECT ${Number(importId)}, id, first_date FROM ${STAGE}.first_seen ` +
        `WHERE id > ? AND id <= ? ORDER BY id ON CONFLICT (import_id, customer_id) DO UPDATE SET "${c.firstSeenDate}" = excluded."${c.firstSeenDate}"`,
      firstSeenUpTo,
    );
    // New customers once, in id order, with their first purchase in the file as first-seen date.
    yield* copyInPieces(
      sqlite,
      `INSERT INTO main."customers" ("${c.id}", "${c.externalId}", "${c.firstSeenDate}") ` +
        `SELECT id, key, first_date FROM ${STAGE}.customers WHERE id >= ${Number(firstCustomerId)} + ? AND id < ${Number(firstCustomerId)} + ? ORDER BY id`,
      newCustomers,
    );
  }

  // The last transaction writes nothing of the file: its `committed` status makes the rows written in
  // steps data, and the rows they replace and the earlier first-seen dates with them.
  return { stages: true, write, drain, settle, prepare, finish, close: () => stage.detach() };
}
