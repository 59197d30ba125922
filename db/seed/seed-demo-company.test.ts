import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { OpenedDatabase } from "../client";
import { runStatement } from "../engine";
import { rawRows } from "../raw-rows";
import { openTestDatabase } from "@/lib/testing/test-database";
import { DatabaseNotEmptyError, countCustomers, seedDemoCompany } from "./seed-demo-company";

const options = { customers: 300, seed: 11, years: 2, endDate: "2026-03-31" };
let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

/** The one number a query answers (a count or a smallest id). */
async function numberOf(db: OpenedDatabase, query: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number }>(db.db, query);
  return row!.n;
}

async function fingerprint(db: OpenedDatabase): Promise<string> {
  const rows = await rawRows(
    db.db,
    sql`SELECT c.external_id AS customer, c.name, c.email, c.city, t.external_id AS "order", t.purchase_date, t.revenue_cents, t.cost_cents
        FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY t.external_id`,
  );
  return JSON.stringify(rows);
}

/**
 * Makes the 501st transaction insert fail, as a full disk would: a trigger, written in each engine's own trigger
 * language (SQLite's RAISE, a PL/pgSQL function on PostgreSQL, in the test's own schema).
 */
async function failHalfway(db: OpenedDatabase): Promise<void> {
  if (db.engine === "sqlite") {
    db.sqlite.exec(`CREATE TEMP TRIGGER fail_halfway BEFORE INSERT ON transactions
      WHEN (SELECT count(*) FROM transactions) >= 500 BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    return;
  }
  await runStatement(
    db.db,
    sql.raw(`CREATE FUNCTION fail_halfway() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM transactions) >= 500 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$`),
  );
  await runStatement(db.db, sql`CREATE TRIGGER fail_halfway BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION fail_halfway()`);
}

describe("seedDemoCompany", () => {
  test("stores exactly what it reports, and the same options give the same data", async () => {
    const result = await seedDemoCompany(database.db, options);
    expect(result.customers).toBe(300);
    expect(await countCustomers(database.db)).toBe(300);
    expect(await numberOf(database, sql`SELECT count(*) AS n FROM transactions`)).toBe(result.transactions);
    expect(await numberOf(database, sql`SELECT count(*) AS n FROM customer_attributes`)).toBe(result.attributes);

    const other = await openTestDatabase();
    await seedDemoCompany(other.db, options);
    expect(await fingerprint(other)).toBe(await fingerprint(database));
    await other.close();

    const differentSeed = await openTestDatabase();
    await seedDemoCompany(differentSeed.db, { ...options, seed: 12 });
    expect(await fingerprint(differentSeed)).not.toBe(await fingerprint(database));
    await differentSeed.close();
  });

  test("keeps every purchase inside the history window and customers' first purchase on their first-seen date", async () => {
    await seedDemoCompany(database.db, options);
    const [range] = (await rawRows<{ first: string; last: string }>(
      database.db,
      sql`SELECT min(purchase_date) AS "first", max(purchase_date) AS "last" FROM transactions`,
    )) as [{ first: string; last: string }];
    expect(range.first >= "2024-04-01").toBe(true);
    expect(range.last <= "2026-03-31").toBe(true);
    const mismatches = await numberOf(
      database,
      sql`SELECT count(*) AS n FROM customers c
          WHERE c.first_seen_date <> (SELECT min(purchase_date) FROM transactions t WHERE t.customer_id = c.id AND t.revenue_cents > 0)`,
    );
    expect(mismatches).toBe(0);
  });

  test("refuses to write into a database that already has customers, unless asked to replace", async () => {
    await seedDemoCompany(database.db, options);
    const before = await fingerprint(database);
    await expect(seedDemoCompany(database.db, { ...options, seed: 99 })).rejects.toThrow(DatabaseNotEmptyError);
    await expect(seedDemoCompany(database.db, { ...options, seed: 99 })).rejects.toThrow(/already holds 300 customers.*--replace/);
    expect(await fingerprint(database)).toBe(before);

    await seedDemoCompany(database.db, { ...options, customers: 120, seed: 99 }, { replace: true });
    expect(await countCustomers(database.db)).toBe(120);
    expect(await numberOf(database, sql`SELECT min(id) AS n FROM customers`)).toBe(1);
  });

  test("writes all or nothing: a failure halfway leaves the database empty", async () => {
    await failHalfway(database);
    // The engine's reason: the cause of Drizzle's query error (a statement it ran), or the error itself (PostgreSQL's COPY).
    const failure = await seedDemoCompany(database.db, options).then(() => null, (error: Error) => error);
    expect(`${failure?.message} / ${(failure?.cause as Error | undefined)?.message}`).toMatch(/simulated/);
    expect(await countCustomers(database.db)).toBe(0);
    expect(await numberOf(database, sql`SELECT count(*) AS n FROM transactions`)).toBe(0);
    expect(await numberOf(database, sql`SELECT count(*) AS n FROM customer_attributes`)).toBe(0);
  });

  test.each([
    [{ customers: 0 }, /customers must be a whole number/],
    [{ customers: 2.5 }, /customers must be a whole number/],
    [{ years: 0 }, /years must be between/],
    [{ seed: -1 }, /seed must be a whole number/],
    [{ endDate: "23-11-2026" }, /endDate must be a date as YYYY-MM-DD/],
  ])("rejects %o before writing anything", async (bad, message) => {
    await expect(seedDemoCompany(database.db, { ...options, ...bad })).rejects.toThrow(message);
    expect(await countCustomers(database.db)).toBe(0);
  });
});
