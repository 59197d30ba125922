/**
 * Transactions on the asynchronous database that cannot interleave with other callers' statements. On SQLite the
 * transaction holds its connection's gate from `begin` to `commit`/`rollback` (db/connection-gate.ts); on
 * PostgreSQL it has a pooled connection of its own, and the caller's statements on `db` go to it
 * (db/pg/query-database.ts).
 */
import type { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import { postgresPoolOf, type KlantwaardePool } from "./pg/query-database";
import { connectionGate, type AsyncSqliteDatabase } from "./sqlite-async";
import type * as schema from "./schema";

export type KlantwaardeTransaction = SQLiteTransaction<"async", SqliteRemoteResult, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export interface TransactionOptions {
  /**
   * `immediate` takes SQLite's write lock at `begin` (for a transaction that reads and then writes, so that
   * another process cannot write in between); the default `deferred` takes it at the first write. On
   * PostgreSQL an `immediate` transaction waits for every other `immediate` one of the database (an advisory lock
   * held to its end): the same guarantee for the read-then-write transactions that ask for it.
   */
  behavior?: "deferred" | "immediate";
}


/**
 * Runs `body` in one transaction: all of it is written or none (a throw rolls back and rethrows). Other
 * callers' statements wait until it is done; a nested `inTransaction` in `body` becomes a savepoint.
 *
 * @example await inTransaction(db, async (tx) => { await tx.insert(auditEvents).values(row); await raiseDataVersion(tx); }, { behavior: "immediate" })
 */
export async function inTransaction<T>(db: AsyncSqliteDatabase, body: (tx: KlantwaardeTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const pool = postgresPoolOf(db);
  if (pool) return inPostgresTransaction(pool, db, body, options);
  const gate = connectionGate(db);
  const open = gate.openTransactions as KlantwaardeTransaction[];
  const current = open.at(-1);
  if (gate.heldByCaller() && current) return current.transaction(body);
  return gate.hold(async () => {
    return db.transaction(
      async (tx) => {
        open.push(tx);
        try {
          return await body(tx);
        } finally {
          open.pop();
        }
      },
      { behavior: options.behavior ?? "deferred" },
    );
  });
}

/** The key of the advisory lock `immediate` transactions take on PostgreSQL (one per schema through the search path). */
const IMMEDIATE_LOCK = sql`pg_advisory_xact_lock(hashtext('klantwaarde immediate ' || current_schema()))`;

async function inPostgresTransaction<T>(pool: KlantwaardePool, db: AsyncSqliteDatabase, body: (tx: KlantwaardeTransaction) => Promise<T>, options: TransactionOptions): Promise<T> {
  const open = pool.transactions.getStore();
  // Nested: a savepoint in the caller's transaction (Drizzle's nested transaction).
  if (open) return open.tx.transaction((tx) => body(tx as unknown as KlantwaardeTransaction)) as Promise<T>;
  await pool.ready;
  const postgres = db as unknown as { transaction<R>(work: (tx: PgTransaction<never, never, never>) => Promise<R>): Promise<R> };
  return postgres.transaction(async (tx) => {
    const client = (tx as unknown as { session: { client: import("pg").PoolClient } }).session.client;
    return pool.transactions.run({ client, tx: tx as never }, async () => {
      if (options.behavior === "immediate") await tx.execute(sql`select ${IMMEDIATE_LOCK}`);
      return body(tx as unknown as KlantwaardeTransaction);
    });
  });
}
