import { DatabaseStartupError, openDatabase } from "@/db/client";

/**
 * Opens and migrates the database once at server start. A database that cannot be used (a file that
 * is not SQLite, an unwritable folder) ends the process with a message naming the path and the fix,
 * instead of failing on the first page view.
 */
export function checkDatabaseAtStartup(): void {
  try {
    openDatabase().close();
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      console.error(`[klantwaarde] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
