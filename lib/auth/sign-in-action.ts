"use server";

import { headers, cookies } from "next/headers";
import { redirect } from "next/navigation";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { getAuth } from "./auth";
import { safeNextPath } from "./session";

/** What the sign-in form shows after a refused attempt (the texts are the page's). */
export interface SignInState {
  error: "wrongCredentials" | "rateLimited" | "failed" | null;
  /** The HTTP status of a failure other than a wrong password or the rate limit (shown in the message). */
  status?: number;
  /** The address typed, to fill the form again (never the password). */
  email: string;
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Headers of the reader's request that better-auth needs: the client address (rate limit) and the browser. */
const FORWARDED_HEADERS = ["x-forwarded-for", "x-real-ip", "user-agent", "accept-language"];

/**
 * `/sign-in`'s form posts here (a server action), so that it works before or without JavaScript and the
 * password never lands in an address: with `method="get"` by default, a form submitted before the page's
 * script ran put `?email=…&password=…` into the URL, the history and server logs.
 *
 * The attempt goes through better-auth's own request handler, as a browser's fetch to
 * /api/auth/sign-in/email would: the same password check, the same rate limit per client address (5 a
 * minute) and the same session cookie, which is then set on this response. On success the reader goes on
 * to `next` (a path on this site).
 */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = text(formData, "email").trim();
  const password = text(formData, "password");
  const next = safeNextPath(text(formData, "next"));
  const incoming = await headers();
  const auth = await getAuth();
  const base = new URL(auth.options.baseURL || `http://${incoming.get("host") ?? "localhost"}`);
  const forwarded = new Headers({ "content-type": "application/json", origin: base.origin });
  for (const name of FORWARDED_HEADERS) {
    const value = incoming.get(name);
    if (value !== null) forwarded.set(name, value);
  }
  let response: Response;
  try {
    response = await auth.handler(
      new Request(new URL("/api/auth/sign-in/email", base), {
        method: "POST",
        headers: forwarded,
        body: JSON.stringify({ email, password, rememberMe: true }),
      }),
    );
  } catch (error) {
    console.error("[auth] sign-in failed", error);
    return { error: "failed", status: 500, email };
  }
  if (response.status === 401 || response.status === 400) return { error: "wrongCredentials", email };
  if (response.status === 429) return { error: "rateLimited", email };
  if (!response.ok) return { error: "failed", status: response.status, email };

  const jar = await cookies();
  for (const [name, cookie] of parseSetCookieHeader(response.headers.get("set-cookie") ?? "")) {
    jar.set(name, cookie.value, toCookieOptions(cookie)); // the value comes decoded; Next encodes it again
  }
  redirect(next);
}
