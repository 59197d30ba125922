/**
 * Benchmark of the CLV engine: `npm run bench:engine [-- --sizes 100000,400000,1000000 --runs 3]`.
 * For each size it writes a synthetic transaction log (CDNOW-like BG/NBD customers, in days) to a temp
 * CSV, then runs the pieces of `clv score` — read CSV, summary, fits, scores, write scores — in a fresh
 * child process per run, and prints a table of median seconds and peak memory (RSS).
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fitGammaGamma } from "../lib/clv/gamma-gamma";
import { isoFromDayNumber } from "../lib/clv/iso-date";
import { purchaseModelDefinition, purchaseModels } from "../lib/clv/models";
import { scoreCustomers } from "../lib/clv/score";
import { summarizeTransactions } from "../lib/clv/summary";
import { CALIBRATION_END_DAY, writeSyntheticTransactions } from "./bench-transactions";
import { readTransactionsCsv } from "./commands/clv-input";
import { writeScoresCsv } from "./commands/score";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,400000,1000000" },
    runs: { type: "string" },
    /** Internal: one run of the pipeline on this file, in a child process. */
    child: { type: "string" },
  },
});

/** One run in this (child) process: prints a JSON line of phase seconds and the peak RSS. */
function runPipeline(file: string): void {
  const seconds: Record<string, number> = {};
  const time = <T>(name: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    seconds[name] = (performance.now() - started) / 1000;
    return result;
  };
  const columns = time("read CSV", () => readTransactionsCsv(file));
  const table = time("summary", () => summarizeTransactions(columns, { unit: "week", calibrationEnd: isoFromDayNumber(CALIBRATION_END_DAY) }));
  const bgnbd = time("fit BG/NBD", () => purchaseModelDefinition("bgnbd").fit(table));
  time("fit MBG/NBD", () => purchaseModelDefinition("mbgnbd").fit(table));
  if (purchaseModels.some((m) => m.name === "paretonbd")) time("fit Pareto/NBD", () => purchaseModelDefinition("paretonbd").fit(table));
  const spend = time("fit Gamma-Gamma", () => fitGammaGamma(table));
  const scores = time("score (BG/NBD)", () => scoreCustomers(table, purchaseModelDefinition("bgnbd").fromParams(bgnbd.params), spend.params, { unit: "week", horizon: 39 }));
  const out = `${file}.scores.csv`;
  time("write scores CSV", () => {
    const descriptor = openSync(out, "w");
    writeScoresCsv(descriptor, table, scores);
    closeSync(descriptor);
  });
  rmSync(out, { force: true });
  seconds["score pipeline"] =
    seconds["read CSV"]! + seconds["summary"]! + seconds["fit BG/NBD"]! + seconds["fit Gamma-Gamma"]! + seconds["score (BG/NBD)"]! + seconds["write scores CSV"]!;
  const peakMegabytes = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, peakMegabytes, customers: table.customers, bgnbd: bgnbd.params })}\n`);
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function main(): void {
  if (values.child !== undefined) {
    runPipeline(values.child);
    return;
  }
  const sizes = values.sizes.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error("--sizes takes whole numbers ≥ 100, comma separated");
  const directory = mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bench-"));
  const self = fileURLToPath(import.meta.url);
  try {
    for (const size of sizes) {
      const file = path.join(directory, `transactions-${size}.csv`);
      const rows = writeSyntheticTransactions(file, size);
      const runs = Number(values.runs ?? (size >= 1_000_000 ? "1" : "3"));
      const results: { seconds: Record<string, number>; peakMegabytes: number; customers: number }[] = [];
      for (let run = 0; run < runs; run++) {
        const child = spawnSync(process.execPath, [...process.execArgv, self, "--child", file], { encoding: "utf8", maxBuffer: 1 << 24 });
        if (child.status !== 0) throw new Error(`benchmark run failed: ${child.stderr}`);
        results.push(JSON.parse(child.stdout.trim().split("\n").pop()!));
      }
      const phases = Object.keys(results[0]!.seconds);
      process.stdout.write(`\n${size.toLocaleString("en")} customers, ${rows.toLocaleString("en")} rows (median of ${runs} run${runs > 1 ? "s" : ""}; peak RSS ${Math.round(Math.max(...results.map((r) => r.peakMegabytes)))} MB)\n`);
      process.stdout.write(`${"phase".padEnd(20)} ${"seconds".padStart(8)}\n`);
      for (const phase of phases) process.stdout.write(`${phase.padEnd(20)} ${median(results.map((r) => r.seconds[phase]!)).toFixed(3).padStart(8)}\n`);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
