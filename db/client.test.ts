import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DatabaseStartupError, openDatabase, resolveDatabasePath } from "./client";

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-client-"));
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("resolveDatabasePath", () => {
  test("defaults to ./data/klantwaarde.db under the working directory", () => {
    expect(resolveDatabasePath(undefined)).toBe(path.resolve("data/klantwaarde.db"));
    expect(resolveDatabasePath("  ")).toBe(path.resolve("data/klantwaarde.db"));
  });
  test("accepts plain paths and file: URLs", () => {
    expect(resolveDatabasePath("/srv/kw.db")).toBe("/srv/kw.db");
    expect(resolveDatabasePath("file:./x/kw.db")).toBe(path.resolve("x/kw.db"));
    expect(resolveDatabasePath("file:///srv/kw.db")).toBe("/srv/kw.db");
  });
  test("rejects server URLs with a message that says a file path is needed", () => {
    expect(() => resolveDatabasePath("postgres://user@host/db")).toThrow(/is not a file path.*DATABASE_URL/);
    // A password in the URL never reaches the message (it would land in logs).
    expect(() => resolveDatabasePath("postgres://app:s3cret-pw@db.example.nl/crm")).toThrow(/"postgres:\/\/app:\*\*\*@db\.example\.nl\/crm"/);
    expect(() => resolveDatabasePath("postgres://app:s3cret-pw@db.example.nl/crm")).not.toThrow(/s3cret-pw/);
  });
});

describe("openDatabase", () => {
  test("creates the folder and the database, with WAL, foreign keys and every table", () => {
    const file = path.join(folder, "nested", "kw.db");
    const database = openDatabase(file);
    expect(database.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["customers", "customer_attributes", "transactions"]));
    database.close();
  });

  test("applying migrations again changes nothing", () => {
    const file = path.join(folder, "kw.db");
    const first = openDatabase(file);
    first.sqlite.prepare("INSERT INTO customers (external_id) VALUES ('C1')").run();
    const applied = first.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get();
    first.close();
    const second = openDatabase(file);
    expect(second.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(applied);
    expect(second.sqlite.prepare("SELECT count(*) FROM customers").pluck().get()).toBe(1);
    second.close();
  });

  test("refuses a file that is not SQLite, names it, and leaves it untouched", () => {
    const file = path.join(folder, "notes.db");
    fs.writeFileSync(file, "my precious notes\n");
    const before = fs.statSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseStartupError);
    expect(() => openDatabase(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not a SQLite database.*DATABASE_URL`));
    expect(fs.readFileSync(file, "utf8")).toBe("my precious notes\n");
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  test("refuses the SQLite database of another application without changing it", () => {
    const file = path.join(folder, "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    other.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/another application \(tables: invoices\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test("explains a folder that cannot be created", () => {
    const blocker = path.join(folder, "a-file");
    fs.writeFileSync(blocker, "");
    const file = path.join(blocker, "kw.db");
    expect(() => openDatabase(file)).toThrow(new RegExp(`Cannot create the folder .*a-file.*Set DATABASE_URL to a writable file path`));
  });

  test("explains a path that is a folder, not a file", () => {
    const file = path.join(folder, "actually-a-folder.db");
    fs.mkdirSync(file);
    expect(() => openDatabase(file)).toThrow(/is not a file\. Set DATABASE_URL/);
  });
});
