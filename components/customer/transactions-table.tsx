import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatMoney } from "@/lib/format";
import type { CustomerTransactionRow } from "@/lib/queries/customer-profile";
import { isPurchase, isRefundedInFull } from "@/lib/scoring/purchase-rule";
import { formatDecimal } from "./format-decimal";

const cell = "px-3 py-2 align-top";
const number = `${cell} text-right tabular-nums`;

/** What a row is to the customer page: a purchase, a refund row, or an order refunded in full (lib/scoring/purchase-rule.ts). */
function transactionKind(row: CustomerTransactionRow): "purchase" | "refund" | "refunded-in-full" {
  if (isRefundedInFull(row.revenueCents, row.refundedCents)) return "refunded-in-full";
  return isPurchase(row.revenueCents, row.refundedCents) ? "purchase" : "refund";
}

/**
 * The customer's newest transactions; refunds are labelled and negative, an order refunded in full is
 * labelled as such, and what was refunded on an order is shown under its type; says how many older ones
 * are left out.
 */
export async function TransactionsTable({ rows, total, currency, locale }: { rows: CustomerTransactionRow[]; total: number; currency: string; locale: string }) {
  const t = await getTranslations("customers");
  const money = (cents: number) => formatMoney(cents, { locale, currency, cents: true });
  return (
    <Card>
      <CardHeader>
        <CardTitle id="transactions-title">{t("transactionsTitle")}</CardTitle>
        <CardDescription>{t("transactionsDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("transactionsNone")}</p>
        ) : (
          <div className="max-h-[32rem] overflow-auto">
            <table className="w-full text-left text-sm" aria-labelledby="transactions-title">
              <thead className="sticky top-0 bg-muted text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className={cell}>{t("date")}</th>
                  <th scope="col" className={cell}>{t("kind")}</th>
                  <th scope="col" className={`${cell} text-right`}>{t("revenue")}</th>
                  <th scope="col" className={`${cell} text-right`}>{t("cost")}</th>
                  <th scope="col" className={`${cell} text-right`}>{t("net")}</th>
                  <th scope="col" className={`${cell} text-right`}>{t("quantity")}</th>
                  <th scope="col" className={cell}>{t("channel")}</th>
                  <th scope="col" className={cell}>{t("category")}</th>
                  <th scope="col" className={cell}>{t("order")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const kind = transactionKind(row);
                  return (
                    <tr key={row.id} className="border-b border-border" data-kind={kind}>
                      <td className={`${cell} whitespace-nowrap`}>
                        <time dateTime={row.date}>{formatDate(row.date, locale)}</time>
                      </td>
                      <td className={cell}>
                        {kind === "purchase" ? t("kindPurchase") : <span className="font-medium text-danger">{t(kind === "refund" ? "kindRefund" : "kindRefundedInFull")}</span>}
                        {row.refundedCents > 0 ? <span className="block text-xs text-muted-foreground">{t("refundedAmount", { amount: money(row.refundedCents) })}</span> : null}
                      </td>
                      <td className={number}>{money(row.revenueCents)}</td>
                      <td className={number}>{money(row.costCents)}</td>
                      <td className={number}>{money(row.revenueCents - row.costCents)}</td>
                      <td className={number}>{formatDecimal(row.quantity, locale, 0)}</td>
                      <td className={cell}>{row.channel ?? t("unknown")}</td>
                      <td className={cell}>{row.category ?? t("unknown")}</td>
                      <td className={`${cell} text-muted-foreground`}>{row.externalId ?? t("unknown")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {total > rows.length ? <p className="mt-3 text-sm text-muted-foreground">{t("transactionsMore", { count: total - rows.length })}</p> : null}
      </CardContent>
    </Card>
  );
}
