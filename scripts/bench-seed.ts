/**
 * Benchmark of the demo-company seed: how long it takes to generate and store N customers, and the
 * peak memory. Each run is a fresh process and a fresh database file; the table shows medians.
 * Usage: npm run bench:seed -- [--sizes 5000,100000] [--runs 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { seedDemoCompany } from "../db/seed/seed-demo-company";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "5000,100000" },
    runs: { type: "string", default: "3" },
    child: { type: "string" },
  },
});

if (values.child) {
  // One measured run, in its own process so that peak memory belongs to this size alone.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bench-seed-"));
  const database = openDatabase(path.join(folder, "bench.db"));
  const result = await seedDemoCompany(database.db, { customers: Number(values.child), endDate: "2026-11-23" });
  database.close();
  const fileBytes = fs.statSync(path.join(folder, "bench.db")).size;
  fs.rmSync(folder, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024, fileMb: fileBytes / 2 ** 20 }));
  process.exit(0);
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const rows: string[][] = [];
for (const size of values.sizes!.split(",").map((s) => Number(s.trim()))) {
  const runs = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", String(size)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`run for ${size} customers failed:\n${child.stderr}`);
    runs.push(JSON.parse(child.stdout) as { transactions: number; attributes: number; seconds: number; peakRssMb: number; fileMb: number });
  }
  const seconds = median(runs.map((r) => r.seconds));
  const rowsWritten = size + runs[0]!.transactions + runs[0]!.attributes;
  rows.push([
    size.toLocaleString("en"),
    runs[0]!.transactions.toLocaleString("en"),
    seconds.toFixed(2),
    Math.round(rowsWritten / seconds).toLocaleString("en"),
    median(runs.map((r) => r.peakRssMb)).toFixed(0),
    runs[0]!.fileMb.toFixed(0),
    String(runs.length),
  ]);
}

const header = ["customers", "transactions", "seconds (median)", "rows/s", "peak RSS MB", "file MB", "runs"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
console.log(`Demo company seed on ${os.cpus().length} cores, Node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
