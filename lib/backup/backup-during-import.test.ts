import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { backupDatabase } from "./backup-database";
import { restoreDatabase } from "./restore-database";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-backup-import-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const databasePath = path.join(folder, "live.db");
const cli = ["--import", "tsx", "--conditions=react-server", "scripts/clv.ts"];
// The big file is read in a worker thread while the main thread writes, as `clv import` does for big files.
const env = { ...process.env, DATABASE_URL: databasePath, CLV_IMPORT_WORKER_MIN_BYTES: "0" };
const BIG_ROWS = 300_000;

interface RestoredState {
  integrity: unknown;
  transactions: number;
  imports: { id: number; status: string; imported: number; rows: number }[];
}

/** Restores `backupFile` into a new database file and reads what it holds. */
async function restoreAndRead(backupFile: string, name: string): Promise<RestoredState> {
  const target = path.join(folder, `restored-${name}.db`);
  await restoreDatabase({ source: backupFile, target });
  const sqlite = new Database(target, { fileMustExist: true });
  try {
    return {
      integrity: sqlite.pragma("integrity_check", { simple: true }),
      transactions: sqlite.prepare("SELECT count(*) FROM transactions").pluck().get() as number,
      imports: sqlite
        .prepare(
          "SELECT i.id, i.status, i.imported, (SELECT count(*) FROM transactions t WHERE t.import_id = i.id) AS rows FROM imports i ORDER BY i.id",
        )
        .all() as RestoredState["imports"],
    };
  } finally {
    sqlite.close();
  }
}

test("a backup taken while an import writes restores to a consistent database: none or all of the import", async () => {
  const small = path.join(folder, "small.csv");
  fs.writeFileSync(small, "klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\n");
  expect(spawnSync(process.execPath, [...cli, "import", "transactions", small, "--no-recompute"], { env, encoding: "utf8" }).status).toBe(0);

  const big = path.join(folder, "big.csv");
  const lines = ["klant;datum;bedrag;order"];
  for (let i = 0; i < BIG_ROWS; i++) lines.push(`C${i % 30_000};${String((i % 28) + 1).padStart(2, "0")}-03-2026;${i % 900},95;B${i}`);
  fs.writeFileSync(big, lines.join("\n"));

  const child = spawn(process.execPath, [...cli, "import", "transactions", big, "--no-recompute"], { env });
  const backups: Promise<{ file: string }>[] = [];
  const takeBackup = (name: string) =>
    backups.push(
      backupDatabase(databasePath, path.join(folder, `${name}.db`)).then((result) => ({ file: result.path })),
    );
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const taken = new Set<number>();
  child.stderr.on("data", (data: Buffer) => {
    for (const match of data.toString().matchAll(/(\d+)% \(/g)) {
      const percent = Number(match[1]);
      // At 100% every row is written and the indexes are rebuilt before the commit: a backup then catches
      // the commit's neighbourhood.
      for (const mark of [20, 50, 80, 100]) {
        if (percent >= mark && (mark === 100 || percent < 100) && !taken.has(mark)) {
          taken.add(mark);
          takeBackup(`during-${mark}`);
        }
      }
    }
  });
  expect(await exited, "the import committed").toBe(0);
  const during = await Promise.all(backups);
  expect(during.length, "backups were taken while the import was running").toBeGreaterThan(0);
  takeBackup("after");
  const after = (await Promise.all(backups)).at(-1)!;

  const complete = await restoreAndRead(after.file, "after");
  expect(complete.integrity).toBe("ok");
  expect(complete.imports).toHaveLength(2);
  const bigImport = complete.imports[1];
  expect(bigImport).toMatchObject({ status: "committed", imported: BIG_ROWS, rows: BIG_ROWS });
  expect(complete.transactions).toBe(2 + BIG_ROWS);

  const states: RestoredState[] = [];
  for (const backup of during) {
    const state = await restoreAndRead(backup.file, path.basename(backup.file, ".db"));
    expect(state.integrity).toBe("ok");
    // Every import in the restored history has exactly its rows; the big one is there completely or not at all.
    for (const entry of state.imports) expect(entry.rows, `rows of import ${entry.id}`).toBe(entry.imported);
    expect(state.transactions).toBe(state.imports.reduce((sum, entry) => sum + entry.rows, 0));
    expect([2, 2 + BIG_ROWS]).toContain(state.transactions);
    // An import still running when the backup was taken is in its history as interrupted, with no rows.
    expect(state.imports.filter((entry) => entry.status === "committed")).toHaveLength(state.transactions === 2 ? 1 : 2);
    for (const entry of state.imports.filter((entry) => entry.status !== "committed")) expect(entry).toMatchObject({ status: "interrupted", rows: 0 });
    states.push(state);
  }
  expect(
    states.some((state) => state.transactions === 2),
    "at least one backup was taken while the import's rows were being written (and has none of them)",
  ).toBe(true);
}, 180_000);
