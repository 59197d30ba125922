import "server-only";
import { sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { filterCacheKey, type CustomerFilter } from "@/lib/filters/customer-filter";

/**
 * A small memory of aggregates over a snapshot, so that the segment pages and the quadrant map do not scan a million rows on
 * every request. A snapshot's scores never change once it is complete, so an aggregate that reads only
 * customer_scores (tier, RFM segment, quadrant, acquisition dates) is kept until it is pushed out or a
 * customer is erased (see `erasureVersion`); one that also reads customers or their soft attributes (channel,
 * country, attributes, search), which an import can change, is kept while the customer data stays the same
 * version (see `customerDataVersion`).
 */
const MAX_ENTRIES = 64;

interface Entry {
  /** The version it was computed from (`cacheVersion`). */
  version: string;
  value: unknown;
}

/**
 * A fingerprint of the customers and their soft data: it changes when an import adds or updates them
 * (every import is a row of `imports`), when customers or attributes are added by other means, or when a
 * customer is erased (every erasure is a row of `customer_erasures`, lib/privacy/erase-customer.ts). Four
 * index look-ups, so it is cheap to ask on every request.
 */
export function customerDataVersion(db: KlantwaardeDatabase): string {
  const row = db.get<{ customers: number | null; attributes: number | null; imports: number; erasures: number | null }>(
    sql`select (select max(id) from customers) as customers, (select max(rowid) from customer_attributes) as attributes, (select count(*) from imports where status <> 'running') as imports, (select max(id) from customer_erasures) as erasures`,
  );
  return `${row?.customers ?? 0}:${row?.attributes ?? 0}:${row?.imports ?? 0}:${row?.erasures ?? 0}`;
}

/**
 * How many erasures there have been (the newest id of `customer_erasures`): a snapshot's scores never change
 * otherwise, so what is remembered from customer_scores alone is kept until this changes. One look-up; an
 * erasure by another process (the command line) is seen by the server on its next request.
 */
export function erasureVersion(db: KlantwaardeDatabase): string {
  const row = db.get<{ erasures: number | null }>(sql`select max(id) as erasures from customer_erasures`);
  return `e${row?.erasures ?? 0}`;
}

/** The version a remembered value is checked against: erasures only when it reads customer_scores alone. */
export function cacheVersion(db: KlantwaardeDatabase, readsScoresOnly: boolean): string {
  return readsScoresOnly ? erasureVersion(db) : customerDataVersion(db);
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
  const key = `${what}|${snapshotId}|${filters.map(filterCacheKey).join("|")}`;
  const hit = cache.get(key);
  const immutable = !readsOthers && filters.every(readsScoresOnly);
  const version = cacheVersion(db, immutable);
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
