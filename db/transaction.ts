/**
 * Transactions on the asynchronous database that cannot interleave with other callers' statements: the
 * transaction holds its connection's gate from `begin` to `commit`/`rollback` (db/connection-gate.ts).
 */
import type { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { connectionGate, type AsyncSqliteDatabase } from "./sqlite-async";
import type * as schema from "./schema";

export type KlantwaardeTransaction = SQLiteTransaction<"async", SqliteRemoteResult, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export interface TransactionOptions {
  /**
   * `immediate` takes SQLite's write lock at `begin` (for a transaction that reads and then writes, so that
   * another process cannot write in between); the default `deferred` takes it at the first write.
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
