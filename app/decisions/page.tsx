import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DecisionLog, DecisionViewFilter } from "@/components/decisions/decision-log";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { firstParam } from "@/lib/filters/customer-filter";
import { countDecisionNotesByView, DECISION_VIEWS, listDecisionNotes, todayIso, type DecisionView } from "@/lib/queries/decision-notes";
import { getSegmentBreakdown } from "@/lib/queries/segments";
import { PageWithoutSnapshot } from "@/components/states/page-without-snapshot";
import { openSnapshotPage } from "@/lib/pages/open-snapshot-page";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("decisions.log");
  return { title: t("title") };
}

function parseView(value: string | undefined): DecisionView {
  return (DECISION_VIEWS as readonly string[]).includes(value ?? "") ? (value as DecisionView) : "open";
}

/** `/decisions?view=open|overdue|done|dropped|all`: the decision log, with each group then and now. */
export default async function DecisionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ query: params, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("decisions.log")]);
  const { snapshot } = page;
  if (!snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;
  const view = parseView(firstParam(params, "view"));
  const today = todayIso();
  const counts = await countDecisionNotesByView(today);
  const notes = await listDecisionNotes({ view, today });
  const snapshotParam = snapshot.id !== page.currentId ? snapshot.id : undefined;
  const href = (option: DecisionView, keepSnapshot = true) => {
    const query = new URLSearchParams();
    if (option !== "open") query.set("view", option);
    if (keepSnapshot && snapshotParam !== undefined) query.set("snapshot", String(snapshotParam));
    return `/decisions${query.size > 0 ? `?${query.toString()}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <SnapshotNote page={page} locale={locale} currentHref={href(view, false)} />
      </div>
      <DecisionViewFilter view={view} counts={counts} href={(option) => href(option)} />
      <DecisionLog notes={notes} breakdown={await getSegmentBreakdown(snapshot, {})} snapshot={snapshot} snapshotParam={snapshotParam} today={today} locale={locale} empty={counts.all === 0 ? t("emptyAll") : t("empty")} />
    </div>
  );
}
