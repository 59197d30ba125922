import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ROUTE_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";

/** Adds the texts this view's client components need (see lib/i18n/client-namespaces.ts). */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={ROUTE_CLIENT_NAMESPACES["import"]}>{children}</ClientMessages>;
}
