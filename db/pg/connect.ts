/**
 * Opening Klantwaarde's PostgreSQL database: the start-up checks, the migrations, then a connection pool with
 * Drizzle on the tables of the schema DATABASE_URL names. Not used by the pages yet: the data layer is still
 * synchronous SQLite (issue #20 converts it); this is what that conversion plugs in.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { PostgresTarget } from "../database-url";
import { migratePostgres } from "./migrate";
import { definePostgresTables, type PostgresTables } from "./schema";
import { checkPostgresAtStartup, type PostgresServerFacts } from "./startup-check";

export type KlantwaardePostgresDatabase = NodePgDatabase<PostgresTables> & { $client: pg.Pool };

/** An open PostgreSQL database; `close()` ends the pool (once, however often it is called). */
export interface OpenedPostgresDatabase {
  target: PostgresTarget;
  facts: PostgresServerFacts;
  pool: pg.Pool;
  db: KlantwaardePostgresDatabase;
  /** The tables in `target.schema`, for queries. */
  tables: PostgresTables;
  close: () => Promise<void>;
}

/** Connections per process: the server's requests, its recompute and an import need a few at once. */
const POOL_SIZE = 10;

/**
 * Checks the server (DatabaseStartupError naming the host when it cannot be used), applies pending migrations
 * unless `migrate: false`, and opens the pool.
 */
export async function openPostgresDatabase(target: PostgresTarget, options: { migrate?: boolean } = {}): Promise<OpenedPostgresDatabase> {
  const facts = await checkPostgresAtStartup(target);
  if (options.migrate !== false) await migratePostgres(target);
  const pool = new pg.Pool({ connectionString: target.connectionString, max: POOL_SIZE });
  // An idle connection the server dropped: the pool replaces it; the next query reports real trouble.
  pool.on("error", (error) => console.warn(`[klantwaarde] PostgreSQL at ${target.server}: ${error.message}`));
  const tables = definePostgresTables(target.schema);
  const db = drizzle(pool, { schema: tables }) as KlantwaardePostgresDatabase;
  let closing: Promise<void> | null = null;
  return { target, facts, pool, db, tables, close: () => (closing ??= pool.end()) };
}
