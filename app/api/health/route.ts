import { requestUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getCustomerCount } from "@/lib/queries/database-stats";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/**
 * Liveness and readiness for load balancers and scripts: `{ ok: true }` once the database answers. A
 * signed-in reader who may browse also gets the customer count (`{ ok: true, customers: N }`); without a
 * session it says nothing about the data.
 */
export async function GET(request: Request) {
  try {
    const customers = await getCustomerCount(); // also the readiness check: the database answers
    const user = await requestUser(request);
    return Response.json(user && can(user.role, "browse") ? { ok: true, customers } : { ok: true }, { headers: noStore });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ ok: false, error: "The database cannot be read." }, { status: 503, headers: noStore });
  }
}
