"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { userActor } from "@/lib/audit/events";
import { authorize, AuthError } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { eraseCustomer, UnknownCustomerError, type ErasureResult } from "@/lib/privacy/erase-customer";
import { erasedNoticeQuery, parseEraseForm } from "@/lib/privacy/erase-input";
import { getCustomer } from "@/lib/queries/customer-profile";

export interface EraseCustomerState {
  /** Errors of the confirmation field, in the reader's language. */
  errors: { confirmation?: string[] };
  message: string | null;
}

/**
 * Erases a customer (form fields `customerId` and `confirmation`, the customer number typed by the user), then
 * goes to /customers with a notice of what was deleted. A wrong or missing confirmation erases nothing.
 */
export async function eraseCustomerAction(_previous: EraseCustomerState, formData: FormData): Promise<EraseCustomerState> {
  const t = await getTranslations("privacy.erase");
  let user;
  try {
    user = await authorize("personalData"); // admins only (lib/auth/roles.ts)
  } catch (error) {
    if (error instanceof AuthError) return { errors: {}, message: t("notAllowed") };
    throw error;
  }
  const form = parseEraseForm(formData);
  if (!form) return { errors: { confirmation: [t("invalid")] }, message: t("notErased") };
  let erased: ErasureResult;
  try {
    const customer = await getCustomer(form.customerId);
    if (!customer) return { errors: {}, message: t("unknown") };
    if (form.confirmation !== customer.externalId) {
      return { errors: { confirmation: [t("mismatch", { number: customer.externalId })] }, message: t("notErased") };
    }
    erased = await eraseCustomer(form.customerId, getDb(), userActor(user));
  } catch (error) {
    if (error instanceof UnknownCustomerError) return { errors: {}, message: t("unknown") };
    console.error("[privacy] erasing a customer failed", error);
    return { errors: {}, message: t("failed") };
  }
  // Every view may have shown the customer (lists, maps, drill-downs, history).
  revalidatePath("/", "layout");
  redirect(`/customers?${erasedNoticeQuery({ customer: erased.externalId, purchases: erased.transactions, attributes: erased.attributes, scores: erased.scores })}`);
}
