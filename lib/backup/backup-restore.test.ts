import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "@/db/client";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { backupDatabase } from "./backup-database";
import { inspectBackup } from "./inspect-backup";
import { BackupError } from "./problems";
import { restoreDatabase } from "./restore-database";
import { knownMigrations } from "./schema-version";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-backup-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const live = path.join(folder, "live.db");

/** Every row of every table, in a stable order: equal dumps mean equal data. */
function dump(filePath: string): Record<string, unknown[]> {
  const sqlite = new Database(filePath, { fileMustExist: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all()]));
  } finally {
    sqlite.close();
  }
}

function fileHash(filePath: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(filePath)).digest("hex");
}

/** Files of the folder other than the given ones: leftovers of a refused or failed operation. */
function strayFiles(except: string[]): string[] {
  return fs.readdirSync(folder).filter((name) => !except.includes(name) && !name.endsWith(".keep"));
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

beforeAll(async () => {
  const database = openDatabase(live);
  await seedDemoCompany(database.db, { customers: 300, seed: 5, years: 1, endDate: "2026-02-14" });
  await recomputeNow(database, { reason: "test" });
  database.close();
});

describe("backup and restore", () => {
  test("a round trip restores every row, and the replaced database is kept as a safety backup", async () => {
    const before = dump(live);
    expect((before.customers as unknown[]).length).toBe(300);
    expect((before.snapshots as unknown[]).length).toBeGreaterThan(0);
    const backupFile = path.join(folder, "backups", "round-trip.db");
    // A connection stays open (as the app's would) while the backup is taken.
    const app = openDatabase(live);
    const result = await backupDatabase(live, backupFile);
    expect(result.path).toBe(backupFile);
    expect(result.inspection.problems).toEqual([]);
    expect(result.inspection.integrity).toBe("ok");
    expect(result.inspection.counts).toEqual({
      customers: 300,
      transactions: (before.transactions as unknown[]).length,
      snapshots: (before.snapshots as unknown[]).length,
      imports: (before.imports as unknown[]).length,
    });
    expect(result.inspection.schema).toMatchObject({ applied: knownMigrations().length, current: knownMigrations().length, pending: [] });
    expect(fs.existsSync(`${backupFile}-wal`)).toBe(false);
    expect(fs.readdirSync(path.dirname(backupFile))).toEqual(["round-trip.db"]);
    expect(dump(backupFile)).toEqual(before);

    // Change the live database, then restore the backup over it.
    app.sqlite.exec("DELETE FROM customers WHERE id % 2 = 0");
    app.close();
    const changed = dump(live);
    const restored = await restoreDatabase({ source: backupFile, target: live, now: new Date("2026-11-23T17:00:00.000Z") });
    expect(restored.safetyBackup).toBe(`${live}.before-restore-2026-11-23T17-00-00-000Z.db`);
    expect(restored.migrated).toEqual([]);
    expect(dump(live)).toEqual(before);
    expect(dump(restored.safetyBackup!)).toEqual(changed);
    expect(strayFiles(["live.db", "backups", path.basename(restored.safetyBackup!)])).toEqual([]);
    const reopened = openDatabase(live);
    expect(reopened.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    reopened.close();
    fs.rmSync(restored.safetyBackup!);
  });

  test("the backup holds changes still only in the write-ahead log of an open connection", async () => {
    const app = openDatabase(live);
    app.sqlite.pragma("wal_autocheckpoint = 0");
    app.sqlite.exec("INSERT INTO customers (external_id, name) VALUES ('K-WAL', 'Nog In De Log')");
    expect(fs.statSync(`${live}-wal`).size).toBeGreaterThan(0);
    const backupFile = path.join(folder, "backups", "with-wal.db");
    const result = await backupDatabase(live, backupFile);
    expect(result.inspection.counts?.customers).toBe(301);
    expect(dump(backupFile).customers).toEqual(dump(live).customers);
    app.sqlite.exec("DELETE FROM customers WHERE external_id = 'K-WAL'");
    app.close();
  });

  test("an existing backup file is only replaced with force", async () => {
    const backupFile = path.join(folder, "backups", "existing.db");
    fs.writeFileSync(backupFile, "keep me");
    const error = await refusal(backupDatabase(live, backupFile));
    expect(error.message).toContain(`${backupFile} already exists`);
    expect(error.message).toContain("--force");
    expect(fs.readFileSync(backupFile, "utf8")).toBe("keep me");
    const forced = await backupDatabase(live, backupFile, { force: true });
    expect(forced.inspection.counts?.customers).toBe(300);
    expect(dump(backupFile)).toEqual(dump(live));
    expect((await refusal(backupDatabase(live, live))).message).toContain("is the database itself");
  });

  describe("restore refuses what is not a Klantwaarde backup, and changes nothing", () => {
    const notSqlite = path.join(folder, "notes.txt");
    const empty = path.join(folder, "empty.db");
    const noTables = path.join(folder, "no-tables.db");
    const foreign = path.join(folder, "foreign.db");
    const unknown = path.join(folder, "unknown-migration.db");
    const newer = path.join(folder, "newer.db");
    const damaged = path.join(folder, "damaged.db");

    beforeAll(async () => {
      fs.writeFileSync(notSqlite, "klant;datum;bedrag\nK1;15-01-2026;10,00\n");
      fs.writeFileSync(empty, "");
      const blank = new Database(noTables);
      blank.pragma("user_version = 1"); // writes the header of a database without tables
      blank.close();
      const other = new Database(foreign);
      other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
      other.close();
      const known = knownMigrations();
      await backupDatabase(live, unknown);
      const withUnknown = new Database(unknown);
      withUnknown.prepare(`INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)`).run("f".repeat(64), known[2]!.createdAt + 1);
      withUnknown.close();
      await backupDatabase(live, newer);
      const fromTheFuture = new Database(newer);
      fromTheFuture.prepare(`INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)`).run("e".repeat(64), known.at(-1)!.createdAt + 86_400_000);
      fromTheFuture.close();
      await backupDatabase(live, damaged);
      // Overwrite a page in the middle of the transactions table's b-tree with zeros.
      const bytes = fs.readFileSync(damaged);
      const pageSize = bytes.readUInt16BE(16);
      const probe = new Database(damaged, { fileMustExist: true });
      const rootPage = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'transactions'").pluck().get() as number;
      probe.close();
      bytes.fill(0, (rootPage - 1) * pageSize, rootPage * pageSize);
      fs.writeFileSync(damaged, bytes);
    });

    test.each([
      ["a text file", () => notSqlite, "not-sqlite", /is not a SQLite database/],
      ["an empty file", () => empty, "empty-file", /is empty \(0 bytes\)/],
      ["a SQLite file without tables", () => noTables, "not-klantwaarde", /not a Klantwaarde database \(it has no tables at all/],
      ["another application's SQLite file", () => foreign, "not-klantwaarde", /its tables are invoices/],
      ["a database with a migration this code does not know", () => unknown, "unknown-migration", /does not know .*Restore it with the Klantwaarde version that made it/],
      ["a database of a newer version", () => newer, "newer-schema", /newer version of Klantwaarde.*Update Klantwaarde/],
      ["a damaged database", () => damaged, "integrity", /damaged|cannot be read/],
    ])("%s", async (_name, file, code, message) => {
      const liveBefore = fileHash(live);
      const filesBefore = fs.readdirSync(folder).sort();
      const error = await refusal(restoreDatabase({ source: file(), target: live }));
      expect(error.problems.map((problem) => problem.code)).toContain(code);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(file());
      expect(fileHash(live)).toBe(liveBefore);
      expect(fs.readdirSync(folder).sort()).toEqual(filesBefore);
      expect(inspectBackup(file()).problems.map((problem) => problem.code)).toContain(code);
    });
  });

  test("a backup of an older schema version is restored and migrated", async () => {
    const known = knownMigrations();
    const olderFolder = path.join(folder, "older-migrations");
    fs.cpSync(MIGRATIONS_FOLDER, olderFolder, { recursive: true });
    const journalPath = path.join(olderFolder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, known.length - 2);
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const older = path.join(folder, "older.db");
    const sqlite = new Database(older);
    migrate(drizzle(sqlite), { migrationsFolder: olderFolder });
    sqlite.exec("INSERT INTO customers (external_id, name, first_seen_date) VALUES ('K-OLD', 'Oud Klant', '2020-01-01')");
    sqlite.close();

    const inspection = inspectBackup(older);
    expect(inspection.problems).toEqual([]);
    expect(inspection.schema).toEqual({
      applied: known.length - 2,
      current: known.length,
      latest: known[known.length - 3]!.tag,
      pending: known.slice(-2).map((migration) => migration.tag),
    });
    const target = path.join(folder, "restored-older.db");
    const result = await restoreDatabase({ source: older, target });
    expect(result.safetyBackup).toBeNull();
    expect(result.migrated).toEqual(known.slice(-2).map((migration) => migration.tag));
    expect(result.schema.pending).toEqual([]);
    expect(inspectBackup(target).schema).toMatchObject({ applied: known.length, pending: [] });
    const restored = new Database(target, { fileMustExist: true });
    expect(restored.prepare("SELECT name FROM customers").pluck().all()).toEqual(["Oud Klant"]);
    restored.close();
    fs.rmSync(target);
  });

  test("restore refuses while another connection has the database open", async () => {
    const backupFile = path.join(folder, "while-open.db");
    await backupDatabase(live, backupFile);
    const server = openDatabase(live); // like the app's server, which keeps its connection
    server.sqlite.prepare("SELECT count(*) FROM customers").get();
    const liveBefore = dump(live);
    const error = await refusal(restoreDatabase({ source: backupFile, target: live }));
    expect(error.problems.map((problem) => problem.code)).toEqual(["in-use"]);
    expect(error.message).toContain("is open in another program");
    expect(error.message).toMatch(/Stop the program that uses it/);
    server.close();
    expect(dump(live)).toEqual(liveBefore);
    expect(fs.readdirSync(folder).filter((name) => name.includes("before-restore") || name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("restore while a server runs in another process", () => {
  test("is refused after the server has opened further connections (uploads) on the way", async () => {
    const backupFile = path.join(folder, "while-serving.db");
    await backupDatabase(live, backupFile);
    // A stand-in for the app's server: keeps its connection, writes, then handles "an upload" (a second
    // connection of the same process, opened and closed), and waits.
    const serverScript = [
      `import { openDatabase } from "./db/client.ts";`,
      `const server = openDatabase(process.argv[1]);`,
      `server.sqlite.prepare("UPDATE settings SET updated_at = updated_at").run();`,
      `openDatabase(process.argv[1]).close();`,
      `process.stdout.write("ready\\n");`,
      `process.stdin.on("data", () => { server.close(); process.exit(0); });`,
    ].join("\n");
    const server = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", serverScript, live], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on("data", (data: Buffer) => data.toString().includes("ready") && resolve());
        server.on("exit", (code) => reject(new Error(`the stand-in server exited (${code})`)));
      });
      // An analyst looks at the file with the sqlite3 tool meanwhile (it deletes the log when it thinks it is alone).
      const look = spawnSync("sqlite3", [live, "SELECT count(*) FROM customers;"], { encoding: "utf8" });
      if (look.error) throw new Error(`the sqlite3 tool is needed for this test: run scripts/ensure-test-tools.sh (${look.error.message})`);
      const liveBefore = fileHash(live);
      const error = await refusal(restoreDatabase({ source: backupFile, target: live }));
      expect(error.problems.map((problem) => problem.code)).toEqual(["in-use"]);
      expect(fileHash(live)).toBe(liveBefore);
      expect(fs.existsSync(`${live}-wal`)).toBe(true);
    } finally {
      server.stdin.write("stop\n");
      await new Promise((resolve) => server.on("exit", resolve));
    }
    for (const name of fs.readdirSync(folder).filter((entry) => entry.includes("before-restore"))) fs.rmSync(path.join(folder, name));
  }, 30_000);
});
