import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatPercent } from "@/lib/format";
import { SUFFICIENCY_THRESHOLDS, type DataSufficiency } from "@/lib/queries/model-figures";

/** How much the model had to go on: customers, repeat buyers, length of history, and a warning when that is thin. */
export async function SufficiencyCard({ sufficiency, firstPurchaseDate, asOfDate, locale }: { sufficiency: DataSufficiency; firstPurchaseDate: string; asOfDate: string; locale: string }) {
  const t = await getTranslations("model.sufficiency");
  const thin = sufficiency.problems.length > 0;
  const minimum = {
    fewCustomers: { minimum: formatCount(SUFFICIENCY_THRESHOLDS.customers, locale) },
    fewRepeatBuyers: { minimum: formatCount(SUFFICIENCY_THRESHOLDS.repeatBuyers, locale) },
    shortHistory: { weeks: String(SUFFICIENCY_THRESHOLDS.historyWeeks) },
    noHoldout: {},
  };
  return (
    <Card data-section="sufficiency" data-sufficiency={thin ? "thin" : "enough"}>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>{t("title")}</CardTitle>
          <span
            className={`rounded-full border px-2.5 py-0.5 text-xs font-semibold ${thin ? "border-warning text-warning" : "border-accent text-accent"}`}
            data-badge
          >
            <span aria-hidden="true">{thin ? "! " : "✓ "}</span>
            {thin ? t("thin") : t("enough")}
          </span>
        </div>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-3 gap-3 text-sm">
          <div>
            <dt className="text-muted-foreground">{t("customers")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-figure="customers">
              {formatCount(sufficiency.customers, locale)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">{t("repeatBuyers")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-figure="repeat-buyers">
              {formatCount(sufficiency.repeatBuyers, locale)}
            </dd>
            <dd className="text-xs text-muted-foreground">{t("repeatShare", { share: formatPercent(sufficiency.repeatShare, locale, 0) })}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">{t("history")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-figure="history-weeks">
              {t("historyWeeks", { weeks: Math.floor(sufficiency.historyDays / 7) })}
            </dd>
            <dd className="text-xs text-muted-foreground">{t("historyRange", { from: formatDate(firstPurchaseDate, locale), to: formatDate(asOfDate, locale) })}</dd>
          </div>
        </dl>
        {thin ? (
          <ul className="mt-4 space-y-1 text-sm text-warning" role="status">
            {sufficiency.problems.map((problem) => (
              <li key={problem} data-problem={problem}>
                {t(`problems.${problem}`, minimum[problem])}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-sm text-muted-foreground">{t("enoughText")}</p>
        )}
      </CardContent>
    </Card>
  );
}
