/**
 * The data versions (the `data_versions` row, see db/schema.ts) that every cached read compares with
 * (lib/queries/support.ts). Raised in the writer's own transaction, so the change and the signal to every
 * cache are written together or not at all.
 */
import { sql } from "drizzle-orm";

/** Anything that runs SQL: a Drizzle database or transaction. */
interface RunsSql {
  run(query: ReturnType<typeof sql>): unknown;
}

/**
 * Raises the data version (and the erasure version for an erasure). Call it wherever customers, their
 * purchases or their soft data change for readers: an import's commit, an erasure, the demo seed.
 *
 * @example raiseDataVersion(tx) // data + 1
 * @example raiseDataVersion(tx, { erasure: true }) // data + 1, erasures + 1
 */
export function raiseDataVersion(db: RunsSql, change: { erasure?: boolean } = {}): void {
  const erasures = change.erasure ? 1 : 0;
  db.run(
    sql`INSERT INTO data_versions (id, data, erasures) VALUES (1, 1, ${erasures}) ON CONFLICT (id) DO UPDATE SET data = data + 1, erasures = erasures + ${erasures}`,
  );
}
