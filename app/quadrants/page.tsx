import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { CustomerFilters } from "@/components/filters/customer-filters";
import { describeFilter } from "@/components/filters/describe-filter";
import { MapControls } from "@/components/quadrants/map-controls";
import { packPoints, seriesStyle, type ColorBy, type MapScale } from "@/components/quadrants/map-points";
import { durationParts, logFloorCents } from "@/components/quadrants/map-scales";
import { relationshipTexts } from "@/components/quadrants/relationship-texts";
import { QuadrantCards } from "@/components/quadrants/quadrant-cards";
import { QuadrantScatter } from "@/components/quadrants/quadrant-scatter";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { filterQueryString, firstParam, parseCustomerFilter, parseSnapshotParam, type CustomerFilter } from "@/lib/filters/customer-filter";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import { countOpenDecisionNotes } from "@/lib/queries/decision-notes";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { getQuadrantMap, getQuadrantMembers } from "@/lib/queries/quadrant-map";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import { NamesHiddenNote } from "@/components/privacy/names-hidden-note";
import { maskFilter } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quadrants");
  return { title: t("title") };
}

/** The URL's query as URLSearchParams (repeated parameters such as attr kept). */
function toQuery(params: SearchParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, one);
  return query;
}

export default async function QuadrantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ query: params, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("quadrants")]);
  const header = <PageHeader title={t("title")} subtitle={t("subtitle")} />;
  if (!page.snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;
  const snapshot = page.snapshot;
  const { visible } = await getPersonalDataAccess(); // names in the tooltips, or customer numbers only
  const filter = maskFilter(parseCustomerFilter(params), visible);
  // Log by default: on a linear axis a few customers worth thousands squash everyone else onto the bottom line.
  const scale: MapScale = firstParam(params, "scale") === "linear" ? "linear" : "log";
  const colorBy: ColorBy = firstParam(params, "color") === "rfm" ? "rfm" : "tier";
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        {header}
        <SnapshotNote page={page} locale={locale} currentHref={`/quadrants${filterQueryString(filter, { scale, color: colorBy })}`} />
      </div>
      <CustomerFilters filter={filter} options={await getFilterOptions()} snapshot={snapshot} />
      {snapshot.summary.quadrantAxes ? (
        <QuadrantMapSection snapshot={snapshot} filter={filter} params={params} scale={scale} colorBy={colorBy} locale={locale} personalData={visible} />
      ) : (
        <Card className="px-5 py-6 text-sm" data-state="no-quadrant-axes">
          {t("noAxes")}
        </Card>
      )}
    </div>
  );
}

