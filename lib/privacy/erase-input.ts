import { z } from "zod";

/**
 * The erase form (lib/actions/erase-customer.ts): the customer's database id and the customer number the user
 * typed to confirm. Whether the number matches is checked against the database, not here.
 */
const eraseFormSchema = z.object({
  customerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  confirmation: z.string().trim().min(1).max(200),
});

export type EraseForm = z.infer<typeof eraseFormSchema>;

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The erase form's fields, or null when the id is missing or no confirmation was typed. */
export function parseEraseForm(formData: FormData): EraseForm | null {
  const result = eraseFormSchema.safeParse({ customerId: field(formData, "customerId"), confirmation: field(formData, "confirmation") });
  return result.success ? result.data : null;
}

/** What the notice after an erasure says (the query of the redirect to /customers). */
export interface ErasedNotice {
  customer: string;
  purchases: number;
  attributes: number;
  scores: number;
}

const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const noticeSchema = z.object({ erased: z.string().trim().min(1).max(200), purchases: count, attributes: count, scores: count });

/** The query string of the redirect after an erasure, e.g. `erased=K-00042&purchases=7&attributes=3&scores=2`. */
export function erasedNoticeQuery(notice: ErasedNotice): string {
  return new URLSearchParams({
    erased: notice.customer,
    purchases: String(notice.purchases),
    attributes: String(notice.attributes),
    scores: String(notice.scores),
  }).toString();
}

/** The notice from a page's search params, or null when there is none (or it is malformed). */
export function parseErasedNotice(params: Record<string, string | string[] | undefined>): ErasedNotice | null {
  const one = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const result = noticeSchema.safeParse({ erased: one("erased"), purchases: one("purchases"), attributes: one("attributes"), scores: one("scores") });
  if (!result.success) return null;
  const { erased, ...counts } = result.data;
  return { customer: erased, ...counts };
}
