/** Why a customer who exists has no figures in a snapshot. */
export type NotScoredReason = "noTransactions" | "refundedInFullOnly" | "refundsOnly" | "afterAsOf" | "new";

/**
 * No transactions at all; only orders refunded in full (stored, but no purchase day: `days` leaves them
 * out, `transactionCount` counts them); only refunds up to the analysis date; a first purchase after it;
 * or purchases up to it that came in after the snapshot was computed (the next recompute scores them).
 *
 * @example notScoredReason([{ date: "2026-03-01", kind: "purchase" }], "2026-02-14") // "afterAsOf"
 * @example notScoredReason([], "2026-02-14", 2) // "refundedInFullOnly"
 */
export function notScoredReason(days: readonly { date: string; kind: "purchase" | "refund" }[], asOfDate: string, transactionCount = days.length): NotScoredReason {
  if (days.length === 0) return transactionCount > 0 ? "refundedInFullOnly" : "noTransactions";
  const firstPurchase = days.filter((day) => day.kind === "purchase").reduce<string | null>((first, day) => (first === null || day.date < first ? day.date : first), null);
  if (firstPurchase !== null && firstPurchase <= asOfDate) return "new";
  if (days.some((day) => day.date <= asOfDate)) return "refundsOnly";
  return firstPurchase === null ? "refundsOnly" : "afterAsOf";
}
