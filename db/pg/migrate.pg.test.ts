import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeWithPostgres, runAsAdmin, withUrlParts } from "@/lib/testing/postgres-test-database";
import { parseDatabaseUrl, type PostgresTarget } from "../database-url";
import { readPostgresMigrations } from "./known-migrations";
import { migratePostgres } from "./migrate";

function target(url: string, schema: string): PostgresTarget {
  const parsed = parseDatabaseUrl(withUrlParts(url, { search: `?schema=${schema}` }));
  if (parsed.engine !== "postgres") throw new Error("expected PostgreSQL");
  return parsed;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const tablesIn = (url: string, schema: string) =>
  query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema]).then(
    (rows) => rows.map((row) => row.table_name),
  );

const known = readPostgresMigrations().length;

describeWithPostgres("migratePostgres", (adminUrl) => {
  let url = "";
  beforeAll(async () => {
    url = await createTestDatabase(adminUrl);
  });
  afterAll(async () => {
    await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  });

  it("creates the schema with every table, then finds nothing to do the second time", async () => {
    expect(await migratePostgres(target(url, "klantwaarde"))).toEqual({ applied: known, known });
    const tables = await tablesIn(url, "klantwaarde");
    expect(tables).toContain("customers");
    expect(tables).toContain("transactions");
    expect(tables).toContain("__drizzle_migrations");
    expect(await tablesIn(url, "public")).toEqual([]);

    expect(await migratePostgres(target(url, "klantwaarde"))).toEqual({ applied: 0, known });
    const recorded = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM klantwaarde."__drizzle_migrations"');
    expect(Number(recorded[0]!.n)).toBe(known);
  });

  it("writes into the schema DATABASE_URL names, with its checks, identities and partial index working there", async () => {
    await migratePostgres(target(url, "kw_other"));
    expect(await tablesIn(url, "kw_other")).toEqual(await tablesIn(url, "klantwaarde"));
    await query(url, "INSERT INTO kw_other.customers (external_id) VALUES ('C1'), ('C2')");
    const ids = await query<{ id: number; created_at: string }>(url, "SELECT id, created_at FROM kw_other.customers ORDER BY id");
    expect(ids.map((row) => row.id)).toEqual([1, 2]);
    expect(ids[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await expect(query(url, "INSERT INTO kw_other.settings (id, document, updated_at) VALUES (2, '{}', 'x')")).rejects.toThrow(
      /settings_single_row/,
    );
    const insertOrder = "INSERT INTO kw_other.transactions (customer_id, purchase_date, revenue_cents, content_key) VALUES (1, '2026-02-01', 3000000000, $1)";
    await query(url, insertOrder, ["same-line"]);
    await expect(query(url, insertOrder, ["same-line"])).rejects.toThrow(/transactions_content_key_unique/);
    await query(url, insertOrder, [null]);
    await query(url, insertOrder, [null]);
    await expect(query(url, insertOrder.replace("2026-02-01", "2026-02-30"), ["other"])).rejects.toThrow(/date/);
    const sums = await query<{ total: string }>(url, "SELECT sum(revenue_cents)::text AS total FROM kw_other.transactions");
    expect(sums[0]!.total).toBe("9000000000");
  });

  it("lets two instances that start at once migrate one after the other", async () => {
    const results = await Promise.all([migratePostgres(target(url, "kw_twice")), migratePostgres(target(url, "kw_twice"))]);
    expect(results.map((result) => result.applied).sort()).toEqual([0, known]);
    const recorded = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM kw_twice."__drizzle_migrations"');
    expect(Number(recorded[0]!.n)).toBe(known);
  });

  it("waits while another connection holds the migration lock of the schema", async () => {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtext('klantwaarde migrations kw_locked'))");
    let finished = false;
    const running = migratePostgres(target(url, "kw_locked")).then((result) => {
      finished = true;
      return result;
    });
    // Until it waits on the lock (seen in pg_locks), it must not have written anything.
    for (;;) {
      const waiting = await query<{ n: string }>(url, "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
      if (Number(waiting[0]!.n) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(finished).toBe(false);
    expect(await tablesIn(url, "kw_locked")).toEqual([]);
    await holder.end();
    expect((await running).applied).toBe(known);
  });

  it("never writes to a schema that holds another application's tables", async () => {
    await runAsAdmin(url, "CREATE SCHEMA webshop; CREATE TABLE webshop.orders (id int); CREATE TABLE webshop.carts (id int)");
    await expect(migratePostgres(target(url, "webshop"))).rejects.toThrow(
      /The schema "webshop" in the database "klantwaarde_test_\w+" on 127\.0\.0\.1:\d+ holds tables Klantwaarde did not create \(carts, orders\)/,
    );
    expect(await tablesIn(url, "webshop")).toEqual(["carts", "orders"]);
  });

  it("never writes to a schema whose migrations table records migrations it does not know (another Drizzle app's)", async () => {
    await runAsAdmin(
      url,
      `CREATE SCHEMA shop; CREATE TABLE shop.products (id int);
       CREATE TABLE shop."__drizzle_migrations" (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);
       INSERT INTO shop."__drizzle_migrations" (hash, created_at) VALUES ('0f3a-not-klantwaarde', 1)`,
    );
    await expect(migratePostgres(target(url, "shop"))).rejects.toThrow(
      /^The schema "shop" in the database "klantwaarde_test_\w+" on 127\.0\.0\.1:\d+ records 1 migration this version of Klantwaarde does not know/,
    );
    expect(await tablesIn(url, "shop")).toEqual(["__drizzle_migrations", "products"]);
  });

  it("applies all pending migrations or none: a failing one leaves no trace and names the server", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-migrations-"));
    fs.mkdirSync(path.join(folder, "meta"));
    const entries = [0, 1].map((idx) => ({ idx, version: "7", when: 1_700_000_000_000 + idx, tag: `000${idx}_step`, breakpoints: true }));
    fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ version: "7", dialect: "postgresql", entries }));
    fs.writeFileSync(path.join(folder, "0000_step.sql"), 'CREATE TABLE "klantwaarde"."first" (id int);');
    fs.writeFileSync(path.join(folder, "0001_step.sql"), 'CREATE TABLE "klantwaarde"."second" (id int);\n--> statement-breakpoint\nSELECT no_such_function();');
    try {
      await expect(migratePostgres(target(url, "kw_broken"), folder)).rejects.toThrow(
        /^Could not bring the schema "kw_broken" in 127\.0\.0\.1:\d+\/klantwaarde_test_\w+ to the current version \(migration 2 of 2: function no_such_function\(\) does not exist\)/,
      );
      expect(await tablesIn(url, "kw_broken")).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
