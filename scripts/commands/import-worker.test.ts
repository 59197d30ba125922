import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../../db/client";
import { sniffFile } from "../../lib/import/read/sniff";
import { runImport } from "../../lib/import/store/run-import";
import type { ImportReport } from "../../lib/import/store/import-report";
import { commandLineActor } from "../../lib/audit/events";

// `clv import` reads the file in a worker thread; the same import in this thread (as the browser upload
// route does) must give the same report and the same database.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-import-worker-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const TODAY = "2026-11-23";

function fingerprint(databasePath: string): string {
  const database = openDatabase(databasePath);
  try {
    const read = (query: string) => database.sqlite.prepare(query).raw().all();
    return JSON.stringify([
      read("SELECT id, external_id, first_seen_date FROM customers ORDER BY id"),
      read("SELECT id, external_id, customer_id, purchase_date, revenue_cents, cost_cents, quantity, channel, product_category, import_id, content_key FROM transactions ORDER BY id"),
      read("SELECT id, status, rows_read, imported, duplicates, rejected FROM imports ORDER BY id"),
    ]);
  } finally {
    database.close();
  }
}

function importWithCli(file: string, databasePath: string, extra: string[]): Partial<ImportReport> {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/clv.ts", "import", "transactions", file, "--json", "--no-recompute", ...extra],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: databasePath, CLV_IMPORT_WORKER_MIN_BYTES: "0" } },
  );
  expect(result.stderr).not.toMatch(/reading the file in this thread/);
  return JSON.parse(result.stdout) as ImportReport;
}

async function importHere(file: string, databasePath: string, skipInvalid: boolean): Promise<ImportReport> {
  const bytes = fs.readFileSync(file);
  const sniff = sniffFile(bytes.subarray(0, 65_536), path.basename(file), { today: TODAY, fileSize: bytes.length, choices: { kind: "transactions" } });
  const database = openDatabase(databasePath);
  try {
    return await runImport(database, {
      kind: "transactions",
      fileName: path.basename(file),
      by: commandLineActor("tests"),
      skipInvalid,
      totalBytes: bytes.length,
      input: (async function* () {
        for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
      })(),
      preflightProblems: sniff.problems.filter((problem) => problem.severity === "error"),
      reader: { today: TODAY, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat },
    });
  } finally {
    database.close();
  }
}

const lines = ["klantnummer;datum;bedrag;kosten;ordernummer;kanaal"];
for (let i = 0; i < 6_000; i++) {
  // Order lines (every order twice), a bad date and a bad amount now and then, rows without an order number.
  const order = i % 5 === 0 ? "" : `A${Math.floor(i / 2)}`;
  const date = i === 4_001 ? "31-02-2026" : `${String((i % 28) + 1).padStart(2, "0")}-0${(i % 9) + 1}-2025`;
  const amount = i === 5_000 ? "abc" : `${i % 700},${String(i % 100).padStart(2, "0")}`;
  lines.push(`K${i % 397};${date};${amount};${i % 3},00;${order};${i % 2 ? "Webshop" : ""}`);
}

test.each([
  ["valid rows only, with skip-invalid", lines.join("\n"), true],
  ["a file with invalid rows, all or nothing", lines.join("\n"), false],
  ["a quote never closed, found at the end", `${lines.slice(0, 2000).join("\r\n")}\r\nK1;01-01-2026;"1,00;A1\r\n`, true],
])("%s: the same report and database from the worker thread", async (_name, text, skipInvalid) => {
  const file = path.join(folder, "transactions.csv");
  fs.writeFileSync(file, text);
  const [here, cli] = [path.join(folder, `here-${skipInvalid}.db`), path.join(folder, `cli-${skipInvalid}.db`)];
  for (const databasePath of [here, cli]) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
  for (let round = 0; round < 2; round++) {
    const expected = await importHere(file, here, skipInvalid);
    const actual = importWithCli(file, cli, skipInvalid ? ["--skip-invalid"] : []);
    // Timings differ: the time taken and the longest step under the write lock.
    const { seconds: _seconds, longestWriteLockMs: _longest, ...same } = expected;
    expect({ ...actual, seconds: 0, longestWriteLockMs: 0 }).toEqual({ ...JSON.parse(JSON.stringify(same)), seconds: 0, longestWriteLockMs: 0 });
  }
  expect(fingerprint(cli)).toBe(fingerprint(here));
}, 120_000);
