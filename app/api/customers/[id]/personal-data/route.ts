import type { NextRequest } from "next/server";
import { userActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { apiAuthorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { customerPersonalData, personalDataFileName } from "@/lib/privacy/customer-data";
import { parseCustomerId } from "@/lib/queries/customer-profile";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * GET /api/customers/[id]/personal-data — everything held about one customer as a JSON download (right of
 * access, GDPR art. 15; lib/privacy/customer-data.ts), for admins. 404 with a JSON error for an unknown id.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await apiAuthorize(request, "personalData"); // 401 without a session, 403 for viewers and analysts
  if (user instanceof Response) return user;
  const id = parseCustomerId((await params).id);
  let data;
  try {
    data = id === null ? null : await customerPersonalData(id);
  } catch (failure) {
    console.error("[api/customers/personal-data] failed", failure);
    return Response.json({ error: "The customer's data cannot be read." }, { status: 503, headers: noStore });
  }
  if (!data) return Response.json({ error: "There is no such customer." }, { status: 404, headers: noStore });
  // The database id, not the customer number: an erasure later leaves nothing in the trail that names them.
  await recordAuditEvent(getDb(), userActor(user), { action: "personalDataExported", target: `customer #${data.customerId}` });
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      ...noStore,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${personalDataFileName(data.customerId)}"`,
    },
  });
}
