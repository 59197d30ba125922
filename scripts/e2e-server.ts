/**
 * Starts the production build for the browser tests on a fresh database: empty, or seeded with the
 * fixed demo company of `e2e/demo-data.ts`; with the test users of `e2e/auth-users.ts` (admin, analyst,
 * viewer) unless --no-users (a first run: /setup).
 * Usage: tsx scripts/e2e-server.ts --port P --database FILE [--seeded] [--no-users]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { seedDemoCompany } from "../db/seed/seed-demo-company";
import { E2E_USERS, e2eCookiePrefix } from "../e2e/auth-users";
import { E2E_DEMO_OPTIONS } from "../e2e/demo-data";
import { commandLineActor } from "../lib/audit/events";
import { addUser } from "../lib/auth/users";
import { ROLES } from "../lib/auth/roles";
import { recomputeNow } from "../lib/recompute/runner";

const { values } = parseArgs({
  options: { port: { type: "string" }, database: { type: "string" }, seeded: { type: "boolean", default: false }, "no-users": { type: "boolean", default: false } },
});
if (!values.port || !values.database) throw new Error("--port and --database are required");

const databasePath = path.resolve(values.database);
fs.mkdirSync(path.dirname(databasePath), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
const database = openDatabase(databasePath);
if (values.seeded) {
  await seedDemoCompany(database.db, E2E_DEMO_OPTIONS);
  await recomputeNow(database, { reason: "browser tests: seeded demo company" }); // pages read the snapshot
}
if (!values["no-users"]) {
  for (const role of ROLES) await addUser(database.db, { ...E2E_USERS[role], role }, commandLineActor("browser tests"));
}
database.close();

// Idle connections are kept for 65 s (Node's default is 5 s): a test's API client that reuses a
// connection just as the server closes it gets ECONNRESET (seen once, between two steps ~5 s apart).
const keepAlive = ["--keepAliveTimeout", "65000"];
// The server `npm start` runs (client addresses from the socket, scripts/front-server.mjs).
const server = spawn(process.execPath, [path.join("scripts", "front-server.mjs"), "-p", values.port, "-H", "127.0.0.1", ...keepAlive], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: databasePath,
    NEXT_TELEMETRY_DISABLED: "1",
    // Four servers share 127.0.0.1 and cookies ignore ports: each names its session cookie after its port.
    KLANTWAARDE_COOKIE_PREFIX: e2eCookiePrefix(values.port),
    BETTER_AUTH_URL: `http://127.0.0.1:${values.port}`,
    // The tests are a proxy on this machine: each test names its client address in X-Forwarded-For, so that
    // their sign-ins do not share one rate-limit bucket. A spec that tests the limit itself sets "" (none).
    KLANTWAARDE_TRUSTED_PROXIES: process.env.KLANTWAARDE_TRUSTED_PROXIES ?? "127.0.0.1",
  },
});
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
