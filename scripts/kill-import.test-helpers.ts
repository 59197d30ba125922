import { spawn } from "node:child_process";
import { openDatabase } from "../db/client";

/** How a test starts the real command line: `clv` through tsx with the server's module conditions. */
export const CLV_COMMAND = ["--import", "tsx", "--conditions=react-server", "scripts/clv.ts"];

/**
 * Starts `clv <args>` on `databasePath` and kills it (kill -9) the first time `when` (SQL, a condition read
 * by a second connection every `pollMs`) holds; gives up after 100 s. Resolves when the process has ended,
 * with its exit signal (`"SIGKILL"` when it was killed) and what it wrote to stderr, for the message of a
 * failing test. For the tests that show a kill at a chosen moment leaves the data as readers saw it.
 *
 * @example await killImportWhen(db, ["import", "customers", file], env, "EXISTS (SELECT 1 FROM customer_changes)")
 */
export async function killImportWhen(
  databasePath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  when: string,
  pollMs = 10,
): Promise<{ signal: NodeJS.Signals | null; errors: string; looks: number }> {
  // The watcher is opened first: opening checks the schema, which must not meet the import's start.
  const watcher = openDatabase(databasePath);
  const child = spawn(process.execPath, [...CLV_COMMAND, ...args], { env });
  let errors = "";
  child.stderr.on("data", (data: Buffer) => (errors += data.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const condition = watcher.sqlite.prepare(`SELECT ${when}`).pluck();
  let looks = 0;
  try {
    const giveUpAt = Date.now() + 100_000;
    while (child.exitCode === null && Date.now() < giveUpAt) {
      looks++;
      if (condition.get() === 1) {
        child.kill("SIGKILL");
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    watcher.close();
  }
  await exited;
  return { signal: child.signalCode, errors, looks };
}
