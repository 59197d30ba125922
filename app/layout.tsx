import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { RootClientMessages } from "@/components/i18n/client-messages";
import { SiteHeader } from "@/components/layout/site-header";
import { requireUserOutsidePublicPages } from "@/lib/auth/session";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: "Klantwaarde", template: "%s · Klantwaarde" },
    description: t("description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("app"), requireUserOutsidePublicPages()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow"
        >
          {t("skipToContent")}
        </a>
        <RootClientMessages>
          <SiteHeader />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-6 py-8 outline-none">
            {children}
          </main>
        </RootClientMessages>
      </body>
    </html>
  );
}
