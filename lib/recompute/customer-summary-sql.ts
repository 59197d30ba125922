/**
 * The per-customer summary the "buy till you die" models need, as one query the database runs: the SQL form
 * of `summarizeTransactions` (lib/clv/summary.ts, Fader, Hardie & Lee 2005), so that a database (SQLite,
 * PostgreSQL, or a warehouse holding the purchase history) hands over one row per customer instead of every
 * purchase (issue #21: the per-customer summary in SQL, and the warehouse path in the README).
 *
 * Per customer, from the purchase rows up to the calibration end (purchases on one day are one purchase):
 * - x = distinct purchase days − 1; t_x = first to last purchase day, T = first purchase day to the
 *   calibration end, both in the unit (a week is 7 days);
 * - monetary = mean of the repeat purchase days' amounts (the first day's excluded), 0 when x = 0;
 * - the historic figures: purchase rows (`orders`), purchase days, amount (cents), first and last day;
 * - with a holdout end: distinct purchase days and amount in (calibration end, holdout end].
 * Customers whose first purchase is after the calibration end have no row.
 *
 * Written in the SQL both engines (and the common warehouses) share: CTEs, GROUP BY, CASE; no FILTER, no
 * window functions. Only the day number of a date differs (`dayNumberSql`). The numbers in the query are
 * day numbers and a unit length the caller computed (checked to be numbers here), not user text.
 *
 * The recompute does not use it: on one server reading every row is cheaper (the README, "Beyond one database
 * server", has the measurements of 2026-12-07 on both engines). Besides this summary the recompute's rows feed the
 * data fingerprint, the analysis date, each customer's value to date (with the margin setting a sum of floats in
 * row order), the margin's totals, the comparison sample's calibration/holdout summary and weekly tracking
 * (lib/scoring/choose-model.ts, model-validation.ts), the simple formula's retention windows and the cohort view's
 * value per purchase month (orders refunded in full included, cohort-figures.ts): all of them would have to be
 * read per customer, bit for bit, for the results to stay the same.
 */
import { DAYS_PER_UNIT } from "@/lib/clv/summary";
import type { TimeUnit } from "@/lib/clv/types";

export type SqlDialect = "sqlite" | "postgres";

/**
 * SQL text: the day number (days since 1970-01-01) of `column`, an ISO date text on SQLite or a `date` on
 * PostgreSQL. Exact for dates before 1970 too (julianday of a date is n + 0.5).
 *
 * @example dayNumberSql("sqlite", "t.purchase_date") // "CAST(julianday(t.purchase_date) - 2440587.5 AS INTEGER)"
 */
export function dayNumberSql(dialect: SqlDialect, column: string): string {
  return dialect === "sqlite" ? `CAST(julianday(${column}) - 2440587.5 AS INTEGER)` : `(${column} - DATE '1970-01-01')`;
}

export interface CustomerSummarySqlOptions {
  /** A table or subquery with the columns `customer_id`, `purchase_date` and `amount_cents`: the purchases only. */
  purchases: string;
  /** Last day of the calibration period, inclusive, as a day number. */
  calibrationEndDay: number;
  /** Last day of the holdout period, inclusive (day number); without it the holdout columns are 0. */
  holdoutEndDay?: number;
  unit?: TimeUnit;
}

/** One row of the summary query (numbers as the driver returns them: PostgreSQL gives bigint sums as text). */
export interface CustomerSummarySqlRow {
  customer_id: number | string;
  x: number | string;
  t_x: number | string;
  T: number | string;
  monetary: number | string;
  orders: number | string;
  purchase_days: number | string;
  amount_cents: number | string;
  first_day: number | string;
  last_day: number | string;
  holdout_purchases: number | string;
  holdout_amount_cents: number | string;
}

function dayNumber(value: number, what: string): number {
  if (!Number.isInteger(value)) throw new Error(`${what} must be a whole day number, not ${value}`);
  return value;
}

/**
 * SQL text of the summary query, rows ordered by customer id (see the top of this file).
 *
 * @example customerSummarySql("postgres", { purchases: "purchases", calibrationEndDay: 10226, unit: "week" })
 */
export function customerSummarySql(dialect: SqlDialect, options: CustomerSummarySqlOptions): string {
  const calibrationEnd = dayNumber(options.calibrationEndDay, "the calibration end");
  const holdoutEnd = options.holdoutEndDay === undefined ? calibrationEnd : dayNumber(options.holdoutEndDay, "the holdout end");
  if (holdoutEnd < calibrationEnd) throw new Error("the holdout end must not be before the calibration end");
  // A literal with a decimal point, so that both engines divide as reals.
  const unitDays = DAYS_PER_UNIT[options.unit ?? "week"].toFixed(4);
  return `WITH days AS (
  SELECT customer_id, ${dayNumberSql(dialect, "purchase_date")} AS day, count(*) AS orders, sum(amount_cents) AS amount_cents
  FROM ${options.purchases}
  GROUP BY customer_id, ${dayNumberSql(dialect, "purchase_date")}
),
calibration AS (
  SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS purchase_days, sum(orders) AS orders, sum(amount_cents) AS amount_cents
  FROM days WHERE day <= ${calibrationEnd}
  GROUP BY customer_id
),
holdout AS (
  SELECT customer_id, count(*) AS purchases, sum(amount_cents) AS amount_cents
  FROM days WHERE day > ${calibrationEnd} AND day <= ${holdoutEnd}
  GROUP BY customer_id
)
SELECT c.customer_id,
  c.purchase_days - 1 AS x,
  (c.last_day - c.first_day) / ${unitDays} AS t_x,
  (${calibrationEnd} - c.first_day) / ${unitDays} AS "T",
  CASE WHEN c.purchase_days > 1 THEN (c.amount_cents - f.amount_cents) / 100.0 / (c.purchase_days - 1) ELSE 0 END AS monetary,
  c.orders, c.purchase_days, c.amount_cents, c.first_day, c.last_day,
  coalesce(h.purchases, 0) AS holdout_purchases, coalesce(h.amount_cents, 0) AS holdout_amount_cents
FROM calibration AS c
JOIN days AS f ON f.customer_id = c.customer_id AND f.day = c.first_day
LEFT JOIN holdout AS h ON h.customer_id = c.customer_id
ORDER BY c.customer_id`;
}
