/**
 * The browser tests against PostgreSQL: `npm run test:e2e:pg [-- playwright args]`. Starts a throwaway PostgreSQL
 * server (as the unit tests do, lib/testing/test-postgres.ts), runs `playwright test` with E2E_POSTGRES_URL so that
 * every test server serves from a schema of its own there (scripts/e2e-server.ts), then stops the server and
 * removes its data. Expects the production build (`next build`) to be there, as `npm run test:e2e` makes it.
 */
import { spawn } from "node:child_process";
import { createTestDatabase } from "../lib/testing/postgres-test-database";
import { startTestPostgres } from "../lib/testing/test-postgres";

const server = await startTestPostgres();
let code = 1;
try {
  const url = await createTestDatabase(server.adminUrl);
  process.stdout.write(`[e2e:pg] PostgreSQL ${server.version} on 127.0.0.1:${server.port}; the test servers serve from it\n`);
  const playwright = spawn(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, E2E_POSTGRES_URL: url },
  });
  code = await new Promise<number>((resolve) => playwright.on("exit", (exitCode) => resolve(exitCode ?? 1)));
} finally {
  server.stop();
}
process.exit(code);
