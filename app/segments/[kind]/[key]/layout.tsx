import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ROUTE_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import { parseSegmentRef } from "@/lib/filters/segment-ref";
import { MAX_TIERS } from "@/lib/settings/schema";

/**
 * A drill-down that cannot exist (unknown kind or key) answers 404 here, before the page's loading skeleton
 * streams. The page checks the tier against the snapshot's own number of tiers. Adds the texts the drill-down's
 * client components need (see lib/i18n/client-namespaces.ts).
 */
export default async function SegmentLayout({ children, params }: { children: ReactNode; params: Promise<{ kind: string; key: string }> }) {
  const { kind, key } = await params;
  if (!parseSegmentRef(kind, key, MAX_TIERS)) notFound();
  return <ClientMessages namespaces={ROUTE_CLIENT_NAMESPACES["segments/[kind]/[key]"]}>{children}</ClientMessages>;
}
