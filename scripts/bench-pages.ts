/**
 * Benchmark of the dashboard's pages under a meeting's load (issue #22):
 * `npm run bench:pages [-- --sizes 100000,1000000 --in-flight 8 --seconds 8 --port 3260]`.
 * For each size it seeds the demo company into a database of its own (kept in --dir and reused), computes a
 * snapshot, starts the production server on it (`next build` must have run) and asks every view with
 * --in-flight requests at once for --seconds each (after asking every view twice to warm up): a review meeting
 * opening the same link. Prints per view the median and 97.5th percentile answer time, requests per second, and
 * the bytes a browser fetches: the HTML of a first load and the RSC payload of a client navigation, and both
 * together. Goals: p97.5 < 300 ms at 100k customers, < 500 ms at 1M; a page's HTML (its markup and the RSC payload
 * inlined in it) and its RSC payload each < 150 KB, except the quadrant map, whose data (the RSC payload) stays
 * < 300 KB. A ✗ marks a missed goal; the sum is printed beside them.
 * `--cpu-prof-dir DIR` writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { commandLineActor } from "../lib/audit/events";
import { addUser, findUserByEmail } from "../lib/auth/users";
import { recomputeNow } from "../lib/recompute/runner";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,1000000" },
    "in-flight": { type: "string", default: "8" },
    seconds: { type: "string", default: "8" },
    years: { type: "string", default: "3" },
    port: { type: "string", default: "3260" },
    dir: { type: "string", default: path.join("data", "bench") },
    paths: { type: "string" },
    /** Only the bytes of every view (exact, unlike the times): no load, no machine noise. */
    "bytes-only": { type: "boolean", default: false },
    /** Writes the server's CPU profile (node --cpu-prof) into this folder when it stops: where a page's time goes. */
    "cpu-prof-dir": { type: "string" },
  },
});

const END_DATE = "2026-06-30";
const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;

