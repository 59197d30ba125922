/**
 * `clv backup` and `clv restore` on PostgreSQL, against the run's test server with Debian's pg_dump and
 * pg_restore: a dump restores what was there when it was taken, the replaced schema is kept, and what is not a
 * Klantwaarde dump (or is one of another schema) is refused with nothing changed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseDatabaseUrl, type PostgresTarget } from "@/db/database-url";
import { openPostgresDatabase, type OpenedPostgresDatabase } from "@/db/pg/connect";
import { createTestDatabase, describeWithPostgres, runAsAdmin, withUrlParts } from "@/lib/testing/postgres-test-database";
import { backupPostgres, inspectPostgresDump, restorePostgres } from "./postgres-backup";
import { BackupError } from "./problems";

describeWithPostgres("backups on PostgreSQL", (adminUrl) => {
  let url = "";
  let target: PostgresTarget;
  let database: OpenedPostgresDatabase;
  let folder = "";
  beforeAll(async () => {
    // A role with a password (the superuser of the test server has none): the password must reach the programs.
    const adminOfDatabase = await createTestDatabase(adminUrl);
    const name = new URL(adminOfDatabase).pathname.slice(1);
    await runAsAdmin(adminUrl, `CREATE ROLE ${name}_owner LOGIN PASSWORD 's3cret-pw'; ALTER DATABASE ${name} OWNER TO ${name}_owner`);
    url = withUrlParts(adminOfDatabase, { user: `${name}_owner`, password: "s3cret-pw" });
    target = parseDatabaseUrl(url) as PostgresTarget;
    database = await openPostgresDatabase(target);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-pg-backup-"));
  });
  afterAll(async () => {
    await database?.close();
    const name = new URL(url).pathname.slice(1);
    await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await runAsAdmin(adminUrl, `DROP ROLE IF EXISTS ${name}_owner`);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("restores what the backup held and keeps the schema it replaced", async () => {
    const { db, tables } = database;
    await db.insert(tables.customers).values([{ id: 1, externalId: "K1" }, { id: 2, externalId: "K2" }]);
    await db.insert(tables.transactions).values({ customerId: 1, purchaseDate: "2026-01-05", revenueCents: 1250 });
    const file = path.join(folder, "klantwaarde.dump");
    const backup = await backupPostgres(target, file);
    expect(backup.path).toBe(file);
    expect(backup.sizeBytes).toBe(fs.statSync(file).size);
    expect(backup.inspection.schema).toBe("klantwaarde");
    expect(backup.inspection.tables).toEqual(expect.arrayContaining(["customers", "transactions", "__drizzle_migrations"]));
    expect(backup.inspection.migrations.length).toBeGreaterThan(0);
    // No file of a temporary name is left beside it.
    expect(fs.readdirSync(folder)).toEqual(["klantwaarde.dump"]);

    // After the backup: one customer more, one less.
    await db.delete(tables.customers).where(eq(tables.customers.id, 2));
    await db.insert(tables.customers).values({ id: 3, externalId: "K3" });

    const restored = await restorePostgres(target, file, { now: new Date("2026-12-07T03:15:00Z") });
    expect(restored.previousSchema).toBe("klantwaarde_before_restore_20261207_031500");
    expect(restored.migrated).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const ids = async (schema: string) => (await client.query(`SELECT id FROM "${schema}".customers ORDER BY id`)).rows.map((row) => Number(row.id));
      expect(await ids("klantwaarde")).toEqual([1, 2]);
      expect(await ids("klantwaarde_before_restore_20261207_031500")).toEqual([1, 3]);
      const { rows } = await client.query(`SELECT customer_id, purchase_date::text AS day, revenue_cents FROM klantwaarde.transactions`);
      expect(rows.map((row) => [Number(row.customer_id), row.day, Number(row.revenue_cents)])).toEqual([[1, "2026-01-05", 1250]]);
      // Identity columns go on after the restored rows.
      const next = await client.query(`INSERT INTO klantwaarde.transactions (customer_id, purchase_date, revenue_cents) VALUES (1, '2026-02-01', 5) RETURNING id`);
      expect(Number(next.rows[0].id)).toBeGreaterThan(1);
    } finally {
      await client.end();
    }
  });

  it("refuses an existing file without --force, and what is not a Klantwaarde dump", async () => {
    const file = path.join(folder, "exists.dump");
    fs.writeFileSync(file, "keep me");
    await expect(backupPostgres(target, file)).rejects.toThrow(/already exists\. Name another file, or add --force/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
    await expect(restorePostgres(target, file)).rejects.toThrow(/is not a backup made by clv backup on PostgreSQL/);
    await expect(inspectPostgresDump(path.join(folder, "missing.dump"), target)).rejects.toThrow(/does not exist/);
    const noSchema = parseDatabaseUrl(`${url}?schema=nope`) as PostgresTarget;
    await expect(backupPostgres(noSchema, path.join(folder, "nope.dump"))).rejects.toThrow(/The schema "nope" does not exist on .*, so there is nothing to back up/);
    expect(fs.existsSync(path.join(folder, "nope.dump"))).toBe(false);
  });

  it("refuses a dump of another schema, with the fix", async () => {
    const file = path.join(folder, "other.dump");
    const other = parseDatabaseUrl(`${url}?schema=elders`) as PostgresTarget;
    await openPostgresDatabase(other).then((opened) => opened.close());
    await backupPostgres(other, file);
    const error = await restorePostgres(target, file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toContain(`is a backup of the schema "elders", not of "klantwaarde" (DATABASE_URL). Restore it with ?schema=elders`);
  });

  it("without pg_dump says which command to run, and never shows the password", async () => {
    const error = await backupPostgres(target, path.join(folder, "none.dump"), { search: { searchPath: "", debianRoot: path.join(folder, "no-such") } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    const message = (error as Error).message;
    expect(message).toContain("pg_dump is not installed here");
    expect(message).toContain(`PGPASSWORD='<the password in DATABASE_URL>' pg_dump --format=custom --schema=klantwaarde --no-owner --no-privileges --file=${path.join(folder, "none.dump")}`);
    expect(message).not.toContain("s3cret-pw");
    expect(fs.existsSync(path.join(folder, "none.dump"))).toBe(false);
  });
});
