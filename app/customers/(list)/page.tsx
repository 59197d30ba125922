import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomerTable } from "@/components/customers/customer-table";
import { DownloadCsvLink } from "@/components/customers/download-csv-link";
import { ErasedNotice } from "@/components/privacy/erased-notice";
import { CustomerFilters } from "@/components/filters/customer-filters";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { filterQueryString, parseCustomerFilter } from "@/lib/filters/customer-filter";
import { lastPage, PAGE_SIZE, parseTableState, toUrlSearchParams } from "@/lib/filters/table-params";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { countCustomerScores, getCustomerScores } from "@/lib/queries/customer-scores";
import { maskFilter } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customerTable");
  return { title: t("title") };
}

/** Every customer of the snapshot: filter, search, sort, page and download. */
export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ query, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("customerTable")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;

  const { visible } = await getPersonalDataAccess(); // names and e-mail addresses, or customer numbers only
  const filter = maskFilter(parseCustomerFilter(query), visible);
  const state = parseTableState(query);
  const snapshotParam = snapshot.id !== page.currentId ? snapshot.id : undefined;
  const total = await countCustomerScores(snapshot, filter);
  const pageNumber = Math.min(state.page, lastPage(total));
  const rows =
    total > 0
      ? await getCustomerScores(snapshot, filter, { orderBy: state.sort, direction: state.dir, limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE, personalData: visible })
      : [];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-2">
          <PageHeader title={t("title")} subtitle={t("subtitle")} />
          <SnapshotNote page={page} locale={locale} currentHref={`/customers${filterQueryString(filter)}`} />
        </div>
        <DownloadCsvLink query={new URLSearchParams(filterQueryString(filter, { snapshot: snapshotParam }).slice(1))} count={total} locale={locale} />
      </div>
      <ErasedNotice params={query} />
      <CustomerFilters filter={filter} options={await getFilterOptions()} snapshot={snapshot} />
      <CustomerTable
        rows={rows}
        total={total}
        state={{ ...state, page: pageNumber }}
        pathname="/customers"
        params={toUrlSearchParams(query)}
        asOfDate={snapshot.asOfDate}
        tierNames={snapshot.summary.tiers.map((tier) => tier.name)}
        locale={locale}
        currency={snapshot.summary.currency}
        search={filter.search}
        namesHidden={!visible}
        clearHref={`/customers${filterQueryString({}, { snapshot: snapshotParam })}`}
      />
    </div>
  );
}
