"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { eraseCustomerAction, type EraseCustomerState } from "@/lib/actions/erase-customer";

/** The form's texts, translated by the server card (the `privacy` messages stay on the server). */
export interface EraseCustomerTexts {
  open: string;
  heading: string;
  warning: string;
  aggregates: string;
  confirmLabel: string;
  submit: string;
  pending: string;
  cancel: string;
}

const initialState: EraseCustomerState = { errors: {}, message: null };

/**
 * "Erase this customer": a button that opens an inline confirmation step where the user types the customer
 * number, then a server action that erases and goes to /customers. Escape or Cancel closes the step and puts
 * the focus back on the button.
 */
export function EraseCustomerForm({ customerId, texts }: { customerId: number; texts: EraseCustomerTexts }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, isPending] = useActionState(eraseCustomerAction, initialState);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) input.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        aria-expanded="false"
        aria-controls="erase-customer-step"
        onClick={() => setOpen(true)}
        className="rounded-md border border-danger/60 px-3 py-2 text-sm font-medium text-danger hover:bg-danger/5"
        data-erase-open
      >
        {texts.open}
      </button>
    );
  }
  const errors = state.errors.confirmation;
  return (
    <form
      id="erase-customer-step"
      action={formAction}
      noValidate
      aria-labelledby="erase-customer-title"
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
      className="space-y-3 rounded-lg border border-danger/50 p-4"
      data-erase-step
    >
      <h3 id="erase-customer-title" className="text-sm font-semibold">
        {texts.heading}
      </h3>
      <p className="text-sm">{texts.warning}</p>
      <p className="text-xs text-muted-foreground">{texts.aggregates}</p>
      <input type="hidden" name="customerId" value={customerId} />
      <Field id="erase-confirmation" label={texts.confirmLabel} errors={errors}>
        <input
          ref={input}
          id="erase-confirmation"
          name="confirmation"
          autoComplete="off"
          spellCheck={false}
          aria-required="true"
          className={`${inputClass} w-full max-w-xs`}
          {...describedBy("erase-confirmation", errors)}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isPending} className="rounded-md bg-danger px-3 py-2 text-sm font-medium text-card hover:opacity-90 disabled:opacity-60">
          {isPending ? texts.pending : texts.submit}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-border px-3 py-2 text-sm font-medium hover:bg-muted">
          {texts.cancel}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-danger">
          {state.message}
        </p>
      </div>
    </form>
  );
}
