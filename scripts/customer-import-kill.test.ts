/**
 * kill -9 of `clv import customers` with a file that changes every stored customer: killed while it writes
 * its changes, readers see the old values and the next import removes them (nothing changed); killed while
 * it folds its committed changes in, readers see the new values and the next import finishes the fold.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, expect, test } from "vitest";
import { openDatabase } from "../db/client";
import { visibleAttributesSql, visibleCustomerFieldSql } from "../lib/import/store/customer-changes";
import { CLV_COMMAND, killImportWhen } from "./kill-import.test-helpers";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-customer-kill-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const databasePath = path.join(folder, "kill.db");
// Steps of 50 ms: writing and folding the changes span many steps, so there is a moment to kill in.
const env = { ...process.env, DATABASE_URL: databasePath, CLV_IMPORT_WORKER_MIN_BYTES: "0", CLV_IMPORT_STEP_MS: "50" };
const CUSTOMERS = 40_000;

function customersFile(name: string, version: number): string {
  const file = path.join(folder, name);
  const lines = ["klantnummer;naam;woonplaats;land;nieuwsbrief"];
  for (let i = 0; i < CUSTOMERS; i++) lines.push(`K${i};Klant ${i};${["Gouda", "Delft", "Zwolle"][(i + version) % 3]};${version === 0 || i % 3 ? "NL" : "BE"};${(i + version) % 2 ? "ja" : "nee"}`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const importWithCli = (file: string) => expect(spawnSync(process.execPath, [...CLV_COMMAND, "import", "customers", file], { env, encoding: "utf8" }).status).toBe(0);

/** What readers see (stored values overlaid by committed changes), what the tables hold, and the history. */
function snapshot() {
  const database = openDatabase(databasePath);
  try {
    const all = (query: string) => JSON.stringify(database.sqlite.prepare(query).all());
    const field = (column: "city" | "country") => visibleCustomerFieldSql("c.id", `c.${column}`, column);
    return {
      integrity: database.sqlite.pragma("integrity_check", { simple: true }),
      visible: [
        all(`SELECT ${field("city")} AS city, ${field("country")} AS country, count(*) AS n FROM customers AS c GROUP BY 1, 2 ORDER BY 1, 2`),
        all(`SELECT a.value, count(*) AS n FROM ${visibleAttributesSql()} AS a GROUP BY a.value ORDER BY a.value`),
      ],
      stored: [all("SELECT city, country, count(*) AS n FROM customers GROUP BY 1, 2 ORDER BY 1, 2"), all("SELECT value, count(*) AS n FROM customer_attributes GROUP BY value ORDER BY value")],
      changes: database.sqlite.prepare("SELECT (SELECT count(*) FROM customer_changes) + (SELECT count(*) FROM customer_attribute_changes)").pluck().get() as number,
      history: (database.sqlite.prepare("SELECT file_name, status FROM imports ORDER BY id").all() as { file_name: string; status: string }[]).map((row) => `${row.file_name} ${row.status}`),
    };
  } finally {
    database.close();
  }
}

/** Starts `clv import customers file` and kills it (-9) the first time `when` (read by a watcher) holds. */
async function killWhen(file: string, when: string): Promise<void> {
  const { signal, errors } = await killImportWhen(databasePath, ["import", "customers", file], env, when);
  expect(signal, `the import was killed at the moment chosen (it said: ${errors.slice(-300)})`).toBe("SIGKILL");
}

beforeEach(() => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
});

test("killed while it writes its changes: readers see the old values, and the next import removes the changes", async () => {
  importWithCli(customersFile("first.csv", 0));
  const before = snapshot();
  await killWhen(customersFile("changed.csv", 1), "EXISTS (SELECT 1 FROM customer_changes) AND EXISTS (SELECT 1 FROM imports WHERE status = 'running')");

  const killed = snapshot();
  expect(killed.integrity).toBe("ok");
  expect(killed.changes, "changes were written before the kill").toBeGreaterThan(0);
  expect(killed.visible).toEqual(before.visible);
  expect(killed.stored).toEqual(before.stored);

  importWithCli(customersFile("first-again.csv", 0));
  const after = snapshot();
  expect(after.history).toEqual(["first.csv committed", "changed.csv interrupted", "first-again.csv committed"]);
  expect(after.changes).toBe(0);
  expect(after.visible).toEqual(before.visible);
  expect(after.stored).toEqual(before.stored);
}, 300_000);

test("killed while it folds its committed changes in: readers see the new values, and the next import finishes the fold", async () => {
  importWithCli(customersFile("first.csv", 0));
  const before = snapshot();
  await killWhen(customersFile("changed.csv", 1), "EXISTS (SELECT 1 FROM imports WHERE status = 'committed' AND file_name = 'changed.csv') AND EXISTS (SELECT 1 FROM customer_changes)");

  const killed = snapshot();
  expect(killed.integrity).toBe("ok");
  expect(killed.changes, "the fold was cut short").toBeGreaterThan(0);
  expect(killed.visible).not.toEqual(before.visible);
  expect(killed.stored, "some changes are not in the stored rows yet").not.toEqual(killed.visible);

  // The same file again: the fold is finished first, then nothing changes.
  importWithCli(customersFile("changed-again.csv", 1));
  const after = snapshot();
  expect(after.history).toEqual(["first.csv committed", "changed.csv committed", "changed-again.csv committed"]);
  expect(after.changes).toBe(0);
  expect(after.visible).toEqual(killed.visible);
  expect(after.stored).toEqual(killed.visible);
}, 300_000);
