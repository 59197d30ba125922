/**
 * Serves the production build of Klantwaarde: `npm start` (serve) and `npm run demo` (also seeds the demo
 * company into an empty database, adds the demo admin and builds first).
 * Usage: tsx scripts/serve.ts [--demo]   (PORT and DATABASE_URL from the environment)
 */
import { spawnSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DatabaseStartupError } from "../db/client";
import { databaseLocation } from "../db/describe-database";
import { openReadyDatabase } from "../db/open-database";
import { countCustomers, seedDemoCompany } from "../db/seed/seed-demo-company";
import { findUserByEmail, addUser, countUsers } from "../lib/auth/users";
import { currentCommandLineActor } from "../lib/audit/record";
import { getCurrentSnapshot } from "../lib/queries/snapshots";
import { recomputeNow } from "../lib/recompute";
import { parseTrustedProxies, TrustedProxiesError } from "../lib/security/client-address.mjs";
import { appSourcesHash, isBuildOfSources, recordBuildSources } from "./app-build-stamp";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });
try {
  parseTrustedProxies(process.env.KLANTWAARDE_TRUSTED_PROXIES); // a typo stops start-up before the build, not after
} catch (error) {
  if (!(error instanceof TrustedProxiesError)) throw error;
  process.stderr.write(`[klantwaarde] ${error.message}\n`);
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// Sign-in checks the origin of requests and sets Secure cookies only over https: BETTER_AUTH_URL says where
// the app is reached (set it to the https address when serving behind a proxy).
env.BETTER_AUTH_URL ||= `http://localhost:${port}`;

/** The demo's admin account (KLANTWAARDE_DEMO_PASSWORD, or a random password printed at start-up). */
const DEMO_EMAIL = "demo@klantwaarde.test";
let demoCredentials = null as { email: string; password: string } | null; // set in prepareDatabase()

function log(message: string) {
  process.stderr.write(`[klantwaarde] ${message}\n`);
}

/** How long each start-up step took, printed as it ends and once more in one line when the app is ready. */
const stepSeconds: [string, number][] = [["loading the code", performance.now() / 1000]]; // performance.now() counts from the process start
function endStep(name: string, startedMs: number, note = ""): void {
  const seconds = (performance.now() - startedMs) / 1000;
  stepSeconds.push([name, seconds]);
  log(`${name}: ${seconds.toFixed(1)} s${note}`);
}

async function prepareDatabase(): Promise<string> {
  const databaseStarted = performance.now();
  let database;
  try {
    database = await openReadyDatabase();
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      log(error.message);
      process.exit(1);
    }
    throw error;
  }
  const where = databaseLocation(database);
  try {
    const customers = await countCustomers(database.db);
    if (values.demo && customers === 0) {
      log(`The database ${where} is empty: generating the demo company "De Koffiebrander"...`);
      const result = await seedDemoCompany(database.db);
      log(`Stored ${result.customers.toLocaleString("en")} customers and ${result.transactions.toLocaleString("en")} transactions in ${result.seconds.toFixed(1)} s.`);
    } else {
      log(`Using ${where} (${customers.toLocaleString("en")} customers).`);
    }
    endStep("database", databaseStarted);
    if (await countCustomers(database.db) > 0 && !await getCurrentSnapshot(database.db)) {
      // The dashboard reads snapshots: compute the first one before serving.
      log("Computing the CLV figures of every customer (the first snapshot)...");
      const snapshotStarted = performance.now();
      const { outcome } = await recomputeNow(database, { reason: "first start" });
      endStep("first snapshot", snapshotStarted);
      if (outcome?.status !== "complete") log(`The figures could not be computed (${outcome?.message ?? "unknown reason"}); change the settings on /settings and recompute there.`);
    }
    if (values.demo && !await findUserByEmail(database.db, DEMO_EMAIL)) {
      const password = process.env.KLANTWAARDE_DEMO_PASSWORD || crypto.randomBytes(12).toString("base64url");
      await addUser(database.db, { email: DEMO_EMAIL, password, role: "admin", name: "Demo" }, currentCommandLineActor());
      demoCredentials = { email: DEMO_EMAIL, password };
    } else if (values.demo && process.env.KLANTWAARDE_DEMO_PASSWORD) {
      demoCredentials = { email: DEMO_EMAIL, password: process.env.KLANTWAARDE_DEMO_PASSWORD };
    }
    if (await countUsers(database.db) === 0) {
      log(`No one can sign in yet: open ${env.BETTER_AUTH_URL}/setup to create the first admin, or run \`npm run clv -- user add EMAIL --role admin\`.`);
    }
    return database.engine === "sqlite" ? database.path : database.url;
  } finally {
    await database.close();
  }
}

const databasePath = await prepareDatabase();
env.DATABASE_URL = databasePath;

// `npm run demo` builds when the sources changed since the last build (or there is none); `npm start`
// only when there is no build, as `next start` would serve the one there.
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildStarted = performance.now();
const sourcesHash = appSourcesHash(process.cwd());
const buildIsCurrent = isBuildOfSources(distDir, sourcesHash);
if ((values.demo && !buildIsCurrent) || !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  log(fs.existsSync(path.join(distDir, "BUILD_ID")) ? "The sources changed since the last build: building the app (next build)..." : "Building the app (next build)...");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) {
    log("The build failed; see the messages above.");
    process.exit(build.status ?? 1);
  }
  recordBuildSources(distDir, sourcesHash);
  endStep("build", buildStarted);
} else {
  endStep("build", buildStarted, buildIsCurrent ? " (skipped: the build is of the current sources)" : " (skipped: serving the existing build)");
}

log(`Serving on ${env.BETTER_AUTH_URL}`);
if (demoCredentials) {
  log(`Sign in as ${demoCredentials.email} with the password ${demoCredentials.password}`);
} else if (values.demo) {
  log(`Sign in as ${DEMO_EMAIL} with the password printed when the demo was first started (or set KLANTWAARDE_DEMO_PASSWORD).`);
}
// Like `next start`, but the client's address comes from the socket (or trusted proxies), never from a header
// the client wrote itself: the sign-in rate limit counts per address (scripts/front-server.mjs).
const serverStarted = performance.now();
const server = spawn(process.execPath, [path.join("scripts", "front-server.mjs"), "-p", port], { stdio: ["inherit", "pipe", "inherit"], env });
let ready = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (ready || !chunk.toString("utf8").includes("Ready on")) return;
  ready = true;
  endStep("server start", serverStarted);
  const steps = stepSeconds.map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(", ");
  log(`Ready ${(performance.now() / 1000).toFixed(1)} s after start (${steps}).`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
