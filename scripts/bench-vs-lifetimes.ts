/**
 * `clv score` against Python lifetimes, side by side on one file: `npm run bench:vs-lifetimes
 * [-- --customers 400000 | --file F --calibration-end D] [--horizon 52] [--runs 3] [--smoke]`.
 * Whole processes, as a user runs them: the documented `npm run --silent clv -- score …` and the anchor's
 * `run.sh` (../shared/anchors/lifetimes), alternately, `--runs` times each; prints both medians and the
 * ratio. First one untimed run of each checks that both give the same BG/NBD and Gamma-Gamma parameters
 * and total CLV to a relative 1e-3: a mismatch is printed plainly and the exit code is 1. Without the
 * anchor (or python3) it says so and times `clv score` alone. `--smoke` (CI): 2,000 customers, one run,
 * and the anchor is skipped when its Python packages are not installed (run.sh would install them).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isoFromDayNumber } from "../lib/clv/iso-date";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";
import { END_DAY, writeSyntheticTransactions } from "./bench-transactions";

const RELATIVE_TOLERANCE = 1e-3;
const root = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    customers: { type: "string" },
    file: { type: "string" },
    "calibration-end": { type: "string" },
    horizon: { type: "string", default: "52" },
    runs: { type: "string" },
    anchor: { type: "string", default: path.resolve(root, "..", "shared", "anchors", "lifetimes") },
    smoke: { type: "boolean", default: false },
  },
});

/**
 * Runs the anchor's pipeline.py in-process (runpy) and prints its fitted parameters and the total CLV as
 * one JSON line. The total is summed from lifetimes' own `customer_lifetime_value`: the CSV run.sh writes
 * has an empty clv column (the series it assigns is indexed differently from the summary table).
 */
const LIFETIMES_CHECK = `
import json, runpy, sys
pipeline = sys.argv[1]
sys.argv = [pipeline] + sys.argv[2:]
found = runpy.run_path(pipeline, run_name="__main__")
purchase, spend, table = found["m"], found["gg"], found["s"]
clv = spend.customer_lifetime_value(purchase, table["frequency"], table["recency"], table["T"], table["monetary_value"], time=12, discount_rate=0.01, freq="W")
print(json.dumps({"params": {**{k: float(v) for k, v in purchase.params_.items()}, **{k: float(v) for k, v in spend.params_.items()}}, "totalClv": float(clv.sum()), "customers": int(len(table))}))
`;

