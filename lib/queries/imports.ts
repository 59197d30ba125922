import "server-only";
import { desc } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { imports } from "@/db/schema";
import { getDb } from "@/lib/db";

/** One earlier import, as the import page lists it (newest first). */
export interface ImportHistoryRow {
  id: number;
  kind: "transactions" | "customers";
  fileName: string;
  source: "browser" | "cli";
  /**
   * `receiving` while the file arrives (browser uploads), `running` while it writes; `interrupted` when its
   * process stopped before it finished (nothing kept).
   */
  status: "receiving" | "running" | "committed" | "rejected" | "failed" | "interrupted";
  /** ISO timestamp (UTC). */
  startedAt: string;
  rowsRead: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  skipInvalid: boolean;
  /** What happened, or why nothing was imported. */
  message: string | null;
}

/** The most recent imports from the browser and the command line, newest first. */
export async function getImportHistory(db: KlantwaardeDatabase = getDb(), limit = 50): Promise<ImportHistoryRow[]> {
  try {
    return await db
      .select({
        id: imports.id,
        kind: imports.kind,
        fileName: imports.fileName,
        source: imports.source,
        status: imports.status,
        startedAt: imports.startedAt,
        rowsRead: imports.rowsRead,
        imported: imports.imported,
        updated: imports.updated,
        duplicates: imports.duplicates,
        rejected: imports.rejected,
        skipInvalid: imports.skipInvalid,
        message: imports.message,
      })
      .from(imports)
      .orderBy(desc(imports.startedAt), desc(imports.id))
      .limit(limit);
  } catch (error) {
    console.error("[queries] the import history failed", error);
    throw new Error("Could not read the import history from the database.");
  }
}
