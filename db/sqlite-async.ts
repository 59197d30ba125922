/**
 * The asynchronous Drizzle database over the one better-sqlite3 connection (`drizzle-orm/sqlite-proxy`):
 * the same call style as PostgreSQL's Drizzle (`await db.select()…`), so that query code does not depend on
 * the engine. Every statement passes the connection's gate (db/connection-gate.ts) and runs synchronously on
 * the connection, through prepared statements kept by their SQL text.
 */
import type Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle, type AsyncRemoteCallback, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { ConnectionGate } from "./connection-gate";
import type * as schema from "./schema";

/** Prepared statements kept per connection; the least recently used goes beyond this many. */
export const STATEMENTS_KEPT = 500;

export type AsyncSqliteDatabase = SqliteRemoteDatabase<typeof schema>;

type Statement = Database.Statement<unknown[], unknown>;

/** What each asynchronous database runs on: its connection's gate and prepared statements. */
interface SqliteConnection {
  sqlite: Database.Database;
  gate: ConnectionGate;
  prepared: (sqlText: string) => Statement;
}

/**
 * Kept on the database object under a global symbol, not in a module's map: Next.js may load this module
 * more than once (one copy per server bundle) while all of them share the one database of lib/db.ts.
 */
const CONNECTION = Symbol.for("klantwaarde.sqliteConnection");

function connectionOf(db: object): SqliteConnection {
  const connection = (db as { [CONNECTION]?: SqliteConnection })[CONNECTION];
  if (!connection) throw new Error("This database was not opened by db/client.ts (it has no connection gate).");
  return connection;
}

/** The raw better-sqlite3 connection under a SQLite query database (for SQLite-only reads; see onFreeConnection). */
export function sqliteConnectionOf(db: object): Database.Database {
  return connectionOf(db).sqlite;
}

/** The gate of `db`'s connection (db/transaction.ts takes it for a transaction). */
export function connectionGate(db: object): ConnectionGate {
  return connectionOf(db).gate;
}

/** A bounded cache of prepared statements by SQL text (least recently used out first). */
function statementCache(sqlite: Database.Database, kept: number): (sqlText: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sqlText) => {
    let statement = statements.get(sqlText);
    if (statement) {
      statements.delete(sqlText);
    } else {
      statement = sqlite.prepare(sqlText);
      if (statements.size >= kept) statements.delete(statements.keys().next().value!);
    }
    statements.set(sqlText, statement);
    return statement;
  };
}

/**
 * One statement as sqlite-proxy expects its answer: rows as arrays of values (`all`, `values`), one row as an
 * array or undefined (`get`); for `run` no rows, and the number of rows written as `changes` (better-auth's
 * adapter counts them).
 */
function runStatement(statement: Statement, params: unknown[], method: Parameters<AsyncRemoteCallback>[2]): { rows: unknown; changes?: number } {
  if (method === "run" || !statement.reader) {
    const { changes } = statement.run(...params);
    return { rows: method === "get" ? undefined : [], changes };
  }
  statement.raw(true);
  return { rows: method === "get" ? statement.get(...params) : statement.all(...params) };
}

/**
 * The asynchronous Drizzle database of `sqlite` (with the Klantwaarde schema for relational queries), and
 * the gate its statements pass.
 *
 * @example const db = asyncSqliteDatabase(sqlite, fullSchema); await db.select().from(customers).limit(1)
 */
export function asyncSqliteDatabase(sqlite: Database.Database, fullSchema: typeof schema, kept = STATEMENTS_KEPT): AsyncSqliteDatabase {
  const gate = new ConnectionGate();
  const prepared = statementCache(sqlite, kept);
  const callback: AsyncRemoteCallback = async (sqlText, params, method) => {
    if (!gate.admits()) await gate.whenAdmitted();
    return runStatement(prepared(sqlText), params, method) as { rows: unknown[] };
  };
  const db = drizzle(callback, { schema: fullSchema });
  Object.defineProperty(db, CONNECTION, { value: { sqlite, gate, prepared } satisfies SqliteConnection });
  return db;
}

/**
 * Runs synchronous work on the raw connection (an import's or a recompute's SQLite implementation) once no
 * other caller's transaction is open on it: without the wait its statements would become part of that
 * transaction. The work must not await (it runs to its end before anybody else's statement).
 */
export async function onFreeConnection<T>(db: object, work: () => T): Promise<T> {
  const gate = connectionGate(db);
  if (!gate.admits()) await gate.whenAdmitted();
  return work();
}

const dialect = new SQLiteAsyncDialect();

/** The rows of a raw SQL query on SQLite as objects named by its columns (db/raw-rows.ts serves both engines). */
export async function sqliteRawRows<Row>(db: AsyncSqliteDatabase, query: SQL): Promise<Row[]> {
  const { gate, prepared } = connectionOf(db);
  const { sql: sqlText, params } = dialect.sqlToQuery(query);
  if (!gate.admits()) await gate.whenAdmitted();
  return prepared(sqlText).raw(false).all(...params) as Row[];
}
