/**
 * A throwaway PostgreSQL server for tests and CI: Debian's `postgresql` binaries (installed by
 * scripts/ensure-test-tools.sh when missing), run as an unprivileged user (`postgres` when this process is root,
 * which the server refuses to be), on a free local port, with its data in a temporary folder that is removed
 * when it stops. Tuned for speed over durability (no fsync): the data is thrown away anyway.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const MINIMUM_MAJOR_VERSION = 15;
const SUPERUSER = "postgres";

/** A running test server; `adminUrl` connects as its superuser to the `postgres` database. */
export interface TestPostgresServer {
  adminUrl: string;
  port: number;
  /** e.g. "15.14" */
  version: string;
  /** Seconds from the call to a server that accepts connections (initdb included). */
  startSeconds: number;
  stop: () => void;
}

/** PostgreSQL could not be installed or started here; tests that need it are skipped with this reason. */
export class TestPostgresUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TestPostgresUnavailableError";
  }
}

/**
 * The `bin` folder of the newest installed PostgreSQL of at least version 15 (Debian keeps them in
 * /usr/lib/postgresql/<major>/bin), or null. `POSTGRES_BIN` overrides the search.
 */
export function findPostgresBinaries(root = "/usr/lib/postgresql"): string | null {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, "pg_ctl")) ? fromEnv : null;
  let majors: number[];
  try {
    majors = fs.readdirSync(root).map(Number).filter((major) => Number.isInteger(major) && major >= MINIMUM_MAJOR_VERSION);
  } catch {
    return null;
  }
  for (const major of majors.sort((a, b) => b - a)) {
    const bin = path.join(root, String(major), "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

/** Installs Debian's postgresql through the project's tool script when it is missing; the bin folder or null. */
function ensurePostgresBinaries(): string {
  const found = findPostgresBinaries();
  if (found) return found;
  try {
    execFileSync("bash", [path.join(process.cwd(), "scripts", "ensure-test-tools.sh"), "postgresql"], { stdio: "inherit" });
  } catch (error) {
    throw new TestPostgresUnavailableError(`PostgreSQL ${MINIMUM_MAJOR_VERSION}+ is not installed and could not be installed: ${(error as Error).message}`);
  }
  const installed = findPostgresBinaries();
  if (!installed) throw new TestPostgresUnavailableError(`PostgreSQL ${MINIMUM_MAJOR_VERSION}+ is still missing after installing Debian's postgresql`);
  return installed;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * A free local port: from `TEST_POSTGRES_PORT` on (the next 50) when set, so engineers sharing a machine can keep
 * to their own range; otherwise one the system hands out.
 */
async function freePort(): Promise<number> {
  const first = Number(process.env.TEST_POSTGRES_PORT ?? "");
  if (Number.isInteger(first) && first > 0) {
    for (let port = first; port < first + 50; port++) if (await isPortFree(port)) return port;
    throw new TestPostgresUnavailableError(`no free port from TEST_POSTGRES_PORT=${first} to ${first + 49}`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program as the unprivileged `postgres` user when this process is root, else as itself. */
function runAsServerUser(program: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", SUPERUSER, "--", program, ...args]] : [program, args];
  return execFileSync(command, commandArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A folder the server user owns (the server refuses data it does not own). */
function makeServerFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-pg-"));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, SUPERUSER], { encoding: "utf8" }).trim());
    fs.chownSync(folder, id("-u"), id("-g"));
  }
  return folder;
}

/**
 * Starts a fresh server: `initdb` (superuser `postgres` with a random password, password checks on TCP so a
 * wrong one is refused as on a real server), then `pg_ctl start` on 127.0.0.1 and a free port. Call `stop()`.
 */
export async function startTestPostgres(): Promise<TestPostgresServer> {
  const started = performance.now();
  const bin = ensurePostgresBinaries();
  const port = await freePort();
  const folder = makeServerFolder();
  const dataFolder = path.join(folder, "data");
  const password = crypto.randomBytes(18).toString("base64url");
  const passwordFile = path.join(folder, "password");
  // Retried: the server's last processes may still be writing into the folder just after it stopped.
  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  try {
    runAsServerUser("sh", ["-c", `umask 077 && printf '%s\\n' "$0" > "$1"`, password, passwordFile]);
    runAsServerUser(path.join(bin, "initdb"), [
      "-D", dataFolder, "-U", SUPERUSER, `--pwfile=${passwordFile}`, "--auth-local=trust", "--auth-host=scram-sha-256",
      "-E", "UTF8", "--no-locale", "--no-sync",
    ]);
    fs.rmSync(passwordFile, { force: true });
    const serverOptions = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    runAsServerUser(path.join(bin, "pg_ctl"), ["-D", dataFolder, "-l", path.join(folder, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = readLog(path.join(folder, "server.log"));
    removeFolder();
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new TestPostgresUnavailableError(`could not start PostgreSQL from ${bin}: ${(error as Error).message}\n${stderr}${log}`);
  }
  const version = runAsServerUser(path.join(bin, "postgres"), ["--version"]).match(/\) (\d+(?:\.\d+)*)/)?.[1] ?? "";
  let stopped = false;
  return {
    adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    version,
    startSeconds: (performance.now() - started) / 1000,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        runAsServerUser(path.join(bin, "pg_ctl"), ["-D", dataFolder, "-m", "immediate", "-w", "stop"]);
      } finally {
        removeFolder();
      }
    },
  };
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").slice(-2000);
  } catch {
    return "";
  }
}
