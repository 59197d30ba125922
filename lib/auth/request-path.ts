/** The request header in which proxy.ts tells pages their own path and query (for /sign-in?next=). */
export const REQUEST_PATH_HEADER = "x-klantwaarde-path";

/** Paths anyone may open: signing in, the first-run page, better-auth's endpoints and the health check. */
const PUBLIC_PATHS = [/^\/sign-in(\/|\?|$)/, /^\/setup(\/|\?|$)/, /^\/api\/auth\//, /^\/api\/health(\?|$)/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

/** The permission a page path needs (the pages check it too; the root layout checks it before streaming). */
export function permissionForPath(pathname: string): "browse" | "present" | "import" | "settings" | "users" | "audit" {
  const path = pathname.split("?")[0] ?? "/";
  if (/^\/import(\/|$)/.test(path)) return "import";
  if (/^\/settings(\/|$)/.test(path)) return "settings";
  if (/^\/admin\/audit(\/|$)/.test(path)) return "audit";
  if (/^\/admin(\/|$)/.test(path)) return "users";
  if (/^\/present(\/|$)/.test(path)) return "present";
  return "browse";
}
