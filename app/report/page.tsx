import { getTranslations } from "next-intl/server";
import { ClvDistribution } from "@/components/overview/clv-distribution";
import { ClvKpis } from "@/components/overview/clv-kpis";
import { RfmShares } from "@/components/overview/rfm-shares";
import { TierBreakdown } from "@/components/overview/tier-breakdown";
import { QuadrantCards } from "@/components/quadrants/quadrant-cards";
import { PrintButton } from "@/components/report/print-button";
import { ReportPage } from "@/components/report/report-page";
import { PageHeader } from "@/components/ui/page-header";
import { firstParam } from "@/lib/filters/customer-filter";
import { formatDate } from "@/lib/format";
import { countOpenDecisionNotes } from "@/lib/queries/decision-notes";
import { getQuadrantAggregates } from "@/lib/queries/quadrant-map";
import { getSnapshotActivity } from "@/lib/queries/snapshot-overview";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

export async function generateMetadata() {
  const t = await getTranslations("report");
  return { title: t("title") };
}

/** `/report?snapshot=12`: the main charts and tables on A4 landscape pages (print CSS in app/globals.css). */
export default async function ReportView({ searchParams }: PageProps<"/report">) {
  const [{ query: params, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("report")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;
  const query = `?snapshot=${snapshot.id}`;
  const pdfProblem = firstParam(params, "pdf");
  const activity = await getSnapshotActivity(snapshot);
  const aggregates = await getQuadrantAggregates(snapshot, {});
  const currency = snapshot.summary.currency || snapshot.settings.currency;
  const quadrants = aggregates.map((row) => {
    const labels = snapshot.summary.quadrants.find((quadrant) => quadrant.key === row.key);
    return { ...row, name: labels?.name ?? row.key, tactic: labels?.tactic ?? "", href: `/segments/quadrant/${row.key}${query}` };
  });
  return (
    <div className="report space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4 print:hidden">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <div className="flex items-center gap-3">
          <PrintButton label={t("print")} />
          {/* A plain link: the route answers with a file (or sends the reader back here), never with a page
              the client router could render. */}
          <a href={`/report/pdf${query}`} className="rounded-md border border-border px-3 py-1.5 text-sm font-medium">
            {t("download")}
          </a>
        </div>
      </div>
      {pdfProblem ? (
        <p role="alert" className="rounded-md border border-warning px-4 py-2 text-sm print:hidden">
          {pdfProblem === "no-chromium" ? t("pdfNoChromium") : pdfProblem === "busy" ? t("pdfBusy") : t("pdfFailed")}
        </p>
      ) : null}
      <ReportPage>
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{t("cover")}</h1>
          <p className="mt-1 text-muted-foreground">
            {t("coverSubtitle", { date: formatDate(snapshot.asOfDate, locale), id: snapshot.id, model: snapshot.fit.purchaseModel.label })}
          </p>
        </div>
        <ClvKpis snapshot={snapshot} activity={activity} locale={locale} />
        <p className="text-xs text-muted-foreground">{t("generated", { date: formatDate(new Date().toISOString().slice(0, 10), locale) })}</p>
      </ReportPage>
      <ReportPage title={t("tiersAndSegments")}>
        <div className="grid grid-cols-2 gap-6">
          <TierBreakdown snapshot={snapshot} locale={locale} query={query} />
          <ClvDistribution snapshot={snapshot} bins={activity.bins} locale={locale} />
        </div>
      </ReportPage>
      <ReportPage>
        <RfmShares snapshot={snapshot} locale={locale} query={query} />
      </ReportPage>
      <ReportPage title={t("quadrants")}>
        <QuadrantCards quadrants={quadrants} openNotes={await countOpenDecisionNotes()} locale={locale} currency={currency} />
      </ReportPage>
    </div>
  );
}
