/**
 * Benchmark of the import: generates Dutch-style transaction files (semicolons, decimal commas,
 * dd-mm-yyyy, order numbers) and imports each into a fresh database through the same code as
 * `clv import`, in a process of its own, measuring wall time and peak memory.
 * Usage: npm run bench:import -- [--rows 100000,1000000] [--runs 3] [--customers N] [--shape dutch|shopify]
 * Without --customers a file of n rows has about n / 10 customers; with it, every file has N customers, which
 * shows that memory follows the customers (one id per customer) and not the number of rows.
 * `--shape shopify` writes a Shopify orders export instead (one row per order line, the order's fields on
 * its first line, e-mail addresses in mixed case, refunds and statuses): the platform reader's path.
 * `--database postgres://user:password@host:5432/db` also imports every file into PostgreSQL (each run into a
 * schema of its own, dropped afterwards; `npm run test-postgres` starts a throwaway server) and prints a row per
 * engine, the runs alternating, each through the same `runImport` as `clv import` (history row, audit event and all).
 * `--baseline DIR` also imports every file with the code of another checkout (e.g. `git worktree add DIR <commit>`
 * and a hard-linked copy of node_modules: `cp -al node_modules DIR/`), that checkout's run first in every pair:
 * a row per side, and the ratio of this code's time to the baseline's, pair by pair. On a shared machine only
 * such alternating runs compare code; a figure from another hour compares machines.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openReadyDatabase } from "../db/open-database";
import { postgresPoolOf } from "../db/pg/query-database";
import { parseDatabaseUrl } from "../db/database-url";
import { createRandom, randomInt } from "../db/seed/random";
import { SNIFF_BYTES, sniffFile } from "../lib/import/read/sniff";
import { runImport } from "../lib/import/store/run-import";
import { rowStreamForFile } from "../lib/import/store/worker-row-stream";
import { commandLineActor } from "../lib/audit/events";
import { fileChunks, writeLinesFile } from "./bench-files";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000,1000000" },
    runs: { type: "string", default: "3" },
    customers: { type: "string" },
    shape: { type: "string", default: "dutch" },
    database: { type: "string" },
    child: { type: "string" },
    engine: { type: "string", default: "sqlite" },
    baseline: { type: "string" },
  },
});

/** The number of customers in a file of `rows` lines. */
function customersFor(rows: number): number {
  return values.customers ? Number(values.customers) : Math.max(1, Math.round(rows / 10));
}

if (values.shape !== "dutch" && values.shape !== "shopify") throw new Error(`--shape must be dutch or shopify, not "${values.shape}"`);

const SHOPIFY_HEADER =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount," +
  "Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Payment Method,Refunded Amount,Id\n";

/**
 * Writes a Shopify orders export of `rows` lines (orders of 1 to 3 lines, newest first as Shopify writes
 * them) for `customersFor(rows)` customers. Returns how many orders are stored: the purchases (paid, or
 * refunded in part) and the 2 in 100 refunded in full (stored worth 0, no purchase); the 3 in 100 voided
 * or pending are not stored.
 */
