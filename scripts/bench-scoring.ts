/**
 * Benchmark of the recompute job: `npm run bench:scoring [-- --sizes 100000,1000000 --runs 3 --serve-port 3250]`.
 * For each size it seeds the demo company into a database of its own (kept in --dir and reused), then runs
 * the recompute in a fresh child process per run, the same code as `clv recompute`: first without any
 * snapshot ("first": cold fits), then again with the previous snapshot's estimates as starting points
 * ("again", what an import or settings change meets). Prints median seconds per phase and the peak memory
 * (RSS) of the job. With --serve-port the production server (`next build` first) runs on the same
 * database and is asked for --probe paths (default /api/health and /api/snapshots/status) once a second,
 * first for 5 s with no recompute running, then during every recompute: the answer times show whether
 * the app keeps answering while the job runs. With --database postgres://… the same demo company is also seeded into
 * a schema of that database per size (`bench_scoring_<customers>_<years>y`, kept and reused) and every run is made on
 * both engines, alternating: a table per engine and the ratio of their totals.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { parseDatabaseUrl } from "../db/database-url";
import { runStatement } from "../db/engine";
import { openReadyDatabase } from "../db/open-database";
import { snapshots } from "../db/schema";
import { recomputeNow } from "../lib/recompute/runner";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,1000000" },
    runs: { type: "string" },
    years: { type: "string", default: "3" },
    dir: { type: "string", default: path.join("data", "bench") },
    "serve-port": { type: "string" },
    probe: { type: "string", default: "/api/health,/api/snapshots/status" },
    child: { type: "string" },
    database: { type: "string" },
    cold: { type: "boolean", default: false },
  },
});

const END_DATE = "2026-06-30";

/** Phase names of the job's progress, shortened to stable labels. */
function phaseLabel(phase: string): string {
  if (phase.startsWith("Fitting") && phase !== "Fitting Gamma-Gamma") return "fit purchase model";
  return (
    {
      "Reading purchases": "read purchases",
      "Summarising purchases": "summary",
      "Comparing models on a holdout period": "compare models",
      "Estimating retention": "retention",
      "Fitting Gamma-Gamma": "fit Gamma-Gamma",
      "Scoring customers": "score customers",
      "Tiers, segments and quadrants": "RFM, tiers, quadrants",
      "Saving every customer's figures": "write rows",
    }[phase] ?? phase
  );
}

/** Child: one recompute on the database of `target` (a SQLite file or a PostgreSQL URL), printed as a JSON line of phase seconds and the peak RSS. */
async function runChild(target: string, cold: boolean): Promise<void> {
  const database = await openReadyDatabase(target);
  if (cold) {
    for (const table of ["customer_scores", "snapshots", "recompute_queue"]) await runStatement(database.db, sql`DELETE FROM ${sql.identifier(table)}`);
    if (database.engine === "sqlite") database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  }
  const phases: Record<string, number> = {};
  let phase = "start";
  let phaseStarted = performance.now();
  const started = performance.now();
  const { outcome } = await recomputeNow(database, {
    reason: "benchmark",
    force: true,
    onProgress: (_fraction, name) => {
      const label = phaseLabel(name);
      if (label === phase) return;
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + (now - phaseStarted) / 1000;
      phase = label;
      phaseStarted = now;
    },
  });
  const completed = performance.now();
  phases[phase] = (phases[phase] ?? 0) + (completed - phaseStarted) / 1000;
  phases["snapshot complete"] = (outcome?.seconds ?? Number.NaN);
  phases["job incl. checkpoint"] = (completed - started) / 1000;
  delete phases.start;
  const [snapshot] = await database.db
    .select({ model: snapshots.model, customers: snapshots.customers, transactions: snapshots.transactions })
    .from(snapshots)
    .where(sql`${snapshots.id} = ${outcome?.snapshotId ?? -1}`);
  await database.close();
  if (outcome?.status !== "complete") throw new Error(`the recompute did not complete: ${outcome?.message}`);
  process.stdout.write(`${JSON.stringify({ phases, peakMegabytes: process.resourceUsage().maxRSS / 1024, ...snapshot })}\n`);
}

