/**
 * Replaces the Klantwaarde database with a backup, refusing anything Klantwaarde cannot use.
 *
 * Order, so that no failure leaves a broken or lost database behind:
 * 1. check the backup's file header (cheap), copy it to a temporary file next to the database, and
 *    inspect that copy (tables, migration journal against this code's migrations, integrity check);
 * 2. open the copy as the app does, which brings an older schema to the current one (the database
 *    itself is untouched so far);
 * 3. make sure no other program has the database open (a server keeps its connection open for good,
 *    and would go on using the replaced file), then save it as `<database>.before-restore-<time>.db`
 *    with the online backup;
 * 4. remove the database's companion files and rename the copy over it (atomic).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import { backupDatabase } from "./backup-database";
import { checkDatabaseFile, inspectBackup, type BackupInspection } from "./inspect-backup";
import { BackupError } from "./problems";
import { knownMigrations, readSchemaVersion, type SchemaVersion } from "./schema-version";
import { companionFiles, durableRename, isOpenElsewhere, isSameFile, isSqliteFile, removeDatabaseFiles, temporaryPathNextTo } from "./sqlite-files";

export interface RestoreRequest {
  /** The backup file. */
  source: string;
  /** The database to replace (from DATABASE_URL). */
  target: string;
  /** For the name of the safety backup (default now). */
  now?: Date;
}

export interface RestoreResult {
  source: string;
  target: string;
  /** Where the replaced database was saved; null when there was none. */
  safetyBackup: string | null;
  /** The backup as it was checked (schema before any migration). */
  inspection: BackupInspection;
  /** The schema after restoring (the current one). */
  schema: SchemaVersion;
  /** Migrations applied to the restored database. */
  migrated: string[];
}

/** `<database>.before-restore-2026-11-23T17-05-12-345Z.db` */
export function safetyBackupPath(target: string, now: Date): string {
  return `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}.db`;
}

const stopFirst =
  "Stop the program that uses it (a running Klantwaarde server: npm start, npm run demo or next dev; or a clv command such as an import), " +
  "run the restore again, then start the server again.";

function refuseWhenOpenElsewhere(target: string, safetyBackup: string | null): void {
  if (!isOpenElsewhere(target)) return;
  const kept = safetyBackup ? ` Nothing was replaced; a copy of the current database was saved as ${safetyBackup}.` : " Nothing was changed.";
  // Its -wal is still there after this command closed its own connection: another connection holds it.
  throw BackupError.single("in-use", `The database ${target} is open in another program, so it is not replaced.${kept} ${stopFirst}`);
}

/** Opens and closes the database so that SQLite merges a write-ahead log no one else holds. */
function closeCleanly(target: string): void {
  const sqlite = new Database(target, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch {
    // A damaged database may not answer; it is replaced anyway (after its safety copy).
  } finally {
    sqlite.close();
  }
}

/** Checks the backup; returns its inspection (no changes anywhere). */
export function checkBackup(source: string): BackupInspection {
  const inspection = inspectBackup(path.resolve(source));
  if (inspection.problems.length > 0) {
    throw new BackupError(`The backup was refused; nothing was changed:`, inspection.problems);
  }
  return inspection;
}

/**
 * Replaces `request.target` with the backup `request.source` (see the steps at the top of this file).
 * Throws `BackupError` with every problem when the backup is refused or the database is in use; the
 * database is then unchanged.
 */
export async function restoreDatabase(request: RestoreRequest): Promise<RestoreResult> {
  if (request.target === ":memory:") throw new BackupError("DATABASE_URL is :memory:, an in-memory database: there is no file to restore into.");
  const source = path.resolve(request.source);
  const target = path.resolve(request.target);
  if (isSameFile(source, target)) {
    throw BackupError.single("same-file", `${source} is the database at DATABASE_URL itself. Name a backup file to restore.`);
  }
  const headerProblems = checkDatabaseFile(source);
  if (headerProblems.length > 0) throw new BackupError(`The backup was refused; nothing was changed:`, headerProblems);

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const copy = temporaryPathNextTo(target, "restore");
  try {
    fs.copyFileSync(source, copy);
    const inspection = inspectBackup(copy, { label: source });
    if (inspection.problems.length > 0) throw new BackupError(`The backup was refused; nothing was changed:`, inspection.problems);

    // Opened as the app opens it: older schemas are migrated, and the file is switched to WAL mode.
    const migrated = inspection.schema?.pending ?? [];
    try {
      openDatabase(copy).close();
    } catch (error) {
      throw new BackupError(
        `${source} could not be brought to the current schema (${(error as Error).message}). The database was not replaced; use another backup.`,
      );
    }
    const known = knownMigrations();
    const checkCopy = new Database(copy, { fileMustExist: true });
    let schema: SchemaVersion | null;
    try {
      schema = readSchemaVersion(checkCopy, known, source).version;
    } finally {
      checkCopy.close();
    }
    if (!schema || schema.pending.length > 0) throw new BackupError(`${source} could not be brought to the current schema; the database was not replaced.`);

    let safetyBackup: string | null = null;
    if (fs.existsSync(target) && fs.statSync(target).size > 0) {
      const sqliteTarget = isSqliteFile(target);
      if (sqliteTarget) {
        closeCleanly(target);
        refuseWhenOpenElsewhere(target, null);
      }
      safetyBackup = safetyBackupPath(target, request.now ?? new Date());
      try {
        if (!sqliteTarget) throw new Error("not a SQLite file");
        await backupDatabase(target, safetyBackup, { verify: false });
      } catch {
        // A damaged (or non-SQLite) database is kept as it is: no one has it open, so a file copy is whole.
        fs.copyFileSync(target, safetyBackup, fs.constants.COPYFILE_EXCL);
      }
      refuseWhenOpenElsewhere(target, safetyBackup);
    }
    for (const companion of companionFiles(target)) fs.rmSync(companion, { force: true });
    durableRename(copy, target);
    return { source, target, safetyBackup, inspection: { ...inspection, path: source }, schema, migrated };
  } finally {
    removeDatabaseFiles(copy);
  }
}
