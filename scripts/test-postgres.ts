/**
 * A throwaway PostgreSQL server by hand: `npm run test-postgres`. Starts one as the tests do
 * (lib/testing/test-postgres.ts), creates an empty database in it, prints its DATABASE_URL and keeps it running
 * until Ctrl-C (or SIGTERM), then stops it and removes its data.
 */
import { createTestDatabase } from "../lib/testing/postgres-test-database";
import { startTestPostgres } from "../lib/testing/test-postgres";

const server = await startTestPostgres();
const stop = () => {
  try {
    server.stop();
    process.stderr.write("PostgreSQL stopped, its data removed\n");
  } catch (error) {
    process.stderr.write(`Could not stop PostgreSQL cleanly: ${(error as Error).message}\n`);
  }
  process.exit(0);
};
// `on`, not `once`: Ctrl-C may arrive twice (from the terminal and relayed by npm and tsx), and a second one with
// no handler would end the process before the folder is removed.
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  const url = await createTestDatabase(server.adminUrl);
  process.stdout.write(`PostgreSQL ${server.version} on 127.0.0.1:${server.port}, started in ${server.startSeconds.toFixed(2)} s\n`);
  process.stdout.write(`DATABASE_URL=${url}\n(Ctrl-C stops it and removes its data)\n`);
} catch (error) {
  server.stop();
  throw error;
}
setInterval(() => {}, 1 << 30);
