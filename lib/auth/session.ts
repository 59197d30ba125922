import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "./auth";
import { isPublicPath, permissionForPath, REQUEST_PATH_HEADER } from "./request-path";
import { can, isRole, type Permission, type Role } from "./roles";

/**
 * The server-side checks. Every page, server action and API route calls one of these; the proxy's cookie
 * check (proxy.ts) only saves a round trip and is never relied upon.
 */

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

/** The signed-in user of this request, or null (read once per request). */
export const getSignedInUser = cache(async (): Promise<SignedInUser | null> => sessionUser(await headers()));

async function sessionUser(requestHeaders: Headers): Promise<SignedInUser | null> {
  const session = await (await getAuth()).api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: isRole(user.role) ? user.role : "viewer",
    sessionId: session.session.id,
  };
}

/** Only what the sign-in page accepts as a place to return to: a path on this site. */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return "/";
  return value;
}

/** For pages: the signed-in user, or a redirect to /sign-in?next=<this page>. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (user) return user;
  const here = safeNextPath((await headers()).get(REQUEST_PATH_HEADER));
  redirect(here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`);
}

/**
 * The shared check of the root layout: every page but the public ones needs a session. It runs before the
 * page streams, so a full page load without a session gets a real redirect (the pages' own checks, which
 * also cover client-side navigation, may run after a loading skeleton was sent).
 */
export async function requireUserOutsidePublicPages(): Promise<SignedInUser | null> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  if (path === null || isPublicPath(path)) return getSignedInUser(); // no proxy header: the pages still check
  return requirePermission(permissionForPath(path));
}

/** For pages: the signed-in user when their role has `permission`; otherwise /sign-in or the "not allowed" page. */
export async function requirePermission(permission: Permission): Promise<SignedInUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect(`/forbidden?need=${permission}`);
  return user;
}

/** A server action or API route was called without a session (401) or by a role without the permission (403). */
export class AuthError extends Error {
  constructor(readonly status: 401 | 403, readonly permission: Permission | null) {
    super(status === 401 ? "Sign in first." : `Your role may not do this (${permission ?? "unknown"}).`);
    this.name = "AuthError";
  }
}

/** For server actions: the signed-in user with `permission`, or throws AuthError (401/403). */
export async function authorize(permission: Permission): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) throw new AuthError(401, permission);
  if (!can(user.role, permission)) throw new AuthError(403, permission);
  return user;
}

/** For server actions that return a form state: null when allowed, else the reason (401/403). */
export async function denied(permission: Permission): Promise<AuthError | null> {
  try {
    await authorize(permission);
    return null;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
}

/** For API routes open to anyone that say more to a signed-in reader (the health check): the user or null. */
export async function requestUser(request: Request): Promise<SignedInUser | null> {
  return sessionUser(request.headers);
}

/**
 * For API routes: the request's signed-in user when their role has `permission`; otherwise the JSON response
 * to send (401 without a session, 403 for a role without the permission).
 */
export async function apiAuthorize(request: Request, permission: Permission): Promise<SignedInUser | Response> {
  const user = await sessionUser(request.headers);
  const noStore = { "Cache-Control": "no-store" };
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (!can(user.role, permission)) {
    return Response.json({ error: `Your role (${user.role}) may not do this (${permission}).` }, { status: 403, headers: noStore });
  }
  return user;
}

/** For API routes that need no actor: null when allowed, else the 401/403 response (see apiAuthorize). */
export async function apiDenied(request: Request, permission: Permission): Promise<Response | null> {
  const user = await apiAuthorize(request, permission);
  return user instanceof Response ? user : null;
}

/**
 * For `generateMetadata` and layouts: whether this request's user may see what `permission` guards.
 * Next resolves a page's metadata alongside its layouts, so a title built from the database would reach
 * the body of the redirect to /sign-in; metadata that reads the database asks here first and falls back to
 * a title without data. Never redirects (the layout and the page do that).
 */
export async function maySee(permission: Permission): Promise<boolean> {
  const user = await getSignedInUser();
  return user !== null && can(user.role, permission);
}
