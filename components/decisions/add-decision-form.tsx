"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { addDecisionNoteAction, type DecisionFormState } from "@/lib/actions/decision-notes";
import { LIMITS } from "@/lib/decisions/note-input";

const initialState: DecisionFormState = { errors: {}, message: null, values: null, addedAt: null };

/**
 * The form that adds a decision to a group. Posts to a server action through `action`, so it also works
 * before the page's JavaScript has loaded; errors come back next to their fields and are announced.
 * A rejected form shows what was typed again (its default values are the values sent).
 */
export function AddDecisionForm({ segmentKind, segmentKey, snapshotId }: { segmentKind: string; segmentKey: string; snapshotId: number }) {
  const t = useTranslations("decisions");
  const [state, formAction, isPending] = useActionState(addDecisionNoteAction, initialState);
  const errors = state.errors;
  const values = state.values;
  const hasErrors = Object.keys(errors).length > 0;
  const optional = (label: string) => `${label} (${t("fields.optional")})`;
  return (
    <form action={formAction} noValidate aria-labelledby="add-decision-title" className="space-y-4 border-t border-border pt-4" data-add-decision>
      <h3 id="add-decision-title" className="text-sm font-semibold">
        {t("form.title")}
      </h3>
      <input type="hidden" name="segmentKind" value={segmentKind} />
      <input type="hidden" name="segmentKey" value={segmentKey} />
      <input type="hidden" name="snapshot" value={snapshotId} />
      <Field id="decision-tactic" label={t("fields.tactic")} errors={errors.tactic} hint={t("fields.tacticHint", { max: LIMITS.tactic })}>
        <textarea
          id="decision-tactic"
          name="tactic"
          rows={2}
          maxLength={LIMITS.tactic}
          aria-required="true"
          className={`${inputClass} w-full`}
          defaultValue={values?.tactic ?? ""}
          key={`tactic-${state.addedAt}`}
          {...describedBy("decision-tactic", errors.tactic, true)}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="decision-owner" label={optional(t("fields.owner"))} errors={errors.owner}>
          <input id="decision-owner" name="owner" maxLength={LIMITS.owner} autoComplete="name" className={`${inputClass} w-full`} defaultValue={values?.owner ?? ""} key={`owner-${state.addedAt}`} {...describedBy("decision-owner", errors.owner)} />
        </Field>
        <Field id="decision-target" label={optional(t("fields.target"))} errors={errors.target} hint={t("fields.targetHint")}>
          <input id="decision-target" name="target" maxLength={LIMITS.target} className={`${inputClass} w-full`} defaultValue={values?.target ?? ""} key={`target-${state.addedAt}`} {...describedBy("decision-target", errors.target, true)} />
        </Field>
        <Field id="decision-review" label={optional(t("fields.reviewDate"))} errors={errors.reviewDate}>
          <input id="decision-review" name="reviewDate" type="date" min="2000-01-01" max="2099-12-31" className={`${inputClass} w-full`} defaultValue={values?.reviewDate ?? ""} key={`review-${state.addedAt}`} {...describedBy("decision-review", errors.reviewDate)} />
        </Field>
      </div>
      {errors.segment ? (
        <p role="alert" className="text-sm text-danger">
          {errors.segment.join(" ")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isPending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60">
          {isPending ? t("form.saving") : t("form.submit")}
        </button>
        <p role="status" aria-live="polite" className={hasErrors ? "text-sm text-danger" : "text-sm text-muted-foreground"}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
