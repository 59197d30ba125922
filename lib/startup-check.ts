import { DatabaseStartupError, openDatabase } from "@/db/client";
import { parseDatabaseUrl } from "@/db/database-url";
import { openReadyDatabase } from "@/db/open-database";
import { foldCommittedChanges } from "@/lib/import/store/customer-changes";
import { recoverInterruptedImports } from "@/lib/import/store/import-record";
import { removeLegacyRejectedRowsFolder } from "@/lib/import/store/rejected-rows-file";
import { removeAbandonedUploads } from "@/lib/import/upload/spool-upload";

/**
 * Opens and migrates the database once at server start. A database that cannot be used (a file that
 * is not SQLite, an unwritable folder) ends the process with a message naming the path and the fix,
 * instead of failing on the first page view. An import whose process was killed is marked interrupted
 * (its rows removed, in the audit trail too), the changes of a committed customers file whose fold a stop
 * cut short are folded, and the files of uploads that a stopped server was receiving (with their rejected rows
 * not yet kept) and the folder where earlier versions kept rejected rows are removed.
 */
export async function checkDatabaseAtStartup(): Promise<void> {
  if (parseDatabaseUrlOrExit().engine === "postgres") {
    // PostgreSQL: the server, the version, the schema and the migrations (imports write in one transaction there:
    // nothing of an interrupted one is left to recover).
    try {
      const database = await openReadyDatabase();
      await database.close();
    } catch (error) {
      exitOnStartupError(error);
    }
    return;
  }
  try {
    const database = openDatabase();
    try {
      const interrupted = recoverInterruptedImports(database.sqlite);
      if (interrupted.length > 0) console.warn(`[klantwaarde] import ${interrupted.join(", ")} was interrupted by a stop of the server or the command line; nothing of it was kept.`);
      // A committed customers file whose fold a stop cut short: readers see the same before and after.
      foldCommittedChanges(database.sqlite);
      removeLegacyRejectedRowsFolder(database.path);
      removeAbandonedUploads();
    } catch (error) {
      console.error("[klantwaarde] could not check for interrupted imports", error);
    } finally {
      database.close();
    }
  } catch (error) {
    exitOnStartupError(error);
  }
}

function exitOnStartupError(error: unknown): never {
  if (error instanceof DatabaseStartupError) {
    console.error(`[klantwaarde] ${error.message}`);
    process.exit(1);
  }
  throw error;
}

function parseDatabaseUrlOrExit() {
  try {
    return parseDatabaseUrl();
  } catch (error) {
    exitOnStartupError(error);
  }
}
