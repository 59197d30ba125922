/**
 * Relationship length as the customer-loyalty literature measures it in a noncontractual setting
 * (Reinartz & Kumar, "On the profitability of long-life customers in a noncontractual setting", Journal
 * of Marketing 64(4), 2000, lifetime duration from P(alive); "The Mismanagement of Customer Loyalty",
 * Harvard Business Review 80(7), 2002): a customer's lifetime runs from the first purchase until the model's
 * P(alive) falls below a cutoff. Nobody announces that they leave, so the end is where the model stops
 * believing in the customer. At the analysis date (age T, time since the first purchase):
 *
 * - P(alive | x, t_x, T) below the cutoff: the relationship has ENDED. Its length is the age a* ≤ T at
 *   which P(alive | x, t_x, a*) fell below the cutoff (no purchase after t_x). P(alive | x, t_x, a) falls as
 *   the age a grows without a purchase (BG/NBD: Fader, Hardie & Lee 2005, eq. A.5; MBG/NBD: Batislam,
 *   Denizel & Filiztekin 2007, eq. 5; Pareto/NBD: Schmittlein, Morrison & Colombo 1987 / Fader & Hardie 2005
 *   note, §5), so a* is found by bisection on [t_x, T].
 * - Otherwise it is RUNNING, and its projected length is T plus the time it is expected to stay active over
 *   the horizon H ahead (the horizon of the predicted CLV): E[min(τ, H) | x, t_x, T] = P(alive) ·
 *   ∫₀^H S(t) dt, where S(t) is the survival of the remaining lifetime τ of a customer alive at T. The
 *   untruncated expectation is heavy-tailed for typical fits (infinite for Pareto/NBD with s ≤ 1, BG/NBD
 *   with r + x ≤ 1 or a ≤ 1), and the date at which the projected P(alive) itself falls below the cutoff lies
 *   decades ahead for such fits, so the expectation is truncated at the horizon: finite by construction,
 *   and the map's x looks as far ahead as its y (CLV over the horizon). S(t) is the new-customer survival of
 *   lifespan.ts (`expectedLifespanYears`) under the posterior of a customer alive at T:
 *   Pareto/NBD μ ~ Gamma(s, β + T); BG/NBD λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x) (x drop-out chances
 *   survived); MBG/NBD the same with p ~ Beta(a, b + x + 1) (also the chance at the first purchase).
 *
 * Without a model (the simple formula) the same two questions get a rule of thumb: the relationship ends
 * `inactivityDays` after the last purchase (`relationshipByInactivity`).
 */
import { InvalidInputError } from "./errors";
import { expectedLifespanYears } from "./lifespan";
import type { PurchaseModel } from "./types";

/**
 * The default cutoff: below a P(alive) of 0.5 the model finds the customer more likely gone than still
 * buying, so the relationship is classed by its more likely state.
 */
export const DEFAULT_ALIVE_CUTOFF = 0.5;

/** Bisection stops when the bracket is narrower than this many model time units (a week: 0.014 days). */
const AGE_TOLERANCE = 0.002;

export interface RelationshipLength {
  /** Time from the first purchase to the end of the relationship (past) or to its projected end, in model time units. */
  length: number;
  /** Whether the relationship has ended at the analysis date: P(alive) < cutoff (then `length` ≤ T). */
  ended: boolean;
}

export interface RelationshipLengthOptions {
  /** P(alive) below which the relationship has ended (default 0.5). In (0, 1). */
  cutoff?: number;
  /** How far ahead a running relationship is projected: the CLV horizon, in model time units (52.18 weeks for a year). */
  horizon: number;
  /** Time units of the model per year (`UNITS_PER_YEAR` of lifespan.ts; 365.25 / 7 for weeks). */
  unitsPerYear: number;
}

function checkCutoff(cutoff: number): void {
  if (!(cutoff > 0 && cutoff < 1)) throw new InvalidInputError(`the P(alive) cutoff ${cutoff} must be between 0 and 1 (exclusive)`);
}

/**
 * The age (time since the first purchase, model units) at which P(alive | x, t_x, age) first falls below
 * `cutoff` when the customer buys nothing after t_x: t_x itself when it is below already at the last
 * purchase (a BG/NBD fit with a large drop-out probability), Infinity when it is still at or above the
 * cutoff at `maxAge`. Exponential search from t_x, then bisection to 0.002 units. Throws `InvalidInputError`
 * for a cutoff outside (0, 1) or maxAge < t_x.
 *
 * @example aliveCutoffAge(paretoNbdModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }), 2, 30, 0.2, 1000) // 98.04296875 (weeks; P(alive | 2, 30, 98.043) = 0.19999)
 */
