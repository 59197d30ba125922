import { getTranslations } from "next-intl/server";
import { noteSegmentRef, segmentNamer } from "@/components/decisions/segment-label";
import { ThenNow } from "@/components/decisions/then-now";
import { figuresOf } from "@/lib/decisions/segment-figures";
import { formatDate } from "@/lib/format";
import { isOverdue, type DecisionNoteRow } from "@/lib/queries/decision-notes";
import type { SegmentBreakdown } from "@/lib/queries/segments";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import type { Slide } from "./presentation";

/** Open decisions on the Decisions slide; the rest are counted. */
const ON_SLIDE = 4;
/** Open decisions at the foot of a pinned drill-down's slide. */
const ON_PINNED_SLIDE = 2;

const decisionsTranslations = () => getTranslations("decisions");

interface Context {
  snapshot: SnapshotInfo;
  locale: string;
  currency: string;
  today: string;
  name: Awaited<ReturnType<typeof segmentNamer>>;
  breakdown: SegmentBreakdown;
  t: Awaited<ReturnType<typeof decisionsTranslations>>;
}

function when(note: DecisionNoteRow, context: Context): string {
  const { t, locale, today } = context;
  if (isOverdue(note, today)) return `⚠ ${t("overdue")}: ${t("overdueSince", { date: formatDate(note.reviewDate, locale) })}`;
  return note.reviewDate ? t("review", { date: formatDate(note.reviewDate, locale) }) : t("noReview");
}

/** One line per decision for the speaker notes: "Champions: Invite them to the preview (Sanne, review 1 Sep 2026)". */
function noteLine(note: DecisionNoteRow, context: Context): string {
  const ref = noteSegmentRef(note.segmentKind, note.segmentKey);
  const details = [note.owner, note.target ? context.t("targetIs", { target: note.target }) : null, when(note, context)].filter(Boolean).join("; ");
  return `– ${ref ? `${context.name(ref)}: ` : ""}${note.tactic} (${details})`;
}

/** A decision on a slide: group, tactic, owner and review date, and the group then and now. */
async function SlideDecision({ note, context, showGroup }: { note: DecisionNoteRow; context: Context; showGroup: boolean }) {
  const { t, snapshot, locale, currency, today } = context;
  const ref = noteSegmentRef(note.segmentKind, note.segmentKey);
  const overdue = isOverdue(note, today);
  const then = note.customersThen !== null && note.predictedClvCentsThen !== null ? { customers: note.customersThen, predictedClvCents: note.predictedClvCentsThen } : null;
  return (
    <li className={`rounded-lg border px-4 py-2 ${overdue ? "border-danger/60" : "border-border"}`} data-decision={note.id}>
      <p className="truncate font-medium">
        {showGroup && ref ? <span className="text-muted-foreground">{context.name(ref)} · </span> : null}
        {note.tactic}
      </p>
      <p className="text-base text-muted-foreground">
        {[note.owner ? t("ownerIs", { owner: note.owner }) : null, note.target ? t("targetIs", { target: note.target }) : null].filter(Boolean).join(" · ")}
        {note.owner || note.target ? " · " : ""}
        <span className={overdue ? "font-medium text-danger" : undefined}>{when(note, context)}</span>
      </p>
      <div className="mt-1 text-base">
        <ThenNow then={then} thenAsOf={note.snapshotAsOfDate} now={ref ? figuresOf(ref, context.breakdown) : null} nowAsOf={snapshot.asOfDate} locale={locale} currency={currency} />
      </div>
    </li>
  );
}

/**
 * Adds the decision log to a presentation: a "Decisions" slide at the end listing the open decisions with
 * their group then and now, the open decisions of a pinned drill-down at the foot of its slide, and the
 * open decisions of the quadrants (and of each pinned group) in the speaker notes. Slides are matched by
 * id (`quadrants`, `pin-<kind>-<key>`), so the slides themselves need not know about decisions. The page
 * reads `open` (the open decisions as of `today`) and `breakdown` (the snapshot's, without filters).
 */
export async function withDecisionSlides(
  slides: Slide[],
  { snapshot, open, breakdown, today }: { snapshot: SnapshotInfo; open: DecisionNoteRow[]; breakdown: SegmentBreakdown; today: string },
  locale: string,
): Promise<Slide[]> {
  const context: Context = {
    snapshot,
    locale,
    currency: snapshot.summary.currency || snapshot.settings.currency,
    today,
    name: await segmentNamer(snapshot),
    breakdown,
    t: await decisionsTranslations(),
  };
  const { t } = context;
  const withNote = (slide: Slide, notes: DecisionNoteRow[]): string | undefined =>
    notes.length === 0 ? slide.note : [slide.note, `${t("slide.pinnedTitle")}:\n${notes.map((note) => noteLine(note, context)).join("\n")}`].filter(Boolean).join("\n\n");

  const changed = slides.map((slide): Slide => {
    if (slide.id === "quadrants") return { ...slide, note: withNote(slide, open.filter((note) => note.segmentKind === "quadrant")) };
    const pin = /^pin-(tier|rfm|quadrant|cell)-(.+)$/.exec(slide.id);
    if (!pin) return slide;
    const notes = open.filter((note) => note.segmentKind === pin[1] && note.segmentKey === pin[2]);
    if (notes.length === 0) return slide;
    return {
      ...slide,
      note: withNote(slide, notes),
      content: (
        <>
          {slide.content}
          <section className="mt-4" aria-label={t("slide.pinnedTitle")} data-pinned-decisions>
            <h2 className="mb-1 text-xl font-semibold">{t("slide.pinnedTitle")}</h2>
            <ul className="space-y-1 text-base">
              {notes.slice(0, ON_PINNED_SLIDE).map((note) => (
                <li key={note.id} className="truncate" data-decision={note.id}>
                  {note.tactic}
                  {note.owner ? <span className="text-muted-foreground"> · {note.owner}</span> : null}
                  <span className={isOverdue(note, context.today) ? "font-medium text-danger" : "text-muted-foreground"}> · {when(note, context)}</span>
                </li>
              ))}
              {notes.length > ON_PINNED_SLIDE ? <li className="text-muted-foreground">{t("slide.more", { count: notes.length - ON_PINNED_SLIDE })}</li> : null}
            </ul>
          </section>
        </>
      ),
    };
  });

  const decisionsSlide: Slide = {
    id: "decisions",
    title: t("slide.title"),
    note: [t("slide.note"), ...open.map((note) => noteLine(note, context))].join("\n"),
    content:
      open.length === 0 ? (
        <p className="text-2xl text-muted-foreground">{t("slide.empty")}</p>
      ) : (
        <div className="space-y-3">
          <ul className="space-y-3">
            {open.slice(0, ON_SLIDE).map((note) => (
              <SlideDecision key={note.id} note={note} context={context} showGroup />
            ))}
          </ul>
          {open.length > ON_SLIDE ? <p className="text-base text-muted-foreground">{t("slide.more", { count: open.length - ON_SLIDE })}</p> : null}
        </div>
      ),
  };
  return [...changed, decisionsSlide];
}
