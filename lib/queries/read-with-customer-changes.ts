import "server-only";
import { sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { inTransaction } from "@/db/transaction";
import { COMMITTED_ATTRIBUTE_CHANGES_SQL, COMMITTED_CUSTOMER_CHANGES_SQL } from "@/lib/import/store/customer-changes";

/**
 * Runs `read` in one read transaction (one snapshot of the database), telling it whether a committed customers
 * file's changes are still to be overlaid: the asynchronous form of the import's `readWithCustomerChanges`
 * (lib/import/store/customer-changes.ts), for reads written with Drizzle. The answer and the queries agree even
 * if a fold step commits in between.
 *
 * @example await readWithCustomerChangesAsync(db, async (overlay) => db.select(…).from(overlay ? visible : plain))
 */
export async function readWithCustomerChangesAsync<T>(db: KlantwaardeDatabase, read: (overlay: boolean) => Promise<T>): Promise<T> {
  return inTransaction(db, async () => {
    const [flag] = await rawRows<{ overlay: number }>(
      db,
      sql.raw(`SELECT (${COMMITTED_CUSTOMER_CHANGES_SQL} IS NOT NULL OR ${COMMITTED_ATTRIBUTE_CHANGES_SQL} IS NOT NULL) AS overlay`),
    );
    return read(flag?.overlay === 1);
  });
}
