/**
 * How values come back from PostgreSQL to the query code, made to match SQLite's: the same query function then
 * reads the same JS values on both engines (`db/pg/query-database.ts` runs the SQLite-typed tables on PostgreSQL).
 *
 * - `bigint` (ids, cents, `count(*)`) and `numeric` (`sum` of bigint, `avg`) as numbers, not strings. Exact up to
 *   2^53: cents up to 90 trillion euros, counts of anything Klantwaarde stores.
 * - `json`/`jsonb` as their text, which the SQLite JSON columns parse (`text(…, { mode: "json" })`), as do
 *   PostgreSQL's own JSON columns.
 * - `date` as `YYYY-MM-DD` text (the driver would make a Date at local midnight, a day off in some time zones).
 *
 * The driver's parsers are process-wide; Klantwaarde is the only user of `pg` in its processes.
 */
import pg from "pg";

const OID = { int8: 20, numeric: 1700, json: 114, jsonb: 3802, date: 1082 } as const;

let installed = false;

/** Installs the parsers once per process (idempotent). */
export function installPortableTypeParsers(): void {
  if (installed) return;
  installed = true;
  const asNumber = (value: string) => Number(value);
  const asText = (value: string) => value;
  pg.types.setTypeParser(OID.int8, asNumber);
  pg.types.setTypeParser(OID.numeric, asNumber);
  pg.types.setTypeParser(OID.json, asText);
  pg.types.setTypeParser(OID.jsonb, asText);
  pg.types.setTypeParser(OID.date, asText);
}
