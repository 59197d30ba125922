"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { authorize, denied } from "@/lib/auth/session";
import { LIMITS, parseNoteForm, parseNoteId, parseStatus, type NoteErrors } from "@/lib/decisions/note-input";
import { figuresOf } from "@/lib/decisions/segment-figures";
import { createDecisionNote, deleteDecisionNote, setDecisionStatus } from "@/lib/decisions/store";
import { parseSnapshotParam } from "@/lib/filters/customer-filter";
import { getSegmentBreakdown } from "@/lib/queries/segments";
import { getCurrentSnapshot, getSnapshot } from "@/lib/queries/snapshots";

/** What the typed fields were, so a rejected form shows them again. */
export interface DecisionFormValues {
  tactic: string;
  owner: string;
  target: string;
  reviewDate: string;
}

export interface DecisionFormState {
  /** Field errors in the reader's language, by field (`tactic`, `owner`, `target`, `reviewDate`, `segment`). */
  errors: Partial<Record<string, string[]>>;
  message: string | null;
  /** The typed values after a rejection (null after success: the form is emptied). */
  values: DecisionFormValues | null;
  /** Set on success, a new value each time. */
  addedAt: string | null;
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 2_000) : "";
};

async function translateErrors(errors: NoteErrors): Promise<DecisionFormState["errors"]> {
  const t = await getTranslations("decisions.validation");
  const max: Record<string, number> = LIMITS;
  return Object.fromEntries(Object.entries(errors).map(([field, keys]) => [field, (keys ?? []).map((key) => t(key, { max: max[field] ?? 0 }))]));
}

/** Every view shows notes or their counts (drill-downs, segments, quadrants, the log, the presentation). */
function refreshViews() {
  revalidatePath("/", "layout");
}

/**
 * Adds a decision note to a group (form fields `segmentKind`, `segmentKey`, `snapshot`, `tactic`, `owner`,
 * `target`, `reviewDate`). The group and its figures are read from the snapshot the page showed (or the
 * current one): the note keeps the group's size and predicted CLV of that moment.
 */
export async function addDecisionNoteAction(_previous: DecisionFormState, formData: FormData): Promise<DecisionFormState> {
  const t = await getTranslations("decisions.form");
  const values: DecisionFormValues = { tactic: text(formData, "tactic"), owner: text(formData, "owner"), target: text(formData, "target"), reviewDate: text(formData, "reviewDate") };
  const refused = await denied("decisionNotes");
  if (refused) {
    const tAuth = await getTranslations("auth.errors");
    return { errors: {}, message: tAuth(refused.status === 401 ? "notSignedIn" : "notAllowed"), values, addedAt: null };
  }
  try {
    const requested = parseSnapshotParam({ snapshot: text(formData, "snapshot") || undefined });
    const snapshot = (requested !== undefined ? await getSnapshot(requested) : null) ?? await getCurrentSnapshot();
    if (!snapshot) return { errors: {}, message: t("noSnapshot"), values, addedAt: null };
    const parsed = parseNoteForm(formData, snapshot.summary.tiers.length);
    if (!parsed.ok) return { errors: await translateErrors(parsed.errors), message: t("notAdded"), values, addedAt: null };
    const figures = figuresOf(parsed.value.segment, await getSegmentBreakdown(snapshot, {}));
    await createDecisionNote(parsed.value, { snapshotId: snapshot.id, figures });
    refreshViews();
    return { errors: {}, message: t("added"), values: null, addedAt: new Date().toISOString() };
  } catch (error) {
    console.error("[decisions] adding a note failed", error);
    return { errors: {}, message: t("failed"), values, addedAt: null };
  }
}

/** Sets a note's status (form fields `id`, `status`); anything else is ignored. */
export async function setDecisionStatusAction(formData: FormData): Promise<void> {
  await authorize("decisionNotes"); // throws AuthError (401/403) for a signed-out user or a viewer
  const id = parseNoteId(formData);
  const status = parseStatus(formData);
  if (id === null || status === null) return;
  await setDecisionStatus(id, status);
  refreshViews();
}

/** Deletes a note (form field `id`), after the confirmation in the page. */
export async function deleteDecisionNoteAction(formData: FormData): Promise<void> {
  await authorize("decisionNotes"); // throws AuthError (401/403) for a signed-out user or a viewer
  const id = parseNoteId(formData);
  if (id === null) return;
  await deleteDecisionNote(id);
  refreshViews();
}
