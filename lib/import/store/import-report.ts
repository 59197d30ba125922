/**
 * What an import is asked to do and what it answers, on either engine (run-import.ts for SQLite,
 * postgres/run-import-postgres.ts for PostgreSQL): the request, the report, its one-sentence message, what
 * the audit trail keeps, the rejected rows the report holds and the reading of the file's bytes into
 * outcomes, slice by slice.
 */
import type { AuditActor } from "@/lib/audit/events";
import type { ImportKind } from "@/lib/import/read/fields";
import type { ImportProblem, RowError } from "@/lib/import/read/problems";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf, RowReaderOptions } from "@/lib/import/read/row-reader";
import { describeOrders } from "@/lib/import/platforms/describe-orders";
import type { OrderSummary } from "@/lib/import/platforms/orders";
import type { RejectedRowsFile } from "./rejected-rows-file";
import type { RowStream, RowStreamFactory } from "./row-stream";
import type { ImportCounts } from "./row-writer";

export type ImportStatus = "committed" | "rejected" | "failed";

export interface ImportProgress {
  bytesRead: number;
  totalBytes?: number;
  rowsRead: number;
}

export interface ImportRequest<K extends ImportKind> {
  kind: K;
  fileName: string;
  /** Who imports (the audit trail; the import history's source is theirs: browser or command line). */
  by: AuditActor;
  /** Commit the valid rows and report the invalid ones (default: one invalid row rejects the file). */
  skipInvalid?: boolean;
  /** How to read the file (delimiter, decimal separator, date format, encoding, column choices). */
  reader: Omit<RowReaderOptions<K>, "kind">;
  /**
   * The file's bytes in chunks of any size, from a local file: a step of the import may stay open while
   * the next chunk is awaited (committing every chunk made a 1M-row import ten times slower: every commit
   * writes the index pages it touched again), so a slow input would hold the write lock. Where other
   * work shares the thread (the server), read the file synchronously (see lib/import/upload/spool-upload.ts):
   * then no other request runs while a step is open.
   */
  input: AsyncIterable<Uint8Array>;
  totalBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * File-level errors found before reading (e.g. by `sniffFile`: an ambiguous date format the user has
   * not chosen); when any is given the file is refused without writing a row.
   */
  preflightProblems?: ImportProblem[];
  /**
   * Where the file is read into rows: in this thread (default), or e.g. `createWorkerRowStream` to read
   * in a worker thread while this one writes (the command line).
   */
  readRows?: RowStreamFactory;
  /** Rejected rows kept in memory for the report (all are counted). Default REJECTED_ROWS_KEPT. */
  maxRejectedRowsKept?: number;
  /** Where every rejected row is streamed (for the import with this id), e.g. the server's download file. */
  rejectedRowsFile?: (importId: number) => RejectedRowsFile;
  /** The history row written when the upload started (`recordUploadStart`): the import goes on in it. */
  uploadId?: number | null;
  /** Work per write step (default STEP_MS of write-steps.ts); shorter steps only make an import slower. */
  stepMs?: number;
  /**
   * Fold a customers file's committed changes into the stored rows right after the commit (default
   * true; see customer-changes.ts). `false` leaves them to the next import or server start: readers see
   * the same either way (tests show that).
   */
  foldChanges?: boolean;
}

/** Rejected rows the report holds at most (all are counted, and all go to the rejected-rows file). */
export const REJECTED_ROWS_KEPT = 1_000;
/** Characters of cells and values the report's rejected rows hold at most (so wide rows cannot grow it). */
const REJECTED_CHARS_KEPT = 2_000_000;

export interface RejectedRowReport {
  line: number;
  cells: string[];
  errors: RowError[];
}

