import { eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { imports } from "@/db/schema";
import { apiAuthorize } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db";
import { todayIso } from "@/lib/import/read/date-format";
import { readKeptRejectedRows } from "@/lib/import/store/rejected-rows-kept";
import { rejectedRowsFileName } from "../../../../../lib/import/contract";
import { firstRow } from "@/db/first-row";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * GET /api/imports/[id]/rejected-rows — every rejected row of one import as the CSV file the server wrote
 * while importing, kept in the database for a day (lib/import/store/rejected-rows-kept.ts; the report holds only
 * the first rows), so any app instance on the database serves it. For those who may import. 404 when the import
 * has none (nothing rejected, older than a day, or too large to keep: import the file again to get it back).
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
  const file = await readKeptRejectedRows(database.db, id);
  if (file === null) return notFound();
  const body = new Uint8Array(file);
  return new Response(body, {
    headers: {
      ...noStore,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Length": String(body.byteLength),
      "Content-Disposition": `attachment; filename="${rejectedRowsFileName(row.fileName, todayIso())}"`,
    },
  });
}
