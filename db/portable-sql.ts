/**
 * SQL that SQLite and PostgreSQL read alike, for the few expressions where their dialects part: a condition
 * counted as 1 or 0 (SQLite sums booleans, PostgreSQL has no sum of booleans), the larger or smaller of two values
 * (SQLite's two-argument max/min against PostgreSQL's greatest/least), and the month of a date (a text column on
 * SQLite, a `date` on PostgreSQL). Query code writes these instead, so one query serves both engines.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

type Expression = SQLWrapper | SQL | string | number;

/**
 * 1 where `condition` holds, else 0: sum it to count rows.
 * @example sql`sum(${oneIf(sql`${decisionNotes.status} = 'open'`)})` // open notes
 */
export function oneIf(condition: SQLWrapper): SQL<number> {
  return sql<number>`(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}

/**
 * The larger of two values (neither null).
 * @example greaterOf(transactions.revenueCents, 0) // revenue, negative rows as 0
 */
export function greaterOf(a: Expression, b: Expression): SQL<number> {
  return sql<number>`(CASE WHEN ${a} >= ${b} THEN ${a} ELSE ${b} END)`;
}

/**
 * The smaller of two values (neither null).
 * @example lesserOf(sql`${customerScores.purchases} - 1`, 5) // repeat purchases, 5 for five or more
 */
export function lesserOf(a: Expression, b: Expression): SQL<number> {
  return sql<number>`(CASE WHEN ${a} <= ${b} THEN ${a} ELSE ${b} END)`;
}

/**
 * The calendar month `YYYY-MM` of a date column.
 * @example monthOf(transactions.purchaseDate) // '2026-02' for 2026-02-14
 */
export function monthOf(date: SQLWrapper): SQL<string> {
  return sql<string>`substr(CAST(${date} AS TEXT), 1, 7)`;
}
