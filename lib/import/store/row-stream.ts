/**
 * Where an import's rows come from: the file's bytes go in, validated rows come out. Read in the
 * importing thread (`createLocalRowStream`, the default, also in the browser upload route) or in a worker
 * thread (`createWorkerRowStream`, for the command line), so that a large file is parsed while the
 * database writes the rows before it.
 */
import type { TextEncodingName } from "@/lib/import/read/encoding";
import type { ImportKind } from "@/lib/import/read/fields";
import type { ImportProblem } from "@/lib/import/read/problems";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import { createRowReader, type RowOf, type RowReader, type RowReaderOptions } from "@/lib/import/read/row-reader";

/**
 * Outcomes in file order. A stream may give every valid row as one object refilled for each row (see
 * `packedOutcomes`): read a row before taking the next.
 */
type Outcomes<K extends ImportKind> = Iterable<RowOutcome<RowOf<K>>>;

/** Like `RowReader`, but a stream may answer later: outcomes arrive in file order, possibly a few pushes late. */
export interface RowStream<K extends ImportKind> {
  /** Hands over the next bytes; gives the outcomes that are ready (of these bytes or earlier ones). */
  push(bytes: Uint8Array): Outcomes<K> | Promise<Outcomes<K>>;
  /** After the last bytes: gives every outcome not given yet. Throws `ImportFileError` as `RowReader.end` does. */
  end(): Outcomes<K> | Promise<Outcomes<K>>;
  /** Stops reading; safe to call at any time and more than once. */
  close(): void;
  readonly header: string[] | null;
  readonly problems: ImportProblem[];
  readonly encoding: TextEncodingName;
  /** Data rows whose outcomes were given so far. */
  readonly rowCount: number;
  /** See `RowReader.platform` and `RowReader.orders`. */
  readonly platform: RowReader<K>["platform"];
  readonly orders: RowReader<K>["orders"];
}

export type RowStreamFactory = <K extends ImportKind>(options: RowReaderOptions<K>) => RowStream<K> | Promise<RowStream<K>>;

/** Reads the rows in this thread, as the bytes are pushed. */
export function createLocalRowStream<K extends ImportKind>(options: RowReaderOptions<K>): RowStream<K> {
  const reader = createRowReader<K>(options);
  return {
    push: (bytes) => reader.push(bytes),
    end: () => reader.end(),
    close: () => undefined,
    get header() {
      return reader.header;
    },
    problems: reader.problems,
    get encoding() {
      return reader.encoding;
    },
    get rowCount() {
      return reader.rowCount;
    },
    get platform() {
      return reader.platform;
    },
    get orders() {
      return reader.orders;
    },
  };
}
