/**
 * A `RowStream` that reads the file in a worker thread (Node only): the importing thread hands over the
 * bytes and writes the rows of earlier bytes meanwhile. At most MAX_IN_FLIGHT pushes are ahead of the
 * rows given back, so memory does not grow with the file even when the database is the slower side.
 *
 * The worker runs `read-rows-worker.ts`, a TypeScript file: this works where the process runs through
 * tsx (the command line and the benchmarks; workers inherit its loader). The browser upload route reads
 * in its own thread and never loads this module.
 */
import { Worker } from "node:worker_threads";
import type { TextEncodingName } from "@/lib/import/read/encoding";
import type { ImportKind } from "@/lib/import/read/fields";
import { ImportFileError, type ImportProblem } from "@/lib/import/read/problems";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf, RowReader, RowReaderOptions } from "@/lib/import/read/row-reader";
import { packedOutcomes, type PackedOutcomes } from "./packed-rows";
import { createLocalRowStream, type RowStream, type RowStreamFactory } from "./row-stream";

export type WorkerRequest = { type: "push"; bytes: Uint8Array } | { type: "end" };
export type WorkerReply =
  | { type: "ready" }
  | { type: "rows"; packed: PackedOutcomes; state: ReaderState }
  | { type: "failed"; problems?: ImportProblem[]; message?: string; state?: ReaderState };

/** What the reader knows so far, sent with every answer. */
export interface ReaderState {
  header: string[] | null;
  problems: ImportProblem[];
  encoding: TextEncodingName;
  rowCount: number;
  platform: RowReader<ImportKind>["platform"];
  orders: RowReader<ImportKind>["orders"];
}

/**
 * Starts `read-rows-worker`. Run through tsx, the worker does not inherit tsx's loader (Node 20), so a
 * small script registers it in the worker first and then loads the TypeScript file.
 */
function startReader(options: RowReaderOptions<ImportKind>): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const entry = new URL(`./read-rows-worker.${typescript ? "ts" : "js"}`, import.meta.url);
  if (!typescript) return new Worker(entry, { workerData: { options } });
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `const { workerData } = require("node:worker_threads");
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });`;
  return new Worker(bootstrap, { eval: true, workerData: { options, tsx, entry: entry.href } });
}

/**
 * Files smaller than this are read in the importing thread: starting the worker took 0.2-0.4 s, about
 * what parsing ~270,000 rows (16 MB at 60 bytes a row, ~1.5 µs a row) costs.
 */
export const WORKER_MIN_BYTES = 16 * 2 ** 20;

/**
 * How the command line reads a file of `totalBytes`: in a worker thread from `minBytes` on (default
 * WORKER_MIN_BYTES), else in this thread; also in this thread when the worker cannot start
 * (`onFallback` hears why). File errors (`ImportFileError`) are not a reason to fall back.
 */
export function rowStreamForFile(totalBytes: number, options: { minBytes?: number; onFallback?: (reason: string) => void } = {}): RowStreamFactory {
  if (totalBytes < (options.minBytes ?? WORKER_MIN_BYTES)) return createLocalRowStream;
  return async (readerOptions) => {
    try {
      return await createWorkerRowStream(readerOptions);
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      options.onFallback?.((error as Error).message);
      return createLocalRowStream(readerOptions);
    }
  };
}

/** Pushes answered late at most: enough to keep the worker busy while the rows before are written. */
const MAX_IN_FLIGHT = 4;

/**
 * Starts the worker; resolves once it is ready to read, or rejects (the worker could not start, or the
 * options cannot be used: the same error `createRowReader` would throw).
 */
export async function createWorkerRowStream<K extends ImportKind>(options: RowReaderOptions<K>): Promise<RowStream<K>> {
  const worker = startReader(options);
  const arrived: WorkerReply[] = [];
  const waiting: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }[] = [];
  let broken: Error | null = null;
  let closed = false;
  const breakWith = (error: Error) => {
    broken ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(broken);
  };
  worker.on("message", (reply: WorkerReply) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(reply);
    else arrived.push(reply);
  });
  worker.on("error", (error) => breakWith(new Error(`The file reader stopped: ${error.message}`)));
  worker.on("exit", (code) => {
    if (!closed) breakWith(new Error(`The file reader stopped unexpectedly (exit code ${code}).`));
  });
  const nextReply = (): Promise<WorkerReply> => {
    const reply = arrived.shift();
    if (reply) return Promise.resolve(reply);
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };
  const failure = (reply: Extract<WorkerReply, { type: "failed" }>): Error =>
    reply.problems ? new ImportFileError(reply.problems) : new Error(reply.message ?? "The file could not be read.");

  try {
    const first = await nextReply();
    if (first.type === "failed") throw failure(first);
  } catch (error) {
    close();
    throw error;
  }

  let header: string[] | null = null;
  let encoding: TextEncodingName = options.encoding === "auto" || options.encoding === undefined ? "utf-8" : options.encoding;
  let rowCount = 0;
  let platform: ReaderState["platform"] = null;
  let orders: ReaderState["orders"] = null;
  const problems: ImportProblem[] = [];
  let inFlight = 0;
  const receive = async (): Promise<Iterable<RowOutcome<RowOf<K>>>> => {
    const reply = await nextReply();
    inFlight--;
    if (reply.type === "ready") throw new Error("The file reader answered 'ready' to a push.");
    if (reply.state) {
      header = reply.state.header;
      encoding = reply.state.encoding;
      rowCount = reply.state.rowCount;
      platform = reply.state.platform;
      orders = reply.state.orders;
      problems.splice(0, problems.length, ...reply.state.problems);
    }
    if (reply.type === "failed") throw failure(reply);
    return packedOutcomes<K>(reply.packed);
  };
  const send = (request: WorkerRequest) => {
    if (broken) throw broken;
    if (request.type === "push") worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
    else worker.postMessage(request);
    inFlight++;
  };

  return {
    push(bytes) {
      // A copy of just these bytes, moved to the worker (a view would take its whole underlying buffer
      // along; `Buffer#slice` is a view too, hence the constructor).
      send({ type: "push", bytes: new Uint8Array(bytes) });
      return inFlight < MAX_IN_FLIGHT ? [] : receive();
    },
    async end() {
      send({ type: "end" });
      const batches: Iterable<RowOutcome<RowOf<K>>>[] = [];
      while (inFlight > 0) batches.push(await receive());
      close();
      return (function* () {
        for (const batch of batches) yield* batch;
      })();
    },
    close,
    get header() {
      return header;
    },
    problems,
    get encoding() {
      return encoding;
    },
    get rowCount() {
      return rowCount;
    },
    get platform() {
      return platform;
    },
    get orders() {
      return orders;
    },
  };
}
