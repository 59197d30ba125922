"use client";

import { useActionState } from "react";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { setupAction, type UserFormState } from "@/lib/auth/actions";
import { primaryButtonClass } from "./buttons";

export interface SetupTexts {
  email: string;
  name: string;
  nameHint: string;
  password: string;
  submit: string;
  submitting: string;
}

const initial: UserFormState = { errors: {}, message: null, doneAt: null };

/** The first admin's e-mail, name and password (the /setup page). */
export function SetupForm({ texts }: { texts: SetupTexts }) {
  const [state, action, pending] = useActionState(setupAction, initial);
  return (
    <form action={action} className="space-y-4" key={JSON.stringify(state.values ?? null) + String(state.message)}>
      <Field id="setup-email" label={texts.email} errors={state.errors.email}>
        <input id="setup-email" name="email" type="email" defaultValue={state.values?.email} autoComplete="username" required className={`${inputClass} w-full`} {...describedBy("setup-email", state.errors.email)} />
      </Field>
      <Field id="setup-name" label={texts.name} hint={texts.nameHint}>
        <input id="setup-name" name="name" type="text" defaultValue={state.values?.name} autoComplete="name" className={`${inputClass} w-full`} {...describedBy("setup-name", undefined, true)} />
      </Field>
      <Field id="setup-password" label={texts.password} errors={state.errors.password}>
        <input id="setup-password" name="password" type="password" autoComplete="new-password" required className={`${inputClass} w-full`} {...describedBy("setup-password", state.errors.password)} />
      </Field>
      <p aria-live="polite" className="text-sm text-danger">
        {state.message}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? texts.submitting : texts.submit}
      </button>
    </form>
  );
}
