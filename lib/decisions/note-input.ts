/**
 * What a decision note may contain, checked on the server before anything is written: the group it is
 * pinned to (a drill-down's kind and key, read with lib/filters/segment-ref.ts), the tactic (required),
 * owner, target and review date (optional, with length limits and a real calendar date), and the status.
 * Pure: the server actions and the tests use it. Errors are message keys of `decisions.validation`.
 */
import "@/lib/security/zod-jitless"; // before any schema: no eval under the CSP
import { z } from "zod";
import { parseSegmentRef, segmentKey, type SegmentRef } from "@/lib/filters/segment-ref";

export const DECISION_STATUSES = ["open", "done", "dropped"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const LIMITS = { tactic: 500, owner: 80, target: 200 } as const;

/** The form's field names (also the keys of the errors). */
export const NOTE_FIELDS = ["segment", "tactic", "owner", "target", "reviewDate"] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** Message keys of `decisions.validation`. */
export type NoteErrorKey =
  | "segmentUnknown"
  | "tacticRequired"
  | "tacticLong"
  | "ownerLong"
  | "targetLong"
  | "reviewDateFormat"
  | "reviewDateRange"
  | "statusUnknown"
  | "noteUnknown";

export type NoteErrors = Partial<Record<NoteField | "status" | "id", NoteErrorKey[]>>;

export interface NoteInput {
  segment: SegmentRef;
  tactic: string;
  owner: string | null;
  target: string | null;
  reviewDate: string | null;
}

/** Text from a form field: trimmed, line breaks kept in the tactic only; empty is null. */
const optionalText = (max: number, tooLong: NoteErrorKey) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .transform((value) => (value === "" ? null : value));

const REVIEW_DATE_MIN = "2000-01-01";
const REVIEW_DATE_MAX = "2099-12-31";

/** A calendar date that exists (zod checks the days of each month, leap years included). */
const isoDate = z.iso.date();

const noteSchema = z.object({
  tactic: z.string().trim().min(1, { error: "tacticRequired" }).max(LIMITS.tactic, { error: "tacticLong" }),
  owner: optionalText(LIMITS.owner, "ownerLong"),
  target: optionalText(LIMITS.target, "targetLong"),
  reviewDate: z
    .string()
    .superRefine((value, context) => {
      if (value === "") return;
      if (!isoDate.safeParse(value).success) context.addIssue({ code: "custom", message: "reviewDateFormat" });
      else if (value < REVIEW_DATE_MIN || value > REVIEW_DATE_MAX) context.addIssue({ code: "custom", message: "reviewDateRange" });
    })
    .transform((value) => (value === "" ? null : value)),
});

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: NoteErrors };

/**
 * Reads a new note from the form (`segmentKind`, `segmentKey`, `tactic`, `owner`, `target`, `reviewDate`).
 * `tierCount` is the number of tiers of the snapshot the note is written against (tier keys run 1..it).
 *
 * @example parseNoteForm(form({ segmentKind: "rfm", segmentKey: "at-risk", tactic: "Call them" }), 4)
 *   // { ok: true, value: { segment: { kind: "rfm", segment: "at-risk" }, tactic: "Call them", owner: null, ... } }
 */
export function parseNoteForm(formData: FormData, tierCount: number): Parsed<NoteInput> {
  const errors: NoteErrors = {};
  const segment = parseSegmentRef(text(formData, "segmentKind"), text(formData, "segmentKey"), tierCount);
  if (!segment) errors.segment = ["segmentUnknown"];
  const result = noteSchema.safeParse({
    tactic: text(formData, "tactic"),
    owner: text(formData, "owner"),
    target: text(formData, "target"),
    reviewDate: text(formData, "reviewDate").trim(),
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as NoteField;
      errors[field] ??= [issue.message as NoteErrorKey]; // one message per field
    }
  }
  if (!segment || !result.success) return { ok: false, errors };
  return { ok: true, value: { segment, ...result.data } };
}

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Reads a note's id from a form (`id`); null when it is not a positive whole number. */
export function parseNoteId(formData: FormData): number | null {
  const result = idSchema.safeParse(text(formData, "id"));
  return result.success ? result.data : null;
}

/** Reads a new status from a form (`status`). */
export function parseStatus(formData: FormData): DecisionStatus | null {
  const value = text(formData, "status");
  return (DECISION_STATUSES as readonly string[]).includes(value) ? (value as DecisionStatus) : null;
}

/** The stored keys of a group: `{ kind: "cell", key: "1.champions" }`. */
export function storedSegment(ref: SegmentRef): { kind: SegmentRef["kind"]; key: string } {
  return { kind: ref.kind, key: segmentKey(ref) };
}
