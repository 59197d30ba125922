/**
 * Whether two JSON documents hold the same values, whatever the order of their keys. A document read back from
 * PostgreSQL's `jsonb` has its keys in jsonb's own order (shorter keys first), not the order they were written in,
 * so comparing `JSON.stringify` texts says "changed" for an unchanged document there; SQLite keeps the text as
 * written. Arrays keep their order (it is part of the value).
 */

/** `value` as JSON text with every object's keys sorted. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * True when `a` and `b` are the same JSON document (keys in any order; undefined members left out, as JSON does).
 * @example sameDocument({ horizonMonths: 12, tiers: [1, 2] }, { tiers: [1, 2], horizonMonths: 12 }) // true
 */
export function sameDocument(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
