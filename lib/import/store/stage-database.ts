/**
 * An import's staging database: a private temporary SQLite file attached to the import's connection as
 * `import_stage`, where the file's rows are put and sorted out before anything is written to the main
 * database. Writes there take no lock on the main database (each attached database has its own), so
 * reading, validating and deciding every row's outcome never keeps another writer waiting; joins
 * against the main tables only read them (WAL: never blocked by, and never blocking, a writer).
 *
 * The file is SQLite's own temporary database (ATTACH of an empty name): removed when it is detached
 * or the connection closes, and by the operating system when the process is killed (SQLite unlinks it
 * right after opening). It is on disk, with a bounded page cache: memory does not grow with the file.
 * Nothing in it has to survive a crash, so it keeps no journal and never syncs.
 */
import type Database from "better-sqlite3";

export const STAGE = "import_stage";

/** Pages of the staging database kept in memory (negative: KiB), about 64 MB. */
const STAGE_CACHE_KIB = 65_536;

export interface StageDatabase {
  /** Detaches (and so deletes) the staging database; safe to call more than once. */
  detach(): void;
}

/** Attaches a new, empty staging database (a left-over one of a failed import on this connection goes first). */
export function attachStage(sqlite: Database.Database): StageDatabase {
  const attached = () => (sqlite.pragma("database_list") as { name: string }[]).some((row) => row.name === STAGE);
  if (attached()) sqlite.exec(`DETACH DATABASE ${STAGE}`);
  sqlite.exec(`ATTACH DATABASE '' AS ${STAGE}`);
  sqlite.pragma(`${STAGE}.journal_mode = OFF`);
  sqlite.pragma(`${STAGE}.synchronous = OFF`);
  sqlite.pragma(`${STAGE}.cache_size = -${STAGE_CACHE_KIB}`);
  return {
    detach() {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      if (attached()) sqlite.exec(`DETACH DATABASE ${STAGE}`);
    },
  };
}
