import type { ReactNode } from "react";
import { can, type Permission } from "@/lib/auth/roles";
import { getSignedInUser } from "@/lib/auth/session";

/**
 * Shows `children` only to a signed-in user whose role has `permission` (else `fallback`): links to pages
 * a role cannot open are left out instead of leading to "not allowed". The pages check again on the server.
 */
export async function IfAllowed({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  return can((await getSignedInUser())?.role, permission) ? children : fallback;
}
