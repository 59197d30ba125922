import { getTranslations } from "next-intl/server";
import { deleteDecisionNoteAction, setDecisionStatusAction } from "@/lib/actions/decision-notes";
import type { DecisionStatus } from "@/lib/decisions/note-input";

const button = "rounded-md border border-border px-2.5 py-1 text-xs font-medium hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent";

/**
 * Changing a note's status and deleting it: plain forms posting to server actions, so they work before
 * (and without) JavaScript. Deleting asks first, in a disclosure that needs no script either.
 */
export async function NoteActions({ id, status, tactic }: { id: number; status: DecisionStatus; tactic: string }) {
  const t = await getTranslations("decisions.actions");
  const short = tactic.length > 60 ? `${tactic.slice(0, 57)}…` : tactic;
  const statusButton = (next: DecisionStatus, label: string, name: string) => (
    <button type="submit" name="status" value={next} className={button} aria-label={name}>
      {label}
    </button>
  );
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={setDecisionStatusAction} className="flex gap-2">
        <input type="hidden" name="id" value={id} />
        {status === "open" ? (
          <>
            {statusButton("done", t("markDone"), t("markDoneOf", { tactic: short }))}
            {statusButton("dropped", t("drop"), t("dropOf", { tactic: short }))}
          </>
        ) : (
          statusButton("open", t("reopen"), t("reopenOf", { tactic: short }))
        )}
      </form>
      <details className="group">
        <summary className={`${button} cursor-pointer list-none text-danger`} aria-label={t("deleteOf", { tactic: short })}>
          {t("delete")}
        </summary>
        <form action={deleteDecisionNoteAction} className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-danger/40 bg-card p-2 text-xs" data-delete-confirm>
          <input type="hidden" name="id" value={id} />
          <span>{t("deleteConfirm")}</span>
          <button type="submit" className="rounded-md bg-danger px-2.5 py-1 font-medium text-card hover:opacity-90">
            {t("deleteYes")}
          </button>
        </form>
      </details>
    </div>
  );
}
