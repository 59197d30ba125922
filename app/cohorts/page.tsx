import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { CohortChart } from "@/components/cohorts/cohort-chart";
import { chartColor, type ChartCohort } from "@/components/cohorts/cohort-chart-data";
import { cohortLabel } from "@/components/cohorts/cohort-labels";
import { CohortPicker } from "@/components/cohorts/cohort-picker";
import { CohortTableView } from "@/components/cohorts/cohort-table-view";
import { PeriodSwitch } from "@/components/cohorts/period-switch";
import { PredictionNote } from "@/components/cohorts/prediction-note";
import { CustomerFilters } from "@/components/filters/customer-filters";
import { describeFilter } from "@/components/filters/describe-filter";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { defaultCohortPeriod, parseCohortPeriod, type CohortPeriod } from "@/lib/analysis/cohort-periods";
import { chartSelection } from "@/lib/analysis/cohort-selection";
import { firstParam, filterQueryString, parseCustomerFilter } from "@/lib/filters/customer-filter";
import { maskFilter } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { formatCount, formatDate, formatMoney } from "@/lib/format";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { getCohortTable } from "@/lib/queries/cohorts";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cohorts");
  return { title: t("title") };
}

export default async function CohortsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ query: params, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("cohorts")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;

  // A search by name would tell who is a customer: numbers only for readers who may not see names.
  const filter = maskFilter(parseCustomerFilter(params), (await getPersonalDataAccess()).visible);
  const period = parseCohortPeriod(firstParam(params, "period")) ?? defaultCohortPeriod(snapshot.firstPurchaseDate, snapshot.asOfDate);
  const snapshotParam = snapshot.id !== page.currentId ? snapshot.id : undefined;
  const table = await getCohortTable(snapshot, filter, period);
  const currency = snapshot.summary.currency;
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const labels = Object.fromEntries(table.cohorts.map((cohort) => [cohort.key, cohortLabel(cohort.index, period, locale, (parts) => t("quarterLabel", parts))]));
  const selected = chartSelection(
    table.cohorts.map((cohort) => cohort.key),
    firstParam(params, "cohorts"),
  );
  const chartCohorts: ChartCohort[] = table.cohorts
    .filter((cohort) => selected.includes(cohort.key))
    .map((cohort, i) => ({
      key: cohort.key,
      label: labels[cohort.key]!,
      customers: cohort.customers,
      color: chartColor(i),
      actual: cohort.actual.map((cell) => ({ age: cell.age, valueCents: cell.valuePerCustomerCents, complete: cell.complete })),
      predicted: cohort.predicted.map((cell) => ({ age: cell.age, valueCents: cell.valuePerCustomerCents })),
    }));
  const summary =
    chartCohorts.length === 0
      ? t("chartSummaryNone")
      : t("chartSummary", {
          count: chartCohorts.length,
          cohorts: chartCohorts
            .map((cohort) => {
              const last = cohort.actual.at(-1)!;
              const predicted = cohort.predicted.at(-1);
              return (
                t("chartSummaryCohort", { cohort: cohort.label, customers: formatCount(cohort.customers, locale), value: money(last.valueCents), ages: last.age }) +
                (predicted && table.horizonEndDate ? t("chartSummaryPredicted", { value: money(predicted.valueCents), date: formatDate(table.horizonEndDate, locale) }) : "")
              );
            })
            .join("; "),
        });
  const hrefFor = (option: CohortPeriod) => `/cohorts${filterQueryString(filter, { snapshot: snapshotParam, period: option })}`;

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <SnapshotNote page={page} locale={locale} currentHref={`/cohorts${filterQueryString(filter, { period })}`} />
      <CustomerFilters filter={filter} options={await getFilterOptions()} snapshot={snapshot} />
      <PeriodSwitch period={period} hrefFor={hrefFor} />
      {table.cohorts.length === 0 ? (
        <Card className="px-8 py-10 text-center" data-state="no-matches">
          <h2 className="text-lg font-semibold">{t("noMatchesTitle")}</h2>
          <p className="mt-2 text-sm text-muted-foreground">{t("noMatchesText")}</p>
        </Card>
      ) : (
        <>
          <ChartContainer
            id="cohort-curves"
            title={t("chartTitle")}
            description={
              t(`chartDescription.${period}`) + (table.horizonEndDate ? ` ${t("chartPredictedNote", { date: formatDate(table.horizonEndDate, locale) })}` : "")
            }
            config={Object.fromEntries(chartCohorts.map((cohort) => [cohort.key, { label: cohort.label, color: cohort.color }]))}
            legendLabel={t("chartLegend")}
            summary={summary}
            exportOptions={{
              name: `cohorts-${period}`,
              asOfDate: snapshot.asOfDate,
              filters: await describeFilter(filter, snapshot),
              table: {
                columns: [t("csv.cohort"), t("csv.customers"), t("csv.age"), t("csv.value"), t("csv.kind")],
                rows: table.cohorts.flatMap((cohort) => [
                  ...cohort.actual.map((cell) => [labels[cohort.key]!, cohort.customers, cell.age, cell.valuePerCustomerCents / 100, cell.complete ? t("csv.actual") : t("csv.partial")]),
                  ...cohort.predicted.map((cell) => [labels[cohort.key]!, cohort.customers, cell.age, cell.valuePerCustomerCents / 100, t("csv.predicted")]),
                ]),
              },
            }}
          >
            <CohortPicker key={selected.join(",")} cohorts={table.cohorts.map((cohort) => ({ key: cohort.key, label: labels[cohort.key]! }))} selected={selected} />
            <CohortChart cohorts={chartCohorts} period={period} locale={locale} currency={currency} />
          </ChartContainer>
          <PredictionNote snapshot={snapshot} horizonEndDate={table.horizonEndDate} locale={locale} />
          <CohortTableView table={table} labels={labels} locale={locale} currency={currency} />
        </>
      )}
    </div>
  );
}
