/**
 * The worker thread of `createWorkerRowStream`: reads the bytes it is sent into validated rows with the
 * same `RowReader` the importing thread would use, and answers every message with the outcomes it
 * completed, packed. After a failure every later message is answered with the same failure.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ImportFileError } from "../read/problems";
import { createRowReader, type RowReader, type RowReaderOptions } from "../read/row-reader";
import type { ImportKind } from "../read/fields";
import { packOutcomes } from "./packed-rows";
import type { ReaderState, WorkerReply, WorkerRequest } from "./worker-row-stream";

const port = parentPort!;
const options = (workerData as { options: RowReaderOptions<ImportKind> }).options;
let reader: RowReader<ImportKind> | null = null;
let failure: WorkerReply | null = null;

const stateOf = (reader: RowReader<ImportKind>): ReaderState => ({
  header: reader.header,
  problems: reader.problems,
  encoding: reader.encoding,
  rowCount: reader.rowCount,
  platform: reader.platform,
  orders: reader.orders,
});

function failed(error: unknown): WorkerReply {
  const state = reader ? stateOf(reader) : undefined;
  if (error instanceof ImportFileError) return { type: "failed", problems: error.problems, state };
  return { type: "failed", message: error instanceof Error ? error.message : String(error), state };
}

try {
  reader = createRowReader(options);
  port.postMessage({ type: "ready" } satisfies WorkerReply);
} catch (error) {
  failure = failed(error);
  port.postMessage(failure);
}

port.on("message", (request: WorkerRequest) => {
  if (failure || !reader) {
    port.postMessage(failure);
    return;
  }
  try {
    const outcomes = request.type === "push" ? reader.push(request.bytes) : reader.end();
    const packed = packOutcomes(options.kind, outcomes);
    const reply: WorkerReply = { type: "rows", packed, state: stateOf(reader) };
    port.postMessage(reply, [packed.numbers.buffer as ArrayBuffer, packed.lengths.buffer as ArrayBuffer]);
  } catch (error) {
    failure = failed(error);
    port.postMessage(failure);
  }
});
