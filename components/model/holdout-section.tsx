import { Link } from "@/components/ui/link";
import { IfAllowed } from "@/components/auth/if-allowed";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { Card } from "@/components/ui/card";
import { formatCount, formatDate } from "@/lib/format";
import type { ModelPageData } from "@/lib/queries/model";
import { FrequencyChart, type FrequencyBar } from "./frequency-chart";
import { decimals, signedPercent } from "./model-numbers";
import { TrackingChart } from "./tracking-chart";
import { trackingRows, trackingTotals } from "./tracking-data";

/** Why there are no holdout charts: an older snapshot (recompute), or no holdout test at all. */
async function NoHoldoutCharts({ kind }: { kind: "recompute" | "none" }) {
  const t = await getTranslations("model.holdout");
  return (
    <Card className="px-6 py-5 text-sm" data-state={kind === "recompute" ? "holdout-recompute" : "holdout-none"}>
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="mt-1 text-muted-foreground">
        {kind === "recompute" ? t("recompute") : t("none")}{" "}
        {kind === "recompute" ? (
          <IfAllowed permission="recompute">
            <Link href="/settings" className="text-accent underline">
              {t("recomputeLink")}
            </Link>
          </IfAllowed>
        ) : null}
      </p>
    </Card>
  );
}

/** The holdout validation: the tracking plot (cumulative and per week) and the holdout purchases by purchases before. */
export async function HoldoutSection({ data, asOfDate, locale }: { data: ModelPageData; asOfDate: string; locale: string }) {
  const t = await getTranslations("model.holdout");
  if (!data.validation) return data.holdout ? <NoHoldoutCharts kind="recompute" /> : <NoHoldoutCharts kind="none" />;
  const holdout = data.validation.holdout;
  if (!holdout) return <NoHoldoutCharts kind="none" />;
  const config = {
    actual: { label: t("actual"), color: "var(--chart-1)" },
    predicted: { label: t("predicted"), color: "var(--chart-2)" },
  } as const;
  const number = (value: number) => decimals(value, locale, 0);
  const tracking = holdout.tracking;
  const rows = tracking ? trackingRows(tracking) : [];
  const totals = tracking ? trackingTotals(rows, tracking.calibrationWeeks) : null;
  const trackingLabels = { actual: t("actual"), predicted: t("predicted"), holdout: t("holdoutBand"), weekEnding: t("weekEnding", { date: "{date}" }) };
  const trackingTable = {
    columns: [t("csv.weekEnding"), t("csv.period"), t("csv.actualWeekly"), t("csv.predictedWeekly"), t("csv.actualCumulative"), t("csv.predictedCumulative")],
    rows: rows.map((row) => [row.weekEnd, row.week <= (tracking?.calibrationWeeks ?? 0) ? t("csv.calibration") : t("csv.holdout"), row.actual, row.expected, row.cumulativeActual, row.cumulativeExpected]),
  };
  const bars: FrequencyBar[] = holdout.byFrequency.map((row) => ({
    label: row.orMore ? `${row.repeatPurchases}+` : String(row.repeatPurchases),
    customers: row.customers,
    actual: row.actualMean,
    expected: row.expectedMean,
  }));
  const description = tracking
    ? t("trackingDescription", {
        customers: formatCount(tracking.customers, locale),
        date: formatDate(data.calibrationEnd, locale),
        sample: data.sampled ? t("sampled") : "",
      })
    : "";
  return (
    <section className="space-y-4" aria-labelledby="holdout-heading" data-section="holdout">
      <div>
        <h2 id="holdout-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("intro", { weeks: data.holdoutWeeks ?? 0 })}</p>
      </div>
      {tracking && totals ? (
        <div className="grid gap-6 xl:grid-cols-2">
          <ChartContainer
            id="holdout-tracking-cumulative"
            title={t("cumulativeTitle")}
            description={description}
            config={config}
            legendLabel={t("legend")}
            summary={t("cumulativeSummary", {
              actual: formatCount(totals.cumulativeActual, locale),
              predicted: number(totals.cumulativeExpected),
              weeks: tracking.actual.length - tracking.calibrationWeeks,
              holdoutActual: formatCount(totals.holdoutActual, locale),
              holdoutPredicted: number(totals.holdoutExpected),
              error: signedPercent(totals.holdoutActual > 0 ? (100 * (totals.holdoutExpected - totals.holdoutActual)) / totals.holdoutActual : null, locale),
            })}
            exportOptions={{ name: "holdout-tracking", asOfDate, table: trackingTable }}
          >
            <TrackingChart tracking={tracking} cumulative locale={locale} labels={trackingLabels} />
          </ChartContainer>
          <ChartContainer
            id="holdout-tracking-weekly"
            title={t("weeklyTitle")}
            description={description}
            config={config}
            legendLabel={t("legend")}
            summary={t("weeklySummary", {
              weeks: rows.length,
              highest: formatCount(Math.max(0, ...rows.map((row) => row.actual)), locale),
              holdoutActual: formatCount(totals.holdoutActual, locale),
              holdoutPredicted: number(totals.holdoutExpected),
            })}
            exportOptions={{ name: "holdout-tracking-weekly", asOfDate, table: trackingTable }}
          >
            <TrackingChart tracking={tracking} cumulative={false} locale={locale} labels={trackingLabels} />
          </ChartContainer>
        </div>
      ) : null}
      <ChartContainer
        id="holdout-by-frequency"
        title={t("frequencyTitle")}
        description={t("frequencyDescription", { weeks: data.holdoutWeeks ?? 0 })}
        config={config}
        legendLabel={t("legend")}
        summary={t("frequencySummary", {
          groups: bars
            .filter((bar) => bar.customers > 0)
            .map((bar) => t("frequencySummaryGroup", { group: bar.label, customers: formatCount(bar.customers, locale), actual: decimals(bar.actual, locale, 2), predicted: decimals(bar.expected, locale, 2) }))
            .join("; "),
        })}
        exportOptions={{
          name: "holdout-by-frequency",
          asOfDate,
          table: {
            columns: [t("csv.repeatPurchasesBefore"), t("csv.customers"), t("csv.actualMean"), t("csv.predictedMean")],
            rows: bars.map((bar) => [bar.label, bar.customers, bar.actual, bar.expected]),
          },
        }}
      >
        <FrequencyChart
          bars={bars}
          locale={locale}
          labels={{ actual: t("actual"), predicted: t("predicted"), axis: t("frequencyAxis"), group: t("frequencyGroup", { count: "{count}" }), customers: t("frequencyCustomers", { count: "{count}" }) }}
        />
      </ChartContainer>
    </section>
  );
}
