import { apiDenied } from "@/lib/auth/session";
import { getSnapshotReport } from "@/lib/queries/snapshots";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

/** The current snapshot's summary, the same JSON as `clv report --json` (money in currency units). */
export async function GET(request: Request) {
  const refused = await apiDenied(request, "browse"); // 401 without a session, 403 without the permission
  if (refused) return refused;
  try {
    const report = await getSnapshotReport();
    if (!report) {
      return Response.json({ error: "There is no snapshot yet: the figures have not been computed." }, { status: 404, headers });
    }
    return Response.json(report, { headers });
  } catch (error) {
    console.error("[api/snapshots/current] failed", error);
    return Response.json({ error: "The current snapshot cannot be read." }, { status: 503, headers });
  }
}
