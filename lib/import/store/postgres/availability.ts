/**
 * What this version can import into PostgreSQL: the store is there (transaction-import.ts) but the import's
 * orchestration (history, rejected rows, report, the customers file) runs on SQLite only. Said to the user in
 * these words wherever a file would be imported into PostgreSQL.
 */
export const POSTGRES_IMPORT_NOT_YET =
  "Importing files into a PostgreSQL database is not available in this version yet (see the README, PostgreSQL). " +
  "Import the file into a SQLite database (DATABASE_URL set to a file path), or wait for the next version. Nothing was imported.";
