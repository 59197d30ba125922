/**
 * Stores the rows of a transactions file: the hot path of a million-row import.
 *
 * Rows are inserted BATCH_ROWS at a time with one multi-row INSERT (one statement per row measured about
 * twice as slow at 1M rows). The common case, a batch of new rows, costs one call. When a batch meets an
 * order number or content key that is already stored, the rows this batch did insert are deleted again
 * and the batch is replayed row by row, so every row gets the same outcome it would get alone: a new
 * purchase, an extra line of an order first seen in this import, or a duplicate.
 *
 * The SQL is plain better-sqlite3 with positional parameters (Drizzle's placeholder mapping measured
 * ~25% of the import time here); it is fully parameterised, and the column names come from the schema.
 */
import type Database from "better-sqlite3";
import { customers, transactions } from "@/db/schema";
import { hash128 } from "@/lib/import/read/content-key";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import type { ImportCounts, RowWriter } from "./row-writer";

/** Rows per INSERT statement: 10 parameters each, well under SQLite's limit of 32,766. */
export const BATCH_ROWS = 64;
/** Statements of `finish` between two points where the import may end a step (~5,000 rows). */
const STEP_BATCHES = 80;
/** Rows sorted together before they are written (~25 MB of values). */
const WINDOW_ROWS = 131_072;

const COLUMNS = [
  transactions.externalId,
  transactions.customerId,
  transactions.purchaseDate,
  transactions.revenueCents,
  transactions.costCents,
  transactions.quantity,
  transactions.channel,
  transactions.productCategory,
  transactions.importId,
  transactions.contentKey,
].map((column) => `"${column.name}"`);
const WIDTH = COLUMNS.length;

function insertSql(rows: number): string {
  const values = `(${COLUMNS.map(() => "?").join(", ")})`;
  return `INSERT INTO "transactions" (${COLUMNS.join(", ")}) VALUES ${Array(rows).fill(values).join(", ")} ON CONFLICT DO NOTHING`;
}

/**
 * `firstCustomerId`: the first customer id this import may give (its pending customers, see pending.ts).
 * The writer runs inside the import's short steps (write-steps.ts): `write` and every unit of `finish`
 * write only rows readers do not see yet; `publish` changes visible rows (first-seen dates) and runs in
 * the import's last, short transaction.
 */
