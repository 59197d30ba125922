import { getSnapshotReport } from "@/lib/queries/snapshots";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

/** The current snapshot's summary, the same JSON as `clv report --json` (money in currency units). */
export function GET() {
  try {
    const report = getSnapshotReport();
    if (!report) {
      return Response.json({ error: "There is no snapshot yet: the figures have not been computed." }, { status: 404, headers });
    }
    return Response.json(report, { headers });
  } catch (error) {
    console.error("[api/snapshots/current] failed", error);
    return Response.json({ error: "The current snapshot cannot be read." }, { status: 503, headers });
  }
}
