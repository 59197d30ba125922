import { expect, request, type BrowserContext, type Cookie } from "@playwright/test";
import type { Role } from "../lib/auth/roles";
import { E2E_USERS } from "./auth-users";

export const SIGNED_OUT = { cookies: [], origins: [] };

/**
 * Signs a test user in on the server at `origin` through better-auth's own endpoint (as the sign-in form
 * does) from the client address `clientIp` (sign-in is rate limited per address: give each caller its own)
 * and returns the session cookies.
 */
export async function sessionCookies(origin: string, role: Role, clientIp: string): Promise<Cookie[]> {
  // Signed out and on its own (a spec's `test.use({ storageState })` would otherwise be applied here too).
  const context = await request.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  try {
    const response = await context.post(`${origin}/api/auth/sign-in/email`, {
      data: { email: E2E_USERS[role].email, password: E2E_USERS[role].password },
      headers: { Origin: origin },
    });
    expect(response.status(), `sign-in of the ${role} on ${origin}`).toBe(200);
    return (await context.storageState()).cookies;
  } finally {
    await context.dispose();
  }
}

/** The browser context is signed in as `role` on `origin` (and signed out everywhere else). */
export async function signInAs(context: BrowserContext, origin: string, role: Role, clientIp: string): Promise<void> {
  await context.clearCookies();
  await context.addCookies(await sessionCookies(origin, role, clientIp));
}
