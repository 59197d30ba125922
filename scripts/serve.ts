/**
 * Serves the production build of Klantwaarde: `npm start` (serve) and `npm run demo` (also seeds the demo
 * company into an empty database and builds first).
 * Usage: tsx scripts/serve.ts [--demo]   (PORT and DATABASE_URL from the environment)
 */
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DatabaseStartupError, openDatabase } from "../db/client";
import { countCustomers, seedDemoCompany } from "../db/seed/seed-demo-company";
import { getCurrentSnapshot } from "../lib/queries/snapshots";
import { recomputeNow } from "../lib/scoring";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });
const port = process.env.PORT ?? "3000";
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function log(message: string) {
  process.stderr.write(`[klantwaarde] ${message}\n`);
}

async function prepareDatabase(): Promise<string> {
  let database;
  try {
    database = openDatabase();
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      log(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    const customers = countCustomers(database.db);
    if (values.demo && customers === 0) {
      log(`The database ${database.path} is empty: generating the demo company "De Koffiebrander"...`);
      const result = seedDemoCompany(database.db);
      log(`Stored ${result.customers.toLocaleString("en")} customers and ${result.transactions.toLocaleString("en")} transactions in ${result.seconds.toFixed(1)} s.`);
    } else {
      log(`Using ${database.path} (${customers.toLocaleString("en")} customers).`);
    }
    if (countCustomers(database.db) > 0 && !getCurrentSnapshot(database.db)) {
      // The dashboard reads snapshots: compute the first one before serving.
      log("Computing the CLV figures of every customer (the first snapshot)...");
      const { outcome } = await recomputeNow(database, { reason: "first start" });
      if (outcome?.status === "complete") log(`Done in ${outcome.seconds.toFixed(1)} s.`);
      else log(`The figures could not be computed (${outcome?.message ?? "unknown reason"}); change the settings on /settings and recompute there.`);
    }
    return database.path;
  } finally {
    database.close();
  }
}

const databasePath = await prepareDatabase();
env.DATABASE_URL = databasePath;

if (values.demo || !fs.existsSync(path.join(".next", "BUILD_ID"))) {
  log("Building the app (next build)...");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) {
    log("The build failed; see the messages above.");
    process.exit(build.status ?? 1);
  }
}

log(`Serving on http://localhost:${port}`);
const server = spawn(process.execPath, [nextBin, "start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
