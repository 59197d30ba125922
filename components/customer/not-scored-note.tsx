import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import type { CustomerPurchaseDay } from "@/lib/queries/customer-profile";
import { notScoredReason } from "./not-scored-reason";

/** Why a customer who exists has no figures in the snapshot, in words. */
export async function NotScoredNote({
  days,
  transactionCount,
  asOfDate,
  locale,
}: {
  days: readonly CustomerPurchaseDay[];
  /** All of the customer's stored rows, orders refunded in full included. */
  transactionCount: number;
  asOfDate: string;
  locale: string;
}) {
  const t = await getTranslations("customers");
  const reason = notScoredReason(days, asOfDate, transactionCount);
  const date = formatDate(asOfDate, locale);
  const first = formatDate(days.find((day) => day.kind === "purchase")?.date, locale);
  const text = {
    noTransactions: t("notScoredNoTransactions"),
    refundedInFullOnly: t("notScoredRefundedInFullOnly"),
    refundsOnly: t("notScoredRefundsOnly", { date }),
    afterAsOf: t("notScoredAfterAsOf", { first, date }),
    new: t("notScoredNew"),
  }[reason];
  return (
    <Card className="px-5 py-4" role="status" data-state={`not-scored-${reason}`}>
      <h2 className="font-semibold">{t("notScoredTitle")}</h2>
      <p className="mt-1 text-sm text-muted-foreground">{text}</p>
    </Card>
  );
}
