/**
 * Benchmark of the import: generates Dutch-style transaction files (semicolons, decimal commas,
 * dd-mm-yyyy, order numbers) and imports each into a fresh database through the same code as
 * `clv import`, in a process of its own, measuring wall time and peak memory.
 * Usage: npm run bench:import -- [--rows 100000,1000000] [--runs 3] [--customers N]
 * Without --customers a file of n rows has about n / 10 customers; with it, every file has N customers, which
 * shows that memory follows the customers (one id per customer) and not the number of rows.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { createRandom, randomInt } from "../db/seed/random";
import { runImport } from "../lib/import/store/run-import";
import { rowStreamForFile } from "../lib/import/store/worker-row-stream";
import { commandLineActor } from "../lib/audit/events";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000,1000000" },
    runs: { type: "string", default: "3" },
    customers: { type: "string" },
    child: { type: "string" },
  },
});

/** The number of customers in a file of `rows` lines. */
function customersFor(rows: number): number {
  return values.customers ? Number(values.customers) : Math.max(1, Math.round(rows / 10));
}

/** Writes a transactions file of `rows` lines for `customersFor(rows)` customers. */
function writeFile(filePath: string, rows: number): void {
  const random = createRandom(rows);
  const customers = customersFor(rows);
  const fd = fs.openSync(filePath, "w");
  let buffer = "klantnummer;datum;bedrag;kosten;ordernummer;kanaal;categorie\n";
  const channels = ["Webshop", "Winkel", "App"];
  const categories = ["Koffiebonen", "Thee", "Accessoires", "Servies"];
  for (let i = 0; i < rows; i++) {
    const day = randomInt(random, 1, 28);
    const month = randomInt(random, 1, 12);
    const euros = randomInt(random, 3, 2400);
    const cents = randomInt(random, 0, 99);
    const amount = `${euros >= 1000 ? `${Math.floor(euros / 1000)}.${String(euros % 1000).padStart(3, "0")}` : euros},${String(cents).padStart(2, "0")}`;
    buffer += `K${randomInt(random, 1, customers)};${String(day).padStart(2, "0")}-${String(month).padStart(2, "0")}-2025;${amount};${Math.floor(euros / 2)},00;ORD${i};${channels[i % 3]};${categories[i % 4]}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

async function* chunks(filePath: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

if (values.child) {
  const [filePath, databasePath] = values.child.split("|") as [string, string];
  const database = openDatabase(databasePath);
  const report = await runImport(database, {
    kind: "transactions",
    fileName: path.basename(filePath),
    by: commandLineActor("bench:import"),
    input: chunks(filePath),
    // As `clv import` does: the file size lets a large import build its non-unique indexes once, after the rows.
    totalBytes: fs.statSync(filePath).size,
    // As `clv import` does: a large file is read in a worker thread while this one writes.
    readRows: rowStreamForFile(fs.statSync(filePath).size),
    reader: { today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" },
  });
  database.close();
  if (report.status !== "committed") throw new Error(report.message);
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({ seconds: report.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, imported: report.imported, peakRssMb: process.resourceUsage().maxRSS / 1024, lockMs: report.longestWriteLockMs }),
  );
  process.exit(0);
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const referenceBefore = machineReferenceMs();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bench-import-"));
const table: string[][] = [];
try {
  for (const rows of values.rows!.split(",").map((value) => Number(value.trim()))) {
    const filePath = path.join(folder, `transactions-${rows}.csv`);
    writeFile(filePath, rows);
    const sizeMb = fs.statSync(filePath).size / 2 ** 20;
    const runs: { seconds: number; cpuSeconds: number; imported: number; peakRssMb: number; lockMs: number }[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const databasePath = path.join(folder, `import-${rows}-${run}.db`);
      const started = performance.now();
      const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", `${filePath}|${databasePath}`], { encoding: "utf8" });
      const wallSeconds = (performance.now() - started) / 1000;
      if (child.status !== 0) throw new Error(`import of ${rows} rows failed:\n${child.stderr}`);
      const result = JSON.parse(child.stdout) as { seconds: number; cpuSeconds: number; imported: number; peakRssMb: number; lockMs: number };
      if (result.imported !== rows) throw new Error(`expected ${rows} imported rows, got ${result.imported}`);
      runs.push({ ...result, seconds: result.seconds });
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
      void wallSeconds;
    }
    const seconds = median(runs.map((r) => r.seconds));
    table.push([
      rows.toLocaleString("en"),
      customersFor(rows).toLocaleString("en"),
      sizeMb.toFixed(0),
      seconds.toFixed(2),
      Math.round(rows / seconds).toLocaleString("en"),
      median(runs.map((r) => r.cpuSeconds)).toFixed(2),
      median(runs.map((r) => r.peakRssMb)).toFixed(0),
      String(Math.max(...runs.map((r) => r.lockMs))),
      String(runs.length),
    ]);
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

// CPU seconds: both threads and the garbage collector, for the whole process (start-up included); next to
// the wall time it shows how much a busy machine slowed a run.
// Longest write-lock hold: the longest single transaction of the import (its short steps and the last one
// that makes the rows visible), the most any other writer waits for it; the largest over all runs.
const header = ["rows", "customers", "file MB", "seconds (median)", "rows/s", "CPU s (median)", "peak RSS MB", "longest write-lock hold ms", "runs"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
console.log(`Import of Dutch-style transaction files (read, validate, store, commit) on ${os.cpus().length} cores, Node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
console.log(machineReferenceLine(referenceBefore, machineReferenceMs()));
