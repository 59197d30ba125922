import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { getSignedInUser } from "@/lib/auth/session";
import type { SegmentSize } from "@/lib/decisions/segment-figures";
import { segmentKey, type SegmentRef } from "@/lib/filters/segment-ref";
import type { DecisionNoteRow } from "@/lib/queries/decision-notes";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { AddDecisionForm } from "./add-decision-form";
import { DecisionItem } from "./decision-item";

/** Where the badges on other views link to: `/segments/rfm/at-risk#decisions`. */
export const DECISIONS_ANCHOR = "decisions";

/**
 * The decisions of one group on its drill-down: every note (`notes`, open first), each with the group then
 * and in the snapshot shown (`now`: the whole group, whatever the page's filters), and the form to add one.
 */
export async function DecisionsCard({
  segment,
  notes,
  now,
  today,
  snapshot,
  locale,
}: {
  segment: SegmentRef;
  notes: DecisionNoteRow[];
  now: SegmentSize | null;
  today: string;
  snapshot: SnapshotInfo;
  locale: string;
}) {
  const t = await getTranslations("decisions");
  const editable = can((await getSignedInUser())?.role, "decisionNotes"); // viewers read, analysts write
  const currency = snapshot.summary.currency || snapshot.settings.currency;
  return (
    <Card id={DECISIONS_ANCHOR} aria-labelledby="decisions-title" className="scroll-mt-6" data-decisions>
      <CardHeader>
        <CardTitle id="decisions-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {notes.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-decisions-empty>
            {t("empty")}
          </p>
        ) : (
          <ul className="space-y-3" aria-label={t("title")}>
            {notes.map((note) => (
              <DecisionItem key={note.id} note={note} now={now} nowAsOf={snapshot.asOfDate} today={today} locale={locale} currency={currency} actions={editable} />
            ))}
          </ul>
        )}
        {editable ? <AddDecisionForm segmentKind={segment.kind} segmentKey={segmentKey(segment)} snapshotId={snapshot.id} /> : null}
      </CardContent>
    </Card>
  );
}
