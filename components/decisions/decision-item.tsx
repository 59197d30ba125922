import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import type { SegmentSize } from "@/lib/decisions/segment-figures";
import { formatDate } from "@/lib/format";
import { isOverdue, type DecisionNoteRow } from "@/lib/queries/decision-notes";
import { NoteActions } from "./note-actions";
import { ThenNow } from "./then-now";

const STATUS_STYLE = {
  open: "border-accent/50 text-accent",
  done: "border-border text-muted-foreground",
  dropped: "border-border text-muted-foreground line-through",
} as const;

/**
 * One decision: the tactic, who owns it, the target, the review date (overdue ones marked in words and
 * colour), its status, the group then and now, and the buttons to change or delete it. `group` names the
 * group with a link, for lists that mix groups.
 */
export async function DecisionItem({
  note,
  now,
  nowAsOf,
  today,
  locale,
  currency,
  group,
  actions = true,
}: {
  note: DecisionNoteRow;
  now: SegmentSize | null;
  nowAsOf: string;
  today: string;
  locale: string;
  currency: string;
  group?: { name: string; kind: string; href: string };
  actions?: boolean;
}) {
  const t = await getTranslations("decisions");
  const overdue = isOverdue(note, today);
  const then = note.customersThen !== null && note.predictedClvCentsThen !== null ? { customers: note.customersThen, predictedClvCents: note.predictedClvCentsThen } : null;
  return (
    <li
      className={`space-y-2 rounded-lg border px-4 py-3 ${overdue ? "border-danger/60 bg-danger/5" : "border-border"}`}
      data-decision={note.id}
      data-status={note.status}
      data-overdue={overdue || undefined}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1 space-y-1">
          {group ? (
            <p className="text-xs text-muted-foreground">
              {group.kind} ·{" "}
              <Link href={group.href} prefetch={false} className="font-medium text-accent hover:underline">
                {group.name}
              </Link>
            </p>
          ) : null}
          <p className={`whitespace-pre-line break-words font-medium ${note.status === "dropped" ? "line-through decoration-muted-foreground" : ""}`} data-tactic-text>
            {note.tactic}
          </p>
        </div>
        <span className={`shrink-0 rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[note.status]}`}>
          <span className="sr-only">{t("status.label")}: </span>
          {t(`status.${note.status}`)}
        </span>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
        <li>{note.owner ? t("ownerIs", { owner: note.owner }) : t("noOwner")}</li>
        {note.target ? <li className="break-words">{t("targetIs", { target: note.target })}</li> : null}
        <li>
          {overdue ? (
            <span className="font-medium text-danger" data-overdue-label>
              ⚠ {t("overdue")}: {t("overdueSince", { date: formatDate(note.reviewDate, locale) })}
            </span>
          ) : note.reviewDate ? (
            t("review", { date: formatDate(note.reviewDate, locale) })
          ) : (
            t("noReview")
          )}
        </li>
        <li>{t("written", { date: formatDate(note.createdAt.slice(0, 10), locale) })}</li>
      </ul>
      <div className="text-sm">
        <ThenNow then={then} thenAsOf={note.snapshotAsOfDate} now={now} nowAsOf={nowAsOf} locale={locale} currency={currency} />
      </div>
      {actions ? <NoteActions id={note.id} status={note.status} tactic={note.tactic} /> : null}
    </li>
  );
}
