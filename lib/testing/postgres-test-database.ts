/**
 * Helpers for `*.pg.test.ts` files: a database of its own per test file on the run's test server
 * (lib/testing/postgres-global-setup.ts), roles with chosen rights, and a skip with the reason printed when
 * there is no server.
 */
import crypto from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";

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
