/**
 * The database a test that touches the database opens: SQLite in memory, or, in the PostgreSQL engine run of the
 * same tests (`npm run test:pg`, vitest.pg.config.ts sets KLANTWAARDE_TEST_ENGINE=postgres), a schema of its own
 * on the run's PostgreSQL test server, migrated like a new installation. Either way a fresh, empty database.
 */
import crypto from "node:crypto";
import { inject } from "vitest";
import { openDatabase, type OpenedDatabase, type OpenedSqliteDatabase } from "@/db/client";
import { openReadyDatabase } from "@/db/open-database";
import { createTestDatabase, runAsAdmin, withUrlParts } from "./postgres-test-database";

/** The engine this run's database tests use. */
export function testEngine(): "sqlite" | "postgres" {
  return process.env.KLANTWAARDE_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

/** One PostgreSQL database per test file (worker module), holding a schema per opened test database. */
let fileDatabaseUrl: Promise<string> | null = null;

function postgresAdminUrl(): string {
  const provided = inject("testPostgres");
  if (!provided || !("adminUrl" in provided)) {
    throw new Error(`KLANTWAARDE_TEST_ENGINE=postgres needs the PostgreSQL test server: ${provided && "unavailable" in provided ? provided.unavailable : "run with vitest.pg.config.ts"}`);
  }
  return provided.adminUrl;
}

/**
 * A new, empty, migrated database for a test. `close()` it when done (on PostgreSQL that also drops its schema).
 *
 * @example const database = await openTestDatabase(); await seedDemoCompany(database.db, { customers: 50 });
 */
export async function openTestDatabase(): Promise<OpenedDatabase> {
  if (testEngine() === "sqlite") return openDatabase(":memory:");
  const adminUrl = postgresAdminUrl();
  fileDatabaseUrl ??= createTestDatabase(adminUrl);
  const url = await fileDatabaseUrl;
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  const database = await openReadyDatabase(withUrlParts(url, { search: `?schema=${schema}` }));
  const close = database.close as () => Promise<void>;
  let closing: Promise<void> | null = null;
  return Object.assign(database, {
    close: () => (closing ??= close().then(() => runAsAdmin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  });
}

/** `database` as SQLite, for a test that reads the SQLite connection directly (such a test runs in the SQLite run only). */
export function asSqlite(database: OpenedDatabase): OpenedSqliteDatabase {
  if (database.engine !== "sqlite") throw new Error("This test reads the SQLite connection directly: it runs on SQLite only (not in ENGINE_TESTS).");
  return database;
}

/**
 * A second connection to `database`, of its own, as another process (the command line, a second app instance) has:
 * the same SQLite file, or the same PostgreSQL schema through a pool of its own. Closing it leaves the database as
 * it is. A SQLite database in memory has no second connection: open a file for such a test.
 *
 * @example const other = await openAnotherConnection(database); await raiseDataVersion(other.db);
 */
export async function openAnotherConnection(database: OpenedDatabase): Promise<OpenedDatabase> {
  if (database.engine === "postgres") return openReadyDatabase(database.url);
  if (database.path === ":memory:") throw new Error("A SQLite database in memory has no second connection: open a file.");
  return openDatabase(database.path);
}