function writeShopifyFile(filePath: string, rows: number): number {
  const random = createRandom(rows);
  const customers = customersFor(rows);
  const fd = fs.openSync(filePath, "w");
  let buffer = SHOPIFY_HEADER;
  let stored = 0;
  let order = 0;
  for (let written = 0; written < rows; order++) {
    const lines = Math.min(rows - written, randomInt(random, 1, 3));
    const customer = randomInt(random, 1, customers);
    const email = customer % 7 === 0 ? `Klant${customer}@Example.NL` : `klant${customer}@example.nl`;
    const date = `2025-${String(12 - (order % 12)).padStart(2, "0")}-${String(randomInt(random, 1, 28)).padStart(2, "0")} ${String(randomInt(random, 8, 22)).padStart(2, "0")}:15:00 +0100`;
    const prices = Array.from({ length: lines }, () => randomInt(random, 300, 9000) / 100);
    const total = prices.reduce((sum, price) => sum + price, 0);
    const kind = randomInt(random, 1, 100);
    const status = kind <= 2 ? "refunded" : kind <= 4 ? "voided" : kind <= 5 ? "pending" : kind <= 10 ? "partially_refunded" : "paid";
    const refunded = status === "refunded" ? total : status === "partially_refunded" ? Math.round(total * 30) / 100 : 0;
    if (status === "paid" || status === "partially_refunded" || status === "refunded") stored++;
    for (let line = 0; line < lines; line++) {
      const first = line === 0;
      const orderFields = first
        ? `${email},${status},${date},fulfilled,,yes,EUR,${total.toFixed(2)},0.00,0.00,${total.toFixed(2)},,0.00,PostNL,${date}`
        : `${email},,,,,,,,,,,,,,`;
      buffer += `#${1000 + order},${orderFields},1,Product ${line + 1},${prices[line]!.toFixed(2)},SKU-${line},,${first ? "Shopify Payments" : ""},${first ? refunded.toFixed(2) : ""},${first ? 5200000000 + order : ""}\n`;
      written++;
    }
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  return stored;
}

/** Writes a transactions file of `rows` lines for `customersFor(rows)` customers. */
function writeFile(filePath: string, rows: number): void {
  const random = createRandom(rows);
  const customers = customersFor(rows);
  const channels = ["Webshop", "Winkel", "App"];
  const categories = ["Koffiebonen", "Thee", "Accessoires", "Servies"];
  writeLinesFile(filePath, "klantnummer;datum;bedrag;kosten;ordernummer;kanaal;categorie\n", rows, (i) => {
    const day = randomInt(random, 1, 28);
    const month = randomInt(random, 1, 12);
    const euros = randomInt(random, 3, 2400);
    const cents = randomInt(random, 0, 99);
    const amount = `${euros >= 1000 ? `${Math.floor(euros / 1000)}.${String(euros % 1000).padStart(3, "0")}` : euros},${String(cents).padStart(2, "0")}`;
    return `K${randomInt(random, 1, customers)};${String(day).padStart(2, "0")}-${String(month).padStart(2, "0")}-2025;${amount};${Math.floor(euros / 2)},00;ORD${i};${channels[i % 3]};${categories[i % 4]}\n`;
  });
}

if (values.child) {
  const [filePath, target] = values.child.split("|") as [string, string];
  // PostgreSQL: each run into a schema of its own, dropped afterwards.
  const postgres = values.engine === "postgres";
  const schema = `bench_import_${process.pid}`;
  const databaseUrl = postgres ? `${target}${target.includes("?") ? "&" : "?"}schema=${schema}` : target;
  const database = await openReadyDatabase(databaseUrl);
  try {
    // As `clv import` does: the start of the file says how it is written (and which platform wrote it).
    const head = Buffer.alloc(SNIFF_BYTES);
    const fd = fs.openSync(filePath, "r");
    const sniff = sniffFile(head.subarray(0, fs.readSync(fd, head, 0, SNIFF_BYTES, 0)), path.basename(filePath), { today: "2026-11-23", fileSize: fs.statSync(filePath).size });
    fs.closeSync(fd);
    const report = await runImport(database, {
      kind: "transactions",
      fileName: path.basename(filePath),
      by: commandLineActor("bench:import"),
      input: fileChunks(filePath),
      totalBytes: fs.statSync(filePath).size,
      // As `clv import` does: a large file is read in a worker thread while this one writes.
      readRows: rowStreamForFile(fs.statSync(filePath).size),
      reader: { today: "2026-11-23", delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency: "EUR", timeZone: "Europe/Amsterdam" },
    });
    if (report.status !== "committed") throw new Error(report.message);
    const cpu = process.cpuUsage();
    process.stdout.write(
      JSON.stringify({ seconds: report.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, imported: report.imported, peakRssMb: process.resourceUsage().maxRSS / 1024, lockMs: report.longestWriteLockMs }),
    );
  } finally {
    if (database.engine === "postgres") await postgresPoolOf(database.db)!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await database.close();
  }
  process.exit(0);
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

if (values.database && parseDatabaseUrl(values.database).engine !== "postgres") throw new Error("--database takes a postgres:// URL (SQLite is always measured)");
if (values.database && values.baseline) throw new Error("--baseline compares SQLite imports: leave out --database");
if (values.baseline && !fs.existsSync(path.join(values.baseline, "scripts", "bench-import.ts"))) throw new Error(`--baseline ${values.baseline} holds no scripts/bench-import.ts`);
/** What is measured side by side, run by run: engines, or the baseline checkout's code and this one's (both SQLite). */
const engines = values.database ? ["sqlite", "postgres"] : values.baseline ? ["baseline", "sqlite"] : ["sqlite"];
/** The child process that imports `filePath` into `target` with `engine`'s code (the baseline: in its own checkout). */
function importInChild(engine: string, filePath: string, target: string) {
  if (engine === "baseline") {
    // The baseline's own script and paths (its tsconfig); no --engine, which older checkouts do not know.
    const script = path.join(values.baseline!, "scripts", "bench-import.ts");
    return spawnSync(process.execPath, [...process.execArgv, script, "--child", `${filePath}|${target}`], { encoding: "utf8", cwd: values.baseline });
  }
  return spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--engine", engine, "--child", `${filePath}|${target}`], { encoding: "utf8" });
}
const ratios: string[] = [];
const referenceBefore = machineReferenceMs();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bench-import-"));
const table: string[][] = [];
try {
  for (const rows of values.rows!.split(",").map((value) => Number(value.trim()))) {
    const filePath = path.join(folder, `transactions-${rows}.csv`);
    let expected = rows;
    if (values.shape === "shopify") expected = writeShopifyFile(filePath, rows);
    else writeFile(filePath, rows);
    const sizeMb = fs.statSync(filePath).size / 2 ** 20;
    type Run = { seconds: number; cpuSeconds: number; imported: number; peakRssMb: number; lockMs: number };
    const runs: Record<string, Run[]> = Object.fromEntries(engines.map((engine) => [engine, []]));
    // Engines alternate run by run: a busy machine slows both alike.
    for (let run = 0; run < Number(values.runs); run++) {
      for (const engine of engines) {
        const databasePath = path.join(folder, `import-${rows}-${run}.db`);
        const target = engine === "postgres" ? values.database! : databasePath;
        const child = importInChild(engine, filePath, target);
        if (child.status !== 0) throw new Error(`import of ${rows} rows into ${engine} failed:\n${child.stderr}`);
        const result = JSON.parse(child.stdout) as Run;
        if (result.imported !== expected) throw new Error(`${engine}: expected ${expected} imported orders, got ${result.imported}`);
        runs[engine]!.push(result);
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
      }
    }
    if (values.baseline) {
      const pairs = runs.sqlite!.map((run, at) => run.seconds / runs.baseline![at]!.seconds);
      ratios.push(`${rows.toLocaleString("en")} rows, this code's time / the baseline's, pair by pair: ${pairs.map((ratio) => ratio.toFixed(2)).join(", ")} (median ${median(pairs).toFixed(2)})`);
    }
    for (const engine of engines) {
      const done = runs[engine]!;
      const seconds = median(done.map((r) => r.seconds));
      table.push([
        ...(values.database ? [engine] : values.baseline ? [engine === "baseline" ? "baseline" : "this"] : []),
        rows.toLocaleString("en"),
        customersFor(rows).toLocaleString("en"),
        sizeMb.toFixed(0),
        seconds.toFixed(2),
        Math.round(rows / seconds).toLocaleString("en"),
        median(done.map((r) => r.cpuSeconds)).toFixed(2),
        median(done.map((r) => r.peakRssMb)).toFixed(0),
        String(Math.max(...done.map((r) => r.lockMs))),
        String(done.length),
      ]);
    }
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

// CPU seconds: both threads and the garbage collector, for the whole process (start-up included); next to
// the wall time it shows how much a busy machine slowed a run.
// Longest write-lock hold: the longest single transaction of the import (its short steps and the last one
// that makes the rows visible), the most any other writer waits for it; the largest over all runs.
// PostgreSQL: its import takes no table lock (readers and other writers go on; only the rows it changes are locked
// until its one transaction commits), except a first import's swap of the transactions table, from its lock to the
// commit (lib/import/store/postgres/fresh-transactions-table.ts): that is the figure here.
const header = [...(values.database ? ["engine"] : values.baseline ? ["code"] : []), "rows", "customers", "file MB", "seconds (median)", "rows/s", "CPU s (median)", "peak RSS MB", "longest write-lock hold ms", "runs"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
const files = values.shape === "shopify" ? "Shopify orders exports (rows are order lines; orders, statuses and refunds read as such)" : "Dutch-style transaction files";
console.log(`Import of ${files} (read, validate, store, commit) on ${os.cpus().length} cores, Node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
for (const ratio of ratios) console.log(ratio);
console.log(machineReferenceLine(referenceBefore, machineReferenceMs()));
