/**
 * Benchmark of the dashboard's pages under a meeting's load (issue #22):
 * `npm run bench:pages [-- --sizes 100000,1000000 --in-flight 8 --seconds 8 --port 3260]`.
 * For each size it seeds the demo company into a database of its own (kept in --dir and reused), computes a
 * snapshot, starts the production server on it (`next build` must have run) and asks every view with
 * --in-flight requests at once for --seconds each (after asking every view twice to warm up): a review meeting
 * opening the same link. Prints per view the median and 97.5th percentile answer time, requests per second, the
 * server's CPU time per answer (all its threads, from /proc: with answers queueing, p50 ≈ in-flight × this), and
 * the bytes a browser fetches: the HTML of a first load and the RSC payload of a client navigation, and both
 * together. "first answer" is the time of each view's first request after the server started (every view in turn):
 * what the first visitor waits, with the route's code still to load and the view's data not yet remembered (as
 * after an import or a new snapshot). Goals: p97.5 < 300 ms at 100k customers, < 500 ms at 1M; a page's HTML (its markup and the RSC payload
 * inlined in it) and its RSC payload each < 150 KB, except the quadrant map, whose data (the RSC payload) stays
 * < 300 KB. A ✗ marks a missed goal; the sum is printed beside them.
 * `--cpu-prof-dir DIR` writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
 * `--database postgres://…` also seeds each size into a schema of that database (`bench_pages_<size>_<years>y`, kept
 * and reused like the SQLite file) and serves it from a second server: every view is then measured on SQLite and on
 * PostgreSQL one after the other (the same moment's machine), a row each.
 * `--compare-node-options "--flag …"` also serves the SQLite database from a second server started with those Node
 * options (e.g. a garbage-collector setting): every view is measured on both, one after the other, a row each, so a
 * server setting is judged against the default in one run on the same moment's machine.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { desc, eq, isNotNull } from "drizzle-orm";
import { openReadyDatabase } from "../db/open-database";
import { parseDatabaseUrl } from "../db/database-url";
import { firstRow } from "../db/first-row";
import { customers, customerScores, snapshotCohorts, snapshots } from "../db/schema";
import { countCustomers } from "../db/seed/seed-demo-company";
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
    database: { type: "string" },
    "compare-node-options": { type: "string" },
  },
});
if (values.database && parseDatabaseUrl(values.database).engine !== "postgres") throw new Error("--database takes a postgres:// URL (SQLite is always measured)");

const END_DATE = "2026-06-30";
const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
/** A server under test: its engine, its DATABASE_URL and where it answers. */
interface Server {
  engine: "sqlite" | "postgres";
  /** Node options of this server's process (--compare-node-options), shown beside its engine. */
  nodeOptions?: string;
  databaseUrl: string;
  base: string;
  cookie: string;
  /** The server process, for its CPU time. */
  pid?: number;
}

/** The DATABASE_URL of a size's seeded database: a file in --dir, or a schema of --database. */
function databaseUrlOf(engine: Server["engine"], size: number): string {
  if (engine === "sqlite") return path.resolve(values.dir!, `pages-${size}-${values.years}y.db`);
  const url = new URL(values.database!);
  url.searchParams.set("schema", `bench_pages_${size}_${values.years}y`);
  return url.toString();
}

/** The seeded database at `databaseUrl` for a size, with a complete snapshot and the benchmark's admin (all reused when present). */
async function preparedDatabase(databaseUrl: string, size: number): Promise<void> {
  if (parseDatabaseUrl(databaseUrl).engine === "sqlite") fs.mkdirSync(path.dirname(databaseUrl), { recursive: true });
  let database = await openReadyDatabase(databaseUrl);
  const seeded = (await countCustomers(database.db)) === size;
  await database.close();
  if (!seeded) {
    process.stderr.write(`seeding ${size.toLocaleString("en")} customers into ${parseDatabaseUrl(databaseUrl).engine} ...\n`);
    const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/clv.ts", "seed", "--customers", String(size), "--years", values.years!, "--end-date", END_DATE, "--replace"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error("seeding failed");
  }
  database = await openReadyDatabase(databaseUrl);
  // A snapshot from an older version lacks what later versions store with it (cohort figures): compute anew.
  const latest = await firstRow(database.db.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.status, "complete")).orderBy(desc(snapshots.id)).limit(1));
  const ready = latest && (await firstRow(database.db.select({ id: snapshotCohorts.snapshotId }).from(snapshotCohorts).where(eq(snapshotCohorts.snapshotId, latest.id)).limit(1)));
  if (!ready) {
    process.stderr.write("computing the snapshot ...\n");
    await recomputeNow(database, { reason: "bench:pages", force: true });
  }
  // Every page needs a session: the benchmark signs in as an admin of its own (this database only).
  if (!(await findUserByEmail(database.db, BENCH_USER.email))) await addUser(database.db, { ...BENCH_USER, role: "admin" }, commandLineActor("bench:pages"));
  await database.close();
}

const BENCH_USER = { email: "bench@klantwaarde.test", password: "bench-pages-password", name: "Bench" };