export interface ImportReport {
  /** The row in the import history (`null` only if even the history could not be written). */
  importId: number | null;
  status: ImportStatus;
  kind: ImportKind;
  fileName: string;
  /** Data rows read from the file (valid and invalid). */
  rowsRead: number;
  /** Rows stored as new transactions or customers (order lines of one order count each). */
  imported: number;
  /**
   * Existing customers whose details changed; for a transactions file, the rows of stored orders whose
   * total changed or that the file takes back (no purchase any more).
   */
  updated: number;
  /** Rows that were already in the database (same order number, same content or unchanged customer). */
  duplicates: number;
  rejected: number;
  /** Customers created because a transactions file named them for the first time. */
  newCustomers: number;
  rejectedRows: RejectedRowReport[];
  /** True when more rows were rejected than `rejectedRows` holds. */
  rejectedRowsTruncated: boolean;
  /** True when every rejected row was written to the rejected-rows file (`rejectedRowsFile`). */
  rejectedRowsInFile: boolean;
  /**
   * The longest time one step of the import held SQLite's write lock, in milliseconds; on PostgreSQL, how long a
   * first import's swap of the transactions table held readers up (postgres/fresh-transactions-table.ts), else 0.
   */
  longestWriteLockMs: number;
  header: string[];
  encoding: string;
  problems: ImportProblem[];
  /** One sentence for people: what happened and, when nothing was imported, what to do. */
  message: string;
  seconds: number;
  /** The platform export the file was recognised as (`null`: an ordinary file). */
  platform: { id: string; name: string; source: string; valueFrom: string } | null;
  /**
   * A platform file's orders: rows and orders read, purchases stored, orders refunded in full, refunds
   * subtracted, orders that are no purchase by status, orders without a customer (`null`: an ordinary file).
   */
  orders: OrderSummary | null;
}

/** A platform file's committed message also says what was done with its orders (see describe-orders.ts). */
export function withOrders(message: string, orders: OrderSummary | null, currency: string | undefined): string {
  return orders ? `${message} ${describeOrders(orders, currency)}` : message;
}

