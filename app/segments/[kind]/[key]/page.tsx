import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { CustomerTable } from "@/components/customers/customer-table";
import { DownloadCsvLink } from "@/components/customers/download-csv-link";
import { DecisionsCard } from "@/components/decisions/decisions-card";
import { segmentNamer } from "@/components/decisions/segment-label";
import { CustomerFilters } from "@/components/filters/customer-filters";
import { DriversPanel } from "@/components/segments/drivers-panel";
import { SegmentKpis } from "@/components/segments/segment-kpis";
import { SegmentTactic } from "@/components/segments/segment-tactic";
import { PinButton } from "@/components/present/pin-button";
import { ServerWidget } from "@/components/states/server-widget";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { filterQueryString, isEmptyFilter, mergeFilters, parseCustomerFilter } from "@/lib/filters/customer-filter";
import { filterFieldsWithout } from "@/lib/filters/filter-fields";
import { fixedFields, parseSegmentRef, segmentFilter, segmentKey, segmentPath, withoutFixed, type SegmentRef } from "@/lib/filters/segment-ref";
import { lastPage, PAGE_SIZE, parseTableState, toUrlSearchParams } from "@/lib/filters/table-params";
import { figuresOf } from "@/lib/decisions/segment-figures";
import { countCustomerScores, getCustomerScores } from "@/lib/queries/customer-scores";
import { listDecisionNotes, todayIso } from "@/lib/queries/decision-notes";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { resolvePageSnapshot } from "@/lib/queries/page-snapshot";
import { getGroupFigures, getSegmentBreakdown } from "@/lib/queries/segments";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { maySee } from "@/lib/auth/session";
import { maskFilter } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ kind: string; key: string }>; searchParams: Promise<SearchParams> };

/** The name of a drill-down as the snapshot calls it: tiers and quadrants by their settings, RFM segments from the catalogue. */
async function segmentName(ref: SegmentRef, snapshot: SnapshotInfo): Promise<string> {
  return (await segmentNamer(snapshot))(ref);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await connection();
  // The group's name (tier names are settings) only after the session and role are checked.
  if (!(await maySee("browse"))) return { title: (await getTranslations("segments"))("title") };
  const [{ kind, key }, query] = await Promise.all([params, searchParams]);
  const { snapshot } = await resolvePageSnapshot(query);
  const ref = snapshot ? parseSegmentRef(kind, key, snapshot.summary.tiers.length) : null;
  return { title: ref && snapshot ? await segmentName(ref, snapshot) : (await getTranslations("segments"))("title") };
}

export default async function SegmentDrillDownPage({ params, searchParams }: Props) {
  const [{ query, page, locale }, { kind, key }, t, tRfm] = await Promise.all([openSnapshotPage(searchParams), params, getTranslations("segments"), getTranslations("rfm")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} />;
  const ref = parseSegmentRef(kind, key, snapshot.summary.tiers.length);
  if (!ref) notFound();

  const { search, ...urlFilter } = parseCustomerFilter(query);
  // "All customers" for the shares and drivers: the URL filter without what this page fixes. The search
  // box narrows the table (and the download) only, not the figures of the group.
  const overall = withoutFixed(urlFilter, ref.kind);
  const filter = mergeFilters(overall, segmentFilter(ref));
  const { visible } = await getPersonalDataAccess(); // names and e-mail addresses, or customer numbers only
  const tableFilter = search ? maskFilter({ ...filter, search }, visible) : filter;
  const state = parseTableState(query);
  const snapshotParam = snapshot.id !== page.currentId ? snapshot.id : undefined;
  const pathname = segmentPath(ref);
  const urlParams = toUrlSearchParams(query);
  const currency = snapshot.summary.currency;
  const tierNames = snapshot.summary.tiers.map((tier) => tier.name);

  const group = await getGroupFigures(snapshot, filter);
  const all = await getGroupFigures(snapshot, overall);
  const total = search ? await countCustomerScores(snapshot, tableFilter) : group.customers;
  const pageNumber = Math.min(state.page, lastPage(total));
  const rows =
    total > 0
      ? await getCustomerScores(snapshot, tableFilter, { orderBy: state.sort, direction: state.dir, limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE, personalData: visible })
      : [];
  const today = todayIso();
  const decisions = await listDecisionNotes({ segment: { kind: ref.kind, key: segmentKey(ref) }, view: "all", today });
  const exportParams = new URLSearchParams(filterQueryString({ ...overall, search }, { snapshot: snapshotParam, kind: ref.kind, key: segmentKey(ref) }).slice(1));
  const name = await segmentName(ref, snapshot);
  const subtitle = ref.kind === "rfm" ? `${t("kinds.rfm")} · ${tRfm(`${ref.segment}.description`)}` : t(`kinds.${ref.kind}`);

  return (
    <div className="space-y-6" data-segment-kind={ref.kind} data-segment-key={segmentKey(ref)}>
      <div className="space-y-2">
        <Link href={`/segments${filterQueryString(overall, { snapshot: snapshotParam })}`} className="text-sm text-accent hover:underline">
          ← {t("back")}
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <PageHeader title={name} subtitle={subtitle} />
          <PinButton pin={`${ref.kind}/${segmentKey(ref)}`} />
        </div>
        <SnapshotNote page={page} locale={locale} currentHref={`${pathname}${filterQueryString({ ...overall, search })}`} />
      </div>
      <CustomerFilters filter={{ ...overall, search }} options={await getFilterOptions()} snapshot={snapshot} fields={filterFieldsWithout(...fixedFields(ref.kind))} />
      <SegmentKpis group={group} all={all} locale={locale} currency={currency} />
      {isEmptyFilter(overall) ? null : <p className="-mt-3 text-xs text-muted-foreground">{t("kpis.filtered")}</p>}
      <SegmentTactic refValue={ref} tierCount={tierNames.length} quadrantTactic={ref.kind === "quadrant" ? snapshot.summary.quadrants.find((row) => row.key === ref.quadrant)?.tactic : undefined} />
      <DecisionsCard segment={ref} notes={decisions} now={figuresOf(ref, await getSegmentBreakdown(snapshot, {}))} today={today} snapshot={snapshot} locale={locale} />
      <ServerWidget skeleton={<Skeleton className="h-80" />}>
        <DriversPanel snapshot={snapshot} segment={filter} overall={overall} locale={locale} />
      </ServerWidget>
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <CardTitle>{t("customers.title")}</CardTitle>
          <DownloadCsvLink query={exportParams} count={total} locale={locale} />
        </CardHeader>
        <CardContent>
          <CustomerTable
            rows={rows}
            total={total}
            state={{ ...state, page: pageNumber }}
            pathname={pathname}
            params={urlParams}
            asOfDate={snapshot.asOfDate}
            tierNames={tierNames}
            locale={locale}
            currency={currency}
            search={search}
            namesHidden={!visible}
            clearHref={`${pathname}${filterQueryString({}, { snapshot: snapshotParam })}`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
