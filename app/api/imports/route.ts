import path from "node:path";
/**
 * `POST /api/imports`: stores one uploaded file (see contract.ts for the request and the response).
 * The body is first received into a temporary file (with the size limit, the idle timeout and the abort
 * of upload-source.ts), so a slow client never holds the database; then `runImport` stores it on a
 * database connection of its own, in short steps that readers see all at once or not at all (see
 * lib/import/store/run-import.ts). A closed tab during the upload imports nothing. The server sniffs the
 * file's first 64 KB itself with the user's choices, so what the browser detected is never trusted.
 */
import { revalidatePath } from "next/cache";
import { userActor, type AuditActor } from "@/lib/audit/events";
import { apiAuthorize } from "@/lib/auth/session";
import { after } from "next/server";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { getDatabase } from "@/lib/db";
import { todayIso } from "@/lib/import/read/date-format";
import { SNIFF_BYTES, sniffFile } from "@/lib/import/read/sniff";
import { withStatusColumns } from "@/lib/import/read/row-reader";
import { afterImport } from "@/lib/import/store/after-import";
import { createRejectedRowsFile, type RejectedRowsFile } from "@/lib/import/store/rejected-rows-file";
import { keepRejectedRows, removeOldRejectedRows } from "@/lib/import/store/rejected-rows-kept";
import { recordUploadStarted, uploadEnded, uploadIsAlive } from "@/lib/import/store/upload-record";
import { recordFailedUpload, runImport } from "@/lib/import/store/run-import";
import type { ImportReport } from "@/lib/import/store/import-report";
import { getSettings } from "@/lib/settings/store";
import { fileTooLargeMessage, type ImportUploadParams, type ImportUploadResponse } from "@/lib/import/contract";
import { importMaxBytes } from "@/lib/import/upload/limits";
import { spoolUpload, type SpooledUpload } from "@/lib/import/upload/spool-upload";
import { createUploadSource, UploadError } from "@/lib/import/upload/upload-source";
import { parseUploadParams } from "@/lib/import/upload/upload-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** How often a `receiving` upload says it is alive (a running import is taken for gone after IMPORT_STALE_MS of silence). */
const UPLOAD_HEARTBEAT_MS = 60_000;

const respond = (body: ImportUploadResponse, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  const user = await apiAuthorize(request, "import"); // 401 without a session, 403 for a viewer; before a byte is read
  if (user instanceof Response) return user;
  const parsed = parseUploadParams(new URL(request.url).searchParams);
  if (!parsed.ok) return respond({ error: parsed.error }, 400);
  const { params } = parsed;
  const maxBytes = importMaxBytes();
  const declaredLength = request.headers.get("content-length");
  const totalBytes = declaredLength !== null && /^\d+$/.test(declaredLength) ? Number(declaredLength) : undefined;
  const tooLarge = fileTooLargeMessage(params.fileName, totalBytes ?? null, maxBytes);
  // Refused before a byte is read: nothing is written, not even to the history.
  if (totalBytes !== undefined && totalBytes > maxBytes) return respond({ error: tooLarge }, 413);

  const source = createUploadSource(request.body, { maxBytes, tooLargeMessage: tooLarge, signal: request.signal });
  const by = userActor(user);
  // The history shows the upload from its first byte (`receiving`), so a server stopped meanwhile leaves a trace.
  // SQLite: a connection of the import's own; PostgreSQL: the server's pool (the import takes a connection of it).
  const shared = getDatabase();
  const database = shared.engine === "sqlite" ? openDatabase(shared.path) : shared;
  try {
    const uploadId = await recordUploadStarted(database, { kind: params.kind, fileName: params.fileName, by, skipInvalid: params.skipInvalid });
    // The whole body goes to a temporary file first: the database is not touched while the bytes arrive
    // (but for a heartbeat a minute, so a long upload is not taken for one whose server stopped).
    let upload: SpooledUpload;
    const beat = setInterval(() => {
      // Busy for a moment: the next beat will do.
      if (uploadId !== null) uploadIsAlive(database, uploadId).catch(() => undefined);
    }, UPLOAD_HEARTBEAT_MS);
    try {
      upload = await spoolUpload(source);
    } catch (error) {
      if (!(error instanceof UploadError)) {
        // Not the client's doing (a full disk, say): the history row ends as failed, the details go to the log.
        if (uploadId !== null) await uploadEnded(database, uploadId, "The file could not be received (the details are in the server log). Nothing was imported.");
        throw error;
      }
      console.error("[import] upload failed", error.message);
      // Nothing was imported; the history keeps the failed attempt (an oversized body answers 413 as above).
      const report = await recordFailedUpload(database, { kind: params.kind, fileName: params.fileName, by, skipInvalid: params.skipInvalid, uploadId }, error);
      return error.status === 413 ? respond({ error: tooLarge }, 413) : respond({ report });
    } finally {
      clearInterval(beat);
    }
    return await importUpload(database, upload, { params, by, uploadId });
  } finally {
    if (database !== shared) await database.close();
  }
}

