/**
 * P(alive) of one customer over their own history: the probability the model gave them of still being an
 * active customer at every moment from their first purchase to the analysis date, each moment judged only
 * on the purchases made up to then.
 *
 * At day d the customer's summary is built exactly as `summarizeTransactions` builds it for the scoring
 * (Fader, Hardie & Lee 2005, "Counting your customers the easy way", §2; lifetimes'
 * `summary_data_from_transaction_data`): purchases on the same day are one purchase, x = distinct purchase
 * days up to d − 1, t_x = (last purchase day up to d − first purchase day) / unit, T = (d − first purchase
 * day) / unit. P(alive | x, t_x, T) is then the model's own formula:
 * - BG/NBD (Fader, Hardie & Lee 2005, eq. A.5): 1 / (1 + δ_{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}), which is 1
 *   until the first repeat purchase (a one-time buyer cannot have dropped out yet in that model);
 * - MBG/NBD (Batislam, Denizel & Filiztekin 2007, eq. 5): 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x});
 * - Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note, §5), which is 1 on a
 *   purchase day (t_x = T).
 * Between purchases T grows while x and t_x stay: the curve falls. On a repeat purchase day x grows by one
 * and t_x jumps to T: the curve jumps up (except BG/NBD's first repeat purchase, where it falls from 1:
 * only from then on can that model's customer have dropped out). On the analysis date it is the P(alive) stored with the snapshot.
 */
import { InvalidInputError } from "./errors";
import type { PurchaseModel } from "./types";

export interface AliveOverTimePoint {
  /** Day number (days since 1970-01-01). */
  day: number;
  /** P(alive) at the end of that day, from the purchases up to and including it. */
  probabilityAlive: number;
  /** Whether the customer bought on this day (the value is the one after the purchase). */
  purchase: boolean;
}

export interface AliveOverTimeOptions {
  /** Days per time unit of the model's parameters (7: the scoring fits in weeks). */
  unitDays?: number;
  /** Days between the regular points of the curve (7: weekly). Purchase days and the day before each are always included. */
  stepDays?: number;
}

/**
 * P(alive) from the first purchase day to `asOfDay`: a point every `stepDays`, on every purchase day, on
 * the day before every repeat purchase (so the drop before the jump shows) and on `asOfDay`. Purchase days
 * after `asOfDay` are ignored; duplicates (several orders on one day) count once.
 *
 * @example
 * probabilityAliveOverTime(bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), [0, 14, 14, 28], 28, { stepDays: 14 })
 * // [{ day: 0, probabilityAlive: 1, purchase: true }, { day: 13, probabilityAlive: 1, purchase: false },
 * //  { day: 14, probabilityAlive: 0.753650201926064, purchase: true }, { day: 27, probabilityAlive: 0.6904222096236307, purchase: false },
 * //  { day: 28, probabilityAlive: 0.8120407679544915, purchase: true }]
 */
export function probabilityAliveOverTime(
  model: Pick<PurchaseModel, "probabilityAlive">,
  purchaseDays: ArrayLike<number>,
  asOfDay: number,
  { unitDays = 7, stepDays = 7 }: AliveOverTimeOptions = {},
): AliveOverTimePoint[] {
  if (!Number.isInteger(asOfDay)) throw new InvalidInputError(`analysis day ${asOfDay} must be a whole day number`);
  if (!(unitDays > 0) || !Number.isFinite(unitDays)) throw new InvalidInputError(`days per unit ${unitDays} must be a positive number`);
  if (!Number.isInteger(stepDays) || stepDays < 1) throw new InvalidInputError(`step of ${stepDays} days must be a whole number ≥ 1`);
  const days: number[] = [];
  for (let i = 0; i < purchaseDays.length; i++) {
    const day = purchaseDays[i]!;
    if (!Number.isInteger(day)) throw new InvalidInputError(`purchase day ${day} must be a whole day number`);
    if (day <= asOfDay) days.push(day);
  }
  if (days.length === 0) throw new InvalidInputError("the customer has no purchase on or before the analysis date");
  const purchases = [...new Set(days)].sort((a, b) => a - b);
  const first = purchases[0]!;

  const moments = new Set<number>([asOfDay]);
  for (let day = first; day < asOfDay; day += stepDays) moments.add(day);
  for (const day of purchases) {
    moments.add(day);
    if (day > first) moments.add(day - 1);
  }
  const ordered = [...moments].sort((a, b) => a - b);

  const points: AliveOverTimePoint[] = [];
  let bought = 0; // purchase days up to the current moment
  for (const day of ordered) {
    while (bought < purchases.length && purchases[bought]! <= day) bought++;
    const last = purchases[bought - 1]!;
    const x = bought - 1;
    const tx = (last - first) / unitDays;
    const T = (day - first) / unitDays;
    points.push({ day, probabilityAlive: model.probabilityAlive(x, tx, T), purchase: last === day });
  }
  return points;
}
