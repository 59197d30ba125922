/**
 * A first import on PostgreSQL writes into a fresh table that takes the place of the empty `transactions`
 * (fresh-transactions-table.ts). Afterwards the table is as the migrations made it (indexes, constraints, identity
 * sequence, defaults: same names, same definitions), its ids go on from the old sequence, and its foreign keys
 * still cascade. When a reader holds the table past the swap's wait, the rows go into `transactions` as usual.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OpenedPostgresQueries } from "@/db/pg/open-queries";
import { postgresPoolOf } from "@/db/pg/query-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { importTransactionsText } from "../import-text.test-helpers";

vi.mock("server-only", () => ({}));

const FILE = "Bestelnummer;Klantnummer;Besteldatum;Bedrag\nR1;C1;02-11-2025;30,00\nR1;C1;02-11-2025;20,00\nR2;C2;03-11-2025;40,00\nR3;C1;04-11-2025;10,00\n";

/** What the catalog says of `transactions` (names and definitions, no object ids). */
const CATALOG_SQL = `
  SELECT 'index' AS kind, indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'transactions'
  UNION ALL SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'transactions'::regclass
  UNION ALL SELECT 'sequence', sequencename, concat_ws(' ', data_type, start_value, increment_by, cache_size) FROM pg_sequences
    WHERE schemaname = current_schema() AND sequencename = split_part(pg_get_serial_sequence('transactions', 'id'), '.', 2)
  UNION ALL SELECT 'column', a.attname, concat_ws(' ', format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid))
    FROM pg_attribute AS a LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = 'transactions'::regclass AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT 'table', relname, NULL FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname LIKE 'transactions%' AND relkind IN ('r', 'S')
  ORDER BY 1, 2`;

describe("a first import swaps a fresh transactions table in", () => {
  let database: OpenedPostgresQueries;
  beforeAll(async () => {
    database = (await openTestDatabase()) as OpenedPostgresQueries;
  });
  afterAll(() => database?.close());
  /** A connection of the database's pool (another than the import's, as another request's). */
  const connect = async (): Promise<pg.PoolClient> => {
    const client = await postgresPoolOf(database.db)!.connect();
    await client.query(`SET search_path TO ${database.target.schema}`);
    return client;
  };

  /** `body` with a connection of the pool on the test's schema. */
  const withClient = async <T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      return await body(client);
    } finally {
      client.release();
    }
  };
  const query = (sql: string) => withClient(async (client) => (await client.query(sql)).rows);
  /** The table's object id: a swap gives it another. */
  const tableId = async () => (await query("SELECT 'transactions'::regclass::oid::int AS id"))[0]!.id as number;

  it("leaves the table as the migrations made it, ids going on from the old sequence, foreign keys cascading", async () => {
    const before = await query(CATALOG_SQL);
    const emptyTable = await tableId();
    await query(`SELECT setval(pg_get_serial_sequence('transactions', 'id'), 41)`);
    const report = await importTransactionsText(database, FILE);
    expect(report.status, report.message).toBe("committed");
    expect(report).toMatchObject({ imported: 4, duplicates: 0 });
    expect(await query(CATALOG_SQL)).toEqual(before);
    expect(await tableId()).not.toBe(emptyTable);
    // The rows go into the fresh table in the order the import stages them (no sort: its indexes are built afterwards).
    const stored = await query("SELECT id::int, external_id, revenue_cents::int FROM transactions ORDER BY external_id");
    expect(stored.map(({ external_id, revenue_cents }) => ({ external_id, revenue_cents }))).toEqual([
      { external_id: "R1", revenue_cents: 5000 },
      { external_id: "R2", revenue_cents: 4000 },
      { external_id: "R3", revenue_cents: 1000 },
    ]);
    expect(stored.map((row) => row.id).sort()).toEqual([42, 43, 44]);
    // The same file again: the table is no longer empty, every line a duplicate.
    expect(await importTransactionsText(database, FILE)).toMatchObject({ status: "committed", imported: 0, duplicates: 4 });
    // An erasure still takes the customer's orders with it.
    await query("DELETE FROM customers WHERE external_id = 'C1'");
    expect(await query("SELECT external_id FROM transactions")).toEqual([{ external_id: "R2" }]);
    expect(await query("SELECT import_id IS NOT NULL AS kept FROM transactions")).toEqual([{ kept: true }]);
  });

  it("writes into transactions as usual when a reader holds the table past the swap's wait", async () => {
    await query("DELETE FROM transactions");
    const before = await query(CATALOG_SQL);
    const emptyTable = await tableId();
    const reader = await connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM transactions");
      const report = await importTransactionsText(database, FILE);
      expect(report.status, report.message).toBe("committed");
      expect(report).toMatchObject({ imported: 4, duplicates: 0 });
    } finally {
      await reader.query("ROLLBACK");
      reader.release();
    }
    expect(await query(CATALOG_SQL)).toEqual(before);
    expect(await tableId()).toBe(emptyTable);
    expect(await query("SELECT external_id FROM transactions ORDER BY external_id")).toEqual([{ external_id: "R1" }, { external_id: "R2" }, { external_id: "R3" }]);
  });
});
