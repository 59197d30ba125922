import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, pickMessages, ROUTE_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import { MoreMessages } from "./more-messages";

/** The root's provider: the texts of the client components any view may show (lib/i18n/client-namespaces.ts). */
export async function RootClientMessages({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>;
}

/** Adds the texts one view's client components need (namespaces or single messages) to the root's, for the views inside it. */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <MoreMessages messages={pickMessages(messages, namespaces)}>{children}</MoreMessages>;
}

/**
 * The layout of a route whose client components need texts of their own: it adds ROUTE_CLIENT_NAMESPACES[route]
 * and renders the route. `export default clientMessagesLayout("quadrants");`
 */
export function clientMessagesLayout(route: keyof typeof ROUTE_CLIENT_NAMESPACES) {
  return function Layout({ children }: { children: ReactNode }) {
    return <ClientMessages namespaces={ROUTE_CLIENT_NAMESPACES[route]}>{children}</ClientMessages>;
  };
}