interface Outcome {
  params: Record<string, number>;
  totalClv: number;
  customers: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs a whole process and returns its wall time in seconds; throws with its stderr when it fails. */
function timedRun(what: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/** Whether the Python packages the anchor needs are installed (run.sh installs them when they are not). */
const pythonPackagesInstalled = () => spawnSync("/usr/bin/python3", ["-c", "import scipy, pandas, dill"]).status === 0;

/** Why the anchor cannot run here, or null when it can. */
function anchorMissing(anchor: string, smoke: boolean): string | null {
  if (!fs.existsSync(path.join(anchor, "run.sh"))) return `the lifetimes anchor is not there (no ${path.join(anchor, "run.sh")})`;
  if (!fs.existsSync("/usr/bin/python3")) return "python3 is not installed (/usr/bin/python3), so the lifetimes anchor cannot run";
  if (smoke && !pythonPackagesInstalled()) {
    return "python3's scipy/pandas/dill are not installed (a run without --smoke lets run.sh install them)";
  }
  return null;
}

/** The parameters or totals that differ by more than the tolerance, one line each. */
function mismatches(ours: Outcome, theirs: Outcome): string[] {
  const lines: string[] = [];
  const compare = (name: string, a: number, b: number) => {
    const relative = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
    if (!(relative <= RELATIVE_TOLERANCE)) lines.push(`${name}: clv score ${a} vs lifetimes ${b} (relative difference ${relative.toExponential(2)})`);
  };
  for (const name of Object.keys(theirs.params)) compare(name, ours.params[name] ?? Number.NaN, theirs.params[name]!);
  compare("total CLV", ours.totalClv, theirs.totalClv);
  if (ours.customers !== theirs.customers) lines.push(`customers: clv score ${ours.customers} vs lifetimes ${theirs.customers}`);
  return lines;
}

function main(): number {
  const smoke = values.smoke;
  const runs = Number(values.runs ?? (smoke ? "1" : "3"));
  const horizon = values.horizon;
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number ≥ 1");
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-vs-lifetimes-"));
  try {
    let file = values.file;
    let calibrationEnd = values["calibration-end"];
    let description: string;
    if (file === undefined) {
      const customers = Number(values.customers ?? (smoke ? "2000" : "400000"));
      file = path.join(folder, "transactions.csv");
      const rows = writeSyntheticTransactions(file, customers);
      calibrationEnd ??= isoFromDayNumber(END_DAY);
      description = `${customers.toLocaleString("en")} customers, ${rows.toLocaleString("en")} rows (synthetic, CDNOW-like)`;
    } else {
      if (calibrationEnd === undefined) throw new Error("--file needs --calibration-end YYYY-MM-DD");
      description = `${path.basename(file)} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB)`;
    }
    const oursOut = path.join(folder, "clv-score.csv");
    const theirsOut = path.join(folder, "lifetimes.csv");
    const scoreArgs = ["run", "--silent", "clv", "--", "score", "--transactions", file, "--calibration-end", calibrationEnd, "--unit", "week", "--model", "bgnbd", "--horizon", horizon, "--out", oursOut];
    const anchorScript = path.join(values.anchor, "run.sh");
    const runScore = () => timedRun("clv score", "npm", scoreArgs);
    const runAnchor = () => timedRun("lifetimes (run.sh)", "bash", [anchorScript, file!, calibrationEnd!, "bgnbd", horizon, theirsOut]);

    const machineStart = machineReferenceMs();
    process.stdout.write(`clv score vs Python lifetimes 0.11.3 on ${description}; BG/NBD + Gamma-Gamma, weeks, calibration end ${calibrationEnd}, horizon ${horizon} weeks, CLV 12 months at 1%/month\n`);
    const missing = anchorMissing(values.anchor, smoke);
    if (missing) process.stdout.write(`\nNOT COMPARED: ${missing}. Timing clv score alone.\n`);

    // Untimed first runs: the check of the numbers (and a warm start for both: file cache, clv's bundle).
    const ours = JSON.parse(runScore().stdout) as { purchaseModel: { params: Record<string, number> }; spendModel: { params: Record<string, number> }; totalClv: number; customers: number };
    const oursOutcome: Outcome = { params: { ...ours.purchaseModel.params, ...ours.spendModel.params }, totalClv: ours.totalClv, customers: ours.customers };
    let problems: string[] = [];
    if (!missing) {
      // On a fresh machine the in-process check below needs the packages run.sh installs: one untimed run first.
      if (!pythonPackagesInstalled()) {
        process.stdout.write("Python's scipy, pandas and dill are missing: run.sh installs them (an untimed run) ...\n");
        runAnchor();
      }
      const check = timedRun("lifetimes check (pipeline.py)", "/usr/bin/python3", ["-c", LIFETIMES_CHECK, path.join(values.anchor, "pipeline.py"), file, calibrationEnd, "bgnbd", horizon, theirsOut], {
        ...process.env,
        PYTHONPATH: values.anchor,
      });
      const theirs = JSON.parse(check.stdout.trim().split("\n").pop()!) as Outcome;
      problems = mismatches(oursOutcome, theirs);
      process.stdout.write(`\n${"".padEnd(10)} ${"clv score".padStart(16)} ${"lifetimes".padStart(16)}\n`);
      for (const name of Object.keys(theirs.params)) process.stdout.write(`${name.padEnd(10)} ${oursOutcome.params[name]!.toPrecision(8).padStart(16)} ${theirs.params[name]!.toPrecision(8).padStart(16)}\n`);
      process.stdout.write(`${"total CLV".padEnd(10)} ${oursOutcome.totalClv.toFixed(2).padStart(16)} ${theirs.totalClv.toFixed(2).padStart(16)}\n`);
    }

    const oursSeconds: number[] = [];
    const theirsSeconds: number[] = [];
    for (let run = 0; run < runs; run++) {
      oursSeconds.push(runScore().seconds);
      if (!missing) theirsSeconds.push(runAnchor().seconds);
    }
    const machineEnd = machineReferenceMs();

    process.stdout.write(`\nwhole process, median of ${runs} run${runs > 1 ? "s" : ""} (alternating)\n`);
    process.stdout.write(`${"command".padEnd(44)} ${"seconds".padStart(8)}  runs\n`);
    const row = (name: string, seconds: number[]) => process.stdout.write(`${name.padEnd(44)} ${median(seconds).toFixed(3).padStart(8)}  ${seconds.map((s) => s.toFixed(2)).join(" ")}\n`);
    row("npm run --silent clv -- score", oursSeconds);
    if (!missing) {
      row("lifetimes run.sh", theirsSeconds);
      process.stdout.write(`ratio: clv score is ${(median(theirsSeconds) / median(oursSeconds)).toFixed(2)}x as fast as lifetimes (goal ≥ 5x, aim 10x)\n`);
    }
    process.stdout.write(`${machineReferenceLine(machineStart, machineEnd)}\n`);
    if (missing) {
      process.stdout.write(`NOT COMPARED: ${missing}.\n`);
      return 0;
    }
    if (problems.length > 0) {
      process.stdout.write(`\nMISMATCH: clv score and lifetimes differ by more than a relative ${RELATIVE_TOLERANCE}:\n${problems.map((line) => `  ${line}`).join("\n")}\n`);
      return 1;
    }
    process.stdout.write(`Same numbers: every parameter and the total CLV agree to a relative ${RELATIVE_TOLERANCE}.\n`);
    return 0;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = main();
