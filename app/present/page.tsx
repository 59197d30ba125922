import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClvKpis } from "@/components/overview/clv-kpis";
import { RfmShares } from "@/components/overview/rfm-shares";
import { TierBreakdown } from "@/components/overview/tier-breakdown";
import { withDecisionSlides } from "@/components/present/decision-slides";
import { parsePins, PINNED_TOP_CUSTOMERS, pinnedSlide, type Pin, type PinnedGroup } from "@/components/present/pinned-slide";
import { Presentation, type Slide } from "@/components/present/presentation";
import { QuadrantSlide } from "@/components/present/quadrant-slide";
import { CrossTable } from "@/components/segments/cross-table";
import { NoSnapshot } from "@/components/states/no-snapshot";
import { Card } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney, formatPercent } from "@/lib/format";
import { firstParam, parseSnapshotParam } from "@/lib/filters/customer-filter";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { getCustomerScores, sumCustomerScores } from "@/lib/queries/customer-scores";
import { countOpenDecisionNotes, listDecisionNotes, todayIso } from "@/lib/queries/decision-notes";
import { getQuadrantAggregates, getQuadrantMap } from "@/lib/queries/quadrant-map";
import { getSegmentBreakdown } from "@/lib/queries/segments";
import { getSnapshotActivity } from "@/lib/queries/snapshot-overview";
import { getCurrentSnapshot, getSnapshot } from "@/lib/queries/snapshots";
import { requirePermission } from "@/lib/auth/session";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";

export async function generateMetadata() {
  const t = await getTranslations("present");
  return { title: t("title") };
}

