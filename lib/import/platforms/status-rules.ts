/**
 * What an order's status means, shared by the platform reader (orders.ts) and the reader of an ordinary
 * file with a status column (read/status-orders.ts): a purchase, refunded in full, no purchase, or a status
 * Klantwaarde does not know (the user decides; until then the import stops and lists them with counts).
 */
import type { ImportProblem } from "../read/problems";
import { normaliseStatus, type StatusRules } from "./platform";

/** What a status makes of an order. */
export type StatusVerdict = "purchase" | "refunded" | "no-purchase" | "unknown";

/**
 * The statuses of an ordinary file's status column (a webshop's own order list, in English or Dutch),
 * normalised with `normaliseStatus`. Anything else is unknown and must be decided by the user.
 */
export const OWN_FILE_STATUS_RULES: StatusRules = {
  counts: [
    "paid", "completed", "complete", "processing", "succeeded", "shipped", "delivered", "fulfilled", "partially-refunded", "partially-paid",
    "betaald", "voltooid", "afgerond", "in-behandeling", "verzonden", "geleverd", "gedeeltelijk-terugbetaald",
  ],
  refunded: ["refunded", "terugbetaald", "gecrediteerd", "credited"],
  excluded: [
    "failed", "cancelled", "canceled", "pending", "pending-payment", "on-hold", "test", "expired", "open", "draft", "void", "voided", "authorized", "authorised", "unpaid", "not-paid",
    "mislukt", "geannuleerd", "in-afwachting", "wacht-op-betaling", "openstaand", "verlopen", "concept", "geweigerd", "declined", "niet-betaald", "onbetaald",
  ],
};

/** Decides what a status means; made once per file. */
export interface StatusJudge {
  /** The verdict on a status as written (any case, spaces or underscores). */
  verdict(statusText: string): StatusVerdict;
  /** The statuses that count as purchases, normalised (for messages). */
  readonly counting: readonly string[];
}

/**
 * The judge of one file's statuses. With `countStatuses` (the user's choice) exactly those count, the rules'
 * refunded statuses keep their meaning, and every other status is no purchase; without it, a status the
 * rules do not name is unknown.
 *
 * @example createStatusJudge(OWN_FILE_STATUS_RULES).verdict("Betaald") // "purchase"
 * @example createStatusJudge(OWN_FILE_STATUS_RULES).verdict("Terugbetaald") // "refunded"
 * @example createStatusJudge(OWN_FILE_STATUS_RULES).verdict("Backordered") // "unknown"
 * @example createStatusJudge(OWN_FILE_STATUS_RULES, ["Betaald", "Backordered"]).verdict("Verzonden") // "no-purchase"
 */
export function createStatusJudge(rules: StatusRules | undefined, countStatuses?: readonly string[]): StatusJudge {
  const counting = new Set((countStatuses ?? rules?.counts ?? []).map(normaliseStatus));
  const refunded = new Set(rules?.refunded ?? []);
  const excluded = new Set(rules?.excluded ?? []);
  return {
    verdict(statusText) {
      const status = normaliseStatus(statusText);
      if (counting.has(status)) return "purchase";
      if (refunded.has(status)) return "refunded";
      if (countStatuses || excluded.has(status)) return "no-purchase";
      return "unknown";
    },
    counting: [...counting],
  };
}

/**
 * `'Backordered' (1 order), 'Wacht' (3 orders)`: values and their counts, most first.
 *
 * @example listCounts(new Map([["Wacht", 3], ["Backordered", 1]])) // "'Wacht' (3 orders), 'Backordered' (1 order)"
 */
export function listCounts(counts: Map<string, number>, noun = "order"): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) => `'${value}' (${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"})`)
    .join(", ");
}

/**
 * The `unknown-status` problem: nothing is imported until the user says which statuses count.
 *
 * @example unknownStatusProblem("Shopify orders export", new Map([["Backordered", 1]]), ["paid"]).message
 * // "Nothing was imported: this Shopify orders export has statuses Klantwaarde does not know: 'Backordered' (1 order). Choose which statuses count as a purchase (now: paid), on the mapping screen or with --count-status paid,backordered."
 */
export function unknownStatusProblem(fileName: string, unknown: Map<string, number>, counting: readonly string[]): ImportProblem {
  return {
    severity: "error",
    code: "unknown-status",
    message:
      `Nothing was imported: this ${fileName} has statuses Klantwaarde does not know: ${listCounts(unknown)}. ` +
      `Choose which statuses count as a purchase (now: ${counting.join(", ")}), on the mapping screen or with --count-status ${[...counting, ...unknown.keys()].map(normaliseStatus).join(",")}.`,
  };
}

/** What an order is, from its status and its value net of refunds. `label`: the status as written, or "refunded". */
export type OrderDecision =
  | { verdict: "purchase"; netCents: number }
  | { verdict: "refunded"; label: string }
  | { verdict: "no-purchase"; label: string }
  | { verdict: "unknown"; label: string };

/**
 * Decides one order: a status that counts makes a purchase worth its total minus its refunds, unless the
 * refunds take all of it (then it is refunded in full); a refunded status is refunded in full (but an order
 * the file gives as worth nothing, such as WooCommerce Analytics' Net Sales 0.00, has no refund to keep:
 * no purchase, as its status says); any other status is no purchase, or unknown.
 *
 * @example decideOrder(createStatusJudge(OWN_FILE_STATUS_RULES), "Betaald", 5000, 1500) // { verdict: "purchase", netCents: 3500 }
 * @example decideOrder(createStatusJudge(OWN_FILE_STATUS_RULES), "Betaald", 5000, 5000) // { verdict: "refunded", label: "refunded" }
 * @example decideOrder(createStatusJudge(OWN_FILE_STATUS_RULES), "Geannuleerd", 5000, 0) // { verdict: "no-purchase", label: "Geannuleerd" }
 */
export function decideOrder(judge: StatusJudge, statusText: string, totalCents: number, refundCents: number): OrderDecision {
  const verdict = judge.verdict(statusText);
  const label = statusText.trim() === "" ? "(empty)" : statusText;
  if (verdict === "refunded") return totalCents > 0 ? { verdict, label } : { verdict: "no-purchase", label };
  if (verdict !== "purchase") return { verdict, label };
  const netCents = totalCents - refundCents;
  if (totalCents > 0 && netCents <= 0) return { verdict: "refunded", label: "refunded" };
  return { verdict, netCents };
}

/** What an order that is stored holds: its net value and what was refunded on it, in cents. */
export interface StoredOrderValue {
  revenueCents: number;
  refundedCents: number;
}

/**
 * What a decided order stores: a purchase its total net of its refunds (and the refunds), an order
 * refunded in full 0 and its total (kept, no purchase: lib/scoring/purchase-rule.ts). `null` for an order
 * that is not stored: no purchase by its status, or an unknown status.
 *
 * @example storedOrderValue({ verdict: "purchase", netCents: 3500 }, 5000, 1500) // { revenueCents: 3500, refundedCents: 1500 }
 * @example storedOrderValue({ verdict: "refunded", label: "Refunded" }, 5000, 0) // { revenueCents: 0, refundedCents: 5000 }
 * @example storedOrderValue({ verdict: "no-purchase", label: "Failed" }, 5000, 0) // null
 */
export function storedOrderValue(decision: OrderDecision, totalCents: number, refundCents: number): StoredOrderValue | null {
  if (decision.verdict === "purchase") return { revenueCents: totalCents - refundCents, refundedCents: refundCents };
  if (decision.verdict === "refunded") return { revenueCents: 0, refundedCents: totalCents };
  return null;
}
