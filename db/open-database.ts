/**
 * Opening the database `DATABASE_URL` names, on either engine: a SQLite file (the default) or a PostgreSQL server.
 */
import { openDatabase, type OpenedDatabase } from "./client";
import { parseDatabaseUrl } from "./database-url";
import { openPostgresQueries } from "./pg/open-queries";

/**
 * Opens the database of `databaseUrl` at once. SQLite is checked and migrated before this returns; PostgreSQL in the
 * background, before its first query (await `ready` to see start-up errors early).
 */
export function openDatabaseAt(databaseUrl: string | undefined = process.env.DATABASE_URL): OpenedDatabase {
  const target = parseDatabaseUrl(databaseUrl);
  return target.engine === "postgres" ? openPostgresQueries(target) : openDatabase(target.path);
}

/** Opens the database of `databaseUrl` and waits until it can be used (start-up errors are thrown here). */
export async function openReadyDatabase(databaseUrl: string | undefined = process.env.DATABASE_URL): Promise<OpenedDatabase> {
  const database = openDatabaseAt(databaseUrl);
  if (database.engine === "postgres") {
    try {
      await database.ready;
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
