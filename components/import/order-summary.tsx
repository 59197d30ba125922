"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatCount, formatMoney } from "@/lib/format";
import type { OrderSummary as Summary } from "@/lib/import/platforms/orders";
import { OWN_FILE_ORDERS } from "@/lib/import/read/status-orders";

/** A platform import's orders: what counted as a purchase and what was left out, and why. */
export function OrderSummary({ orders }: { orders: Summary }) {
  const t = useTranslations("import.report");
  const locale = useLocale();
  const money = (cents: number) => formatMoney(cents, { currency: orders.currency ?? "EUR", locale, cents: true });
  const notPurchases = orders.excluded.reduce((sum, entry) => sum + entry.orders, 0);
  const rows: [string, string, string?][] = [
    [t("ordersCounted"), formatCount(orders.purchases, locale)],
    [t("fullyRefunded"), formatCount(orders.fullyRefunded.orders, locale), orders.fullyRefunded.orders > 0 ? money(orders.fullyRefunded.cents) : undefined],
    [t("refunds"), money(orders.refundsCents)],
    [t("notPurchases"), formatCount(notPurchases, locale), orders.excluded.map((entry) => `${formatCount(entry.orders, locale)} ${entry.status}`).join(", ") || undefined],
    [t("guests"), formatCount(orders.guests.orders, locale), orders.guests.orders > 0 ? money(orders.guests.cents) : undefined],
  ];
  return (
    <section aria-labelledby="import-orders-title" className="rounded-lg border border-border px-4 py-3" data-orders>
      <h3 id="import-orders-title" className="text-sm font-semibold">
        {t("orders")} · {orders.platform.id === OWN_FILE_ORDERS.id ? t("ownFile") : orders.platform.name}
      </h3>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value, detail]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="tabular-nums">
              {value}
              {detail ? <span className="ml-2 text-muted-foreground">({detail})</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
