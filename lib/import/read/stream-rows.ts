/**
 * Adapter from a byte stream to validated rows, for the command line and server routes: anything that
 * yields `Uint8Array` chunks works (`fs.createReadStream(path)`, a Node `Readable`, a web `ReadableStream`
 * in Node, the body of an upload request).
 */
import type { ImportKind } from "./fields";
import type { ImportProblem } from "./problems";
import type { RowOutcome } from "./row-outcome";
import { createRowReader, type RowOf, type RowReaderOptions } from "./row-reader";

export interface RowBatch<K extends ImportKind> {
  /** Outcomes of the rows completed by one chunk of input (may be empty). */
  outcomes: RowOutcome<RowOf<K>>[];
  /** The header line (known from the first batch on). */
  header: string[];
}

/**
 * Reads a byte stream chunk by chunk and yields the validated rows of each chunk, so a caller can
 * write them to the database in batches while memory stays flat. Throws `ImportFileError` when the
 * file cannot be imported (see `createRowReader`). Warnings are in the returned reader's `problems`
 * once the generator is done; `onDone` gets them too.
 *
 * @example
 * for await (const batch of streamRows(fs.createReadStream("orders.csv"), { kind: "transactions", ... })) {
 *   for (const outcome of batch.outcomes) if (!outcome.ok) console.log(outcome.errors);
 * }
 */
export async function* streamRows<K extends ImportKind>(
  source: AsyncIterable<Uint8Array>,
  options: RowReaderOptions<K> & { onDone?: (summary: { problems: ImportProblem[]; rowCount: number; encoding: string }) => void },
): AsyncGenerator<RowBatch<K>, void, undefined> {
  const reader = createRowReader<K>(options);
  for await (const chunk of source) {
    const outcomes = reader.push(chunk);
    if (outcomes.length > 0) yield { outcomes, header: reader.header ?? [] };
  }
  const outcomes = reader.end();
  if (outcomes.length > 0) yield { outcomes, header: reader.header ?? [] };
  options.onDone?.({ problems: reader.problems, rowCount: reader.rowCount, encoding: reader.encoding });
}
