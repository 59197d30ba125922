import type { ReactNode } from "react";
import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/client-namespaces";
import { MoreMessages } from "./more-messages";

/** The root's provider: the message namespaces every view's client components may need (lib/i18n/client-namespaces.ts). */
export async function RootClientMessages({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>;
}

/** Adds the namespaces one view's client components need to the root's, for the views inside it. */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const messages: AbstractIntlMessages = await getMessages();
  const extra = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]!]));
  return <MoreMessages messages={extra}>{children}</MoreMessages>;
}
