/**
 * Benchmark of a re-import that changes every stored row: how long the import holds SQLite's write lock at
 * most (the most another writer waits), its total time and peak memory, for N changed rows.
 * `--kind customers`: a customers file of N stored customers, each with a new city, a third with a new
 * country and every newsletter flag flipped (the changes are written in steps, made visible by the commit
 * and folded in afterwards, lib/import/store/customer-changes.ts). `--kind transactions`: a transactions
 * file of N orders imported again with every order's total changed (each stored order is superseded by a
 * new row in the import's steps and the old rows are deleted by the fold, transaction-writer.ts).
 * Usage: npm run bench:import-changes -- [--kind customers|transactions] [--changed 200000,2000000] [--runs 1]
 * Each import runs in a process of its own (peak RSS is the changing import's alone) on a database the
 * first import of the same rows prepared.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { commandLineActor } from "../lib/audit/events";
import { runImport } from "../lib/import/store/run-import";
import { rowStreamForFile } from "../lib/import/store/worker-row-stream";
import { fileChunks, writeLinesFile } from "./bench-files";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({
  options: {
    kind: { type: "string", default: "customers" },
    changed: { type: "string", default: "200000,2000000" },
    runs: { type: "string", default: "1" },
    child: { type: "string" },
  },
});
const kind = values.kind as "customers" | "transactions";
if (kind !== "customers" && kind !== "transactions") throw new Error(`--kind must be customers or transactions, not "${values.kind}"`);

const CITIES = ["Gouda", "Delft", "Zwolle", "Breda", "Assen"];

/** Writes version `version` (0: first import, 1: every row changed) of a file of `rows` customers or orders. */
function writeFile(filePath: string, rows: number, version: number): void {
  if (kind === "customers") {
    writeLinesFile(filePath, "klantnummer;naam;woonplaats;land;nieuwsbrief\n", rows, (i) =>
      `K${i};Klant ${i};${CITIES[(i + version) % 5]};${version === 0 || i % 3 ? "NL" : "BE"};${(i + version) % 2 ? "ja" : "nee"}\n`);
  } else {
    const customers = Math.max(1, Math.round(rows / 10));
    writeLinesFile(filePath, "klantnummer;datum;bedrag;ordernummer\n", rows, (i) =>
      `K${i % customers};${String((i % 28) + 1).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-2025;${(i % 900) + 10 + version},${String(i % 100).padStart(2, "0")};ORD${i}\n`);
  }
}

interface ChildResult {
  seconds: number;
  updated: number;
  peakRssMb: number;
  lockMs: number;
}

if (values.child) {
  const [filePath, databasePath] = values.child.split("|") as [string, string];
  const database = openDatabase(databasePath);
  const size = fs.statSync(filePath).size;
  const report = await runImport(database, {
    kind,
    fileName: path.basename(filePath),
    by: commandLineActor("bench:import-changes"),
    input: fileChunks(filePath),
    totalBytes: size,
    // As `clv import` does: a large file is read in a worker thread while this one writes.
    readRows: rowStreamForFile(size),
    reader: { today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY", currency: "EUR", timeZone: "Europe/Amsterdam" },
  });
  database.close();
  if (report.status !== "committed") throw new Error(report.message);
  const result: ChildResult = { seconds: report.seconds, updated: report.updated, peakRssMb: process.resourceUsage().maxRSS / 1024, lockMs: report.longestWriteLockMs };
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Imports `filePath` into `databasePath` in a process of its own. */
function importInChild(filePath: string, databasePath: string): ChildResult {
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--kind", kind, "--child", `${filePath}|${databasePath}`], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`import of ${filePath} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as ChildResult;
}

// Longest write-lock hold: the longest single transaction of the changing import (its steps, the last
// transaction and, for customers, the steps of the fold): the most any other writer waits for it.
const header = [`changed ${kind}`, "file MB", "longest hold ms (median)", "longest hold ms (max)", "seconds (median)", "peak RSS MB", "runs"];
const widths = header.map((h) => h.length);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;

const referenceBefore = machineReferenceMs();
console.log(`Re-import changing every stored ${kind === "customers" ? "customer" : "order's total"} on ${os.cpus().length} cores, Node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bench-import-changes-"));
try {
  for (const rows of values.changed!.split(",").map((value) => Number(value.trim()))) {
    const first = path.join(folder, `${kind}-${rows}-0.csv`);
    const changed = path.join(folder, `${kind}-${rows}-1.csv`);
    writeFile(first, rows, 0);
    writeFile(changed, rows, 1);
    const runs: ChildResult[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const databasePath = path.join(folder, `changes-${rows}-${run}.db`);
      importInChild(first, databasePath);
      const result = importInChild(changed, databasePath);
      if (result.updated !== rows) throw new Error(`expected ${rows} updated, got ${result.updated}`);
      runs.push(result);
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
    }
    // Each size as soon as it is measured (a 2M-row run takes minutes).
    console.log(line([
      rows.toLocaleString("en"),
      (fs.statSync(changed).size / 2 ** 20).toFixed(0),
      String(median(runs.map((r) => r.lockMs))),
      String(Math.max(...runs.map((r) => r.lockMs))),
      median(runs.map((r) => r.seconds)).toFixed(1),
      median(runs.map((r) => r.peakRssMb)).toFixed(0),
      String(runs.length),
    ]));
    fs.rmSync(first);
    fs.rmSync(changed);
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

console.log(machineReferenceLine(referenceBefore, machineReferenceMs()));
