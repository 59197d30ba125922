/**
 * Which engine a database (or a transaction of it) runs on, and the few statements whose call differs between
 * the engines' Drizzle databases. Query code stays engine-neutral; the places that must differ ask `engineOf`.
 */
import { is, type SQL } from "drizzle-orm";
import { PgDatabase } from "drizzle-orm/pg-core";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

export type Engine = "sqlite" | "postgres";

/** The engine of `db`: a query database, a transaction of one, or the import's synchronous SQLite database. */
export function engineOf(db: object): Engine {
  return is(db, PgDatabase) ? "postgres" : "sqlite";
}

/** Something that runs SQL on either engine (typed as the SQLite database, see db/pg/query-database.ts). */
interface RunsStatements<Result> {
  run(query: SQL): Result;
}

/**
 * Runs a statement that returns no rows (`run` on SQLite, `execute` on PostgreSQL). Against the import's
 * synchronous SQLite database it runs at once; otherwise await it.
 *
 * @example await runStatement(tx, sql`DELETE FROM customer_scores WHERE snapshot_id = ${id}`)
 */
export function runStatement<Result>(db: RunsStatements<Result>, query: SQL): Result {
  if (engineOf(db) === "postgres") return (db as unknown as { execute(query: SQL): Result }).execute(query);
  return db.run(query);
}

const sqliteDialect = new SQLiteAsyncDialect();
const postgresDialect = new PgDialect();

/** The SQL text and parameters of `query` for `engine` (`?` placeholders on SQLite, `$1` on PostgreSQL). */
export function sqlFor(engine: Engine, query: SQL): { sql: string; params: unknown[] } {
  return engine === "postgres" ? postgresDialect.sqlToQuery(query) : sqliteDialect.sqlToQuery(query);
}
