"use client";

import { useState, type FormEvent } from "react";
import { describedBy, Field, inputClass } from "@/components/ui/field";
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

/**
 * E-mail and password, posted to better-auth's endpoint (/api/auth/sign-in/email, where the sign-in rate
 * limit applies); on success the browser goes to `next`. Texts come from the server (the auth namespace is
 * server-only).
 */
export function SignInForm({ next, texts }: { next: string; texts: SignInTexts }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? ""), rememberMe: true }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      if (response.status === 401 || response.status === 400) setError(texts.wrongCredentials);
      else if (response.status === 429) setError(texts.rateLimited);
      else setError(texts.failed.replace("{status}", String(response.status)));
    } catch {
      setError(texts.failed.replace("{status}", "network"));
    }
    setBusy(false);
  }

  const errors = error ? [error] : undefined;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field id="sign-in-email" label={texts.email}>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required className={`${inputClass} w-full`} />
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
      <button type="submit" disabled={busy} className={`${primaryButtonClass} w-full`}>
        {busy ? texts.submitting : texts.submit}
      </button>
    </form>
  );
}