/** Stores a received upload (`runImport` on the request's own connection) and answers with the report. */
async function importUpload(
  database: OpenedDatabase,
  upload: SpooledUpload,
  { params, by, uploadId }: { params: ImportUploadParams; by: AuditActor; uploadId: number | null },
): Promise<Response> {
  let report: ImportReport;
  let rejected: { importId: number; file: RejectedRowsFile } | undefined;
  try {
    const today = todayIso();
    const platformColumns = { status: params.statusColumn, refund: params.refundColumn };
    const choices = {
      kind: params.kind,
      delimiter: params.delimiter,
      decimal: params.decimal,
      dateFormat: params.dateFormat,
      encoding: params.encoding,
      mapping: params.kind === "transactions" ? withStatusColumns(params.map, platformColumns) : params.map,
      platform: params.platform,
      countStatuses: params.countStatus,
    };
    const sniff = sniffFile(upload.head(SNIFF_BYTES), params.fileName, { today, fileSize: upload.bytes, choices });
    await removeOldRejectedRows(database.db);
    // The company's currency and time zone: platform orders in another currency are refused, timestamps become its dates.
    const { currency, timeZone } = await getSettings(database.db);
    const delimiter = sniff.delimiter ?? ",";
    report = await runImport(database, {
      kind: params.kind,
      fileName: params.fileName,
      by,
      skipInvalid: params.skipInvalid,
      uploadId,
      totalBytes: upload.bytes,
      input: upload.chunks(),
      // What the sniff of the first bytes finds (an ambiguous date format, a missing column) stops the
      // import before a row is written; the row reader finds the rest.
      preflightProblems: sniff.problems.filter((problem) => problem.severity === "error"),
      // Every rejected row, for GET /api/imports/ID/rejected-rows (the report holds the first ones): a
      // temporary file while the import runs, kept in the database once it has ended.
      rejectedRowsFile: (importId) => {
        const file = createRejectedRowsFile(path.join(path.dirname(upload.path), `rejected-rows-${importId}.csv`), { delimiter, decimal: delimiter === ";" ? "," : "." });
        rejected = { importId, file };
        return file;
      },
      reader: {
        today,
        encoding: params.encoding ?? "auto",
        delimiter: sniff.delimiter,
        decimal: sniff.formats.decimal,
        dateFormat: sniff.formats.dateFormat,
        mapping: params.map,
        fileName: params.fileName,
        platform: params.platform,
        countStatuses: params.countStatus,
        platformColumns,
        currency,
        timeZone,
      },
    });
  } catch (error) {
    // runImport only throws when it cannot start: another import is running, or the database cannot be written.
    console.error("[import] could not start", error);
    const busy = error instanceof Error && /busy/i.test(error.message);
    const message = busy ? (error as Error).message : "The import could not start because the database cannot be written. Nothing was imported.";
    try {
      if (uploadId !== null) await uploadEnded(database, uploadId, message);
    } catch (recordError) {
      console.error("[import] could not record the failed start", recordError);
    }
    return respond({ error: message }, busy ? 409 : 500);
  } finally {
    // In the upload's folder (removed after a stop, spool-upload.ts) until it is kept in the database.
    if (rejected) await keepRejectedRows(database.db, rejected.importId, rejected.file);
    upload.remove();
  }

  if (report.status === "committed") {
    revalidatePath("/", "layout");
    // The CLV figures are recomputed after the response: the user does not wait for it.
    after(() => afterImport(report));
  }
  return respond({ report });
}
