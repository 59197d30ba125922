import "server-only";
import type { KlantwaardeDatabase } from "@/db/client";
import { filterQueryString, type CustomerFilter } from "@/lib/filters/customer-filter";

/**
 * A small memory of aggregates over a snapshot, so that the segment pages and the quadrant map do not scan a million rows on
 * every request. A snapshot's scores never change once it is complete, so an aggregate that reads only
 * customer_scores (tier, RFM segment, quadrant, acquisition dates) is kept until it is pushed out; one that
 * also reads customers or their soft attributes (channel, country, attributes, search), which an import
 * can change, is kept for a minute.
 */
const MAX_ENTRIES = 64;
const MUTABLE_MS = 60_000;

interface Entry {
  at: number;
  immutable: boolean;
  value: unknown;
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
  const now = Date.now();
  if (hit && (hit.immutable || now - hit.at < MUTABLE_MS)) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  cache.set(key, { at: now, immutable: !readsOthers && filters.every(readsScoresOnly), value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
