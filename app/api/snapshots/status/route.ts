import { apiDenied } from "@/lib/auth/session";
import { getRecomputeStatus } from "@/lib/queries/snapshots";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

/** What the recompute job is doing (`idle`, `queued`, `running` with progress), for the status line. */
export async function GET(request: Request) {
  const refused = await apiDenied(request, "browse"); // 401 without a session, 403 without the permission
  if (refused) return refused;
  try {
    return Response.json(await getRecomputeStatus(), { headers });
  } catch (error) {
    console.error("[api/snapshots/status] failed", error);
    return Response.json({ error: "The recompute status cannot be read." }, { status: 503, headers });
  }
}
