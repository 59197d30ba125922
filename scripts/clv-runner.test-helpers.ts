import { spawnSync } from "node:child_process";

/**
 * Runs the real command line as a user would (`npm run --silent clv -- ...` runs exactly this: the prebuilt bundle, rebuilt when a source changed) on the
 * database at `databaseUrl`, for the command-line tests.
 * @example clv(["stats", "--json"], "/tmp/test.db") // { code: 0, stdout: "{ ... }", stderr: "" }
 */
export function clv(args: string[], databaseUrl: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "scripts/clv-run.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
