/**
 * The model page's judgements on a snapshot, pure so they can be tested on their own: why this model was
 * used, and whether there were enough data to trust it.
 */
import { dayNumberFromIso } from "@/lib/clv/iso-date";
import type { SnapshotFit } from "@/lib/scoring/types";
import type { ModelChoice } from "@/lib/settings/schema";

/**
 * When the data are too thin to lean on. The models can be fitted to far less (20 customers, 10 repeat
 * buyers: lib/clv/beta-geometric-likelihood.ts), but their estimates then mean little:
 * - 500 customers: the four purchase-model parameters come with standard errors of roughly a third of the
 *   estimate and more below that (Fader, Hardie & Lee's CDNOW cohort has 2,357; their estimates are
 *   within 10–20%);
 * - 100 repeat buyers: only customers who bought again tell the models how quickly customers stop (BG/NBD's
 *   a and b are estimated from them alone); with 100 the average drop-out chance is known to about ±5
 *   percentage points (a binomial share's standard error √(p(1−p)/n) ≤ 0.05);
 * - 26 weeks of history: less than half a year holds one or two purchases of a customer who buys every
 *   two or three months, and leaves the holdout test (at least 4 weeks) little to go on.
 */
export const SUFFICIENCY_THRESHOLDS = { customers: 500, repeatBuyers: 100, historyWeeks: 26 } as const;

export type SufficiencyProblem = "fewCustomers" | "fewRepeatBuyers" | "shortHistory" | "noHoldout";

export interface DataSufficiency {
  customers: number;
  repeatBuyers: number;
  /** Share of the customers with a repeat purchase (0..1). */
  repeatShare: number;
  /** Days from the first purchase to the analysis date, both included. */
  historyDays: number;
  /** What makes the data thin (empty: enough data). */
  problems: SufficiencyProblem[];
}

/**
 * The data-sufficiency badge of a snapshot.
 *
 * @example dataSufficiency({ customers: 1500, repeatBuyers: 900, firstPurchaseDate: "2024-07-01", asOfDate: "2026-06-30", holdoutTested: true }).problems // []
 */
export function dataSufficiency(input: { customers: number; repeatBuyers: number; firstPurchaseDate: string; asOfDate: string; holdoutTested: boolean }): DataSufficiency {
  const historyDays = Math.max(0, dayNumberFromIso(input.asOfDate, "analysis date") - dayNumberFromIso(input.firstPurchaseDate, "first purchase") + 1);
  const problems: SufficiencyProblem[] = [];
  if (input.customers < SUFFICIENCY_THRESHOLDS.customers) problems.push("fewCustomers");
  if (input.repeatBuyers < SUFFICIENCY_THRESHOLDS.repeatBuyers) problems.push("fewRepeatBuyers");
  if (historyDays < SUFFICIENCY_THRESHOLDS.historyWeeks * 7) problems.push("shortHistory");
  if (!input.holdoutTested) problems.push("noHoldout");
  return { customers: input.customers, repeatBuyers: input.repeatBuyers, repeatShare: input.customers > 0 ? input.repeatBuyers / input.customers : 0, historyDays, problems };
}

/** Why the snapshot's purchase model was used (the page words it in the reader's language). */
export type SelectionReason =
  | { kind: "bestHoldout"; holdoutWeeks: number }
  | { kind: "setting" }
  | { kind: "simple" }
  | { kind: "tooShort" }
  | { kind: "noFit" };

/**
 * The reason for the model, from the setting and the comparison stored with the snapshot.
 *
 * @example selectionReason("auto", fit) // { kind: "bestHoldout", holdoutWeeks: 26 }
 */
export function selectionReason(choice: ModelChoice, fit: Pick<SnapshotFit, "purchaseModel" | "selection">): SelectionReason {
  if (choice === "simple") return { kind: "simple" };
  if (fit.selection.holdoutWeeks === null) return { kind: "tooShort" };
  if (choice !== "auto") return { kind: "setting" };
  const chosen = fit.selection.comparison.find((row) => row.model === fit.purchaseModel.name);
  if (!chosen?.holdout) return { kind: "noFit" };
  return { kind: "bestHoldout", holdoutWeeks: fit.selection.holdoutWeeks };
}