/** The seeded database for a size with a complete snapshot (both reused when present). */
async function preparedDatabase(customers: number): Promise<string> {
  const file = path.resolve(values.dir!, `pages-${customers}-${values.years}y.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let seeded = false;
  if (fs.existsSync(file)) {
    const database = openDatabase(file);
    seeded = (database.sqlite.prepare("SELECT count(*) FROM customers").pluck().get() as number) === customers;
    database.close();
  }
  if (!seeded) {
    process.stderr.write(`seeding ${customers.toLocaleString("en")} customers into ${file} ...\n`);
    const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/clv.ts", "seed", "--customers", String(customers), "--years", values.years!, "--end-date", END_DATE, "--replace"], {
      env: { ...process.env, DATABASE_URL: file },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error("seeding failed");
  }
  const database = openDatabase(file);
  // A snapshot from an older version lacks what later versions store with it (cohort figures): compute anew.
  const ready = database.sqlite
    .prepare("SELECT count(*) FROM snapshots s JOIN snapshot_cohorts c ON c.snapshot_id = s.id WHERE s.id = (SELECT max(id) FROM snapshots WHERE status = 'complete')")
    .pluck()
    .get() as number;
  if (ready === 0) {
    process.stderr.write("computing the snapshot ...\n");
    await recomputeNow(database, { reason: "bench:pages", force: true });
  }
  // Every page needs a session: the benchmark signs in as an admin of its own (this database only).
  if (!await findUserByEmail(database.db, BENCH_USER.email)) await addUser(database.db, { ...BENCH_USER, role: "admin" }, commandLineActor("bench:pages"));
  database.close();
  return file;
}

const BENCH_USER = { email: "bench@klantwaarde.test", password: "bench-pages-password", name: "Bench" };
let sessionCookie = "";

/** Signs the benchmark's admin in and keeps the session cookie for every request. */
async function signIn(): Promise<void> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
  });
  if (!response.ok) throw new Error(`signing in failed: HTTP ${response.status}`);
  sessionCookie = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

/** A GET as the signed-in admin; redirects are not followed (a 307 to /sign-in is a failure to see). */
const get = (url: string) => fetch(url, { headers: { Cookie: sessionCookie }, redirect: "manual" });

/** The page's RSC payload (Next answers a bare `RSC: 1` request with a redirect to its cache-busting URL). */
async function rscPayload(url: string): Promise<string> {
  const response = await fetch(url, { headers: { RSC: "1", Cookie: sessionCookie } });
  if (new URL(response.url).pathname.startsWith("/sign-in")) throw new Error(`${url}: the RSC request was sent to sign in`);
  return response.text();
}

/** Paths to ask, with ids and filter values taken from the database so every view has real content. */
function benchPaths(file: string): { label: string; path: string }[] {
  if (values.paths) return values.paths.split(",").map((p) => ({ label: p, path: p }));
  const database = openDatabase(file, { readonly: true });
  const snapshot = database.sqlite.prepare("SELECT id FROM snapshots WHERE status = 'complete' ORDER BY id DESC LIMIT 1").pluck().get() as number;
  const top = database.sqlite.prepare("SELECT customer_id FROM customer_scores WHERE snapshot_id = ? ORDER BY predicted_clv_cents DESC LIMIT 1").pluck().get(snapshot) as number;
  const channel = database.sqlite.prepare("SELECT acquisition_channel FROM customers WHERE acquisition_channel IS NOT NULL LIMIT 1").pluck().get() as string;
  database.close();
  const channelParam = `channel=${encodeURIComponent(channel)}`;
  return [
    { label: "overview", path: "/" },
    { label: "quadrant map", path: "/quadrants" },
    { label: "quadrant map, filtered, log", path: `/quadrants?${channelParam}&scale=log&color=rfm` },
    { label: "segments + cross-table", path: "/segments" },
    { label: "segments, filtered", path: `/segments?${channelParam}` },
    { label: "drill-down tier", path: "/segments/tier/1" },
    { label: "drill-down RFM, page 3", path: "/segments/rfm/champions?page=3&sort=alive&dir=asc" },
    { label: "drill-down quadrant, filtered", path: `/segments/quadrant/high-long?${channelParam}` },
    { label: "drill-down cell", path: "/segments/cell/1.champions" },
    { label: "customers, search", path: "/customers?q=jan" },
    { label: "customer 360", path: `/customers/${top}` },
    { label: "cohorts", path: "/cohorts" },
    { label: "model", path: "/model" },
    { label: "history", path: "/history" },
  ];
}

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

interface PathResult {
  label: string;
  status: number;
  requests: number;
  p50: number;
  /** The 97.5th percentile answer time: one answer in 40 is slower. */
  p975: number;
  perSecond: number;
  htmlBytes: number;
  rscBytes: number;
}

/** --in-flight loops asking the same path for --seconds; every answer time is kept. */
async function load(label: string, pathname: string): Promise<PathResult> {
  const url = `${base}${pathname}`;
  const first = await get(url);
  const html = await first.text();
  // The data the browser fetches on a client-side navigation (React Server Components payload).
  const rsc = await rscPayload(url);
  const durations: number[] = [];
  const until = values["bytes-only"] ? 0 : performance.now() + Number(values.seconds) * 1000;
  let status = first.status;
  await Promise.all(
    Array.from({ length: Number(values["in-flight"]) }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await get(url);
        await response.arrayBuffer();
        durations.push(performance.now() - started);
        if (response.status !== 200) status = response.status;
      }
    }),
  );
  durations.sort((a, b) => a - b);
  return {
    label,
    status,
    requests: durations.length,
    p50: percentile(durations, 0.5),
    p975: percentile(durations, 0.975),
    perSecond: durations.length / Number(values.seconds),
    htmlBytes: Buffer.byteLength(html),
    rscBytes: Buffer.byteLength(rsc),
  };
}

function startServer(file: string): ChildProcess {
  if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) throw new Error("bench:pages needs a production build: run `npx next build` first");
  // The server `npm start` runs (scripts/front-server.mjs: `next start` plus the client-address front).
  const profile = values["cpu-prof-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof-dir"])}`] : [];
  return spawn(process.execPath, [...profile, path.join("scripts", "front-server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: file, NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_URL: base },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const referenceBefore = machineReferenceMs();
const rows: (PathResult & { size: number })[] = [];
for (const size of values.sizes!.split(",").map(Number)) {
  const file = await preparedDatabase(size);
  const server = startServer(file);
  try {
    await waitForServer();
    await signIn();
    const paths = benchPaths(file);
    // Every view twice before any is measured: the first answers after a start include compiling code.
    for (let round = 0; round < 2; round++) for (const { path: pathname } of paths) await (await get(`${base}${pathname}`)).arrayBuffer();
    for (const { label, path: pathname } of paths) {
      const result = await load(label, pathname);
      rows.push({ ...result, size });
      process.stderr.write(`${size} ${label}: ${((result.htmlBytes + result.rscBytes) / 1024).toFixed(1)} KB, p97.5 ${result.p975.toFixed(0)} ms\n`);
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

const goalMs = (size: number) => (size <= 100_000 ? 300 : 500);
/** The bytes goals of a view: its HTML (markup + inlined RSC) and its RSC payload; the quadrant map is its data. */
function bytesGoal(row: PathResult): { text: string; met: boolean } {
  if (row.label.startsWith("quadrant map")) return { text: "RSC < 300", met: row.rscBytes < 300 * 1024 };
  return { text: "each < 150", met: row.htmlBytes < 150 * 1024 && row.rscBytes < 150 * 1024 };
}
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
if (values["bytes-only"]) {
  console.log("\nBytes of every view: the HTML of a first load and the RSC payload of a client navigation (KB of 1,024 bytes, uncompressed)\n");
  console.log("| customers | view | status | HTML KB | RSC KB | HTML + RSC KB | goal KB |");
  console.log("|---:|---|---:|---:|---:|---:|---|");
  for (const row of rows) {
    const total = row.htmlBytes + row.rscBytes;
    const goal = bytesGoal(row);
    console.log(`| ${row.size.toLocaleString("en")} | ${row.label} | ${row.status} | ${kb(row.htmlBytes)} | ${kb(row.rscBytes)} | ${kb(total)} | ${goal.text}${goal.met ? "" : " ✗"} |`);
  }
} else {
  console.log(`\nPage answer times with ${values["in-flight"]} requests in flight, ${values.seconds} s per view (ms, of all answers), and the bytes of the HTML of a first load and the RSC payload of a client navigation (KB of 1,024 bytes, uncompressed)\n`);
  console.log("| customers | view | status | requests | p50 ms | p97.5 ms | goal | req/s | HTML KB | RSC KB | HTML + RSC KB | goal KB |");
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const row of rows) {
    const timeOk = row.p975 < goalMs(row.size) ? "" : " ✗";
    const total = row.htmlBytes + row.rscBytes;
    const goal = bytesGoal(row);
    console.log(
      `| ${row.size.toLocaleString("en")} | ${row.label} | ${row.status} | ${row.requests} | ${row.p50.toFixed(0)} | ${row.p975.toFixed(0)}${timeOk} | < ${goalMs(row.size)} | ${row.perSecond.toFixed(1)} | ${kb(row.htmlBytes)} | ${kb(row.rscBytes)} | ${kb(total)} | ${goal.text}${goal.met ? "" : " ✗"} |`,
    );
  }
}
console.log(`\n${machineReferenceLine(referenceBefore, machineReferenceMs())}`);
