/**
 * The data of the purchase timeline chart, from the customer's purchases and refunds per day: one mark per
 * purchase day (same-day orders are one purchase, as in the models) and one per refund day, and the
 * cumulative net value after each day. Net value is computed as the scoring computes historic CLV: revenue
 * minus cost when the data has costs, otherwise revenue times the profit-margin setting.
 */
import { dayNumberFromCivil, isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { formatMonth } from "@/lib/format";

export interface TimelineDay {
  date: string;
  kind: "purchase" | "refund";
  orders: number;
  revenueCents: number;
  costCents: number;
}

/** How net value was derived in the snapshot (`fit.margin.source`, `settings.profitMargin`). */
export interface NetValueRule {
  source: "costs" | "setting";
  profitMargin: number;
}

export interface TimelineMark {
  /** Day number (days since 1970-01-01): the chart's x. */
  day: number;
  date: string;
  /** Revenue of the day's purchases (≥ 0) or refunds (< 0), in cents. */
  amountCents: number;
  orders: number;
}

export interface TimelineCumulativePoint {
  day: number;
  date: string;
  /** Net value of all transactions up to and including this day, in cents. */
  netValueCents: number;
}

export interface TimelineData {
  purchases: TimelineMark[];
  refunds: TimelineMark[];
  cumulative: TimelineCumulativePoint[];
}

export function netValueCents(revenueCents: number, costCents: number, rule: NetValueRule): number {
  return rule.source === "costs" ? revenueCents - costCents : revenueCents * rule.profitMargin;
}

/**
 * Marks and the cumulative net value line (one point per day, in date order).
 *
 * @example timelineData([{ date: "2025-01-01", kind: "purchase", orders: 2, revenueCents: 5000, costCents: 3000 },
 *   { date: "2025-01-01", kind: "refund", orders: 1, revenueCents: -1000, costCents: -600 }], { source: "costs", profitMargin: 0.3 })
 * // purchases [{ day: 20089, amountCents: 5000, orders: 2 }], refunds [{ day: 20089, amountCents: -1000 }], cumulative [{ day: 20089, netValueCents: 1600 }]
 */
export function timelineData(days: readonly TimelineDay[], rule: NetValueRule): TimelineData {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const result: TimelineData = { purchases: [], refunds: [], cumulative: [] };
  let net = 0;
  for (const row of sorted) {
    const day = parseIsoDay(row.date);
    const mark = { day, date: row.date, amountCents: row.revenueCents, orders: row.orders };
    (row.kind === "refund" ? result.refunds : result.purchases).push(mark);
    net += netValueCents(row.revenueCents, row.costCents, rule);
    const last = result.cumulative.at(-1);
    if (last && last.day === day) last.netValueCents = Math.round(net);
    else result.cumulative.push({ day, date: row.date, netValueCents: Math.round(net) });
  }
  return result;
}

/**
 * The customer's own average order value up to the analysis date: revenue of purchase orders / orders
 * (refunds not counted). Null without orders.
 *
 * @example averageOrder([{ date: "2025-01-01", kind: "purchase", orders: 2, revenueCents: 5000, costCents: 0 }], "2025-12-31") // { orders: 2, averageCents: 2500 }
 */
export function averageOrder(days: readonly TimelineDay[], asOfDate: string): { orders: number; averageCents: number } | null {
  let orders = 0;
  let revenue = 0;
  for (const day of days) {
    if (day.kind !== "purchase" || day.date > asOfDate) continue;
    orders += day.orders;
    revenue += day.revenueCents;
  }
  return orders === 0 ? null : { orders, averageCents: Math.round(revenue / orders) };
}

/**
 * Ticks for a time axis in day numbers: the first day of every k-th month between `fromDay` and `toDay`,
 * with k (1, 2, 3, 6, 12, 24, ...) as small as keeps the count at or below `maxTicks`.
 *
 * @example monthTicks(20089, 20454, 6).map(isoFromDayNumber) // ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01"] (quarters)
 */
export function monthTicks(fromDay: number, toDay: number, maxTicks = 8): number[] {
  const from = isoFromDayNumber(fromDay);
  const to = isoFromDayNumber(toDay);
  const startMonth = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + (from.slice(8) === "01" ? 0 : 1);
  const endMonth = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1;
  const months = endMonth - startMonth + 1;
  if (months <= 0) return [];
  const steps = [1, 2, 3, 6, 12];
  let step = steps.find((k) => Math.ceil(months / k) <= maxTicks) ?? 12 * Math.ceil(months / 12 / maxTicks);
  if (step < 1) step = 1;
  const ticks: number[] = [];
  // Align to calendar boundaries: quarters start in Jan/Apr/Jul/Oct, half years in Jan/Jul, years in Jan.
  let month = startMonth;
  if (step > 1) month = Math.ceil(startMonth / step) * step;
  for (; month <= endMonth; month += step) ticks.push(dayNumberFromCivil(Math.floor(month / 12), (month % 12) + 1, 1));
  return ticks;
}

/** The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) at or above `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough * (1 - 1e-9))!;
  return step * power;
}

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * Two value axes with nice ticks whose zero lines meet: each has `stepsAbove` steps above zero (its step
 * fitted to its maximum) and the same number of steps below zero, as many as the axis reaching furthest
 * below zero needs. So refunds below the left axis's zero line and a negative cumulative net value share
 * one baseline.
 *
 * @example alignedZeroAxes([-2030, 34800], [0, 89540]) // left: ticks -10000..40000 by 10000; right: -25000..100000 by 25000
 */
export function alignedZeroAxes(left: readonly number[], right: readonly number[], stepsAbove = 4): { left: ValueAxis; right: ValueAxis } {
  const steps = [left, right].map((values) => niceStep(Math.max(0, ...values.map(Math.abs)) / stepsAbove));
  const below = Math.max(...[left, right].map((values, i) => Math.ceil(-Math.min(0, ...values) / steps[i]! - 1e-9)));
  const axis = (step: number): ValueAxis => {
    const ticks = Array.from({ length: below + stepsAbove + 1 }, (_, k) => (k - below) * step);
    return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
  };
  return { left: axis(steps[0]!), right: axis(steps[1]!) };
}

/**
 * The time axis of the customer's charts (purchase timeline, P(alive) over time) as Recharts `XAxis` props:
 * day numbers from `domain[0]` to `domain[1]`, a tick at the start of every k-th month (`monthTicks`),
 * labelled with the short month name in the user's language ("Jan '25", "mrt '25").
 *
 * @example monthAxis([20089, 20454], "en-GB").ticks.length // 7 (every other month, "Jan '25" to "Jan '26")
 */
export function monthAxis(domain: [number, number], locale: string) {
  return {
    type: "number" as const,
    dataKey: "day",
    domain,
    ticks: monthTicks(domain[0], domain[1]),
    tickFormatter: (day: number) => formatMonth(isoFromDayNumber(day).slice(0, 7), { short: true, locale }),
  };
}
