import type { ImportKind } from "@/lib/import/fields";
import type { RowOf } from "@/lib/import/row-reader";

/** What an import has done so far, for the report. */
export interface ImportCounts {
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  newCustomers: number;
}

/**
 * Writes the valid rows of one file inside the import's transaction and counts what happened to each
 * (imported, updated, duplicate) in the counts it was made with. A writer may hold rows back to write
 * them together: `finish` writes the rest and must run before the commit.
 */
export interface RowWriter<K extends ImportKind> {
  write(row: RowOf<K>): void;
  finish(): void;
}
