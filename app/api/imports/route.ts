/**
 * `POST /api/imports`: stores one uploaded file (see contract.ts for the request and the response).
 * The body is streamed into `runImport` on a database connection of its own, inside one transaction:
 * all or nothing, and a closed tab rolls back. The server sniffs the file's first 64 KB itself with the
 * user's choices, so what the browser detected is never trusted.
 */
import { revalidatePath } from "next/cache";
import { userActor } from "@/lib/audit/events";
import { apiAuthorize } from "@/lib/auth/session";
import { after } from "next/server";
import { openDatabase } from "@/db/client";
import { todayIso } from "@/lib/import/date-format";
import { SNIFF_BYTES, sniffFile } from "@/lib/import/sniff";
import { afterImport } from "@/lib/imports/after-import";
import { runImport, type ImportReport } from "@/lib/imports/run-import";
import { fileTooLargeMessage, type ImportUploadResponse } from "./contract";
import { importMaxBytes } from "./limits";
import { createUploadSource, UploadError } from "./upload-source";
import { parseUploadParams } from "./upload-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

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
  let head: Uint8Array;
  try {
    head = await source.head(SNIFF_BYTES);
  } catch (error) {
    if (error instanceof UploadError) return respond({ error: error.message }, error.status);
    throw error;
  }

  const today = todayIso();
  const choices = { kind: params.kind, delimiter: params.delimiter, decimal: params.decimal, dateFormat: params.dateFormat, encoding: params.encoding, mapping: params.map };
  const sniff = sniffFile(head, params.fileName, { today, fileSize: totalBytes ?? (source.done ? head.length : Number.POSITIVE_INFINITY), choices });

  let report: ImportReport;
  try {
    const database = openDatabase();
    try {
      report = await runImport(database, {
        kind: params.kind,
        fileName: params.fileName,
        by: userActor(user),
        skipInvalid: params.skipInvalid,
        totalBytes,
        input: source.chunks(),
        // What the sniff of the first bytes finds (an ambiguous date format, a missing column) stops the
        // import before a row is written; the row reader finds the rest.
        preflightProblems: sniff.problems.filter((problem) => problem.severity === "error"),
        reader: {
          today,
          encoding: params.encoding ?? "auto",
          delimiter: sniff.delimiter,
          decimal: sniff.formats.decimal,
          dateFormat: sniff.formats.dateFormat,
          mapping: params.map,
          fileName: params.fileName,
        },
      });
    } finally {
      database.close();
    }
  } catch (error) {
    // runImport only throws when it cannot start: another import holds the database.
    console.error("[import] could not start", error);
    await source.drain();
    const busy = error instanceof Error && /busy/i.test(error.message);
    return respond({ error: busy ? error.message : "The import could not start because the database cannot be written. Nothing was imported." }, busy ? 409 : 500);
  }

  // A body without Content-Length that grew past the limit while it was read: the same 413 as above
  // (nothing was imported; the history keeps the failed attempt).
  if (report.status === "failed" && source.bytesRead > maxBytes) return respond({ error: tooLarge }, 413);
  // A file refused early (before its end was read): read the rest so the browser gets this answer.
  if (!source.done) await source.drain();
  if (report.status === "committed") {
    revalidatePath("/", "layout");
    // The CLV figures are recomputed after the response: the user does not wait for it.
    after(() => afterImport(report));
  }
  return respond({ report });
}
