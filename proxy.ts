import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_PREFIX } from "@/lib/auth/cookie";
import { isPublicPath, REQUEST_PATH_HEADER } from "@/lib/auth/request-path";
import { isForeignOrigin } from "@/lib/security/same-origin";

/**
 * The optimistic sign-in check (Next 16's proxy, formerly middleware): a request without a session cookie
 * goes to /sign-in before anything renders. It only looks at the cookie's
 * presence; the real checks (is the session valid, may this role do this) are in every page, server action
 * and API route (lib/auth/session.ts). It also tells pages their own path, so a sign-in can return there,
 * and refuses posts from other sites (lib/security/same-origin.ts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A server action or form post from another site: refused here with 403 (Next would throw: a 500).
  if (isForeignOrigin(request.method, request.headers)) {
    return new NextResponse("Refused: this request came from another site.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  const pass = () => NextResponse.next({ request: { headers: requestHeaders } });
  if (isPublicPath(pathname)) return pass();
  if (getSessionCookie(request, { cookiePrefix: SESSION_COOKIE_PREFIX })) return pass();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Pages and server actions; not Next's own files, the icon, nor /api/. Next buffers the body of every
  // request a proxy sees, and only its first 10 MB (experimental.proxyClientMaxBodySize): an upload to
  // /api/imports would arrive cut short, and a broken-off one would never reach the route. API routes check
  // the session themselves (apiAuthorize in lib/auth/session.ts): 401 without one.
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
