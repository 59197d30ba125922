/**
 * Which messages reach the browser. Client components need their texts in the page's RSC payload, and that
 * payload travels twice: inlined in the HTML of a first load and again on every client navigation. The whole
 * catalogue cost ~31 KB of RSC on every page (~65 KB of HTML + RSC); the rule now is an allowlist: the root
 * layout sends only the texts of client components that any view may show (header, export menu, filters,
 * error boundary), and a view's layout adds what its own client components read (`<ClientMessages>`).
 * Everything else (the model page, the history, the server-rendered tables) is read on the server only.
 *
 * A path is a namespace (`"filters"`) or one message of it (`"present.present"`).
 */
import type { AbstractIntlMessages } from "next-intl";

/** Texts the root layout sends to every view: its header, error boundary, and client parts found on many views. */
export const ROOT_CLIENT_MESSAGES = [
  "nav",
  "states",
  "snapshot",
  "chartExport",
  "filters",
  "rfm",
  // The header's "Present" link (components/present/pin-button.tsx, PresentLink).
  "present.present",
  "present.presentPinned",
] as const;

/** Texts sent only by the layout of the route that needs them on the client (route folder → message paths). */
export const ROUTE_CLIENT_NAMESPACES = {
  import: ["import"],
  settings: ["settings"],
  cohorts: ["cohorts"],
  "customers/[id]": ["customers"],
  // The CLV histogram's tooltip and the revenue chart.
  "(overview)": ["overview.histogramCustomers", "overview.histogramValue", "revenueChart"],
  report: ["overview.histogramCustomers", "overview.histogramValue"],
  quadrants: ["quadrants", "measures"],
  // The quadrant slide's map, and the slides themselves.
  present: ["quadrants", "measures", "present"],
  // The decision note form and the pin button of a drill-down.
  "segments/[kind]/[key]": ["decisions", "present.pin", "present.unpin"],
} as const;

type Messages = AbstractIntlMessages;

/**
 * The messages under `paths` (namespaces or single messages), nested as in the catalogue. A path the catalogue
 * lacks is left out (the client then shows next-intl's missing-message fallback, and the test finds it first).
 *
 * @example pickMessages({ a: { x: "1", y: "2" }, b: { z: "3" } }, ["a.x", "b"]) // { a: { x: "1" }, b: { z: "3" } }
 */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const picked: Messages = {};
  for (const path of paths) {
    const parts = path.split(".");
    let source: Messages[string] | undefined = messages;
    for (const part of parts) source = typeof source === "object" ? source[part] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Messages;
    target[parts.at(-1)!] = source;
  }
  return picked;
}

/** The messages the root layout sends to the browser (ROOT_CLIENT_MESSAGES). */
export function clientMessages(messages: Messages): Messages {
  return pickMessages(messages, ROOT_CLIENT_MESSAGES);
}

/**
 * `added` laid over `base`, merging nested objects (a view's `present.pin` beside the root's `present.present`,
 * where a plain spread would drop the root's half of the namespace).
 *
 * @example mergeMessages({ a: { x: "1" } }, { a: { y: "2" } }) // { a: { x: "1", y: "2" } }
 */
export function mergeMessages(base: Messages, added: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(added)) {
    const under = merged[key];
    merged[key] = typeof value === "object" && typeof under === "object" ? mergeMessages(under, value) : value;
  }
  return merged;
}
