/**
 * What the PostgreSQL test server costs: `npm run bench:test-postgres [-- --runs 5]`. Each run starts a fresh
 * server as the tests do (lib/testing/test-postgres.ts: initdb, pg_ctl start), creates a database and applies
 * Klantwaarde's migrations to it (what a `*.pg.test.ts` file pays), then stops the server and removes its
 * folder. Prints the median seconds of each step and the machine check line.
 */
import { parseArgs } from "node:util";
import { parseDatabaseUrl, type PostgresTarget } from "../db/database-url";
import { migratePostgres } from "../db/pg/migrate";
import { createTestDatabase } from "../lib/testing/postgres-test-database";
import { startTestPostgres } from "../lib/testing/test-postgres";
import { machineReferenceLine, machineReferenceMs } from "./bench-machine";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs));

const steps = ["start server", "create database", "migrate", "stop server"] as const;
const seconds: Record<(typeof steps)[number], number[]> = { "start server": [], "create database": [], migrate: [], "stop server": [] };

const machineBefore = machineReferenceMs();
let version = "";
for (let run = 0; run < runs; run++) {
  const server = await startTestPostgres();
  version = server.version;
  seconds["start server"].push(server.startSeconds);
  try {
    let started = performance.now();
    const url = await createTestDatabase(server.adminUrl);
    seconds["create database"].push((performance.now() - started) / 1000);
    started = performance.now();
    await migratePostgres(parseDatabaseUrl(url) as PostgresTarget);
    seconds.migrate.push((performance.now() - started) / 1000);
  } finally {
    const started = performance.now();
    server.stop();
    seconds["stop server"].push((performance.now() - started) / 1000);
  }
}
const machineAfter = machineReferenceMs();

const middle = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
process.stdout.write(`PostgreSQL ${version} test server, ${runs} run${runs > 1 ? "s" : ""} (seconds)\n`);
process.stdout.write(`${"step".padEnd(16)} ${"median".padStart(7)} ${"min".padStart(7)} ${"max".padStart(7)}\n`);
for (const step of steps) {
  const list = seconds[step];
  process.stdout.write(
    `${step.padEnd(16)} ${middle(list).toFixed(2).padStart(7)} ${Math.min(...list).toFixed(2).padStart(7)} ${Math.max(...list).toFixed(2).padStart(7)}\n`,
  );
}
process.stdout.write(`${machineReferenceLine(machineBefore, machineAfter)}\n`);
