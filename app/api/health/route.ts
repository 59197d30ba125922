import { getCustomerCount } from "@/lib/queries/database-stats";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers and scripts: `{ ok: true, customers: N }`. */
export function GET() {
  try {
    const customers = getCustomerCount();
    return Response.json({ ok: true, customers }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ ok: false, error: "The database cannot be read." }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
