/**
 * Helpers for `*.pg.test.ts` files: a database of its own per test file on the run's test server
 * (lib/testing/postgres-global-setup.ts), roles with chosen rights, and a skip with the reason printed when
 * there is no server.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type OpenedSqliteDatabase } from "@/db/client";
import { parseDatabaseUrl, type PostgresTarget } from "@/db/database-url";
import { openPostgresDatabase, type OpenedPostgresDatabase } from "@/db/pg/connect";

/** The run's test server (its superuser URL), or null with the reason printed once. */
export function testPostgresAdminUrl(): string | null {
  const provided = inject("testPostgres");
  if ("adminUrl" in provided) return provided.adminUrl;
  console.warn(`[postgres] skipped: ${provided.unavailable}`);
  return null;
}

/** `describe` when the run has a PostgreSQL test server, `describe.skip` (with the reason printed) when not. */
export function describeWithPostgres(name: string, body: (adminUrl: string) => void): void {
  const adminUrl = testPostgresAdminUrl();
  if (adminUrl === null) describe.skip(`${name} (no PostgreSQL test server)`, () => {});
  else describe(name, () => body(adminUrl));
}

/** `url` with another user, password or database (undefined keeps the part). */
export function withUrlParts(url: string, parts: { user?: string; password?: string; database?: string; search?: string }): string {
  const next = new URL(url);
  if (parts.user !== undefined) next.username = encodeURIComponent(parts.user);
  if (parts.password !== undefined) next.password = encodeURIComponent(parts.password);
  if (parts.database !== undefined) next.pathname = `/${parts.database}`;
  if (parts.search !== undefined) next.search = parts.search;
  return next.toString();
}

/** Runs `sql` as the superuser on the database of `url` (set-up of a test: roles, grants, another app's tables). */
export async function runAsAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name on the test server; its superuser URL. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `klantwaarde_test_${crypto.randomBytes(5).toString("hex")}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE ${name}`);
  return withUrlParts(adminUrl, { database: name });
}

/** A SQLite database in memory and a PostgreSQL test database (migrated) side by side, for the tests of one `describe`. */
export interface BothEngines {
  readonly sqlite: OpenedSqliteDatabase;
  readonly postgres: OpenedPostgresDatabase;
}

/**
 * Opens both engines before the tests of the enclosing `describe` (see `describeWithPostgres`) and closes them
 * after, dropping the PostgreSQL database. Read the databases inside the tests: they exist from `beforeAll` on.
 */
export function useBothEngines(adminUrl: string): BothEngines {
  let url = "";
  let sqlite: OpenedSqliteDatabase | undefined;
  let postgres: OpenedPostgresDatabase | undefined;
  beforeAll(async () => {
    url = await createTestDatabase(adminUrl);
    sqlite = openDatabase(":memory:");
    postgres = await openPostgresDatabase(parseDatabaseUrl(url) as PostgresTarget);
  });
  afterAll(async () => {
    sqlite?.close();
    await postgres?.close();
    if (url) await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  });
  return {
    get sqlite() {
      if (!sqlite) throw new Error("useBothEngines: the SQLite database opens in beforeAll");
      return sqlite;
    },
    get postgres() {
      if (!postgres) throw new Error("useBothEngines: the PostgreSQL database opens in beforeAll");
      return postgres;
    },
  };
}
