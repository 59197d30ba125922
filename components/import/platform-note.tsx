"use client";

import { useTranslations } from "next-intl";
import type { SniffResult } from "@/lib/import/read/sniff";

/**
 * What the file was recognised as (a Shopify, WooCommerce, Stripe, Mollie, Lightspeed or Magento export) and
 * what that means for the import, with a way back to reading it as an ordinary file.
 */
export function PlatformNote({ sniff, readAsPlatform, onChange }: { sniff: SniffResult; readAsPlatform: boolean; onChange: (readAsPlatform: boolean) => void }) {
  const t = useTranslations("import.platform");
  const platform = sniff.platform;
  if (!platform && readAsPlatform) return null;
  return (
    <div className="rounded-lg border border-chart-1/40 bg-chart-1/5 px-4 py-3 text-sm" data-platform={platform?.id ?? "none"} role="status">
      {platform ? (
        <>
          <p className="font-medium">{t("recognised", { name: platform.name })}</p>
          <p className="mt-1 text-muted-foreground">
            {sniff.kind === "customers" ? t("meaningCustomers", { source: platform.source }) : t("meaning", { source: platform.source, value: platform.valueFrom })}
          </p>
        </>
      ) : (
        <p>{t("ordinary")}</p>
      )}
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" checked={!readAsPlatform} onChange={(event) => onChange(!event.target.checked)} />
        {t("readAsOrdinary")}
      </label>
    </div>
  );
}
