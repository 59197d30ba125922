/**
 * Starts the production build for the browser tests on a fresh database: empty, or seeded with the
 * fixed demo company of `e2e/demo-data.ts`; with the test users of `e2e/auth-users.ts` (admin, analyst,
 * viewer) unless --no-users (a first run: /setup).
 * Usage: tsx scripts/e2e-server.ts --port P --database FILE [--seeded] [--no-users]
 *
 * With E2E_POSTGRES_URL (the browser tests' PostgreSQL run, scripts/e2e-postgres.ts) the server serves from a
 * schema of its own on that database (`e2e_<port>`, made afresh), and FILE is still seeded the same way: the
 * specs read their expected figures from it, so on that run they check that the pages served from PostgreSQL show
 * what SQLite computes from the same demo company.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, type OpenedDatabase } from "../db/client";
import { openReadyDatabase } from "../db/open-database";
import { seedDemoCompany } from "../db/seed/seed-demo-company";
import { E2E_USERS, e2eCookiePrefix } from "../e2e/auth-users";
import { E2E_DEMO_OPTIONS } from "../e2e/demo-data";
import { commandLineActor } from "../lib/audit/events";
import { addUser } from "../lib/auth/users";
import { ROLES } from "../lib/auth/roles";
import { recomputeNow } from "../lib/recompute/runner";
import { runAsAdmin, withUrlParts } from "../lib/testing/postgres-test-database";

const { values } = parseArgs({
  options: { port: { type: "string" }, database: { type: "string" }, seeded: { type: "boolean", default: false }, "no-users": { type: "boolean", default: false } },
});
if (!values.port || !values.database) throw new Error("--port and --database are required");

const databasePath = path.resolve(values.database);
fs.mkdirSync(path.dirname(databasePath), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });

/** Seeds `database` with the fixed demo company and its first snapshot, and adds the test users (as flagged). */
async function prepare(database: OpenedDatabase, users: boolean): Promise<void> {
  if (values.seeded) {
    await seedDemoCompany(database.db, E2E_DEMO_OPTIONS);
    await recomputeNow(database, { reason: "browser tests: seeded demo company" }); // pages read the snapshot
  }
  if (users) {
    for (const role of ROLES) await addUser(database.db, { ...E2E_USERS[role], role }, commandLineActor("browser tests"));
  }
}

/** A PostgreSQL schema of this server's own on E2E_POSTGRES_URL, emptied: its DATABASE_URL. */
async function freshPostgresSchema(databaseUrl: string): Promise<string> {
  const schema = `e2e_${values.port}`;
  await runAsAdmin(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return withUrlParts(databaseUrl, { search: `?schema=${schema}` });
}

const sqlite = openDatabase(databasePath);
await prepare(sqlite, !process.env.E2E_POSTGRES_URL && !values["no-users"]);
sqlite.close();
let serverDatabaseUrl = databasePath;
if (process.env.E2E_POSTGRES_URL) {
  serverDatabaseUrl = await freshPostgresSchema(process.env.E2E_POSTGRES_URL);
  const postgres = await openReadyDatabase(serverDatabaseUrl);
  await prepare(postgres, !values["no-users"]);
  await postgres.close();
}

// Idle connections are kept for 65 s (Node's default is 5 s): a test's API client that reuses a
// connection just as the server closes it gets ECONNRESET (seen once, between two steps ~5 s apart).
const keepAlive = ["--keepAliveTimeout", "65000"];
// The server `npm start` runs (client addresses from the socket, scripts/front-server.mjs).
const server = spawn(process.execPath, [path.join("scripts", "front-server.mjs"), "-p", values.port, "-H", "127.0.0.1", ...keepAlive], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: serverDatabaseUrl,
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
