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
 * A number from the code as a literal in the SQL text, a string or column as it is. As a bound parameter each use
 * of an expression gets a parameter of its own, and PostgreSQL then no longer sees the expression of a GROUP BY
 * as the one selected ("must appear in the GROUP BY clause"); a literal keeps the text identical. Only finite
 * numbers, so the text stays a number.
 */
function operand(value: Expression): SQLWrapper | SQL | string {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return sql.raw(String(value));
}

/**
 * The larger of two values (neither null). Numbers are written into the SQL text (see `operand`), so the
 * expression may be grouped by on PostgreSQL.
 * @example greaterOf(transactions.revenueCents, 0) // revenue, negative rows as 0
 */
export function greaterOf(a: Expression, b: Expression): SQL<number> {
  const [x, y] = [operand(a), operand(b)];
  return sql<number>`(CASE WHEN ${x} >= ${y} THEN ${x} ELSE ${y} END)`;
}

/**
 * The smaller of two values (neither null). Numbers are written into the SQL text (see `operand`), so the
 * expression may be grouped by on PostgreSQL.
 * @example lesserOf(sql`${customerScores.purchases} - 1`, 5) // repeat purchases, 5 for five or more
 */
export function lesserOf(a: Expression, b: Expression): SQL<number> {
  const [x, y] = [operand(a), operand(b)];
  return sql<number>`(CASE WHEN ${x} <= ${y} THEN ${x} ELSE ${y} END)`;
}

/**
 * The calendar month `YYYY-MM` of a date column.
 * @example monthOf(transactions.purchaseDate) // '2026-02' for 2026-02-14
 */
export function monthOf(date: SQLWrapper): SQL<string> {
  return sql<string>`substr(CAST(${date} AS TEXT), 1, 7)`;
}

/** An engine's way to read a JSON document: SQLite's json_extract/json_each, PostgreSQL's jsonb operators. */
type JsonDialect = "sqlite" | "postgres";

const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The number at `path` in a JSON column (null when it is absent). Path parts are plain keys, checked here because
 * they are written into the SQL text.
 * @example jsonNumber(engineOf(db), snapshots.summary, ["totals", "predictedClvCents"])
 */
export function jsonNumber(engine: JsonDialect, document: SQLWrapper, path: readonly string[]): SQL<number | null> {
  for (const key of path) if (!JSON_KEY.test(key)) throw new Error(`not a plain JSON key: ${key}`);
  if (engine === "postgres") return sql<number | null>`((${document} #>> ${sql.raw(`'{${path.join(",")}}'`)})::double precision)`;
  return sql<number | null>`json_extract(${document}, ${sql.raw(`'$.${path.join(".")}'`)})`;
}
