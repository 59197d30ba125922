/**
 * The rejected rows of a browser import, kept in the database for a day (table `import_rejected_rows`) for
 * `GET /api/imports/<id>/rejected-rows`: the CSV file the import streamed to a temporary file
 * (rejected-rows-file.ts), gzip-compressed and stored as base64 text once the import has ended, whatever its
 * outcome. In the database rather than beside it, so that any app instance on the database can hand the file out
 * (behind a load balancer the download rarely reaches the instance that imported), on SQLite and PostgreSQL alike.
 * Rows are removed a day after they were kept, with their import, or when the file is larger than
 * KEPT_GZIP_MAX_BYTES compressed (then the report's first rows are what there is).
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { eq, lt } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { firstRow } from "@/db/first-row";
import { importRejectedRows } from "@/db/schema";
import { REJECTED_ROWS_FILE_TTL_MS, type RejectedRowsFile } from "./rejected-rows-file";

/** The largest compressed file kept (a CSV of about a million rejected rows). */
export const KEPT_GZIP_MAX_BYTES = 64 * 1024 * 1024;

/** The gzip bytes of the file at `filePath`, or null once they pass `maxBytes` (read as a stream: memory stays at the compressed size). */
async function gzipFile(filePath: string, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooLarge = false;
  await pipeline(fs.createReadStream(filePath), zlib.createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    }
  });
  return tooLarge ? null : Buffer.concat(chunks);
}

/**
 * Stores the closed rejected-rows `file` of import `importId` in the database and deletes the file. Returns whether
 * it was kept: not when no row was rejected or the file is too large (logged). Never throws: the import's outcome
 * stands whether or not its rejected rows can be kept.
 *
 * @example await keepRejectedRows(db, 12, file) // true: GET /api/imports/12/rejected-rows serves it for a day
 */
export async function keepRejectedRows(db: KlantwaardeDatabase, importId: number, file: RejectedRowsFile, maxGzipBytes = KEPT_GZIP_MAX_BYTES): Promise<boolean> {
  try {
    file.close();
    if (file.rows === 0) return false;
    const gzip = await gzipFile(file.path, maxGzipBytes);
    if (gzip === null) {
      console.warn(`[import] the rejected rows of import ${importId} (${file.rows} rows) are larger than ${maxGzipBytes} bytes compressed: not kept for download`);
      return false;
    }
    const row = { fileGzipBase64: gzip.toString("base64"), fileBytes: fs.statSync(file.path).size, rows: file.rows, keptAt: new Date().toISOString() };
    await db.insert(importRejectedRows).values({ importId, ...row }).onConflictDoUpdate({ target: importRejectedRows.importId, set: row });
    return true;
  } catch (error) {
    console.error(`[import] could not keep the rejected rows of import ${importId}`, error);
    return false;
  } finally {
    file.remove();
  }
}

/** The kept rejected-rows CSV of import `importId` (unpacked), or null when there is none (any more). */
export async function readKeptRejectedRows(db: KlantwaardeDatabase, importId: number, now = Date.now(), maxAgeMs = REJECTED_ROWS_FILE_TTL_MS): Promise<Buffer | null> {
  const row = await firstRow(
    db.select({ file: importRejectedRows.fileGzipBase64, keptAt: importRejectedRows.keptAt }).from(importRejectedRows).where(eq(importRejectedRows.importId, importId)).limit(1),
  );
  if (!row || !(now - Date.parse(row.keptAt) <= maxAgeMs)) return null;
  return zlib.gunzipSync(Buffer.from(row.file, "base64"));
}

/** Removes the kept rejected rows older than `maxAgeMs`. Never throws (logged). */
export async function removeOldRejectedRows(db: KlantwaardeDatabase, maxAgeMs = REJECTED_ROWS_FILE_TTL_MS, now = Date.now()): Promise<void> {
  try {
    await db.delete(importRejectedRows).where(lt(importRejectedRows.keptAt, new Date(now - maxAgeMs).toISOString()));
  } catch (error) {
    console.error("[import] could not remove old rejected rows", error);
  }
}
