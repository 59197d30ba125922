import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

const PARAMETER_SYMBOLS: Record<string, string> = { alpha: "α", beta: "β", retentionRateYearly: "retention per year" };

function significant(value: number): string {
  return Number(value.toPrecision(4)).toLocaleString("en-GB", { maximumSignificantDigits: 4 });
}

/** The current snapshot in numbers: model and parameters with standard errors, fit quality, margin, totals. */
export function SnapshotDetails({ snapshot }: { snapshot: SnapshotInfo }) {
  const { fit, summary, settings } = snapshot;
  const money = (cents: number) => formatMoney(cents, { currency: summary.currency, locale: settings.locale });
  const holdout = fit.holdout;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Snapshot {snapshot.id}</CardTitle>
        <CardDescription>
          As of {formatDate(snapshot.asOfDate, settings.locale)}, from purchases {formatDate(snapshot.firstPurchaseDate, settings.locale)} to{" "}
          {formatDate(snapshot.lastPurchaseDate, settings.locale)}; computed in {snapshot.seconds.toFixed(1)} s.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted-foreground">Customers scored</dt>
          <dd className="tabular-nums">
            {formatCount(snapshot.customers, settings.locale)} ({formatCount(snapshot.transactions, settings.locale)} transactions
            {summary.excludedCustomers > 0 ? `; ${formatCount(summary.excludedCustomers, settings.locale)} with refunds only left out` : ""})
          </dd>
          <dt className="text-muted-foreground">Historic and predicted CLV</dt>
          <dd className="tabular-nums">
            {money(summary.totals.historicClvCents)} to date, {money(summary.totals.predictedClvCents)} over the next {settings.horizonMonths} months
          </dd>
          {summary.quadrantAxes ? (
            <>
              <dt className="text-muted-foreground">Quadrant map lines</dt>
              <dd className="tabular-nums">
                A long relationship from {formatCount(summary.quadrantAxes.thresholdDays, settings.locale)} days
                {summary.quadrantAxes.durationMode === "median" ? " (the median customer)" : ""}; a high {summary.quadrantAxes.clvMeasure} CLV from{" "}
                {money(summary.quadrantAxes.thresholdClvCents)}
                {summary.quadrantAxes.clvMode === "median" ? " (the median customer)" : ""}
              </dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">Model</dt>
          <dd>{fit.selection.reason.startsWith(fit.purchaseModel.label) ? fit.selection.reason : `${fit.purchaseModel.label}. ${fit.selection.reason}`}</dd>
          <dt className="text-muted-foreground">Parameters (± standard error)</dt>
          <dd className="tabular-nums">
            {Object.entries(fit.purchaseModel.params)
              .map(([name, value]) => `${PARAMETER_SYMBOLS[name] ?? name} ${significant(value)} ± ${significant(fit.purchaseModel.standardErrors[name] ?? Number.NaN)}`)
              .join(", ")}
            {fit.spendModel ? `; order value (Gamma-Gamma) ${Object.entries(fit.spendModel.params).map(([name, value]) => `${name} ${significant(value)}`).join(", ")}` : ""}
          </dd>
          {holdout ? (
            <>
              <dt className="text-muted-foreground">Holdout test ({fit.selection.holdoutWeeks} weeks)</dt>
              <dd className="tabular-nums">
                {significant(holdout.predictedTotal)} purchases predicted, {formatCount(holdout.actualTotal, settings.locale)} made ({holdout.totalErrorPercent >= 0 ? "+" : ""}
                {holdout.totalErrorPercent.toFixed(1)}%); per customer off by {significant(holdout.meanAbsoluteError)} on average, on {formatCount(fit.selection.sampleCustomers, settings.locale)} sampled customers
              </dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">Margin on predicted revenue</dt>
          <dd className="tabular-nums">
            {formatPercent(fit.margin.applied, settings.locale)} ({fit.margin.source === "costs" ? "from the costs in your data" : "the profit-margin setting"}, refunds{" "}
            {formatPercent(fit.margin.refundShare, settings.locale)} of revenue)
          </dd>
        </dl>
      </CardContent>
    </Card>
  );
}
