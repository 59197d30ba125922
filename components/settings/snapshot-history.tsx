import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney } from "@/lib/format";
import type { SnapshotListItem } from "@/lib/queries/snapshots";

const MODEL_NAMES: Record<string, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };

/** The last snapshots, complete and failed, newest first. */
export async function SnapshotHistory({ snapshots, currency, locale }: { snapshots: SnapshotListItem[]; currency: string; locale: string }) {
  const t = await getTranslations("settings");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("history.title")}</CardTitle>
        <CardDescription>{t("history.description")}</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {snapshots.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("history.empty")}</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">{t("history.caption")}</caption>
            <thead className="text-left text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("history.snapshot")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("history.computed")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("history.asOf")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("history.model")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("history.customers")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("history.predictedClv")}</th>
                <th scope="col" className="py-2 font-medium">{t("history.why")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map((row) => (
                <tr key={row.id} className="border-t border-border align-top">
                  <td className="py-2 pr-4 tabular-nums">{row.id}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDate(row.createdAt.slice(0, 10), locale)} {row.createdAt.slice(11, 16)}</td>
                  {row.status === "failed" ? (
                    <td colSpan={4} className="py-2 pr-4 text-danger">
                      {t("history.failed", { message: row.message ?? "" })}
                    </td>
                  ) : (
                    <>
                      <td className="py-2 pr-4 whitespace-nowrap">{formatDate(row.asOfDate, locale)}</td>
                      <td className="py-2 pr-4">{row.model === "simple" ? t("models.simpleShort") : (MODEL_NAMES[row.model ?? ""] ?? row.model)}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.customers ?? 0, locale)}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(row.predictedClvCents ?? 0, { currency, locale, compact: true })}</td>
                    </>
                  )}
                  <td className="py-2 text-muted-foreground">{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
