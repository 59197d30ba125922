import { getTranslations } from "next-intl/server";
import { packPoints } from "@/components/quadrants/map-points";
import { QuadrantCards, type QuadrantCardData } from "@/components/quadrants/quadrant-cards";
import { QuadrantScatter } from "@/components/quadrants/quadrant-scatter";
import { relationshipTexts } from "@/components/quadrants/relationship-texts";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { QuadrantMap } from "@/lib/queries/quadrant-map";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** Stage width of a slide's content (1280 minus the slide's padding), see presentation.tsx. */
const CONTENT_WIDTH = 1200;
/** The map is laid out smaller and scaled up by this, so its labels are large on a projector. */
const ENLARGE = 1.2;

/**
 * The quadrant map on a slide: the same scatter as /quadrants (sampled points, thresholds, the quadrants'
 * names and figures in the corners), enlarged, without hover or clicks (a click moves to the next slide).
 * Customer names are never sent to the slide, so the privacy switch has nothing to hide here. Snapshots
 * from before the map had thresholds show the quadrant cards instead.
 */
export async function QuadrantSlide({
  snapshot,
  map,
  quadrants,
  openNotes,
  locale,
  currency,
}: {
  snapshot: SnapshotInfo;
  map: QuadrantMap | null;
  quadrants: QuadrantCardData[];
  /** Open decisions by group, for the cards' badges (`countOpenDecisionNotes`). */
  openNotes: ReadonlyMap<string, number>;
  locale: string;
  currency: string;
}) {
  const axes = snapshot.summary.quadrantAxes;
  if (!axes || !map || map.customers === 0) return <QuadrantCards quadrants={quadrants} openNotes={openNotes} locale={locale} currency={currency} />;
  const [t, tm] = await Promise.all([getTranslations("quadrants"), getTranslations("measures")]);
  const measureLabel = tm(axes.clvMeasure === "historic" ? "historicClv" : axes.clvMeasure === "total" ? "totalClv" : "predictedClv");
  const packed = packPoints(map.points);
  const relationship = await relationshipTexts(map.axes.relationship, locale);
  const summary = t("summary", {
    total: formatCount(map.customers, locale),
    quadrants: quadrants
      .map((row) =>
        t("summaryQuadrant", { name: row.name, customers: formatCount(row.customers, locale), value: formatMoney(row.predictedClvCents, { locale, currency }), share: formatPercent(row.valueShare, locale) }),
      )
      .join("; "),
  });
  return (
    <figure className="pointer-events-none" data-quadrant-slide>
      <div style={{ width: CONTENT_WIDTH / ENLARGE, transform: `scale(${ENLARGE})`, transformOrigin: "top left" }}>
        <QuadrantScatter
          points={packed}
          thresholdDays={axes.thresholdDays}
          thresholdClvCents={axes.thresholdClvCents}
          quadrants={quadrants.map(({ key, name, customers, valueShare, href }) => ({ key, name, customers, valueShare, href }))}
          scale="log"
          colorBy="tier"
          tierNames={snapshot.summary.tiers.map((tier) => tier.name)}
          measureLabel={measureLabel}
          axisXLabel={relationship.axisX}
          snapshotId={snapshot.id}
          showsEnded={relationship.showsEnded}
          height={480}
          locale={locale}
          currency={currency}
        />
      </div>
      <figcaption className="sr-only">
        {summary} {relationship.rule}
      </figcaption>
    </figure>
  );
}
