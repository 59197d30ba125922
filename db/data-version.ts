/**
 * The data versions (the `data_versions` row, see db/schema.ts) that every cached read compares with
 * (lib/queries/support.ts). Raised in the writer's own transaction, so the change and the signal to every
 * cache are written together or not at all.
 */
import { sql } from "drizzle-orm";
import { runStatement } from "./engine";

/**
 * Anything that runs SQL: the asynchronous database or a transaction of it (a promise to await), or the
 * synchronous SQLite database of the import's own transactions (runs at once).
 */
interface RunsSql<Result> {
  run(query: ReturnType<typeof sql>): Result;
}

/**
 * Raises the data version (and the erasure version for an erasure). Call it wherever customers, their
 * purchases or their soft data change for readers: an import's commit, an erasure, the demo seed.
 *
 * @example await raiseDataVersion(tx) // data + 1
 * @example await raiseDataVersion(tx, { erasure: true }) // data + 1, erasures + 1
 */
export function raiseDataVersion<Result>(db: RunsSql<Result>, change: { erasure?: boolean } = {}): Result {
  const erasures = change.erasure ? 1 : 0;
  // SQLite and PostgreSQL both know INSERT … ON CONFLICT DO UPDATE.
  return runStatement(
    db,
    sql`INSERT INTO data_versions (id, data, erasures) VALUES (1, 1, ${erasures}) ON CONFLICT (id) DO UPDATE SET data = data_versions.data + 1, erasures = data_versions.erasures + ${erasures}`,
  );
}
