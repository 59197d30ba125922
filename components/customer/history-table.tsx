import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import { isPurchaseModelName, purchaseModelDefinition } from "@/lib/clv/models";
import type { CustomerHistoryRow } from "@/lib/queries/customer-profile";
import { customerHref, snapshotQuery } from "./links";

const cell = "px-3 py-2 align-top";

/** The customer's tier, segment, quadrant and figures in every snapshot kept, newest first; the one shown is marked. */
export async function HistoryTable({
  customerId,
  rows,
  shownId,
  currentId,
  currency,
  locale,
}: {
  customerId: number;
  rows: CustomerHistoryRow[];
  shownId: number | null;
  currentId: number | null;
  currency: string;
  locale: string;
}) {
  const [t, m, rfm] = await Promise.all([getTranslations("customers"), getTranslations("measures"), getTranslations("rfm")]);
  return (
    <Card>
      <CardHeader>
        <CardTitle id="history-title">{t("historyTitle")}</CardTitle>
        <CardDescription>{t("historyDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("historyNone")}</p>
        ) : (
          <table className="w-full text-left text-sm" aria-labelledby="history-title">
            <thead className="bg-muted text-xs text-muted-foreground">
              <tr>
                <th scope="col" className={cell}>{t("asOfDate")}</th>
                <th scope="col" className={cell}>{t("model")}</th>
                <th scope="col" className={cell}>{m("tier")}</th>
                <th scope="col" className={cell}>{m("rfm")}</th>
                <th scope="col" className={cell}>{m("quadrant")}</th>
                <th scope="col" className={`${cell} text-right`}>{m("predictedClv")}</th>
                <th scope="col" className={`${cell} text-right`}>{m("historicClv")}</th>
                <th scope="col" className={`${cell} text-right`}>{m("probabilityAlive")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const date = formatDate(row.asOfDate, locale);
                const shown = row.snapshotId === shownId;
                return (
                  <tr key={row.snapshotId} className="border-b border-border" aria-current={shown ? "true" : undefined} data-snapshot-id={row.snapshotId}>
                    <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>
                      {shown ? (
                        <span className="font-semibold">
                          {date} <span className="text-xs font-normal text-muted-foreground">({t("shown")})</span>
                        </span>
                      ) : (
                        <Link href={customerHref(customerId, snapshotQuery(row.snapshotId, currentId))} className="text-accent underline" aria-label={t("openSnapshot", { date })}>
                          {date}
                        </Link>
                      )}
                    </th>
                    <td className={cell}>{modelLabel(row.model, t("simpleModel"))}</td>
                    <td className={cell}>{row.tierName ?? row.clvTier}</td>
                    <td className={cell}>{rfm(`${row.rfmSegment}.name`)}</td>
                    <td className={cell}>{row.quadrantName ?? row.quadrant}</td>
                    <td className={`${cell} text-right tabular-nums`}>{formatMoney(row.predictedClvCents, { locale, currency })}</td>
                    <td className={`${cell} text-right tabular-nums`}>{formatMoney(row.historicClvCents, { locale, currency })}</td>
                    <td className={`${cell} text-right tabular-nums`}>{row.probabilityAlive === null ? t("unknown") : formatPercent(row.probabilityAlive, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}

function modelLabel(model: string | null, simple: string): string {
  if (model === null) return "–";
  return isPurchaseModelName(model) ? purchaseModelDefinition(model).label : model === "simple" ? simple : model;
}
