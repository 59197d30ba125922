/** The request header in which proxy.ts tells pages their own path and query (for /sign-in?next=). */
export const REQUEST_PATH_HEADER = "x-klantwaarde-path";

/** Paths anyone may open: signing in, the first-run page, better-auth's endpoints and the health check. */
const PUBLIC_PATHS = [/^\/sign-in(\/|\?|$)/, /^\/setup(\/|\?|$)/, /^\/api\/auth\//, /^\/api\/health(\?|$)/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}
