import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sessionCookies } from "./sign-in";

/**
 * A throwaway server for a spec that changes data the other specs read (erasing a customer, importing
 * hostile names): the production build on a seeded database of the spec's own, with the test users, and the
 * admin signed in. Specs run it from `beforeAll` and stop it in `afterAll`.
 */
export type OwnServer = {
  url: string;
  /**
   * The admin's session as a Cookie header, for requests made with fetch or node:http; "" for a server that
   * joined another one's database (`join`): the other server's cookie works on it.
   */
  cookie: string;
  /** The process that started the server (tsx); the server and its children (the PDF printer) descend from it. */
  pid: number;
  stop: () => Promise<void>;
};

/** Where the admin's signed-in browser state of the server on `port` is saved (for `test.use({ storageState })`). */
export function ownServerStorageState(port: number): string {
  return `e2e/.auth/own-server-${port}.json`;
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts the server on `port`. With `join` (the port of an own server already running, and its `database`), a
 * second app instance on that server's database as it is (scripts/e2e-server.ts --join-port): not seeded,
 * nobody signed in, sharing the other one's sessions.
 */
export async function startOwnServer(options: { port: number; database: string; env?: Record<string, string>; join?: number }): Promise<OwnServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const healthy = async () => (await fetch(`${url}/api/health`)).ok;
  if (await healthy().catch(() => false)) throw new Error(`port ${options.port} is already in use; stop that server first`);
  fs.mkdirSync(path.dirname(options.database), { recursive: true });
  const server = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/e2e-server.ts", "--port", String(options.port), "--database", options.database, ...(options.join ? ["--join-port", String(options.join)] : ["--seeded"])],
    // A process group of its own (tsx, the script, next start), stopped as a whole.
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...options.env }, detached: true },
  );
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, "SIGTERM");
    await exited;
  };
  try {
    const exitedEarly = new Promise<never>((_, reject) => server.once("exit", (code) => reject(new Error(`the test server on port ${options.port} exited (code ${code}) before it was ready`))));
    exitedEarly.catch(() => undefined); // stop() ends it on purpose later
    await Promise.race([waitFor(healthy, `the test server on port ${options.port}`, 180_000), exitedEarly]);
    if (options.join) return { url, cookie: "", pid: server.pid!, stop };
    const cookies = await sessionCookies(url, "admin", "127.0.0.1");
    fs.mkdirSync(path.dirname(ownServerStorageState(options.port)), { recursive: true });
    fs.writeFileSync(ownServerStorageState(options.port), JSON.stringify({ cookies, origins: [] }));
    return { url, cookie: cookies.map(({ name, value }) => `${name}=${value}`).join("; "), pid: server.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
