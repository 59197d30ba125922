/**
 * The customer filters of the dashboard, kept in the URL so that a link pasted into a meeting chat opens
 * the same view. Pure (no database, no React): the pages parse `searchParams` with it, the filter bar
 * writes it back, and `lib/queries/customer-filter-sql.ts` turns it into SQL.
 *
 * URL parameters (all optional, all combinable):
 *   tier=1                 CLV tier (1 = most valuable)
 *   rfm=champions          RFM segment key
 *   quadrant=high-long     quadrant key
 *   channel=Webshop        acquisition channel (exact)
 *   country=NL             country (exact)
 *   attr=interest:espresso soft attribute key:value (repeatable; all must hold)
 *   attr:interest=espresso the same, as the filter bar's form sends it without JavaScript
 *   from=2024-01-01        first purchase on or after (customers acquired from)
 *   to=2024-12-31          first purchase on or before
 *   q=jansen               search in name, e-mail and customer number
 *   snapshot=12            an older snapshot instead of the current one
 * Values that do not parse are dropped (an old or hand-edited link still opens, unfiltered on that part).
 */
import { QUADRANT_KEYS, type QuadrantKey } from "@/lib/settings/schema";
import { RFM_SEGMENT_KEYS, type RfmSegmentKey } from "@/lib/scoring/rfm-segments";

export interface AttributeCondition {
  key: string;
  value: string;
}

export interface CustomerFilter {
  tier?: number;
  segment?: RfmSegmentKey;
  quadrant?: QuadrantKey;
  channel?: string;
  country?: string;
  attributes?: AttributeCondition[];
  /** ISO date: first purchase on or after. */
  acquiredFrom?: string;
  /** ISO date: first purchase on or before. */
  acquiredTo?: string;
  /** Free text searched in name, e-mail address and customer number. */
  search?: string;
  /**
   * Search customer numbers only (set on the server for users who may not see names: lib/privacy/masking.ts).
   * Not part of the URL; part of `filterCacheKey`.
   */
  searchNumbersOnly?: boolean;
}

/** What Next.js passes a page as `searchParams`, or a URLSearchParams. */
export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

/** The parameter names the filter owns (other parameters, like sort and page, are left alone). */
export const FILTER_PARAMS = ["tier", "rfm", "quadrant", "channel", "country", "attr", "from", "to", "q"] as const;

const MAX_TEXT = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Form fields named `attr:KEY` (one select per soft attribute) carry the attribute filter `KEY:value`. */
export const ATTRIBUTE_FIELD_PREFIX = "attr:";

/** Whether a URL parameter belongs to the filter (the filter bar rewrites these and keeps all others). */
export function isFilterParam(name: string): boolean {
  return (FILTER_PARAMS as readonly string[]).includes(name) || name.startsWith(ATTRIBUTE_FIELD_PREFIX);
}

function names(params: SearchParamsInput): string[] {
  return params instanceof URLSearchParams ? [...new Set(params.keys())] : Object.keys(params);
}

function all(params: SearchParamsInput, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first value of a parameter, trimmed (undefined when absent or empty). */
export function firstParam(params: SearchParamsInput, name: string): string | undefined {
  const value = all(params, name)[0]?.trim();
  return value ? value.slice(0, MAX_TEXT) : undefined;
}

function isValidDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Reads the filter from the URL; anything that does not parse is left out. */
export function parseCustomerFilter(params: SearchParamsInput): CustomerFilter {
  const filter: CustomerFilter = {};
  const tier = Number(firstParam(params, "tier"));
  if (Number.isInteger(tier) && tier >= 1 && tier <= 10) filter.tier = tier;
  const segment = firstParam(params, "rfm");
  if (segment && (RFM_SEGMENT_KEYS as readonly string[]).includes(segment)) filter.segment = segment as RfmSegmentKey;
  const quadrant = firstParam(params, "quadrant");
  if (quadrant && (QUADRANT_KEYS as readonly string[]).includes(quadrant)) filter.quadrant = quadrant as QuadrantKey;
  const channel = firstParam(params, "channel");
  if (channel) filter.channel = channel;
  const country = firstParam(params, "country");
  if (country) filter.country = country;
  const formAttributes = names(params)
    .filter((name) => name.startsWith(ATTRIBUTE_FIELD_PREFIX))
    .flatMap((name) => all(params, name).map((value) => `${name.slice(ATTRIBUTE_FIELD_PREFIX.length)}:${value}`));
  const attributes = [...all(params, "attr"), ...formAttributes]
    .slice(0, 10)
    .map((pair) => {
      const at = pair.indexOf(":");
      return at > 0 ? { key: pair.slice(0, at).trim().slice(0, MAX_TEXT), value: pair.slice(at + 1).trim().slice(0, MAX_TEXT) } : null;
    })
    .filter((condition): condition is AttributeCondition => condition !== null && condition.key !== "" && condition.value !== "");
  if (attributes.length > 0) filter.attributes = attributes;
  const from = firstParam(params, "from");
  if (from && isValidDate(from)) filter.acquiredFrom = from;
  const to = firstParam(params, "to");
  if (to && isValidDate(to)) filter.acquiredTo = to;
  const search = firstParam(params, "q");
  if (search) filter.search = search;
  return filter;
}

/** The filter as URL parameters, in a fixed order (so equal filters give equal links). */
export function customerFilterParams(filter: CustomerFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.tier !== undefined) params.set("tier", String(filter.tier));
  if (filter.segment) params.set("rfm", filter.segment);
  if (filter.quadrant) params.set("quadrant", filter.quadrant);
  if (filter.channel) params.set("channel", filter.channel);
  if (filter.country) params.set("country", filter.country);
  for (const { key, value } of filter.attributes ?? []) params.append("attr", `${key}:${value}`);
  if (filter.acquiredFrom) params.set("from", filter.acquiredFrom);
  if (filter.acquiredTo) params.set("to", filter.acquiredTo);
  if (filter.search) params.set("q", filter.search);
  return params;
}

/** `?tier=1&rfm=champions` (or "" for no filter), with extra parameters such as `snapshot` appended. */
export function filterQueryString(filter: CustomerFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = customerFilterParams(filter);
  for (const [name, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(name, String(value));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The filter as a key of remembered results: its query string, plus what is not in the URL. */
export function filterCacheKey(filter: CustomerFilter): string {
  return `${filterQueryString(filter)}${filter.search && filter.searchNumbersOnly ? "#numbers" : ""}`;
}

/** True when no condition is set. */
export function isEmptyFilter(filter: CustomerFilter): boolean {
  return customerFilterParams(filter).toString() === "";
}

/** How many conditions are set (for "3 filters" badges). */
export function countFilterConditions(filter: CustomerFilter): number {
  return [filter.tier, filter.segment, filter.quadrant, filter.channel, filter.country, filter.acquiredFrom, filter.acquiredTo, filter.search].filter(
    (value) => value !== undefined,
  ).length + (filter.attributes?.length ?? 0);
}

/** Both filters at once: the drill-down's own condition (say, a quadrant) on top of the filters in the URL. */
export function mergeFilters(base: CustomerFilter, extra: CustomerFilter): CustomerFilter {
  const merged: CustomerFilter = { ...base, ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)) };
  const attributes = [...(base.attributes ?? []), ...(extra.attributes ?? [])];
  if (attributes.length > 0) merged.attributes = attributes;
  return merged;
}

/** The `snapshot` parameter: a positive integer id, or undefined for the current snapshot. */
export function parseSnapshotParam(params: SearchParamsInput): number | undefined {
  const id = Number(firstParam(params, "snapshot"));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
