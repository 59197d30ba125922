/**
 * Start-up checks on PostgreSQL, before anything is written: the server answers, accepts the password, is
 * PostgreSQL 15 or newer, and the schema is Klantwaarde's (or can be created). Each failure stops start-up with a
 * DatabaseStartupError that names the host and the fix.
 */
import pg from "pg";
import type { PostgresTarget } from "../database-url";
import { connectionStartupError } from "./connection-errors";
import { readPostgresMigrations } from "./known-migrations";
import { inspectSchema, schemaProblem, type SchemaFacts } from "./schema-check";
import { assertSupportedServerVersion } from "./server-version";

/** How long start-up waits for a server that does not answer. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** What the checks found, for the start-up log. */
export interface PostgresServerFacts {
  /** e.g. "15.18 (Debian 15.18-0+deb12u1)" */
  version: string;
  versionNum: number;
  schema: SchemaFacts;
}

/**
 * Opens a connection to `target`, with the password error, unreachable server and missing database turned into
 * start-up errors that name the host. The caller ends it.
 */
export async function connectForStartup(target: PostgresTarget, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: target.connectionString, connectionTimeoutMillis: connectTimeoutMs });
  client.on("error", () => {}); // a dropped connection is reported by the query that meets it
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionStartupError(error, target);
  }
  return client;
}

/** Runs every start-up check against `target` (reads only) and returns what it found. */
export async function checkPostgresAtStartup(target: PostgresTarget, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<PostgresServerFacts> {
  const client = await connectForStartup(target, connectTimeoutMs);
  try {
    const { rows } = await client.query<{ version: string; version_num: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS version_num",
    );
    const version = rows[0]!.version;
    const versionNum = Number(rows[0]!.version_num);
    assertSupportedServerVersion(versionNum, version, target.server);
    const schema = await inspectSchema(client, target.schema);
    const problem = schemaProblem(schema, target, readPostgresMigrations().map((migration) => migration.hash));
    if (problem) throw problem;
    return { version, versionNum, schema };
  } finally {
    await client.end().catch(() => {});
  }
}