/** `/present?snapshot=12&slide=3&privacy=1&pin=tier/1`: a meeting's slides, frozen to one snapshot. */
export default async function PresentPage({ searchParams }: PageProps<"/present">) {
  await connection();
  await requirePermission("present"); // signed in, with a role that may present (lib/auth/roles.ts)
  const [t, locale, params] = await Promise.all([getTranslations("present"), getFormatLocale(), searchParams]);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, one);
  const requested = parseSnapshotParam(params);
  const current = await getCurrentSnapshot();
  if (requested === undefined) {
    if (!current) return <NoSnapshot />;
    // Freeze: the presentation always names its snapshot, so a recompute during the meeting changes nothing.
    query.set("snapshot", String(current.id));
    redirect(`/present?${query.toString()}`);
  }
  const snapshot = await getSnapshot(requested);
  if (!snapshot) {
    return (
      <Card className="mx-auto max-w-xl px-8 py-10 text-center" role="alert">
        <p>{t("missing", { id: requested })}</p>
        <Link href="/present" className="mt-4 inline-block text-accent underline">
          {t("openCurrent")}
        </Link>
      </Card>
    );
  }
  const privacy = firstParam(params, "privacy") === "1";
  const pinValues = query.getAll("pin");
  const activity = await getSnapshotActivity(snapshot);
  const snapshotQuery = `?snapshot=${snapshot.id}`;
  const { totals, tiers } = snapshot.summary;
  const currency = snapshot.summary.currency || snapshot.settings.currency;
  // The map's sample (cached with the snapshot, shared with /quadrants) and its exact per-quadrant figures.
  const { visible } = await getPersonalDataAccess(); // names, or customer numbers only
  const quadrantMap = snapshot.summary.quadrantAxes ? await getQuadrantMap(snapshot, {}, { personalData: visible }) : null;
  const quadrants = (quadrantMap?.quadrants ?? await getQuadrantAggregates(snapshot, {})).map((row) => {
    const labels = snapshot.summary.quadrants.find((quadrant) => quadrant.key === row.key);
    return { ...row, name: labels?.name ?? row.key, tactic: labels?.tactic ?? "", href: `/segments/quadrant/${row.key}${snapshotQuery}` };
  });
  const breakdown = await getSegmentBreakdown(snapshot, {});
  const openNotes = await countOpenDecisionNotes();
  const today = todayIso();
  // A pinned group's size and most valuable customers; the presenter's privacy switch reads no names either.
  const pinnedGroup = async (pin: Pin): Promise<PinnedGroup> => ({
    totals: await sumCustomerScores(snapshot, pin.filter),
    top: await getCustomerScores(snapshot, pin.filter, { limit: PINNED_TOP_CUSTOMERS, personalData: visible && !privacy }),
  });

  const slides: Slide[] = [
    {
      id: "title",
      title: t("titleSlide"),
      content: (
        <div className="space-y-10">
          <p className="text-2xl text-muted-foreground">{t("titleSubtitle", { date: formatDate(snapshot.asOfDate, locale) })}</p>
          <dl className="grid grid-cols-3 gap-8">
            {[
              { label: (await getTranslations("measures"))("customers"), value: formatCount(snapshot.customers, locale) },
              { label: (await getTranslations("overview"))("kpiPredicted", { months: snapshot.settings.horizonMonths }), value: formatMoney(totals.predictedClvCents, { locale }) },
              { label: (await getTranslations("overview"))("kpiTopTier"), value: tiers[0] ? formatPercent(tiers[0].valueShare, locale, 0) : "–" },
            ].map((item) => (
              <div key={item.label}>
                <dt className="text-xl text-muted-foreground">{item.label}</dt>
                <dd className="mt-2 text-6xl font-semibold tabular-nums">{item.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ),
    },
    { id: "kpis", title: t("kpis"), content: <ClvKpis snapshot={snapshot} activity={activity} locale={locale} /> },
    {
      id: "quadrants",
      title: t("quadrants"),
      // The tactic of each quadrant is what the presenter says about it.
      note: quadrants.map((quadrant) => t("quadrantNote", { name: quadrant.name, tactic: quadrant.tactic })).join("\n\n"),
      content: <QuadrantSlide snapshot={snapshot} map={quadrantMap} quadrants={quadrants} openNotes={openNotes} locale={locale} currency={currency} />,
    },
    { id: "tiers", title: t("tiers"), content: <TierBreakdown snapshot={snapshot} locale={locale} query={snapshotQuery} /> },
    {
      id: "cross-table",
      title: t("crossTable"),
      content: (
        <CrossTable
          tiers={breakdown.tiers}
          rfm={breakdown.rfm}
          cells={breakdown.cells}
          totals={breakdown.totals}
          heat="count"
          openNotes={openNotes}
          linkQuery={snapshotQuery}
          locale={locale}
          currency={currency}
        />
      ),
    },
    { id: "rfm", title: t("rfm"), content: <RfmShares snapshot={snapshot} locale={locale} query={snapshotQuery} /> },
    ...(await Promise.all(parsePins(pinValues, snapshot).map(async (pin) => pinnedSlide(pin, await pinnedGroup(pin), snapshot, locale, privacy)))),
  ];

  const privacyQuery = new URLSearchParams(query);
  if (privacy) privacyQuery.delete("privacy");
  else privacyQuery.set("privacy", "1");
  const newer = current && current.id !== snapshot.id ? current : null;
  const banner = (
    <>
      {t("frozen", { id: snapshot.id, date: formatDate(snapshot.asOfDate, locale) })}
      {newer ? ` ${t("newerSnapshot", { id: newer.id })}` : ""}
    </>
  );
  return (
    // useSearchParams in the client component needs a Suspense boundary.
    <Suspense>
      <Presentation
        slides={await withDecisionSlides(slides, { snapshot, open: await listDecisionNotes({ view: "open", today }), breakdown, today }, locale)}
        initialSlide={Number(firstParam(params, "slide") ?? 1) - 1 || 0}
        privacy={privacy}
        privacyHref={`/present?${privacyQuery.toString()}`}
        closeHref={`/${snapshotQuery}`}
        banner={banner}
      />
    </Suspense>
  );
}
