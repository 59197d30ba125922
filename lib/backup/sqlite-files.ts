/** File-system helpers around one SQLite database file and its companions (-wal, -shm, -journal). */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isDatabaseFileOpenHere } from "@/db/open-files";

export const SQLITE_HEADER = "SQLite format 3\u0000";

/** The companion files SQLite keeps next to a database while it is open (and after a crash). */
export function companionFiles(databasePath: string): string[] {
  return [`${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}-journal`];
}

/** True when a write-ahead log with content sits next to the file: the database is open somewhere (or was copied while open). */
export function hasLiveWal(databasePath: string): boolean {
  try {
    return fs.statSync(`${databasePath}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * The first 16 bytes of the file as text ("SQLite format 3\0" for SQLite), or "" when it is shorter.
 * A database this process has open through SQLite is not read with fs (closing that descriptor would
 * release the connection's locks, see db/open-files.ts): SQLite opened it, so its header is SQLite's.
 */
export function readHeader(filePath: string): string {
  if (isDatabaseFileOpenHere(filePath)) return SQLITE_HEADER;
  const header = Buffer.alloc(16);
  const fd = fs.openSync(filePath, "r");
  try {
    const bytesRead = fs.readSync(fd, header, 0, 16, 0);
    return header.subarray(0, bytesRead).toString("latin1");
  } finally {
    fs.closeSync(fd);
  }
}

export function isSqliteFile(filePath: string): boolean {
  return readHeader(filePath) === SQLITE_HEADER;
}

/** Removes a database file and its companions, ignoring what is not there. */
export function removeDatabaseFiles(databasePath: string): void {
  for (const file of [databasePath, ...companionFiles(databasePath)]) fs.rmSync(file, { force: true });
}

/** A name for a temporary file in the same folder as `finalPath` (so that renaming it there is atomic). */
export function temporaryPathNextTo(finalPath: string, purpose: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${purpose}-${process.pid}-${Date.now()}.tmp`);
}

/** Flushes a file to disk, then renames it (atomically replacing `to`) and flushes the folder entry. */
export function durableRename(from: string, to: string): void {
  const fd = fs.openSync(from, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(from, to);
  try {
    const folder = fs.openSync(path.dirname(to), "r");
    try {
      fs.fsyncSync(folder);
    } finally {
      fs.closeSync(folder);
    }
  } catch {
    // Not every platform can fsync a folder; the rename itself is still atomic.
  }
}

/** Whether two paths name the same existing file (also through links). */
export function isSameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const first = fs.statSync(a);
    const second = fs.statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

/**
 * Whether another connection has the database open. Call after closing every connection of this
 * process. Two signs, either is enough: a -wal file that is still there (the last connection to close a
 * WAL-mode database merges and deletes it, so one that is left belongs to a connection elsewhere), and
 * the database file's lock: a connection in exclusive locking mode can only read when no other program
 * holds a shared lock on the file, which every open connection does.
 */
export function isOpenElsewhere(databasePath: string): boolean {
  if (fs.existsSync(`${databasePath}-wal`)) return true;
  let probe: Database.Database;
  try {
    probe = new Database(databasePath, { fileMustExist: true });
  } catch {
    return false; // not there, or not openable: no one else can have it open as a database either
  }
  try {
    probe.pragma("busy_timeout = 0");
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.prepare("SELECT count(*) FROM sqlite_master").get();
    return false;
  } catch (error) {
    return (error as { code?: string }).code === "SQLITE_BUSY";
  } finally {
    probe.close();
  }
}
