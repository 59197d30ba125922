/**
 * The query database on PostgreSQL: Drizzle's node-postgres database over a pool, running the same table objects
 * as SQLite (`db/schema.ts`) so that every query function serves both engines unchanged. This works because the
 * PostgreSQL schema (`db/pg/schema.ts`, kept in step by schema-parity.test.ts) has the same table and column names
 * and the values read back alike (`type-parsers.ts`): flags written as 1/0 are PostgreSQL booleans, JSON written as
 * text is `jsonb`, dates are `YYYY-MM-DD`. Unqualified table names find Klantwaarde's schema through the
 * connections' `search_path`, which holds that schema only.
 *
 * Like SQLite's connection gate, a transaction owns every statement of its caller: a query on `db` made inside an
 * `inTransaction` body (db/transaction.ts) runs on the transaction's connection, not on another one of the pool.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import type { PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import type { PostgresTarget } from "../database-url";
import * as schema from "../schema";
import type { AsyncSqliteDatabase } from "../sqlite-async";
import { definePostgresTables, type PostgresTables } from "./schema";
import { installPortableTypeParsers } from "./type-parsers";

/** Connections per process: the server's requests, its recompute and an import need a few at once. */
export const POOL_SIZE = 10;

/** A transaction open in the caller's async context: its connection, and Drizzle's handle for savepoints. */
export interface OpenPostgresTransaction {
  client: pg.PoolClient;
  tx: PgTransaction<never, typeof schema, never>;
}

/**
 * A pool that waits for start-up (the checks and migrations, `ready`) before its first query, and sends the
 * statements of a caller inside a transaction to that transaction's connection.
 */
export class KlantwaardePool extends pg.Pool {
  readonly transactions = new AsyncLocalStorage<OpenPostgresTransaction>();

  constructor(
    config: pg.PoolConfig,
    readonly ready: Promise<unknown>,
  ) {
    super(config);
  }

  // @ts-expect-error one override for the driver's many overloads: Drizzle calls query(config, values) and awaits it
  override query(config: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult> {
    const open = this.transactions.getStore();
    if (open) return open.client.query(config, values);
    return this.ready.then(() => super.query(config, values));
  }
}

const POOL = Symbol.for("klantwaarde.postgresPool");
const TABLES = Symbol.for("klantwaarde.postgresTables");

/**
 * The query database of `target`, typed as the SQLite one (the query code is written once, against that type).
 * Queries wait for `ready`; a failed start-up fails them with its own error.
 */
export function postgresQueryDatabase(target: PostgresTarget, ready: Promise<unknown>, poolSize = POOL_SIZE): AsyncSqliteDatabase {
  installPortableTypeParsers();
  const pool = new KlantwaardePool(
    { connectionString: target.connectionString, max: poolSize, options: `-c search_path=${target.schema}` },
    ready,
  );
  // An idle connection the server dropped: the pool replaces it; the next query reports real trouble.
  pool.on("error", (error) => console.warn(`[klantwaarde] PostgreSQL at ${target.server}: ${error.message}`));
  ready.catch(() => {}); // reported by the first query that waits on it
  const db = drizzle(pool as unknown as pg.Pool, { schema });
  Object.defineProperty(db, POOL, { value: pool });
  Object.defineProperty(db, TABLES, { value: definePostgresTables(target.schema) });
  return db as unknown as AsyncSqliteDatabase;
}

/**
 * PostgreSQL's own table objects of a query database's schema, for the few tables whose values the SQLite objects
 * cannot carry there (better-auth's moments: ms numbers on SQLite, `timestamptz` on PostgreSQL) and for
 * PostgreSQL-only tables. Undefined for a SQLite database.
 */
export function postgresTablesOf(db: object): PostgresTables | undefined {
  return (db as { [TABLES]?: PostgresTables })[TABLES];
}

/** The pool under a query database of `postgresQueryDatabase`, or undefined for any other database. */
export function postgresPoolOf(db: object): KlantwaardePool | undefined {
  return (db as { [POOL]?: KlantwaardePool })[POOL];
}
