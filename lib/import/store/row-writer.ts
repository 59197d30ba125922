import type { ImportKind } from "@/lib/import/read/fields";
import type { RowOf } from "@/lib/import/read/row-reader";

/** What an import has done so far, for the report. */
export interface ImportCounts {
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  newCustomers: number;
}

/**
 * Writes the valid rows of one file and counts what happened to each (imported, updated, duplicate) in
 * the counts it was made with. A writer either writes in the import's short steps (write-steps.ts) or
 * only stages rows (`stages`: the transactions writer, see stage-database.ts) and decides their outcome
 * in `prepare`, with no lock on the main database. `write`, `drain` and `finish` write only rows that
 * readers do not see yet (the import's pending rows, see pending.ts); `finish` yields where a step may
 * end. Changes to rows readers do see are written in the steps too, out of their sight until the import
 * commits (superseded orders, pending.ts; customer changes, customer-changes.ts), so the import's last
 * transaction writes nothing of the file.
 */
export interface RowWriter<K extends ImportKind> {
  /**
   * True when `write` only stages rows in the import's staging database (stage-database.ts): then it
   * runs outside the import's steps, with no lock on the main database.
   */
  stages?: boolean;
  write(row: RowOf<K>): void;
  /** Rows held back that should be written now, as units between which a step may end (called after writes). */
  drain?(): Iterable<void>;
  /**
   * For a staging writer: stages the rows held back and ends its staging transaction, so that a step on the
   * main database can begin (a staging writer keeps one transaction open across many `drain`s: a commit per
   * slice of the file cost ~2 s of a 1M-row import).
   */
  settle?(): void;
  /** After the last row, before `finish`: work on staged rows only (no step open), as units between which the event loop runs. */
  prepare?(): Iterable<void>;
  finish(): Iterable<void>;
  /** When the import ends, whatever the outcome (removes staged rows). */
  close?(): void;
}
