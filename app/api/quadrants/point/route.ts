import { apiDenied } from "@/lib/auth/session";
import { getQuadrantPointDetails } from "@/lib/queries/quadrant-point";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";

export const dynamic = "force-dynamic";

/** Kept by the browser a while when only numbers are in it; an answer with a name is not kept (a shared browser, another user). */
const cacheFor = (withName: boolean) => ({ "Cache-Control": withName ? "private, no-store" : "private, max-age=300" });

/**
 * GET /api/quadrants/point?snapshot=ID&customer=ID — the name (for a reader who may see names, else the customer
 * number), P(alive), last purchase and whether the relationship has ended for one point of the quadrant map,
 * fetched by the map's tooltip when the point is hovered (the page itself carries only what it draws). Never the
 * e-mail address. 404 when the customer is not in the snapshot.
 */
export async function GET(request: Request) {
  const refused = await apiDenied(request, "browse"); // 401 without a session, 403 without the permission
  if (refused) return refused;
  const url = new URL(request.url);
  const snapshotId = Number(url.searchParams.get("snapshot"));
  const customerId = Number(url.searchParams.get("customer"));
  if (!Number.isSafeInteger(snapshotId) || snapshotId < 1 || !Number.isSafeInteger(customerId) || customerId < 1) {
    return Response.json({ error: "Give a snapshot and a customer id." }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  try {
    const { visible } = await getPersonalDataAccess();
    const details = await getQuadrantPointDetails(snapshotId, customerId, { personalData: visible });
    if (!details) return Response.json({ error: "The customer is not in this snapshot." }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return Response.json(details, { headers: cacheFor(visible) });
  } catch {
    return Response.json({ error: "The customer's details cannot be read." }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
