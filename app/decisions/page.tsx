import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { DecisionLog, DecisionViewFilter } from "@/components/decisions/decision-log";
import { NoSnapshot } from "@/components/states/no-snapshot";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { firstParam } from "@/lib/filters/customer-filter";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { countDecisionNotesByView, DECISION_VIEWS, listDecisionNotes, todayIso, type DecisionView } from "@/lib/queries/decision-notes";
import { resolvePageSnapshot } from "@/lib/queries/page-snapshot";
import { requirePermission } from "@/lib/auth/session";

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
  await connection(); // read the database on every request, never at build time
  await requirePermission("browse"); // signed in, with a role that may browse (lib/auth/roles.ts)
  const params = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("decisions.log"), getFormatLocale()]);
  const page = resolvePageSnapshot(params);
  const { snapshot } = page;
  if (!snapshot) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <NoSnapshot />
      </div>
    );
  }
  const view = parseView(firstParam(params, "view"));
  const today = todayIso();
  const counts = countDecisionNotesByView(today);
  const notes = listDecisionNotes({ view, today });
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
      <DecisionLog notes={notes} snapshot={snapshot} snapshotParam={snapshotParam} today={today} locale={locale} empty={counts.all === 0 ? t("emptyAll") : t("empty")} />
    </div>
  );
}
