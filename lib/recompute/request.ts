import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { OpenedDatabase } from "@/db/client";
import { getDatabase } from "@/lib/db";
import { addRecomputeRequest, reserveRunner } from "./queue";

export interface RecomputeRequest {
  /** Why, for the snapshot's history: "import 12", "settings changed", ... */
  reason: string;
  /** Compute even when data and settings are unchanged (the "Recompute now" button). */
  force?: boolean;
}

export interface RecomputeRequestResult {
  /** False when the request could not be stored (the reason is logged and in `error`). */
  requested: boolean;
  /** The request's number in the queue. */
  request: number | null;
  /** Whether this call started a background runner (false: one is already running and will pick it up). */
  startedRunner: boolean;
  error?: string;
}

/** Starts a background runner for the database of `databaseUrl` (a SQLite path or a PostgreSQL URL; replaceable in tests). */
export type RunnerSpawner = (databaseUrl: string) => ChildProcess;

/**
 * Asks for a new snapshot and returns at once: the request is stored in the queue, and when no runner is
 * working a background process is started (`clv recompute --queued`, the same code as the command line) so
 * that the fitting never runs on the server's thread. Requests made while a runner works are handled
 * together by its next run. Never throws: a failure to queue is logged and returned.
 *
 * @example await requestRecompute({ reason: `import ${importId}` }) // after an import has committed
 */
export async function requestRecompute(
  request: RecomputeRequest,
  { database = getDatabase(), spawnRunner = spawnRecomputeProcess }: { database?: OpenedDatabase; spawnRunner?: RunnerSpawner } = {},
): Promise<RecomputeRequestResult> {
  try {
    const queued = await addRecomputeRequest(database.db, request.reason, request.force ?? false);
    if (queued.runnerAlive) return { requested: true, request: queued.request, startedRunner: false };
    const child = spawnRunner(database.engine === "sqlite" ? database.path : database.url);
    // The new process is the runner from now on (it claims the requests when it has started); a request
    // made meanwhile sees it alive and does not start another.
    if (child.pid !== undefined) await reserveRunner(database.db, child.pid);
    return { requested: true, request: queued.request, startedRunner: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[recompute] could not request a recompute (${request.reason}): ${message}`);
    return { requested: false, request: null, startedRunner: false, error: message };
  }
}

/**
 * `node --conditions=react-server scripts/clv-run.mjs recompute --queued` in the project folder (what
 * `npm run clv` runs: the prebuilt command line, rebuilt first when a source changed), its messages on the
 * server's stderr. The command runs in the process started here, so its pid is the one reserved in the queue.
 * Not waited for: the process runs on when the caller is done (an import command).
 */
export function spawnRecomputeProcess(databaseUrl: string): ChildProcess {
  const root = process.cwd();
  const cli = path.join(/*turbopackIgnore: true*/ root, "scripts", "clv-run.mjs");
  if (!fs.existsSync(cli)) throw new Error(`cannot start the recompute: ${cli} is missing`);
  const child = spawn(process.execPath, ["--conditions=react-server", cli, "recompute", "--queued"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.on("error", (error) => console.error(`[recompute] the background process failed to start: ${error.message}`));
  child.unref();
  return child;
}
