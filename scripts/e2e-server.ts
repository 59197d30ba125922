/**
 * Starts the production build for the browser tests on a fresh database: empty, or seeded with the
 * fixed demo company of `e2e/demo-data.ts`; with the test users of `e2e/auth-users.ts` (admin, analyst,
 * viewer) unless --no-users (a first run: /setup).
 * Usage: tsx scripts/e2e-server.ts --port P --database FILE [--seeded] [--no-users] [--join-port Q]
 *
 * --join-port Q starts a second app instance on the database of the test server on port Q, as it is: FILE is
 * that server's SQLite file (on the PostgreSQL run its schema `e2e_Q` is served), nothing is made afresh,
 * seeded or added, and the session cookie is named as Q's, so that a browser signed in on one instance is
 * signed in on both (the secret that signs it is shared through the database, lib/auth/auth.ts). BETTER_AUTH_URL
 * stays its own address: the origin its sign-in and sign-out requests come from.
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
  options: {
    port: { type: "string" },
    database: { type: "string" },
    seeded: { type: "boolean", default: false },
    "no-users": { type: "boolean", default: false },
    "join-port": { type: "string" },
  },
});
if (!values.port || !values.database) throw new Error("--port and --database are required");
const joinPort = values["join-port"];
if (joinPort && (values.seeded || values["no-users"])) throw new Error("--join-port serves a database as it is: no --seeded or --no-users");

const databasePath = path.resolve(values.database);

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

/** The DATABASE_URL of the test server on `port` on the PostgreSQL run: its schema `e2e_<port>` on E2E_POSTGRES_URL. */
const postgresSchemaUrl = (databaseUrl: string, port: string) => withUrlParts(databaseUrl, { search: `?schema=e2e_${port}` });

/** A database of this server's own, made afresh and prepared as flagged: its DATABASE_URL. */
async function freshDatabase(): Promise<string> {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  const sqlite = openDatabase(databasePath);
  await prepare(sqlite, !process.env.E2E_POSTGRES_URL && !values["no-users"]);
  sqlite.close();
  if (!process.env.E2E_POSTGRES_URL) return databasePath;
  await runAsAdmin(process.env.E2E_POSTGRES_URL, `DROP SCHEMA IF EXISTS e2e_${values.port} CASCADE`);
  const url = postgresSchemaUrl(process.env.E2E_POSTGRES_URL, values.port!);
  const postgres = await openReadyDatabase(url);
  await prepare(postgres, !values["no-users"]);
  await postgres.close();
  return url;
}

/** The database of the server on `port` as it is (--join-port): its DATABASE_URL. */
function joinedDatabase(port: string): string {
  if (process.env.E2E_POSTGRES_URL) return postgresSchemaUrl(process.env.E2E_POSTGRES_URL, port);
  if (!fs.existsSync(databasePath)) throw new Error(`--join-port ${port}: there is no database ${databasePath} to join`);
  return databasePath;
}

const serverDatabaseUrl = joinPort ? joinedDatabase(joinPort) : await freshDatabase();

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
    // Four servers share 127.0.0.1 and cookies ignore ports: each names its session cookie after its port
    // (a second instance after the port of the server it joins, whose sessions it shares).
    KLANTWAARDE_COOKIE_PREFIX: e2eCookiePrefix(joinPort ?? values.port),
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
