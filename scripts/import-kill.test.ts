import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../db/client";
import { visibleTransactionSql } from "../lib/import/store/pending";
import { CLV_COMMAND, killImportWhen } from "./kill-import.test-helpers";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-kill-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const databasePath = path.join(folder, "kill.db");
// The big file is read in a worker thread, as clv import does for files from 16 MB on.
const env = { ...process.env, DATABASE_URL: databasePath, CLV_IMPORT_WORKER_MIN_BYTES: "0" };

const VISIBLE = visibleTransactionSql();

/** What readers see, and what is in the tables whatever readers see. */
function snapshot() {
  const database = openDatabase(databasePath);
  try {
    const read = (query: string) => database.sqlite.prepare(query).get();
    return {
      integrity: database.sqlite.pragma("integrity_check", { simple: true }),
      visible: JSON.stringify(read(`SELECT count(*) AS n, coalesce(sum(revenue_cents), 0) AS revenue FROM transactions WHERE ${VISIBLE}`)),
      state: JSON.stringify([
        read("SELECT count(*) AS n, coalesce(sum(revenue_cents), 0) AS revenue FROM transactions"),
        read("SELECT count(*) AS n FROM customers"),
      ]),
      history: database.sqlite.prepare("SELECT file_name, status, message FROM imports ORDER BY id").all() as { file_name: string; status: string; message: string | null }[],
    };
  } finally {
    database.close();
  }
}

test("killing an import halfway (kill -9) changes nothing readers see, and the next start marks it interrupted and removes its rows", async () => {
  const small = path.join(folder, "small.csv");
  fs.writeFileSync(small, "klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\n");
  expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small], { env, encoding: "utf8" }).status).toBe(0);
  const before = snapshot();

  const big = path.join(folder, "big.csv");
  const lines = ["klant;datum;bedrag;order"];
  for (let i = 0; i < 400_000; i++) lines.push(`C${i % 40_000};${String((i % 28) + 1).padStart(2, "0")}-03-2026;${i % 900},95;B${i}`);
  fs.writeFileSync(big, lines.join("\n"));

  const child = spawn(process.execPath, [...CLV_COMMAND, "import", "transactions", big], { env });
  let killedAt = -1;
  await new Promise<void>((resolve) => {
    child.stderr.on("data", (data: Buffer) => {
      const percents = [...data.toString().matchAll(/(\d+)% \(([\d,]+) rows\)/g)].map((match) => Number(match[1]));
      const percent = percents.at(-1);
      if (killedAt < 0 && percent !== undefined && percent >= 20 && percent < 90) {
        killedAt = percent;
        child.kill("SIGKILL");
      }
    });
    child.on("exit", () => resolve());
  });
  expect(killedAt, "the import was killed while it was storing rows").toBeGreaterThanOrEqual(20);
  expect(child.signalCode).toBe("SIGKILL");

  // Right after the kill: readers see exactly what was there; the attempt is in the history.
  const killed = snapshot();
  expect(killed.integrity).toBe("ok");
  expect(killed.visible).toBe(before.visible);
  expect(killed.history.map((row) => [row.file_name, row.status])).toEqual([["small.csv", "committed"], ["big.csv", "running"]]);

  // The next start (here: the next import) marks it interrupted and removes every row it wrote.
  expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small], { env, encoding: "utf8" }).status).toBe(0);
  const after = snapshot();
  expect(after.integrity).toBe("ok");
  expect(after.state).toBe(before.state);
  expect(after.history.map((row) => [row.file_name, row.status])).toEqual([["small.csv", "committed"], ["big.csv", "interrupted"], ["small.csv", "committed"]]);
  expect(after.history[1]!.message).toMatch(/interrupted.*nothing of it was kept/);
  // The audit trail says so too, under the person who started it (here: the login at the command line).
  const database = openDatabase(databasePath);
  try {
    const events = database.sqlite.prepare("SELECT actor, source, target, details FROM audit_events WHERE action = 'import' ORDER BY id").all() as { actor: string; source: string; target: string; details: string }[];
    const interrupted = events.filter((event) => JSON.parse(event.details).status === "interrupted");
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toMatchObject({ target: "big.csv", source: "cli", actor: expect.stringMatching(/^command line \(/) });
    expect(JSON.parse(interrupted[0]!.details)).toMatchObject({ during: "import", imported: 0 });
  } finally {
    database.close();
  }
}, 120_000);

