import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { checkDatabaseFile } from "@/lib/backup/inspect-backup";
import { isSqliteFile } from "@/lib/backup/sqlite-files";
import { openDatabase, type OpenedSqliteDatabase } from "./client";

/**
 * The server keeps one connection open for good and opens more on the way (every upload, every audit
 * record in a file). POSIX drops all of a process's locks on a file when any descriptor of it closes, so
 * none of that may read the file with fs: another program would then delete the write-ahead log under
 * the server (issue 16, item 1).
 */

let folder: string;
let file: string;
let server: OpenedSqliteDatabase;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-locks-"));
  file = path.join(folder, "kw.db");
  server = openDatabase(file);
  // Something only the write-ahead log holds (no checkpoint yet): lost if the log is deleted.
  server.sqlite.pragma("wal_autocheckpoint = 0");
  server.sqlite.prepare("INSERT INTO customers (external_id) VALUES ('KB-LOCK-1')").run();
});
afterEach(() => {
  server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** This process's POSIX locks on the database file, from /proc/locks (Linux). */
function locksHeldHere(): string[] {
  const inode = fs.statSync(file).ino;
  return fs
    .readFileSync("/proc/locks", "utf8")
    .split("\n")
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[1] === "POSIX" && fields[4] === String(process.pid) && fields[5]?.endsWith(`:${inode}`);
    });
}

/**
 * Another program (Debian's sqlite3 tool, as an analyst would use it; scripts/ensure-test-tools.sh installs
 * it) opens the database, reads it and closes it. Believing it is the last connection, it checkpoints and
 * deletes the write-ahead log, unless the server's lock tells it otherwise.
 */
function anotherProgramOpensAndCloses(): void {
  const result = spawnSync("sqlite3", [file, "SELECT count(*) FROM customers;"], { encoding: "utf8" });
  if (result.error) throw new Error(`the sqlite3 tool is needed for this test: run scripts/ensure-test-tools.sh (${result.error.message})`);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

describe.skipIf(process.platform !== "linux")("the server's SQLite locks", () => {
  test("are held while its connection is open", () => {
    expect(locksHeldHere().length).toBeGreaterThan(0);
  });

  test("survive another connection of the same process (an upload) and the backup checks", () => {
    openDatabase(file).close(); // what POST /api/imports and the audit record in a file do
    expect(checkDatabaseFile(file, { refuseLiveWal: false })).toEqual([]);
    expect(isSqliteFile(file)).toBe(true);
    expect(locksHeldHere().length).toBeGreaterThan(0);
  });

  test("keep another program from deleting the write-ahead log under the server", () => {
    openDatabase(file).close();
    checkDatabaseFile(file, { refuseLiveWal: false });
    anotherProgramOpensAndCloses();
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    server.sqlite.prepare("INSERT INTO customers (external_id) VALUES ('KB-LOCK-2')").run();
    server.close();
    const reopened = openDatabase(file);
    try {
      const ids = reopened.sqlite.prepare("SELECT external_id FROM customers ORDER BY external_id").pluck().all();
      expect(ids).toEqual(["KB-LOCK-1", "KB-LOCK-2"]);
    } finally {
      reopened.close();
      server = openDatabase(file); // afterEach closes it
    }
  });
});
