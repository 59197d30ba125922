/**
 * What every named read shares: the one error rule and the one cache of lib/queries.
 *
 * - `failedRead`: the detail (SQL, paths, a stack) goes to the server log; the page's error boundary gets
 *   a message that is safe to show.
 * - `remember`: reads that take long at a million customers are kept in memory per database connection
 *   (least recently used out first, MAX_ENTRIES). The one invalidation rule: a value is kept while the data
 *   versions it depends on are unchanged. Those versions are a row of the database (`data_versions`,
 *   raised in the same transaction as every change: an import's commit, an erasure, the demo seed; see
 *   db/data-version.ts), so a change made by another process (the command line, later a second app
 *   instance) reaches this memory on the next request. A value that reads only a complete snapshot's
 *   scores depends on erasures alone (nothing else changes those scores); everything else depends on the
 *   data version. The snapshot is part of the key.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { firstRow } from "@/db/first-row";
import { dataVersions } from "@/db/schema";
import { filterCacheKey, type CustomerFilter } from "@/lib/filters/customer-filter";

/**
 * Logs why reading `what` failed and throws a message fit for the page.
 * @example failedRead("the overview", error) // throws Error("Could not read the overview from the database.")
 */
export function failedRead(what: string, error: unknown): never {
  console.error(`[queries] ${what} failed`, error);
  throw new Error(`Could not read ${what} from the database.`);
}

/** What a remembered value depends on: a snapshot's scores only (kept until an erasure), or the data. */
export type Reads = "scores" | "data";

/** The data versions as they are now (one primary-key look-up; 0 before the first change). */
export async function readDataVersions(db: KlantwaardeDatabase): Promise<{ data: number; erasures: number }> {
  const row = await firstRow(db.select({ data: dataVersions.data, erasures: dataVersions.erasures }).from(dataVersions).where(eq(dataVersions.id, 1)));
  return { data: row?.data ?? 0, erasures: row?.erasures ?? 0 };
}

/** The version a value that `reads` is kept under. */
export async function versionFor(db: KlantwaardeDatabase, reads: Reads): Promise<string> {
  const { data, erasures } = await readDataVersions(db);
  return reads === "scores" ? `e${erasures}` : `d${data}e${erasures}`;
}

/** Values per connection; the largest (a quadrant map's points) are ~200 KB, so at most a few tens of MB. */
const MAX_ENTRIES = 160;
const caches = new WeakMap<KlantwaardeDatabase, Map<string, { version: string; value: unknown }>>();

/**
 * The value for `key` from memory while the versions it `reads` are unchanged, or computed now and kept.
 * Put everything the value depends on besides the data into `key` (what it is, the snapshot, the filter).
 *
 * @example remember(db, `monthly-revenue`, "data", () => readMonthlyRevenue(db))
 */
export async function remember<T>(db: KlantwaardeDatabase, key: string, reads: Reads, compute: () => T | Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = await versionFor(db, reads);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.set(key, { version, value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

/** Whether the filter reads only columns of customer_scores (then a snapshot's aggregates over it change only with erasures). */
export function readsScoresOnly(filter: CustomerFilter): boolean {
  return !filter.channel && !filter.country && !filter.search && (filter.attributes?.length ?? 0) === 0;
}

/**
 * `remember` for an aggregate of a snapshot's customers under filters. `readsOthers`: the computation reads
 * customers or soft data even for a scores-only filter (driver counts do).
 *
 * @example rememberForSnapshot(db, "segments", snapshot.id, [filter], () => readSegments(snapshot, filter, db))
 */
export async function rememberForSnapshot<T>(
  db: KlantwaardeDatabase,
  what: string,
  snapshotId: number,
  filters: readonly CustomerFilter[],
  compute: () => T | Promise<T>,
  { readsOthers = false }: { readsOthers?: boolean } = {},
): Promise<T> {
  const reads: Reads = !readsOthers && filters.every(readsScoresOnly) ? "scores" : "data";
  return await remember(db, `${what}|${snapshotId}|${filters.map(filterCacheKey).join("|")}`, reads, compute);
}