test("killing an import while it copies its staged rows into the database (kill -9) leaves what readers see as it was", async () => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  const small = path.join(folder, "small-2.csv");
  fs.writeFileSync(small, "klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\n");
  expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small], { env, encoding: "utf8" }).status).toBe(0);
  const before = snapshot();
  const big = path.join(folder, "big-2.csv");
  const lines = ["klant;datum;bedrag;order"];
  for (let i = 0; i < 400_000; i++) lines.push(`C${i % 40_000};${String((i % 28) + 1).padStart(2, "0")}-03-2026;${i % 900},95;B${i}`);
  fs.writeFileSync(big, lines.join("\n"));

  // The file is read into the staging database first; the kill comes once the running import has copied
  // rows into the main tables (two index look-ups, so a busy machine still looks often).
  // Steps of 50 ms: the copy spans many steps on a quiet machine too (with 1 s steps it may fit in one,
  // committed right before the last transaction, and there would be no moment to kill it in).
  const copied = "coalesce((SELECT max(id) FROM transactions) >= (SELECT min(pending_transactions_from) FROM imports WHERE status = 'running'), 0)";
  const { signal, errors, looks } = await killImportWhen(databasePath, ["import", "transactions", big], { ...env, CLV_IMPORT_STEP_MS: "50" }, copied, 20);
  expect(signal, `the import was killed while it copied rows (${looks} looks; it said: ${errors.slice(-300)})`).toBe("SIGKILL");

  const killed = snapshot();
  expect(killed.integrity).toBe("ok");
  expect(killed.visible).toBe(before.visible);
  expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small], { env, encoding: "utf8" }).status).toBe(0);
  const after = snapshot();
  expect(after.state).toBe(before.state);
  expect(after.history.map((row) => [row.file_name, row.status])).toEqual([["small-2.csv", "committed"], ["big-2.csv", "interrupted"], ["small-2.csv", "committed"]]);
}, 120_000);

test("killing a re-export while it supersedes stored orders (kill -9) leaves what readers see as it was, and the next start restores them", async () => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  const orders = (cents: number) => {
    const lines = ["klant;datum;bedrag;order"];
    for (let i = 0; i < 200_000; i++) lines.push(`C${i % 20_000};${String((i % 28) + 1).padStart(2, "0")}-03-2026;${i % 900},${cents};R${i}`);
    return lines.join("\n");
  };
  const first = path.join(folder, "orders.csv");
  const reExport = path.join(folder, "orders-again.csv");
  fs.writeFileSync(first, orders(95));
  fs.writeFileSync(reExport, orders(45)); // every order's total changed
  expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", first], { env, encoding: "utf8" }).status).toBe(0);
  const before = snapshot();

  // The kill comes once the running import has marked stored orders (one look-up in the index of superseded rows).
  const marked = "EXISTS (SELECT 1 FROM transactions WHERE superseded_by IS NOT NULL)";
  const { signal, errors } = await killImportWhen(databasePath, ["import", "transactions", reExport], { ...env, CLV_IMPORT_STEP_MS: "50" }, marked, 20);
  expect(signal, `the import was killed while it superseded orders (it said: ${errors.slice(-300)})`).toBe("SIGKILL");

  const killed = snapshot();
  expect(killed.integrity).toBe("ok");
  expect(killed.visible).toBe(before.visible);
  // The next start (here: importing the first file again, which changes nothing) removes the marks and the new rows.
  const again = spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", first], { env, encoding: "utf8" });
  expect(again.status, again.stderr).toBe(0);
  const after = snapshot();
  expect(after.state).toBe(before.state);
  expect(after.visible).toBe(before.visible);
  const database = openDatabase(databasePath);
  try {
    expect(database.sqlite.prepare("SELECT count(*) FROM transactions WHERE superseded_by IS NOT NULL").pluck().get()).toBe(0);
  } finally {
    database.close();
  }
  expect(after.history.map((row) => [row.file_name, row.status])).toEqual([["orders.csv", "committed"], ["orders-again.csv", "interrupted"], ["orders.csv", "committed"]]);
}, 120_000);
