/**
 * Which message namespaces reach the browser. Client components need their texts in the page's RSC payload,
 * and the whole catalogue there cost about 47 KB on every page (a fifth of a drill-down's HTML). So the
 * root layout sends every namespace except the big ones only one view uses: those are added by that view's
 * layout (`<ClientMessages namespaces={[...]}>`). Namespaces only server components use are left out.
 */

/** Namespaces sent only by the layout of the route that needs them on the client (route folder → namespaces). */
export const ROUTE_CLIENT_NAMESPACES = {
  import: ["import"],
  settings: ["settings"],
  cohorts: ["cohorts"],
  "customers/[id]": ["customers"],
} as const;

/** Namespaces no client component uses (server components read them with getTranslations). */
export const SERVER_ONLY_NAMESPACES = ["segments", "customerTable", "report", "privacy", "auth", "audit"] as const;

const NOT_IN_ROOT = new Set<string>([...Object.values(ROUTE_CLIENT_NAMESPACES).flat(), ...SERVER_ONLY_NAMESPACES]);

/** The messages the root layout sends to the browser: every namespace but those above. */
export function clientMessages<T extends Record<string, unknown>>(messages: T): Partial<T> {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !NOT_IN_ROOT.has(namespace))) as Partial<T>;
}
