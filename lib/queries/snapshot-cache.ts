import "server-only";
import { sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { filterQueryString, type CustomerFilter } from "@/lib/filters/customer-filter";

/**
 * A small memory of aggregates over a snapshot, so that the segment pages and the quadrant map do not scan a million rows on
 * every request. A snapshot's scores never change once it is complete, so an aggregate that reads only
 * customer_scores (tier, RFM segment, quadrant, acquisition dates) is kept until it is pushed out; one that
 * also reads customers or their soft attributes (channel, country, attributes, search), which an import
 * can change, is kept while the customer data stays the same version (see `customerDataVersion`).
 */
const MAX_ENTRIES = 64;

interface Entry {
  /** The customer data version it was computed from; null when it reads customer_scores only. */
  version: string | null;
  value: unknown;
}

/**
 * A fingerprint of the customers and their soft data: it changes when an import adds or updates them
 * (every import is a row of `imports`) or when customers or attributes are added by other means. Three
 * index look-ups, so it is cheap to ask on every request. Code that deletes customers without an import
 * must clear these caches itself.
 */
export function customerDataVersion(db: KlantwaardeDatabase): string {
  const row = db.get<{ customers: number | null; attributes: number | null; imports: number }>(
    sql`select (select max(id) from customers) as customers, (select max(rowid) from customer_attributes) as attributes, (select count(*) from imports) as imports`,
  );
  return `${row?.customers ?? 0}:${row?.attributes ?? 0}:${row?.imports ?? 0}`;
}

const caches = new WeakMap<KlantwaardeDatabase, Map<string, Entry>>();

/** Whether the filter reads only columns of customer_scores (then its aggregates never change). */
export function readsScoresOnly(filter: CustomerFilter): boolean {
  return !filter.channel && !filter.country && !filter.search && (filter.attributes?.length ?? 0) === 0;
}

/**
 * The value for (what, snapshot, filters) from memory, or computed now and remembered. `readsOthers`: the
 * computation reads customers or attributes even for a scores-only filter (driver counts do).
 */
export function remember<T>(
  db: KlantwaardeDatabase,
  what: string,
  snapshotId: number,
  filters: readonly CustomerFilter[],
  compute: () => T,
  { readsOthers = false }: { readsOthers?: boolean } = {},
): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${what}|${snapshotId}|${filters.map((filter) => filterQueryString(filter)).join("|")}`;
  const hit = cache.get(key);
  const immutable = !readsOthers && filters.every(readsScoresOnly);
  const version = immutable ? null : customerDataVersion(db);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  cache.set(key, { version, value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