/** Signs the benchmark's admin in on `server` and keeps the session cookie for its requests. */
async function signIn(server: Server): Promise<void> {
  const response = await fetch(`${server.base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.base },
    body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
  });
  if (!response.ok) throw new Error(`signing in on ${server.engine} failed: HTTP ${response.status}`);
  server.cookie = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

/** A GET as the signed-in admin; redirects are not followed (a 307 to /sign-in is a failure to see). */
const get = (server: Server, pathname: string) => fetch(`${server.base}${pathname}`, { headers: { Cookie: server.cookie }, redirect: "manual" });

/** The page's RSC payload (Next answers a bare `RSC: 1` request with a redirect to its cache-busting URL). */
async function rscPayload(server: Server, pathname: string): Promise<string> {
  const url = `${server.base}${pathname}`;
  const response = await fetch(url, { headers: { RSC: "1", Cookie: server.cookie } });
  if (new URL(response.url).pathname.startsWith("/sign-in")) throw new Error(`${url}: the RSC request was sent to sign in`);
  return response.text();
}

/** Paths to ask, with ids and filter values taken from the database so every view has real content. */
async function benchPaths(databaseUrl: string): Promise<{ label: string; path: string }[]> {
  if (values.paths) return values.paths.split(",").map((p) => ({ label: p, path: p }));
  const database = await openReadyDatabase(databaseUrl);
  const snapshot = (await firstRow(database.db.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.status, "complete")).orderBy(desc(snapshots.id)).limit(1)))!.id;
  const top = (await firstRow(database.db.select({ id: customerScores.customerId }).from(customerScores).where(eq(customerScores.snapshotId, snapshot)).orderBy(desc(customerScores.predictedClvCents)).limit(1)))!.id;
  const channel = (await firstRow(database.db.select({ channel: customers.acquisitionChannel }).from(customers).where(isNotNull(customers.acquisitionChannel)).orderBy(customers.id).limit(1)))!.channel!;
  await database.close();
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

async function waitForServer(server: Server): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${server.base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

/** Clock ticks per second of /proc's CPU times. */
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100;

/** The CPU seconds (user + system, every thread) process `pid` has used, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3 (state) on: utime is 14, stime 15
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

interface PathResult {
  engine: Server["engine"];
  /** The engine, and the Node options when not the default. */
  server: string;
  label: string;
  status: number;
  requests: number;
  p50: number;
  /** The 97.5th percentile answer time: one answer in 40 is slower. */
  p975: number;
  perSecond: number;
  /** The server process's CPU time (all its threads) per answer while loaded, in ms; null where /proc is missing. */
  cpuMsPerRequest: number | null;
  htmlBytes: number;
  rscBytes: number;
}

/** The engine of `server`, with its Node options when they are not the default. */
const serverName = (server: Server) => (server.nodeOptions ? `${server.engine} ${server.nodeOptions}` : server.engine);

/** --in-flight loops asking the same path for --seconds; every answer time is kept. */
async function load(server: Server, label: string, pathname: string): Promise<PathResult> {
  const first = await get(server, pathname);
  const html = await first.text();
  // The data the browser fetches on a client-side navigation (React Server Components payload).
  const rsc = await rscPayload(server, pathname);
  const durations: number[] = [];
  const until = values["bytes-only"] ? 0 : performance.now() + Number(values.seconds) * 1000;
  let status = first.status;
  const cpuBefore = cpuSeconds(server.pid);
  await Promise.all(
    Array.from({ length: Number(values["in-flight"]) }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await get(server, pathname);
        await response.arrayBuffer();
        durations.push(performance.now() - started);
        if (response.status !== 200) status = response.status;
      }
    }),
  );
  const cpuAfter = cpuSeconds(server.pid);
  durations.sort((a, b) => a - b);
  return {
    engine: server.engine,
    server: serverName(server),
    label,
    status,
    requests: durations.length,
    p50: percentile(durations, 0.5),
    p975: percentile(durations, 0.975),
    perSecond: durations.length / Number(values.seconds),
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || durations.length === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / durations.length,
    htmlBytes: Buffer.byteLength(html),
    rscBytes: Buffer.byteLength(rsc),
  };
}

function startServer(server: Server, port: number): ChildProcess {
  if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) throw new Error("bench:pages needs a production build: run `npx next build` first");
  // The server `npm start` runs (scripts/front-server.mjs: `next start` plus the client-address front).
  const profile = values["cpu-prof-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof-dir"])}`] : [];
  return spawn(process.execPath, [...profile, path.join("scripts", "front-server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: server.databaseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: server.base,
      ...(server.nodeOptions ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${server.nodeOptions}`.trim() } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const referenceBefore = machineReferenceMs();
const rows: (PathResult & { size: number; firstMs: number })[] = [];
const engines: Server["engine"][] = values.database ? ["sqlite", "postgres"] : ["sqlite"];
for (const size of values.sizes!.split(",").map(Number)) {
  // One server per engine (ports --port and --port + 1), both up while every view is measured on one, then the other.
  const servers = engines.map((engine, at): Server => ({ engine, databaseUrl: databaseUrlOf(engine, size), base: `http://127.0.0.1:${Number(values.port) + at}`, cookie: "" }));
  const compared = values["compare-node-options"];
  if (compared) servers.push({ engine: "sqlite", nodeOptions: compared, databaseUrl: databaseUrlOf("sqlite", size), base: `http://127.0.0.1:${Number(values.port) + servers.length}`, cookie: "" });
  for (const databaseUrl of new Set(servers.map((server) => server.databaseUrl))) await preparedDatabase(databaseUrl, size);
  const processes = servers.map((server, at) => startServer(server, Number(values.port) + at));
  servers.forEach((server, at) => (server.pid = processes[at]!.pid));
  try {
    for (const server of servers) {
      await waitForServer(server);
      await signIn(server);
    }
    const paths = await benchPaths(servers[0]!.databaseUrl);
    // Every view twice before any is measured: the first answers after a start include compiling code. The first
    // answer's time is kept: what the first visitor after a start (or after a new snapshot or import: cold data
    // caches, warm code) waits.
    const firstMs = new Map<string, number>();
    for (let round = 0; round < 2; round++) {
      for (const server of servers) {
        for (const { path: pathname } of paths) {
          const started = performance.now();
          await (await get(server, pathname)).arrayBuffer();
          if (round === 0) firstMs.set(`${serverName(server)}|${pathname}`, performance.now() - started);
        }
      }
    }
    for (const { label, path: pathname } of paths) {
      for (const server of servers) {
        const result = await load(server, label, pathname);
        rows.push({ ...result, size, firstMs: firstMs.get(`${serverName(server)}|${pathname}`)! });
        process.stderr.write(`${size} ${serverName(server)} ${label}: ${((result.htmlBytes + result.rscBytes) / 1024).toFixed(1)} KB, p97.5 ${result.p975.toFixed(0)} ms\n`);
      }
    }
  } finally {
    for (const child of processes) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
}

const goalMs = (size: number) => (size <= 100_000 ? 300 : 500);
/** The bytes goals of a view: its HTML (markup + inlined RSC) and its RSC payload; the quadrant map is its data. */
function bytesGoal(row: PathResult): { text: string; met: boolean } {
  if (row.label.startsWith("quadrant map")) return { text: "RSC < 300", met: row.rscBytes < 300 * 1024 };
  return { text: "each < 150", met: row.htmlBytes < 150 * 1024 && row.rscBytes < 150 * 1024 };
}
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** The engine column, when both engines were measured. */
const severalServers = Boolean(values.database || values["compare-node-options"]);
const engineHead = severalServers ? " server |" : "";
const engineRule = severalServers ? "---|" : "";
const engineCell = (row: PathResult) => (severalServers ? ` ${row.server} |` : "");
if (values["bytes-only"]) {
  console.log("\nBytes of every view: the HTML of a first load and the RSC payload of a client navigation (KB of 1,024 bytes, uncompressed)\n");
  console.log(`| customers |${engineHead} view | status | first answer ms | HTML KB | RSC KB | HTML + RSC KB | goal KB |`);
  console.log(`|---:|${engineRule}---|---:|---:|---:|---:|---:|---|`);
  for (const row of rows) {
    const total = row.htmlBytes + row.rscBytes;
    const goal = bytesGoal(row);
    console.log(`| ${row.size.toLocaleString("en")} |${engineCell(row)} ${row.label} | ${row.status} | ${row.firstMs.toFixed(0)} | ${kb(row.htmlBytes)} | ${kb(row.rscBytes)} | ${kb(total)} | ${goal.text}${goal.met ? "" : " ✗"} |`);
  }
} else {
  console.log(`\nPage answer times with ${values["in-flight"]} requests in flight, ${values.seconds} s per view (ms, of all answers), the server's CPU time per answer (ms, all its threads: where the time goes when answers queue), and the bytes of the HTML of a first load and the RSC payload of a client navigation (KB of 1,024 bytes, uncompressed)\n`);
  console.log(`| customers |${engineHead} view | status | first answer ms | requests | p50 ms | p97.5 ms | goal | req/s | CPU ms/req | HTML KB | RSC KB | HTML + RSC KB | goal KB |`);
  console.log(`|---:|${engineRule}---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|`);
  for (const row of rows) {
    const timeOk = row.p975 < goalMs(row.size) ? "" : " ✗";
    const total = row.htmlBytes + row.rscBytes;
    const goal = bytesGoal(row);
    console.log(
      `| ${row.size.toLocaleString("en")} |${engineCell(row)} ${row.label} | ${row.status} | ${row.firstMs.toFixed(0)} | ${row.requests} | ${row.p50.toFixed(0)} | ${row.p975.toFixed(0)}${timeOk} | < ${goalMs(row.size)} | ${row.perSecond.toFixed(1)} | ${row.cpuMsPerRequest === null ? "–" : row.cpuMsPerRequest.toFixed(1)} | ${kb(row.htmlBytes)} | ${kb(row.rscBytes)} | ${kb(total)} | ${goal.text}${goal.met ? "" : " ✗"} |`,
    );
  }
}
console.log(`\n${machineReferenceLine(referenceBefore, machineReferenceMs())}`);
