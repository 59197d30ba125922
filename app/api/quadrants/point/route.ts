import { apiDenied } from "@/lib/auth/session";
import { getQuadrantPointDetails } from "@/lib/queries/quadrant-point";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "private, max-age=300" };

/**
 * GET /api/quadrants/point?snapshot=ID&customer=ID — P(alive), last purchase and whether the relationship has
 * ended for one point of the quadrant map, fetched by the map's tooltip when the point is hovered (the page
 * itself carries only what it draws). Numbers only, no names. 404 when the customer is not in the snapshot.
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
    const details = await getQuadrantPointDetails(snapshotId, customerId);
    if (!details) return Response.json({ error: "The customer is not in this snapshot." }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return Response.json(details, { headers });
  } catch {
    return Response.json({ error: "The customer's details cannot be read." }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