export function aliveCutoffAge(model: Pick<PurchaseModel, "probabilityAlive">, x: number, tx: number, cutoff: number, maxAge: number): number {
  checkCutoff(cutoff);
  if (!(maxAge >= tx)) throw new InvalidInputError(`the largest age ${maxAge} must be at least the recency t_x = ${tx}`);
  const alive = (age: number) => model.probabilityAlive(x, tx, age) >= cutoff;
  if (!alive(tx)) return tx;
  if (alive(maxAge)) return Number.POSITIVE_INFINITY;
  let low = tx;
  let step = 1;
  let high = Math.min(maxAge, tx + step);
  while (alive(high)) {
    low = high;
    step *= 2;
    high = Math.min(maxAge, tx + step);
  }
  while (high - low > AGE_TOLERANCE) {
    const middle = (low + high) / 2;
    if (alive(middle)) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * E[min(τ, H) | alive at T]: the time a customer who is alive at age T, with x repeat purchases, is
 * expected to stay alive over the next H time units (∫₀^H S(t) dt under the posterior in the file header,
 * through `expectedLifespanYears`). In model time units, between 0 and H.
 *
 * @example expectedRemainingLifetime(paretoNbdModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }), 2, 38.86, 52.18, 365.25 / 7) // 41.352917147912784 (weeks of the coming 52.18)
 */
export function expectedRemainingLifetime(model: Pick<PurchaseModel, "model" | "params">, x: number, T: number, horizon: number, unitsPerYear: number): number {
  if (!(horizon > 0) || !Number.isFinite(horizon)) throw new InvalidInputError(`the horizon ${horizon} must be a positive number of time units`);
  if (!(T >= 0) || !(x >= 0)) throw new InvalidInputError(`x ${x} and T ${T} must not be negative`);
  const capYears = horizon / unitsPerYear;
  const p = model.params;
  if (model.model === "paretonbd") {
    return expectedLifespanYears("paretonbd", { r: p.r!, alpha: p.alpha!, s: p.s!, beta: p.beta! + T }, unitsPerYear, { capYears }).years * unitsPerYear;
  }
  const survived = model.model === "mbgnbd" ? x + 1 : x;
  return expectedLifespanYears("bgnbd", { r: p.r! + x, alpha: p.alpha! + T, a: p.a!, b: p.b! + survived }, unitsPerYear, { capYears }).years * unitsPerYear;
}

/**
 * A customer's relationship length and whether it has ended (see the file header): ended (P(alive) <
 * cutoff at T) → the age at which P(alive) fell below the cutoff; running → T + P(alive) · E[min(τ, H) |
 * alive at T]. Times in the model's unit. Throws `InvalidInputError` for a bad cutoff, horizon or customer.
 *
 * @example relationshipLength(paretoNbdModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }), 2, 30, 38.86, { horizon: 52.18, unitsPerYear: 365.25 / 7 }) // { length: 74.45052634597116, ended: false } (P(alive) 0.861: 38.86 + 0.861 × 41.35)
 * @example relationshipLength(paretoNbdModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }), 1, 5, 70, { horizon: 52.18, unitsPerYear: 365.25 / 7 }) // { length: 21.640625, ended: true } (P(alive) fell below 0.5 at week 21.64)
 */
export function relationshipLength(model: PurchaseModel, x: number, tx: number, T: number, options: RelationshipLengthOptions): RelationshipLength {
  const { cutoff = DEFAULT_ALIVE_CUTOFF, horizon, unitsPerYear } = options;
  checkCutoff(cutoff);
  const alive = model.probabilityAlive(x, tx, T);
  if (alive < cutoff) return { length: Math.min(T, aliveCutoffAge(model, x, tx, cutoff, T)), ended: true };
  return { length: T + alive * expectedRemainingLifetime(model, x, T, horizon, unitsPerYear), ended: false };
}

/**
 * Relationship length without a model (the simple formula's snapshots): the relationship ends
 * `inactivityDays` after the last purchase. Ended (no purchase for longer than that): first purchase →
 * last purchase + inactivityDays. Running: first purchase → the analysis date plus the part of the
 * horizon before that end (`horizonDays`), as `relationshipLength` projects over the horizon. Days are day
 * numbers. Throws `InvalidInputError` for a fractional or non-positive inactivityDays, a negative horizon, or
 * a last purchase before the first or after the analysis date.
 *
 * @example relationshipByInactivity(0, 700, 1000, 365, 365) // { lengthDays: 1065, ended: false } (ends 65 days ahead)
 * @example relationshipByInactivity(0, 700, 1066, 365, 365) // { lengthDays: 1065, ended: true }
 */
export function relationshipByInactivity(
  firstDay: number,
  lastDay: number,
  asOfDay: number,
  inactivityDays: number,
  horizonDays: number,
): { lengthDays: number; ended: boolean } {
  if (!Number.isInteger(inactivityDays) || inactivityDays < 1) throw new InvalidInputError(`inactivityDays ${inactivityDays} must be a whole number of days ≥ 1`);
  if (!(horizonDays >= 0)) throw new InvalidInputError(`horizonDays ${horizonDays} must not be negative`);
  if (!(lastDay >= firstDay && lastDay <= asOfDay)) throw new InvalidInputError(`the last purchase (day ${lastDay}) must lie between the first (day ${firstDay}) and the analysis date (day ${asOfDay})`);
  const end = lastDay + inactivityDays;
  if (asOfDay - lastDay > inactivityDays) return { lengthDays: end - firstDay, ended: true };
  return { lengthDays: Math.min(end, asOfDay + horizonDays) - firstDay, ended: false };
}
