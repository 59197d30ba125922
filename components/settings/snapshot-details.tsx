import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

const PARAMETER_SYMBOLS: Record<string, string> = { alpha: "α", beta: "β" };

const MEASURE_KEYS = { predicted: "measurePredicted", historic: "measureHistoric", total: "measureTotal" } as const;

function significant(value: number): string {
  return Number(value.toPrecision(4)).toLocaleString("en-GB", { maximumSignificantDigits: 4 });
}

/** The current snapshot in numbers: model and parameters with standard errors, fit quality, margin, totals. */
export async function SnapshotDetails({ snapshot }: { snapshot: SnapshotInfo }) {
  const t = await getTranslations("settings.details");
  const symbol = (name: string) => (name === "retentionRateYearly" ? t("retentionPerYear") : (PARAMETER_SYMBOLS[name] ?? name));
  const { fit, summary, settings } = snapshot;
  const money = (cents: number) => formatMoney(cents, { currency: summary.currency, locale: settings.locale });
  const holdout = fit.holdout;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title", { id: String(snapshot.id) })}</CardTitle>
        <CardDescription>
          {t("description", {
            asOf: formatDate(snapshot.asOfDate, settings.locale),
            first: formatDate(snapshot.firstPurchaseDate, settings.locale),
            last: formatDate(snapshot.lastPurchaseDate, settings.locale),
            seconds: snapshot.seconds.toFixed(1),
          })}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted-foreground">{t("customersScored")}</dt>
          <dd className="tabular-nums">
            {formatCount(snapshot.customers, settings.locale)} ({t("transactions", { count: formatCount(snapshot.transactions, settings.locale) })}
            {summary.excludedCustomers > 0 ? `; ${t("refundsOnly", { count: formatCount(summary.excludedCustomers, settings.locale) })}` : ""})
          </dd>
          <dt className="text-muted-foreground">{t("clv")}</dt>
          <dd className="tabular-nums">
            {t("clvValue", { historic: money(summary.totals.historicClvCents), predicted: money(summary.totals.predictedClvCents), months: String(settings.horizonMonths) })}
          </dd>
          {summary.quadrantAxes ? (
            <>
              <dt className="text-muted-foreground">{t("quadrantLines")}</dt>
              <dd className="tabular-nums">
                {t("longFrom", { days: formatCount(summary.quadrantAxes.thresholdDays, settings.locale) })}
                {summary.quadrantAxes.durationMode === "median" ? ` ${t("theMedian")}` : ""};{" "}
                {t("highFrom", { measure: t(MEASURE_KEYS[summary.quadrantAxes.clvMeasure]), amount: money(summary.quadrantAxes.thresholdClvCents) })}
                {summary.quadrantAxes.clvMode === "median" ? ` ${t("theMedian")}` : ""}
              </dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">{t("model")}</dt>
          <dd>{fit.selection.reason.startsWith(fit.purchaseModel.label) ? fit.selection.reason : `${fit.purchaseModel.label}. ${fit.selection.reason}`}</dd>
          <dt className="text-muted-foreground">{t("parameters")}</dt>
          <dd className="tabular-nums">
            {Object.entries(fit.purchaseModel.params)
              .map(([name, value]) => `${symbol(name)} ${significant(value)} ± ${significant(fit.purchaseModel.standardErrors[name] ?? Number.NaN)}`)
              .join(", ")}
            {fit.spendModel ? `; ${t("orderValue")} ${Object.entries(fit.spendModel.params).map(([name, value]) => `${name} ${significant(value)}`).join(", ")}` : ""}
          </dd>
          {holdout ? (
            <>
              <dt className="text-muted-foreground">{t("holdout", { weeks: String(fit.selection.holdoutWeeks) })}</dt>
              <dd className="tabular-nums">
                {t("holdoutValue", {
                  predicted: significant(holdout.predictedTotal),
                  actual: formatCount(holdout.actualTotal, settings.locale),
                  error: `${holdout.totalErrorPercent >= 0 ? "+" : ""}${holdout.totalErrorPercent.toFixed(1)}`,
                  mae: significant(holdout.meanAbsoluteError),
                  sample: formatCount(fit.selection.sampleCustomers, settings.locale),
                })}
              </dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">{t("margin")}</dt>
          <dd className="tabular-nums">
            {t("marginValue", {
              margin: formatPercent(fit.margin.applied, settings.locale),
              source: fit.margin.source === "costs" ? t("marginFromCosts") : t("marginFromSetting"),
              refunds: formatPercent(fit.margin.refundShare, settings.locale),
            })}
          </dd>
        </dl>
      </CardContent>
    </Card>
  );
}
