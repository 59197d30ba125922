/**
 * A consistent copy of a live Klantwaarde database, with SQLite's online backup API
 * (https://sqlite.org/backup.html, through better-sqlite3's `db.backup`).
 *
 * All pages are copied in one backup step, which reads inside one read transaction: in WAL mode writers
 * (the app, an import in another process) go on meanwhile, and the copy holds exactly the transactions
 * committed when the step began, nothing of one still in progress. (Copied in many small steps, SQLite
 * would start again after every commit of another connection, and a busy database might never finish.)
 * The copy goes to a temporary file next to the destination, is switched to a single file (rollback
 * journal), checked, flushed to disk and only then renamed to its name: a crash leaves no half-written
 * backup under that name.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { inspectBackup, checkDatabaseFile, type BackupInspection } from "./inspect-backup";
import { recoverInterruptedImports } from "@/lib/import/store/import-record";
import { BackupError } from "./problems";

/** The history's message for an import that was still running when a backup was taken. */
export const IMPORT_RUNNING_AT_BACKUP = "This import was still running when the backup was taken, so its rows are not in the backup. Import the file again after restoring.";
import { durableRename, hasLiveWal, isSameFile, removeDatabaseFiles, temporaryPathNextTo } from "./sqlite-files";

/** The most pages better-sqlite3 accepts in one backup step (2^31 - 1): the whole database. */
const ALL_PAGES = 0x7fffffff;

export interface BackupOptions {
  /** Replace `destination` when it exists (default: refuse). */
  force?: boolean;
  /**
   * Refuse to keep a copy that is not a usable Klantwaarde backup (damaged, unknown schema; default true).
   * The safety copy taken before a restore keeps whatever the database holds.
   */
  verify?: boolean;
}

export interface BackupResult {
  source: string;
  /** The backup file (absolute). */
  path: string;
  sizeBytes: number;
  inspection: BackupInspection;
}

/** Copies the database at `sourcePath` (which may be in use) to `destination`. */
export async function backupDatabase(sourcePath: string, destination: string, options: BackupOptions = {}): Promise<BackupResult> {
  if (sourcePath === ":memory:") throw new BackupError("DATABASE_URL is :memory:, an in-memory database that no file holds: there is nothing to back up.");
  const source = path.resolve(sourcePath);
  const target = path.resolve(destination);
  const sourceProblems = checkDatabaseFile(source, { refuseLiveWal: false });
  if (sourceProblems.length > 0) {
    throw new BackupError(`Cannot back up the database ${source} (DATABASE_URL).`, sourceProblems);
  }
  if (isSameFile(source, target)) {
    throw BackupError.single("same-file", `${target} is the database itself. Name another file for the backup.`);
  }
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isFile()) throw new BackupError(`${target} exists and is not a file. Name another file for the backup.`);
    if (!options.force) {
      throw BackupError.single("exists", `${target} already exists. Name another file, or add --force to replace it.`);
    }
    if (hasLiveWal(target)) {
      throw BackupError.single(
        "in-use",
        `${target} is in use as a database (${target}-wal exists), so it is not replaced. Name another file for the backup, or stop the program that uses it.`,
      );
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const temporary = temporaryPathNextTo(target, "backup");
  try {
    const sqlite = new Database(source, { fileMustExist: true });
    try {
      sqlite.pragma("busy_timeout = 5000");
      // Step 1 (0 pages) starts the backup; then one step copies every page in one read transaction.
      await sqlite.backup(temporary, { progress: () => ALL_PAGES });
    } finally {
      sqlite.close();
    }
    // The copied header says WAL when the source uses it: make the backup one self-contained file.
    const copy = new Database(temporary, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
      // An import still running when the copy was taken never finishes in it: its rows (which readers did
      // not see) leave the copy, and its history row says so. The backup holds none or all of an import.
      recoverInterruptedImports(copy, { everyRunning: true, message: IMPORT_RUNNING_AT_BACKUP, audit: false });
    } finally {
      copy.close();
    }
    const inspection = inspectBackup(temporary, { label: `The copy of ${source}`, integrity: true });
    if (options.verify !== false && inspection.problems.length > 0) {
      throw new BackupError(`The copy of ${source} is not a usable Klantwaarde backup, so none was written.`, inspection.problems);
    }
    for (const companion of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(companion, { force: true });
    durableRename(temporary, target);
    return { source, path: target, sizeBytes: inspection.sizeBytes, inspection: { ...inspection, path: target } };
  } finally {
    removeDatabaseFiles(temporary);
  }
}
