import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { BiggestMovers } from "@/components/history/biggest-movers";
import { EmptyHistory } from "@/components/history/empty-history";
import { GroupingSwitch } from "@/components/history/grouping-switch";
import { historyHref, parseHistoryParams } from "@/components/history/history-params";
import { KpiChangesTable } from "@/components/history/kpi-changes-table";
import { MigrationSection } from "@/components/history/migration-section";
import { SnapshotList } from "@/components/history/snapshot-list";
import { NoSnapshot } from "@/components/states/no-snapshot";
import { ServerWidget } from "@/components/states/server-widget";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { getSnapshotComparison, listHistorySnapshots } from "@/lib/queries/snapshot-compare";
import { getSnapshot } from "@/lib/queries/snapshots";
import { requirePermission } from "@/lib/auth/session";

export default async function HistoryPage({ searchParams }: PageProps<"/history">) {
  await connection(); // read the database on every request, never at build time
  await requirePermission("browse"); // signed in, with a role that may browse (lib/auth/roles.ts)
  const [t, locale, params] = await Promise.all([getTranslations("history"), getFormatLocale(), searchParams]);
  const header = <PageHeader title={t("title")} subtitle={t("subtitle")} />;
  const snapshots = await listHistorySnapshots();
  if (snapshots.length === 0) {
    return (
      <div className="space-y-6">
        {header}
        <NoSnapshot />
      </div>
    );
  }
  const currency = (await getSnapshot(snapshots[0]!.id))?.summary.currency ?? "EUR";
  if (snapshots.length < 2) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyHistory />
        <SnapshotList snapshots={snapshots} fromId={null} toId={null} currency={currency} locale={locale} />
      </div>
    );
  }
  const wanted = parseHistoryParams(params);
  // Defaults: the previous snapshot against the current one; an id that does not exist (any more) falls back to them.
  let from = await getSnapshot(wanted.from ?? snapshots[1]!.id);
  let to = await getSnapshot(wanted.to ?? snapshots[0]!.id);
  const missingId = !from ? wanted.from : !to ? wanted.to : undefined;
  if (!from || !to) {
    from = (await getSnapshot(snapshots[1]!.id))!;
    to = (await getSnapshot(snapshots[0]!.id))!;
  }
  // Rows are the earlier snapshot: a comparison asked the other way round is turned around.
  if (from.id > to.id) redirect(historyHref({ from: to.id, to: from.id, by: wanted.by, measure: wanted.measure }));
  const list = <SnapshotList snapshots={snapshots} fromId={from.id} toId={to.id} currency={currency} locale={locale} />;
  if (from.id === to.id) {
    return (
      <div className="space-y-6">
        {header}
        <p role="status" className="text-sm text-warning">
          {t("form.same")}
        </p>
        {list}
      </div>
    );
  }
  const comparison = await getSnapshotComparison(from, to);
  return (
    <div className="space-y-6" data-compare-from={from.id} data-compare-to={to.id}>
      {header}
      {missingId !== undefined ? (
        <p role="status" className="text-sm text-warning">
          {t("form.missing", { id: missingId })}
        </p>
      ) : null}
      {list}
      <Card data-section="kpi-changes">
        <CardHeader>
          <CardTitle>{t("kpis.title")}</CardTitle>
          <CardDescription>
            {t("kpis.description", { from: from.id, fromDate: formatDate(from.asOfDate, locale), to: to.id, toDate: formatDate(to.asOfDate, locale) })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <KpiChangesTable rows={comparison.kpis} locale={locale} currency={to.summary.currency} caption={t("kpis.title")} />
        </CardContent>
      </Card>
      <GroupingSwitch from={from.id} to={to.id} by={wanted.by} measure={wanted.measure} />
      <ServerWidget skeleton={<Skeleton className="h-96" />}>
        <MigrationSection
          from={from}
          to={to}
          by={wanted.by}
          measure={wanted.measure}
          cell={wanted.cell}
          page={wanted.page}
          settingsChanged={comparison.settingsChanged}
          locale={locale}
        />
      </ServerWidget>
      <ServerWidget skeleton={<Skeleton className="h-96" />}>
        <BiggestMovers from={from} to={to} locale={locale} />
      </ServerWidget>
    </div>
  );
}
