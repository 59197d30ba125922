"use client";

import type { ReactNode } from "react";
import { NextIntlClientProvider, useLocale, useMessages, useTimeZone, type AbstractIntlMessages } from "next-intl";

/** Adds message namespaces to those of the enclosing provider in the browser (a provider alone would replace them). */
export function MoreMessages({ messages, children }: { messages: AbstractIntlMessages; children: ReactNode }) {
  const parent = useMessages();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={{ ...parent, ...messages }}>
      {children}
    </NextIntlClientProvider>
  );
}