export function createTransactionWriter(sqlite: Database.Database, importId: number, counts: ImportCounts, firstCustomerId: number): RowWriter<"transactions"> {
  // New customers are stored after their transactions (see `storeNewCustomers`).
  if (sqlite.pragma("foreign_keys", { simple: true }) === 1) throw new Error("A transactions import runs with foreign keys off (see runImport).");
  const id = `"${transactions.id.name}"`;
  const externalId = `"${transactions.externalId.name}"`;
  const insertBatch = sqlite.prepare(insertSql(BATCH_ROWS));
  const insertOne = sqlite.prepare(insertSql(1));
  const deleteFrom = sqlite.prepare(`DELETE FROM "transactions" WHERE ${id} >= ?`);
  const lastId = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'transactions'").pluck();
  // A file with one row per order line repeats the order number: lines of an order first seen in this
  // import are added to it; an order number stored by an earlier import is a duplicate.
  const addOrderLine = sqlite.prepare(
    `UPDATE "transactions" SET "${transactions.revenueCents.name}" = "${transactions.revenueCents.name}" + ?, ` +
      `"${transactions.costCents.name}" = "${transactions.costCents.name}" + ?, "${transactions.quantity.name}" = "${transactions.quantity.name}" + ? ` +
      `WHERE ${externalId} = ? AND "${transactions.importId.name}" = ?`,
  );

  // Customers met in this file: their id, their first purchase in the file (for first-seen dates) and
  // whether this import creates them. Memory grows with the number of customers, never with the rows.
  const customersSeen = new Map<string, { id: number; firstDate: string; isNew: boolean }>();
  const findCustomer = sqlite.prepare(`SELECT "${customers.id.name}" FROM "customers" WHERE "${customers.externalId.name}" = ?`).pluck();
  // New customers get their ids here and are stored at the end, once with their first-seen date (their
  // first purchase in the file), after the transactions that refer to them: foreign keys are not checked
  // during a transactions import (see runImport), and only one import writes at a time (import-record.ts),
  // so no one else takes these ids; AUTOINCREMENT's sequence moves on with them.
  let nextCustomerId = firstCustomerId;
  const customerIdOf = (externalId: string, purchaseDate: string): number => {
    let seen = customersSeen.get(externalId);
    if (seen === undefined) {
      let id = findCustomer.get(externalId) as number | undefined;
      const isNew = id === undefined;
      if (isNew) {
        id = nextCustomerId++;
        counts.newCustomers += 1;
      }
      seen = { id: id!, firstDate: purchaseDate, isNew };
      customersSeen.set(externalId, seen);
    } else if (purchaseDate < seen.firstDate) {
      seen.firstDate = purchaseDate;
    }
    return seen.id;
  };

  /**
   * Inserts rows of `width` values, BATCH_ROWS per statement (`rowsSql(n)` is the INSERT of n rows);
   * yields after every STEP_BATCHES statements, where the import may end a step.
   */
  function* insertRows(rowsSql: (rows: number) => string, width: number, rows: Iterable<(number | string)[]>): Generator<void> {
    const insertBatch = sqlite.prepare(rowsSql(BATCH_ROWS));
    const insertOne = sqlite.prepare(rowsSql(1));
    const batch: (number | string)[] = [];
    let batches = 0;
    for (const row of rows) {
      batch.push(...row);
      if (batch.length === BATCH_ROWS * width) {
        insertBatch.run(batch);
        batch.length = 0;
        if (++batches % STEP_BATCHES === 0) yield;
      }
    }
    for (let at = 0; at < batch.length; at += width) insertOne.run(batch.slice(at, at + width));
  }
  const valuesSql = (width: number, rows: number) => Array(rows).fill(`(${Array(width).fill("?").join(", ")})`).join(", ");
  function* customersMet(isNew: boolean): Generator<[string, { id: number; firstDate: string }]> {
    for (const entry of customersSeen) if (entry[1].isNew === isNew) yield entry;
  }

  // New customers are stored once, in id order, with their first purchase in the file as first-seen date.
  // (Their non-unique indexes are kept: building them after the rows was faster, but readers need them
  // meanwhile and building one is a long step.)
  const firstSeen = `"${customers.firstSeenDate.name}"`;
  const storeNewCustomers = () =>
    insertRows(
      (rows) => `INSERT INTO "customers" ("${customers.id.name}", "${customers.externalId.name}", ${firstSeen}) VALUES ${valuesSql(3, rows)}`,
      3,
      (function* () {
        for (const [externalId, seen] of customersMet(true)) yield [seen.id, externalId, seen.firstDate];
      })(),
    );

  // A stored customer's first-seen date becomes their first purchase in the file when that is earlier
  // (or none was known). Stored customers are visible, so the change waits for the import's last
  // transaction (`publish`): before it, only the customers whose date really moves are put into a
  // temporary table (the connection's own, no write lock), and `publish` applies them with one UPDATE.
  sqlite.exec("CREATE TEMP TABLE IF NOT EXISTS import_first_seen (customer_id INTEGER PRIMARY KEY, first_date TEXT NOT NULL)");
  sqlite.exec("DELETE FROM temp.import_first_seen");
  const findFirstSeen = sqlite.prepare(`SELECT ${firstSeen} FROM "customers" WHERE "${customers.id.name}" = ?`).pluck();
  const prepareFirstSeenDates = () =>
    insertRows(
      (rows) => `INSERT INTO temp.import_first_seen (customer_id, first_date) VALUES ${valuesSql(2, rows)}`,
      2,
      (function* () {
        for (const [, seen] of customersMet(false)) {
          const stored = findFirstSeen.get(seen.id) as string | null | undefined;
          if (stored === null || (stored !== undefined && stored > seen.firstDate)) yield [seen.id, seen.firstDate];
        }
      })(),
    );
  const updateFirstSeenDates = () => {
    sqlite.exec(
      `UPDATE "customers" SET ${firstSeen} = f.first_date FROM temp.import_first_seen AS f ` +
        `WHERE "customers"."${customers.id.name}" = f.customer_id AND ("customers".${firstSeen} IS NULL OR "customers".${firstSeen} > f.first_date)`,
    );
    sqlite.exec("DELETE FROM temp.import_first_seen");
  };

  // Identical lines without an order number are separate purchases within one file: the n-th copy gets
  // its own key (the same n-th key on every re-import). Counted in a temporary table, so memory does
  // not grow with the file.
  sqlite.exec("CREATE TEMP TABLE IF NOT EXISTS import_line_copies (content_key TEXT PRIMARY KEY, copies INTEGER NOT NULL) WITHOUT ROWID");
  sqlite.exec("DELETE FROM temp.import_line_copies");
  const countCopy = sqlite
    .prepare(
      "INSERT INTO temp.import_line_copies (content_key, copies) VALUES (?, 1) ON CONFLICT (content_key) DO UPDATE SET copies = copies + 1 RETURNING copies",
    )
    .pluck();
  const contentKeyOf = (contentKey: string): string => {
    const copy = countCopy.get(contentKey) as number;
    return copy === 1 ? contentKey : hash128(`${contentKey}#${copy}`);
  };

  // The rows waiting to be written, as the statement's parameters (row after row, WIDTH each).
  const pending: unknown[] = new Array(BATCH_ROWS * WIDTH).fill(null);
  let pendingRows = 0;

  /** Writes one waiting row alone and counts its outcome. */
  const writeAlone = (row: number) => {
    const at = row * WIDTH;
    const values = pending.slice(at, at + WIDTH);
    if (insertOne.run(values).changes === 1) {
      counts.imported += 1;
      return;
    }
    const orderId = values[0] as string | null;
    if (orderId !== null && addOrderLine.run(values[3], values[4], values[5], orderId, importId).changes === 1) counts.imported += 1;
    else counts.duplicates += 1;
  };

  const flush = () => {
    if (pendingRows === BATCH_ROWS) {
      const lastIdBefore = (lastId.get() as number | undefined) ?? 0;
      const result = insertBatch.run(pending);
      if (result.changes === BATCH_ROWS) {
        counts.imported += BATCH_ROWS;
        pendingRows = 0;
        return;
      }
      // Ids of the transactions table only grow (AUTOINCREMENT) and only this import inserts: the rows
      // this statement inserted are exactly those after the last id before it. (Not "the last `changes`
      // ids": a row skipped as a duplicate still uses up an id, so a new row before a duplicate in the
      // same statement was kept and then added to itself on the replay, doubling its amount.)
      if (result.changes > 0) deleteFrom.run(lastIdBefore + 1);
    }
    for (let row = 0; row < pendingRows; row++) writeAlone(row);
    pendingRows = 0;
  };

  // Rows wait in a window of WINDOW_ROWS and are written sorted by customer and date (`drain`): the
  // steps of one window then change the (customer, date) index from one end to the other instead of all
  // over, so each of its pages is written again by few commits (see write-steps.ts). The outcome of every
  // row is the same in any order: duplicates and order lines are decided per order number and content key.
  const windowValues: unknown[] = [];
  let windowRows = 0;

  const write = (row: TransactionRow) => {
    // An order the file says is no purchase is never stored (taking back an earlier import's purchase is to come).
    if (row.noPurchase !== undefined) return;
    windowValues.push(
      row.orderId,
      customerIdOf(row.customerId, row.purchaseDate),
      row.purchaseDate,
      row.revenueCents,
      row.costCents,
      row.quantity,
      row.channel,
      row.productCategory,
      importId,
      row.contentKey === null ? null : contentKeyOf(row.contentKey),
    );
    windowRows += 1;
  };

  /** Sorts the window (no lock needed) and gives the units that write it, ~5,000 rows each. */
  const writeWindow = (): Iterable<void> => {
    const rows = windowRows;
    const values = windowValues.splice(0);
    windowRows = 0;
    const order = Array.from({ length: rows }, (_, index) => index);
    order.sort((a, b) => {
      const byCustomer = (values[a * WIDTH + 1] as number) - (values[b * WIDTH + 1] as number);
      if (byCustomer !== 0) return byCustomer;
      const dateA = values[a * WIDTH + 2] as string;
      const dateB = values[b * WIDTH + 2] as string;
      return dateA < dateB ? -1 : dateA > dateB ? 1 : a - b;
    });
    return (function* () {
      let batches = 0;
      for (const row of order) {
        const from = row * WIDTH;
        const at = pendingRows * WIDTH;
        for (let column = 0; column < WIDTH; column++) pending[at + column] = values[from + column];
        pendingRows += 1;
        if (pendingRows === BATCH_ROWS) {
          flush();
          if (++batches % STEP_BATCHES === 0) yield;
        }
      }
    })();
  };

  /** When the window is full: its units (write them in steps); else nothing. */
  const drain = (): Iterable<void> => (windowRows >= WINDOW_ROWS ? writeWindow() : []);

  function* finish(): Generator<void> {
    yield* writeWindow();
    flush();
    yield* storeNewCustomers();
    yield* prepareFirstSeenDates();
  }
  return { write, drain, finish, publish: updateFirstSeenDates };
}
