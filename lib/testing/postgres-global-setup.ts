/**
 * Vitest global set-up of the PostgreSQL tier (vitest.pg.config.ts): one test server for the whole run, handed to
 * the tests with `inject("testPostgres")`, stopped afterwards. When PostgreSQL cannot be installed or started the
 * tests get the reason instead, and skip with it printed; in CI (`CI` set, as .ci/run does) the run fails instead.
 */
import type { TestProject } from "vitest/node";
import { startTestPostgres, type TestPostgresServer } from "./test-postgres";

/** What the tests receive: the server's superuser URL, or why there is no server. */
export type ProvidedTestPostgres = { adminUrl: string; version: string } | { unavailable: string };

declare module "vitest" {
  export interface ProvidedContext {
    testPostgres: ProvidedTestPostgres;
  }
}

/** Starts the server, provides it, and returns the function that stops it. */
export default async function setup(project: TestProject): Promise<() => void> {
  let server: TestPostgresServer | null = null;
  try {
    server = await startTestPostgres();
    // Stopped on an early exit too (a failed set-up, Ctrl-C), so no server outlives the run.
    const started = server;
    process.once("exit", () => started.stop());
    console.log(`[postgres] test server ${server.version} on 127.0.0.1:${server.port}, started in ${server.startSeconds.toFixed(2)} s`);
    project.provide("testPostgres", { adminUrl: server.adminUrl, version: server.version });
  } catch (error) {
    const reason = (error as Error).message;
    // In CI the server must run (scripts/ensure-test-tools.sh installed it): a skip there would hide the tier.
    if (process.env.CI) throw new Error(`[postgres] the PostgreSQL test server did not start in CI: ${reason}`);
    console.warn(`[postgres] no test server, the PostgreSQL tests are skipped: ${reason}`);
    project.provide("testPostgres", { unavailable: reason });
  }
  return () => server?.stop();
}
