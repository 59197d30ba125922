import fs from "node:fs";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { imports } from "@/db/schema";
import { apiAuthorize } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db";
import { todayIso } from "@/lib/import/read/date-format";
import { rejectedRowsBase, rejectedRowsPath } from "@/lib/import/store/rejected-rows-file";
import { rejectedRowsFileName } from "../../../../../lib/import/contract";
import { firstRow } from "@/db/first-row";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * GET /api/imports/[id]/rejected-rows — every rejected row of one import as the CSV file the server wrote
 * while importing (lib/import/store/rejected-rows-file.ts; the report holds only the first rows). For those who
 * may import. Streamed from disk. 404 when the import has no such file (nothing rejected, or removed after a
 * day or by a newer import: import the file again to get it back).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await apiAuthorize(request, "import"); // 401 without a session, 403 for viewers
  if (user instanceof Response) return user;
  const raw = (await params).id;
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
  const notFound = () => Response.json({ error: "There is no rejected-rows file for this import (any more): import the file again to get it." }, { status: 404, headers: noStore });
  if (id === null) return notFound();
  const database = getDatabase();
  const row = await firstRow(database.db.select({ fileName: imports.fileName }).from(imports).where(eq(imports.id, id)).limit(1));
  if (!row) return notFound();
  const filePath = rejectedRowsPath(rejectedRowsBase(database), id);
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch {
    return notFound();
  }
  const body = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      ...noStore,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${rejectedRowsFileName(row.fileName, todayIso())}"`,
    },
  });
}
