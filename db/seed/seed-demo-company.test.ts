import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, type OpenedSqliteDatabase } from "../client";
import { DatabaseNotEmptyError, countCustomers, seedDemoCompany } from "./seed-demo-company";

const options = { customers: 300, seed: 11, years: 2, endDate: "2026-03-31" };
let database: OpenedSqliteDatabase;
beforeEach(() => {
  database = openDatabase(":memory:");
});
afterEach(() => database.close());

function fingerprint(db: OpenedSqliteDatabase): string {
  const rows = db.sqlite
    .prepare(
      `SELECT c.external_id, c.name, c.email, c.city, t.external_id, t.purchase_date, t.revenue_cents, t.cost_cents
       FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY t.external_id`,
    )
    .raw()
    .all();
  return JSON.stringify(rows);
}

describe("seedDemoCompany", () => {
  test("stores exactly what it reports, and the same options give the same data", async () => {
    const result = await seedDemoCompany(database.db, options);
    expect(result.customers).toBe(300);
    expect(await countCustomers(database.db)).toBe(300);
    expect(database.sqlite.prepare("SELECT count(*) FROM transactions").pluck().get()).toBe(result.transactions);
    expect(database.sqlite.prepare("SELECT count(*) FROM customer_attributes").pluck().get()).toBe(result.attributes);

    const other = openDatabase(":memory:");
    await seedDemoCompany(other.db, options);
    expect(fingerprint(other)).toBe(fingerprint(database));
    other.close();

    const differentSeed = openDatabase(":memory:");
    await seedDemoCompany(differentSeed.db, { ...options, seed: 12 });
    expect(fingerprint(differentSeed)).not.toBe(fingerprint(database));
    differentSeed.close();
  });

  test("keeps every purchase inside the history window and customers' first purchase on their first-seen date", async () => {
    await seedDemoCompany(database.db, options);
    const range = database.sqlite.prepare("SELECT min(purchase_date) first, max(purchase_date) last FROM transactions").get() as {
      first: string;
      last: string;
    };
    expect(range.first >= "2024-04-01").toBe(true);
    expect(range.last <= "2026-03-31").toBe(true);
    const mismatches = database.sqlite
      .prepare(
        `SELECT count(*) FROM customers c
         WHERE c.first_seen_date <> (SELECT min(purchase_date) FROM transactions t WHERE t.customer_id = c.id AND t.revenue_cents > 0)`,
      )
      .pluck()
      .get();
    expect(mismatches).toBe(0);
  });

  test("refuses to write into a database that already has customers, unless asked to replace", async () => {
    await seedDemoCompany(database.db, options);
    const before = fingerprint(database);
    await expect(seedDemoCompany(database.db, { ...options, seed: 99 })).rejects.toThrow(DatabaseNotEmptyError);
    await expect(seedDemoCompany(database.db, { ...options, seed: 99 })).rejects.toThrow(/already holds 300 customers.*--replace/);
    expect(fingerprint(database)).toBe(before);

    await seedDemoCompany(database.db, { ...options, customers: 120, seed: 99 }, { replace: true });
    expect(await countCustomers(database.db)).toBe(120);
    expect(database.sqlite.prepare("SELECT min(id) FROM customers").pluck().get()).toBe(1);
  });

  test("writes all or nothing: a failure halfway leaves the database empty", async () => {
    database.sqlite.exec(`CREATE TEMP TRIGGER fail_halfway BEFORE INSERT ON transactions
      WHEN (SELECT count(*) FROM transactions) >= 500 BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`);
    // The failed statement is named by Drizzle's query error; SQLite's reason is its cause.
    await expect(seedDemoCompany(database.db, options)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/simulated/) } });
    expect(await countCustomers(database.db)).toBe(0);
    expect(database.sqlite.prepare("SELECT count(*) FROM transactions").pluck().get()).toBe(0);
    expect(database.sqlite.prepare("SELECT count(*) FROM customer_attributes").pluck().get()).toBe(0);
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