async function QuadrantMapSection({
  snapshot,
  filter,
  params,
  scale,
  colorBy,
  locale,
  personalData,
}: {
  snapshot: SnapshotInfo;
  filter: CustomerFilter;
  params: SearchParams;
  scale: MapScale;
  colorBy: ColorBy;
  locale: string;
  personalData: boolean;
}) {
  const [t, tm, tr] = await Promise.all([getTranslations("quadrants"), getTranslations("measures"), getTranslations("rfm")]);
  const axes = snapshot.summary.quadrantAxes!;
  const currency = snapshot.summary.currency || snapshot.settings.currency;
  const map = await getQuadrantMap(snapshot, filter, { personalData });
  const points = packPoints(map.points);
  const members = new Map((await getQuadrantMembers(snapshot, filter)).map((row) => [row.key, row]));
  const relationship = await relationshipTexts(map.axes.relationship, locale);
  const measureLabel = tm(axes.clvMeasure === "historic" ? "historicClv" : axes.clvMeasure === "total" ? "totalClv" : "predictedClv");
  const money = (cents: number) => formatMoney(cents, { locale, currency });
  const { quadrant: _ownQuadrant, ...drillFilter } = filter;
  const drillQuery = filterQueryString(drillFilter, { snapshot: parseSnapshotParam(params) });
  const quadrants = map.quadrants.map((row) => {
    const labels = snapshot.summary.quadrants.find((quadrant) => quadrant.key === row.key);
    const who = members.get(row.key);
    return {
      ...row,
      name: labels?.name ?? row.key,
      tactic: labels?.tactic ?? "",
      href: `/segments/quadrant/${row.key}${drillQuery}`,
      medianProbabilityAlive: who?.medianProbabilityAlive ?? null,
      medianDaysSinceLastPurchase: who?.medianDaysSinceLastPurchase ?? null,
    };
  });
  const threshold = durationParts(axes.thresholdDays);
  const description = [
    t("chartDescription", { measure: measureLabel }),
    t("thresholds", {
      duration: tm(threshold.unit, { count: threshold.count }),
      durationMode: t(axes.durationMode === "median" && relationship.showsEnded ? "thresholdMode.medianRunning" : `thresholdMode.${axes.durationMode}`),
      amount: money(axes.thresholdClvCents),
      clvMode: t(`thresholdMode.${axes.clvMode}`),
    }),
    relationship.rule,
    scale === "log" ? t("logNote", { measure: measureLabel, floor: formatMoney(logFloorCents(points.clvCents, axes.thresholdClvCents), { locale, currency }) }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  const summary = t("summary", {
    total: formatCount(map.customers, locale),
    quadrants: quadrants
      .map((row) => t("summaryQuadrant", { name: row.name, customers: formatCount(row.customers, locale), value: money(row.predictedClvCents), share: formatPercent(row.valueShare, locale) }))
      .join("; "),
  });

  return (
    <>
      <MapControls query={toQuery(params)} scale={scale} colorBy={colorBy} />
      <ChartContainer
        id="quadrant-map"
        title={t("chartTitle")}
        description={description}
        config={{}}
        summary={summary}
        legendLabel={t("legendLabel")}
        exportOptions={{
          name: "quadrants",
          asOfDate: snapshot.asOfDate,
          filters: await describeFilter(filter, snapshot),
          legend: (colorBy === "tier" ? snapshot.summary.tiers.map((tier) => tier.name) : RFM_SEGMENT_KEYS.map((key) => tr(`${key}.name`))).map((label, index) => ({
            label,
            color: seriesStyle(index).color,
          })),
          table: {
            columns: [tm("quadrant"), tm("customers"), tm("historicClv"), tm("predictedClv"), tm("valueShare")],
            rows: quadrants.map((row) => [row.name, row.customers, row.historicClvCents / 100, row.predictedClvCents / 100, row.valueShare]),
          },
        }}
      >
        <p className="mb-2 text-sm" role="status" data-showing={map.points.length} data-total={map.customers}>
          <span className="font-medium">{t("showing", { shown: formatCount(map.points.length, locale), total: formatCount(map.customers, locale) })}</span>
          {map.sampled ? <span className="text-muted-foreground"> · {t("sampleNote")}</span> : null}
        </p>
        {personalData ? null : <NamesHiddenNote className="mb-2" />}
        {map.customers === 0 ? (
          <p className="py-16 text-center text-sm text-muted-foreground" data-state="no-match">
            {t("noMatch")}
          </p>
        ) : (
          <QuadrantScatter
            points={points}
            thresholdDays={axes.thresholdDays}
            thresholdClvCents={axes.thresholdClvCents}
            quadrants={quadrants.map(({ key, name, customers, valueShare, href }) => ({ key, name, customers, valueShare, href }))}
            scale={scale}
            colorBy={colorBy}
            tierNames={snapshot.summary.tiers.map((tier) => tier.name)}
            measureLabel={measureLabel}
            axisXLabel={relationship.axisX}
            snapshotId={snapshot.id}
            showsEnded={relationship.showsEnded}
            locale={locale}
            currency={currency}
          />
        )}
      </ChartContainer>
      <QuadrantCards quadrants={quadrants} openNotes={await countOpenDecisionNotes()} locale={locale} currency={currency} />
    </>
  );
}