function median(numbers: number[]): number {
  const sorted = numbers.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(numbers: number[], p: number): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
const self = fileURLToPath(import.meta.url);

/** The seeded database for a size (reused when it already holds that many customers). */
function seededDatabase(customers: number): string {
  const file = path.resolve(values.dir!, `scoring-${customers}-${values.years}y.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) {
    const database = openDatabase(file);
    const count = database.sqlite.prepare("SELECT count(*) FROM customers").pluck().get() as number;
    database.close();
    if (count === customers) return file;
  }
  process.stderr.write(`seeding ${customers.toLocaleString("en")} customers into ${file} ...\n`);
  const seeded = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/clv.ts", "seed", "--customers", String(customers), "--years", values.years!, "--end-date", END_DATE, "--replace"], {
    env: { ...process.env, DATABASE_URL: file },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (seeded.status !== 0) throw new Error("seeding failed");
  return file;
}

/** The PostgreSQL schema for a size, seeded like the SQLite file (kept and reused); its DATABASE_URL. */
async function seededPostgres(databaseUrl: string, customers: number): Promise<string> {
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", `bench_scoring_${customers}_${values.years}y`);
  const target = url.toString();
  const database = await openReadyDatabase(target);
  const [row] = await database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sql`customers`);
  await database.close();
  if (row?.n === customers) return target;
  process.stderr.write(`seeding ${customers.toLocaleString("en")} customers into PostgreSQL at ${url.host} ...\n`);
  const seeded = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/clv.ts", "seed", "--customers", String(customers), "--years", values.years!, "--end-date", END_DATE, "--replace"], {
    env: { ...process.env, DATABASE_URL: target },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (seeded.status !== 0) throw new Error("seeding PostgreSQL failed");
  return target;
}

interface RunResult {
  phases: Record<string, number>;
  peakMegabytes: number;
  model: string;
  customers: number;
  transactions: number;
  /** Answer times in ms by probed path (Infinity: no answer). */
  probes: Record<string, number[]>;
}

/** Every path is asked once a second: often enough to catch stalls, rarely enough not to slow the job down. */
const PROBE_INTERVAL_MS = 1000;

/** Asks each URL in turn every PROBE_INTERVAL_MS until `keepGoing` says stop; answer times in ms by path. */
async function probe(urls: string[], keepGoing: () => boolean): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(urls.map((url) => [new URL(url).pathname, []]));
  while (keepGoing()) {
    for (const url of urls) {
      const started = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        times[new URL(url).pathname]!.push(response.ok ? performance.now() - started : Number.POSITIVE_INFINITY);
      } catch {
        times[new URL(url).pathname]!.push(Number.POSITIVE_INFINITY);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  return times;
}

/** One recompute in a child process, probing the server meanwhile when one runs. */
async function runOnce(file: string, cold: boolean, probeUrls: string[]): Promise<RunResult> {
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", self, "--child", file, ...(cold ? ["--cold"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  let running = true;
  const done = new Promise<number | null>((resolve) => child.on("exit", resolve)).then((code) => {
    running = false;
    return code;
  });
  const probes = await probe(probeUrls, () => running);
  const code = await done;
  if (code !== 0) throw new Error(`benchmark run failed (exit ${code})`);
  return { ...JSON.parse(stdout.trim().split("\n").pop()!), probes };
}

async function startServer(port: string, file: string): Promise<() => void> {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("--serve-port needs a production build: run `npx next build` first");
  const server = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: file, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return () => server.kill("SIGTERM");
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  server.kill("SIGTERM");
  throw new Error(`the server on port ${port} did not start`);
}

function describeTimes(times: number[]): string {
  const answered = times.filter(Number.isFinite);
  if (answered.length === 0) return `${times.length} requests, none answered`;
  return `median ${median(answered).toFixed(0)} ms, p95 ${percentile(answered, 95).toFixed(0)} ms, max ${Math.max(...answered).toFixed(0)} ms (${times.length} requests, ${times.length - answered.length} unanswered)`;
}

function printTable(size: number, first: RunResult[], again: RunResult[], idle: Record<string, number[]> | null, engine = ""): void {
  const sample = first[0] ?? again[0]!;
  const phases = [...new Set([...first, ...again].flatMap((run) => Object.keys(run.phases)))];
  const peak = Math.max(...[...first, ...again].map((run) => run.peakMegabytes));
  process.stdout.write(
    `\n${engine}${size.toLocaleString("en")} customers, ${sample.transactions.toLocaleString("en")} transactions, ${sample.customers.toLocaleString("en")} scored, model ${sample.model} ` +
      `(medians of ${first.length} + ${again.length} runs; peak RSS of the job ${Math.round(peak)} MB)\n`,
  );
  process.stdout.write(`${"phase".padEnd(24)}${"first".padStart(9)}${"again".padStart(9)}  (seconds)\n`);
  for (const phase of phases) {
    const cell = (runs: RunResult[]) => (runs.length ? median(runs.map((run) => run.phases[phase] ?? Number.NaN)).toFixed(2) : "-").padStart(9);
    process.stdout.write(`${phase.padEnd(24)}${cell(first)}${cell(again)}\n`);
  }
  for (const path of Object.keys(idle ?? {})) {
    const during = [...first, ...again].flatMap((run) => run.probes[path] ?? []);
    process.stdout.write(`${path} with no recompute: ${describeTimes(idle![path]!)}\n${path} during the recomputes: ${describeTimes(during)}\n`);
  }
}

async function main(): Promise<void> {
  if (values.child) {
    await runChild(values.child, values.cold!);
    return;
  }
  const sizes = values.sizes!.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error("--sizes takes whole numbers ≥ 100, comma separated");
  sizes.forEach(seededDatabase); // seeding is not part of the measured span between the machine checks
  const postgresTargets = new Map<number, string>();
  if (values.database) {
    if (parseDatabaseUrl(values.database).engine !== "postgres") throw new Error("--database takes a postgres:// URL (SQLite is always measured)");
    for (const size of sizes) postgresTargets.set(size, await seededPostgres(values.database, size));
  }
  const referenceBefore = machineReferenceMs();
  for (const size of sizes) {
    const file = seededDatabase(size);
    const runs = Number(values.runs ?? (size >= 1_000_000 ? "1" : "3"));
    const port = values["serve-port"];
    const stop = port ? await startServer(port, file) : null;
    const probeUrls = port ? values.probe!.split(",").map((pathname) => `http://127.0.0.1:${port}${pathname.trim()}`) : [];
    try {
      let idle: Record<string, number[]> | null = null;
      if (port) {
        const until = Date.now() + 5000;
        idle = await probe(probeUrls, () => Date.now() < until);
      }
      const first: RunResult[] = [];
      const again: RunResult[] = [];
      const postgres = postgresTargets.get(size);
      const postgresFirst: RunResult[] = [];
      const postgresAgain: RunResult[] = [];
      // The engines alternate run by run, so that a busier minute of the machine falls on both.
      for (let run = 0; run < runs; run++) {
        first.push(await runOnce(file, true, probeUrls));
        if (postgres) postgresFirst.push(await runOnce(postgres, true, []));
        again.push(await runOnce(file, false, probeUrls));
        if (postgres) postgresAgain.push(await runOnce(postgres, false, []));
      }
      printTable(size, first, again, idle, postgres ? "SQLite: " : "");
      if (postgres) {
        printTable(size, postgresFirst, postgresAgain, null, "PostgreSQL: ");
        const total = (runs: RunResult[]) => median(runs.map((run) => run.phases["job incl. checkpoint"] ?? Number.NaN));
        process.stdout.write(
          `PostgreSQL / SQLite, whole job: first ${(total(postgresFirst) / total(first)).toFixed(2)}x, again ${(total(postgresAgain) / total(again)).toFixed(2)}x\n`,
        );
      }
    } finally {
      stop?.();
    }
  }
  process.stdout.write(`\n${machineReferenceLine(referenceBefore, machineReferenceMs())}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
