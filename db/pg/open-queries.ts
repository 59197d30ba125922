/**
 * Opening Klantwaarde on PostgreSQL for the app, the command line and the jobs: at once, without waiting, so that
 * `getDatabase()` stays synchronous on both engines. The start-up checks and migrations run in the background
 * (`ready`); every query waits for them, and fails with their DatabaseStartupError when they failed.
 */
import type { KlantwaardeDatabase } from "../client";
import type { PostgresTarget } from "../database-url";
import { migratePostgres } from "./migrate";
import { postgresPoolOf, postgresQueryDatabase } from "./query-database";
import { checkPostgresAtStartup, type PostgresServerFacts } from "./startup-check";

/** An open PostgreSQL database for the query code. */
export interface OpenedPostgresQueries {
  engine: "postgres";
  target: PostgresTarget;
  /** The DATABASE_URL that opens this database again (another process: the recompute runner). Holds the password. */
  url: string;
  db: KlantwaardeDatabase;
  /** The start-up checks and migrations: resolves with what the checks found, rejects with a DatabaseStartupError. */
  ready: Promise<PostgresServerFacts>;
  /** Ends the pool (once, however often it is called). */
  close: () => Promise<void>;
}

/** Opens `target` (checked and, unless `migrate: false`, migrated in the background before the first query runs). */
export function openPostgresQueries(target: PostgresTarget, options: { migrate?: boolean; poolSize?: number } = {}): OpenedPostgresQueries {
  const ready = (async () => {
    const facts = await checkPostgresAtStartup(target);
    if (options.migrate !== false) await migratePostgres(target);
    return facts;
  })();
  const db = postgresQueryDatabase(target, ready, options.poolSize);
  const pool = postgresPoolOf(db)!;
  let closing: Promise<void> | null = null;
  const url = new URL(target.connectionString);
  url.searchParams.set("schema", target.schema);
  return { engine: "postgres", target, url: url.toString(), db, ready, close: () => (closing ??= pool.end()) };
}
