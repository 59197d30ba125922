"use client";

import { useActionState } from "react";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { signInAction, type SignInState } from "@/lib/auth/sign-in-action";
import { primaryButtonClass } from "./buttons";

export interface SignInTexts {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  wrongCredentials: string;
  rateLimited: string;
  /** With `{status}` in it. */
  failed: string;
}

const initialState: SignInState = { error: null, email: "" };

/**
 * E-mail and password, posted to a server action (lib/auth/sign-in-action.ts, which goes through
 * better-auth's sign-in endpoint and its rate limit); on success the server sends the reader to `next`.
 * A real POST form: it works before the page's script has loaded and without JavaScript, and the password
 * never appears in an address. Texts come from the server (the auth namespace is server-only).
 */
export function SignInForm({ next, texts }: { next: string; texts: SignInTexts }) {
  const [state, formAction, pending] = useActionState(signInAction, initialState);
  const error =
    state.error === "wrongCredentials"
      ? texts.wrongCredentials
      : state.error === "rateLimited"
        ? texts.rateLimited
        : state.error === "failed"
          ? texts.failed.replace("{status}", String(state.status ?? "?"))
          : null;
  const errors = error ? [error] : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field id="sign-in-email" label={texts.email}>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          key={`email-${state.email}`}
          className={`${inputClass} w-full`}
        />
      </Field>
      <Field id="sign-in-password" label={texts.password} errors={errors}>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={`${inputClass} w-full`}
          {...describedBy("sign-in-password", errors)}
        />
      </Field>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? texts.submitting : texts.submit}
      </button>
    </form>
  );
}
