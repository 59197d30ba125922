/**
 * Whether a request that changes something (any method but GET, HEAD and OPTIONS) was sent from another
 * site: its `Origin` names a host other than the one the request was addressed to (`X-Forwarded-Host`
 * behind a proxy, else `Host`). The same rule Next.js applies to server actions, answered early by the
 * proxy with 403 (Next itself throws, which became a 500). A request without `Origin` (not a browser, or a
 * very old one) is not foreign: Next accepts it too, and every action checks the session.
 *
 * @example isForeignOrigin("POST", new Headers({ host: "kw.example", origin: "https://evil.example" })) // true
 * @example isForeignOrigin("POST", new Headers({ host: "kw.example", origin: "https://kw.example" })) // false
 * @example isForeignOrigin("GET", new Headers({ host: "kw.example", origin: "https://evil.example" })) // false
 */
export function isForeignOrigin(method: string, headers: Headers): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const addressed = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return true; // "null" (a sandboxed page, a file) or garbage: not this site
  }
  return addressed === "" || originHost !== addressed;
}
