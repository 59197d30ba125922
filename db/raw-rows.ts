/**
 * The rows of a raw SQL query as objects named by its columns, on either engine: Drizzle's raw reads differ
 * (sqlite-proxy answers arrays, PostgreSQL's Drizzle has `execute`), so queries written as SQL go through here.
 */
import type { SQL } from "drizzle-orm";
import { engineOf } from "./engine";
import { sqliteRawRows, type AsyncSqliteDatabase } from "./sqlite-async";

/**
 * The rows of `query` on `db` (or a transaction of it). Write the SQL in what both engines understand; counts and
 * sums come back as numbers on both (db/pg/type-parsers.ts).
 *
 * @example await rawRows<{ key: string; customers: number }>(db, sql`select key, count(*) as customers from customer_attributes group by key`)
 */
export async function rawRows<Row>(db: AsyncSqliteDatabase, query: SQL): Promise<Row[]> {
  if (engineOf(db) === "postgres") {
    const result = await (db as unknown as { execute(query: SQL): Promise<{ rows: Row[] }> }).execute(query);
    return result.rows;
  }
  return sqliteRawRows<Row>(db, query);
}