const plural = (count: number, word: string) => `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

export function finishedMessage(status: ImportStatus, counts: ImportCounts, rowsRead: number, skipInvalid: boolean, reason?: string): string {
  if (status === "failed") return `The import failed and nothing was changed: ${reason}`;
  if (status === "rejected") {
    if (reason) return `Nothing was imported: ${reason}`;
    return (
      `Nothing was imported: ${plural(counts.rejected, "row")} of ${rowsRead.toLocaleString("en")} cannot be read. ` +
      `Fix them (download the rejected rows) and import the file again, or choose to import the valid rows and skip the rest.`
    );
  }
  const parts = [`${plural(counts.imported, "row")} imported`];
  if (counts.updated > 0) parts.push(`${counts.updated.toLocaleString("en")} updated`);
  if (counts.duplicates > 0) parts.push(`${counts.duplicates.toLocaleString("en")} already present`);
  if (counts.rejected > 0 && skipInvalid) parts.push(`${plural(counts.rejected, "invalid row")} skipped`);
  return `${parts.join(", ")}.`;
}

/** What the audit trail keeps of an import: the outcome and the counts (never row contents). */
export function auditDetails(kind: ImportKind, status: ImportStatus, importId: number | null, rowsRead: number, counts: ImportCounts) {
  return { kind, status, importId, rowsRead, imported: counts.imported, updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected };
}

/**
 * The report of a finished import: what it did (`counts`), the reader's view of the file, the rejected rows kept,
 * and whether all of them went to the rejected-rows file. A platform file's orders only when it was committed.
 */
export function importReport<K extends ImportKind>(outcome: {
  importId: number;
  status: ImportStatus;
  request: Pick<ImportRequest<K>, "kind" | "fileName">;
  reader: RowStream<K>;
  counts: ImportCounts;
  rejectedRows: RejectedRowReport[];
  rejectedFile: RejectedRowsFile | undefined;
  longestWriteLockMs: number;
  problems: ImportProblem[];
  message: string;
  startedMs: number;
}): ImportReport {
  const { status, counts, reader, rejectedFile } = outcome;
  return {
    importId: outcome.importId,
    status,
    kind: outcome.request.kind,
    fileName: outcome.request.fileName,
    rowsRead: reader.rowCount,
    ...counts,
    rejectedRows: outcome.rejectedRows,
    rejectedRowsTruncated: counts.rejected > outcome.rejectedRows.length,
    rejectedRowsInFile: rejectedFile !== undefined && rejectedFile.rows === counts.rejected && counts.rejected > 0,
    longestWriteLockMs: Math.round(outcome.longestWriteLockMs),
    header: reader.header ?? [],
    encoding: reader.encoding,
    problems: outcome.problems,
    message: outcome.message,
    seconds: (performance.now() - outcome.startedMs) / 1000,
    platform: reader.platform,
    orders: status === "committed" ? reader.orders : null,
  };
}

/** How the file was read, as the import's history row keeps it. */
export function importOptions(request: Pick<ImportRequest<ImportKind>, "reader">) {
  const { reader } = request;
  return { encoding: reader.encoding ?? "auto", delimiter: reader.delimiter, decimal: reader.decimal, dateFormat: reader.dateFormat, mapping: reader.mapping ?? {} };
}

/** The rejected rows a report holds: the first ones, up to `keep` rows and REJECTED_CHARS_KEPT characters (all go to `file`). */
export function createRejectedRowsKept(keep: number, file: RejectedRowsFile | undefined, header: () => string[] | null) {
  const rows: RejectedRowReport[] = [];
  let chars = 0;
  return {
    rows,
    add(outcome: Extract<RowOutcome<unknown>, { ok: false }>) {
      file?.add(header() ?? [], outcome);
      if (rows.length >= keep || chars >= REJECTED_CHARS_KEPT) return;
      rows.push({ line: outcome.line, cells: outcome.cells, errors: outcome.errors });
      for (const cell of outcome.cells) chars += cell.length + 8;
      for (const error of outcome.errors) chars += error.value.length + error.reason.length + error.column.length + 32;
    },
  };
}

/** Where the invalid rows of a file go while it is read: their count, the rows kept for the report, and the rule. */
export interface Rejections {
  counts: Pick<ImportCounts, "rejected">;
  rejectedRows: Pick<ReturnType<typeof createRejectedRowsKept>, "add">;
  skipInvalid: boolean;
}

/**
 * The valid rows of `outcomes`, as the stream gives them (maybe one object refilled per row: use each before the
 * next); the invalid ones are counted and kept. Without skip-invalid one bad row rejects the file: the rows after it
 * are still read, to report every bad row, but none is given out.
 */
export function* validRowsOf<T>(outcomes: Iterable<RowOutcome<T>>, { counts, rejectedRows, skipInvalid }: Rejections): Generator<T> {
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      counts.rejected += 1;
      rejectedRows.add(outcome);
      continue;
    }
    if (counts.rejected > 0 && !skipInvalid) continue;
    yield outcome.row;
  }
}

/** The most bytes read into rows at once (see `readOutcomes`). */
const READ_SLICE_BYTES = 64 * 1024;
/** Input is gathered to at least this much before it is read into rows (tiny chunks would make tiny steps). */
const READ_BLOCK_BYTES = 256 * 1024;

/**
 * The outcomes of `request.input` read by `reader`, a slice at a time, then those of the file's end; reports
 * progress after each block. Read in slices: the rows of a slice are written before the next is read, so they
 * die young. A 1 MB chunk at once kept ~10 MB of rows alive past the young generation: about twice the parsing
 * time (garbage collection) and ~100 MB more peak memory at 1M rows. `RowReader.end` may throw ImportFileError.
 */
export async function* readOutcomes<K extends ImportKind>(reader: RowStream<K>, request: Pick<ImportRequest<K>, "input" | "totalBytes" | "onProgress">): AsyncGenerator<Iterable<RowOutcome<RowOf<K>>>> {
  let bytesRead = 0;
  const progress = () => request.onProgress?.({ bytesRead, totalBytes: request.totalBytes, rowsRead: reader.rowCount });
  async function* slices(block: Uint8Array) {
    for (let at = 0; at < block.byteLength; at += READ_SLICE_BYTES) yield await reader.push(block.subarray(at, at + READ_SLICE_BYTES));
    progress();
  }
  let gathered: Uint8Array[] = [];
  let gatheredBytes = 0;
  for await (const chunk of request.input) {
    bytesRead += chunk.byteLength;
    gathered.push(chunk);
    gatheredBytes += chunk.byteLength;
    if (gatheredBytes < READ_BLOCK_BYTES) continue;
    const block = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered);
    gathered = [];
    gatheredBytes = 0;
    yield* slices(block);
  }
  if (gatheredBytes > 0) yield* slices(gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered));
  yield await reader.end();
  progress();
}
