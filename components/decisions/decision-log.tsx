import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/roles";
import { getSignedInUser } from "@/lib/auth/session";
import { figuresOf } from "@/lib/decisions/segment-figures";
import { DECISION_VIEWS, type DecisionNoteRow, type DecisionView } from "@/lib/queries/decision-notes";
import type { SegmentBreakdown } from "@/lib/queries/segments";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { DecisionItem } from "./decision-item";
import { noteSegmentRef, segmentHref, segmentNamer } from "./segment-label";

/** "Show decisions: Open (3) | Overdue (1) | Done | Dropped | All" as links (`view` in the URL). */
export async function DecisionViewFilter({ view, counts, href }: { view: DecisionView; counts: Record<DecisionView, number>; href: (view: DecisionView) => string }) {
  const t = await getTranslations("decisions.log");
  return (
    <nav aria-label={t("filterLabel")}>
      <ul className="inline-flex flex-wrap overflow-hidden rounded-md border border-border text-sm">
        {DECISION_VIEWS.map((option) => (
          <li key={option} className="border-r border-border last:border-r-0">
            <Link
              href={href(option)}
              aria-current={view === option ? "page" : undefined}
              className={`block px-3 py-1.5 ${view === option ? "bg-accent font-medium text-accent-foreground" : "hover:bg-muted"}`}
              data-view={option}
            >
              {t(`views.${option}`)} <span className="tabular-nums opacity-80">({counts[option]})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Decisions of every group, each naming its group (as the snapshot shown names it) with a link to it, and
 * the group now (`breakdown`: the snapshot's whole breakdown, `getSegmentBreakdown(snapshot, {})`).
 */
export async function DecisionLog({
  notes,
  breakdown,
  snapshot,
  snapshotParam,
  today,
  locale,
  empty,
}: {
  notes: DecisionNoteRow[];
  breakdown: SegmentBreakdown;
  snapshot: SnapshotInfo;
  /** The `snapshot` the links carry (undefined for the current one). */
  snapshotParam?: number;
  today: string;
  locale: string;
  empty: string;
}) {
  const [tKinds, name] = await Promise.all([getTranslations("segments.kinds"), segmentNamer(snapshot)]);
  if (notes.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-border px-6 py-10 text-center text-sm text-muted-foreground" data-decisions-empty>
        {empty}
      </p>
    );
  }
  const editable = can((await getSignedInUser())?.role, "decisionNotes"); // viewers read, analysts write
  const currency = snapshot.summary.currency || snapshot.settings.currency;
  return (
    <ul className="space-y-3" data-decision-log>
      {notes.map((note) => {
        const ref = noteSegmentRef(note.segmentKind, note.segmentKey);
        const group = ref ? { kind: tKinds(ref.kind), name: name(ref), href: segmentHref(ref, snapshotParam) } : undefined;
        return (
          <DecisionItem
            key={note.id}
            note={note}
            now={ref ? figuresOf(ref, breakdown) : null}
            nowAsOf={snapshot.asOfDate}
            today={today}
            locale={locale}
            currency={currency}
            group={group}
            actions={editable}
          />
        );
      })}
    </ul>
  );
}
