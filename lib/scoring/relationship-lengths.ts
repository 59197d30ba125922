/**
 * Every customer's relationship length (the quadrant map's x) and whether the relationship has ended, as the
 * settings define it (`quadrants.relationship`; the engine's lib/clv/relationship-length.ts):
 * - `lifetime` with a purchase model: ended when P(alive) at the analysis date is below the cutoff (length:
 *   first purchase → the day it fell below), else running (length: to the analysis date plus the expected
 *   stay over the horizon). BG/NBD gives every one-time buyer P(alive) = 1 by assumption (it lets customers
 *   drop out only right after a repeat purchase), so P(alive) cannot tell whether they left: for them the
 *   inactivity rule decides, as for the simple formula (on CDNOW 9,497 one-time buyers whose only purchase
 *   was 15 to 18 months earlier were otherwise "Loyal low spenders");
 * - `lifetime` without one (the simple formula): first purchase → last purchase + inactivity days; ended
 *   after more than `inactivityDays` without a purchase;
 * - `sinceFirstPurchase`: first purchase → analysis date; never ended.
 * The crossing depends only on (x, t_x), so it is computed once per distinct pair.
 */
import { UNITS_PER_YEAR } from "@/lib/clv/lifespan";
import { aliveCutoffAge, expectedRemainingLifetime, relationshipByInactivity } from "@/lib/clv/relationship-length";
import type { CustomerSummaryTable } from "@/lib/clv/summary";
import type { PurchaseModel } from "@/lib/clv/types";
import type { RelationshipSettings } from "@/lib/settings/schema";

/** Days per model time unit: the scoring fits in weeks. */
const UNIT_DAYS = 7;

export interface RelationshipLengths {
  /** Days from the first purchase to the end of the relationship (past) or its projected end. */
  lengthDays: Int32Array;
  /** 1 when the relationship has ended at the analysis date. */
  ended: Uint8Array;
}

export function relationshipLengths(
  table: Pick<CustomerSummaryTable, "customers" | "x" | "tx" | "T" | "firstDay" | "lastDay">,
  asOfDay: number,
  relationship: RelationshipSettings,
  /** How far ahead a running relationship is projected: the CLV horizon. */
  horizonMonths: number,
  /** The fitted purchase model and each customer's P(alive) at the analysis date; null for the simple formula. */
  model: { model: PurchaseModel; probabilityAlive: ArrayLike<number> } | null,
): RelationshipLengths {
  const n = table.customers;
  const lengthDays = new Int32Array(n);
  const ended = new Uint8Array(n);
  if (relationship.definition === "sinceFirstPurchase") {
    for (let i = 0; i < n; i++) lengthDays[i] = asOfDay - table.firstDay[i]!;
    return { lengthDays, ended };
  }
  const horizonDays = Math.round((horizonMonths * 365.25) / 12);
  if (!model) {
    for (let i = 0; i < n; i++) {
      const result = relationshipByInactivity(table.firstDay[i]!, table.lastDay[i]!, asOfDay, relationship.inactivityDays, horizonDays);
      lengthDays[i] = result.lengthDays;
      ended[i] = result.ended ? 1 : 0;
    }
    return { lengthDays, ended };
  }
  const unitsPerYear = UNITS_PER_YEAR.week;
  const horizon = horizonDays / UNIT_DAYS;
  const cutoff = relationship.aliveCutoff;
  let maxT = 0;
  for (let i = 0; i < n; i++) maxT = Math.max(maxT, table.T[i]!);
  // Ended: when P(alive) fell below the cutoff depends on (x, t_x) only. Running: the remaining lifetime on
  // (x, T), and on T only for Pareto/NBD.
  const crossings = new Map<string, number>();
  const remaining = new Map<string, number>();
  const byT = model.model.model === "paretonbd";
  const oneTimeByInactivity = model.model.model === "bgnbd";
  for (let i = 0; i < n; i++) {
    const x = table.x[i]!;
    const tx = table.tx[i]!;
    const T = table.T[i]!;
    if (oneTimeByInactivity && x === 0) {
      const result = relationshipByInactivity(table.firstDay[i]!, table.lastDay[i]!, asOfDay, relationship.inactivityDays, horizonDays);
      lengthDays[i] = result.lengthDays;
      ended[i] = result.ended ? 1 : 0;
      continue;
    }
    const alive = model.probabilityAlive[i]!;
    let length: number;
    if (alive < cutoff) {
      const key = `${x}|${tx}`;
      let age = crossings.get(key);
      if (age === undefined) crossings.set(key, (age = aliveCutoffAge(model.model, x, tx, cutoff, maxT)));
      length = Math.min(age, T);
      ended[i] = 1;
    } else {
      const key = byT ? `${T}` : `${x}|${T}`;
      let rest = remaining.get(key);
      if (rest === undefined) remaining.set(key, (rest = expectedRemainingLifetime(model.model, x, T, horizon, unitsPerYear)));
      length = T + alive * rest;
    }
    lengthDays[i] = Math.round(length * UNIT_DAYS);
  }
  return { lengthDays, ended };
}
