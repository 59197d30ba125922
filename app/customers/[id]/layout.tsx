import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ROUTE_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import { requirePermission } from "@/lib/auth/session";
import { getCustomer, parseCustomerId } from "@/lib/queries/customer-profile";

/**
 * An unknown customer answers 404 here (to signed-in readers only), before the page's loading skeleton streams (after that the status
 * is sent). Adds the texts the customer's client charts need (see lib/i18n/client-namespaces.ts).
 */
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await connection();
  // Signed in first: a 404 for an unknown id would tell anyone which customer ids exist.
  await requirePermission("browse");
  const id = parseCustomerId((await params).id);
  if (id === null || !await getCustomer(id)) notFound();
  return <ClientMessages namespaces={ROUTE_CLIENT_NAMESPACES["customers/[id]"]}>{children}</ClientMessages>;
}
