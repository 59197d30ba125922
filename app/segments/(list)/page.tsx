import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { decisionsHref, OpenNotesBadge } from "@/components/decisions/open-notes-badge";
import { CustomerFilters } from "@/components/filters/customer-filters";
import { describeFilter } from "@/components/filters/describe-filter";
import { CrossTable } from "@/components/segments/cross-table";
import { crossTableExport } from "@/components/segments/cross-table-export";
import { CrossTableSummary } from "@/components/segments/cross-table-summary";
import { parseHeatMode } from "@/components/segments/heat";
import { HeatToggle } from "@/components/segments/heat-toggle";
import { SegmentGroupTable } from "@/components/segments/segment-group-table";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { filterQueryString, parseCustomerFilter } from "@/lib/filters/customer-filter";
import { filterFieldsWithout } from "@/lib/filters/filter-fields";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { countOpenDecisionNotes } from "@/lib/queries/decision-notes";
import { getSegmentBreakdown } from "@/lib/queries/segments";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments");
  return { title: t("title") };
}

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ query: params, page, locale }, t, tRfm, tFilters] = await Promise.all([openSnapshotPage(searchParams), getTranslations("segments"), getTranslations("rfm"), getTranslations("filters")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;

  // The overview has no search box: a stray `q` would filter without showing it.
  const filter = { ...parseCustomerFilter(params), search: undefined };
  const snapshotParam = snapshot.id !== page.currentId ? snapshot.id : undefined;
  const heat = parseHeatMode(params.heat);
  const linkQuery = filterQueryString(filter, { snapshot: snapshotParam });
  const breakdown = await getSegmentBreakdown(snapshot, filter);
  const currency = snapshot.summary.currency;
  const openNotes = await countOpenDecisionNotes();
  const badge = (kind: string, key: string, href: string, name: string) => <OpenNotesBadge count={openNotes.get(`${kind}/${key}`)} href={decisionsHref(href)} name={name} />;
  const heatHref = (mode: string) => `/segments${filterQueryString(filter, { snapshot: snapshotParam, heat: mode === "count" ? undefined : mode })}`;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <SnapshotNote page={page} locale={locale} currentHref={`/segments${filterQueryString(filter, { heat: heat === "count" ? undefined : heat })}`} />
      </div>
      <CustomerFilters filter={filter} options={await getFilterOptions()} snapshot={snapshot} fields={filterFieldsWithout("search")} />
      {breakdown.totals.customers === 0 ? (
        <div className="rounded-xl border border-dashed border-border px-6 py-10 text-center text-sm text-muted-foreground" data-state="no-customers">
          <p>{t("empty")}</p>
          <Link href={`/segments${filterQueryString({}, { snapshot: snapshotParam })}`} className="mt-3 inline-block text-accent underline">
            {tFilters("clear")}
          </Link>
        </div>
      ) : (
        <>
          <ChartContainer
            id="cross-table"
            title={t("crossTable.title")}
            description={t("crossTable.description")}
            config={{}}
            summary={t("crossTable.caption")}
            exportOptions={await crossTableExport({ breakdown, heat, locale, currency, asOfDate: snapshot.asOfDate, filters: await describeFilter(filter, snapshot) })}
          >
            <div className="space-y-4">
              <HeatToggle heat={heat} hrefs={{ count: heatHref("count"), value: heatHref("value") }} />
              <CrossTable
                tiers={breakdown.tiers}
                rfm={breakdown.rfm}
                cells={breakdown.cells}
                totals={breakdown.totals}
                heat={heat}
                openNotes={openNotes}
                linkQuery={linkQuery}
                locale={locale}
                currency={currency}
              />
              <CrossTableSummary breakdown={breakdown} locale={locale} currency={currency} />
            </div>
          </ChartContainer>
          <Card>
            <CardHeader>
              <CardTitle>{t("groups.tiers")}</CardTitle>
              <CardDescription>{t("groups.tiersDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              <SegmentGroupTable
                kind="tier"
                caption={t("groups.tiers")}
                totals={breakdown.totals}
                locale={locale}
                currency={currency}
                rows={breakdown.tiers.map((tier) => ({
                  id: String(tier.tier),
                  href: `/segments/tier/${tier.tier}${linkQuery}`,
                  name: tier.name,
                  badge: badge("tier", String(tier.tier), `/segments/tier/${tier.tier}${linkQuery}`, tier.name),
                  figures: tier,
                }))}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("groups.rfm")}</CardTitle>
              <CardDescription>{t("groups.rfmDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              <SegmentGroupTable
                kind="rfm"
                caption={t("groups.rfm")}
                totals={breakdown.totals}
                locale={locale}
                currency={currency}
                rows={breakdown.rfm.map((segment) => ({
                  id: segment.key,
                  href: `/segments/rfm/${segment.key}${linkQuery}`,
                  name: tRfm(`${segment.key}.name`),
                  note: tRfm(`${segment.key}.description`),
                  badge: badge("rfm", segment.key, `/segments/rfm/${segment.key}${linkQuery}`, tRfm(`${segment.key}.name`)),
                  figures: segment,
                }))}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("groups.quadrants")}</CardTitle>
              <CardDescription>{t("groups.quadrantsDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              <SegmentGroupTable
                kind="quadrant"
                caption={t("groups.quadrants")}
                totals={breakdown.totals}
                locale={locale}
                currency={currency}
                rows={breakdown.quadrants.map((quadrant) => ({
                  id: quadrant.key,
                  href: `/segments/quadrant/${quadrant.key}${linkQuery}`,
                  name: quadrant.name,
                  note: quadrant.tactic || undefined,
                  badge: badge("quadrant", quadrant.key, `/segments/quadrant/${quadrant.key}${linkQuery}`, quadrant.name),
                  figures: quadrant,
                }))}
              />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
