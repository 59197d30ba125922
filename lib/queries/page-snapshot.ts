import "server-only";
import type { KlantwaardeDatabase } from "@/db/client";
import { getDb } from "@/lib/db";
import { parseSnapshotParam, type SearchParamsInput } from "@/lib/filters/customer-filter";
import { getCurrentSnapshot, getSnapshot, type SnapshotInfo } from "./snapshots";

/** The snapshot a page shows: the one in the URL (`?snapshot=12`) or the current one. */
export interface PageSnapshot {
  snapshot: SnapshotInfo | null;
  /** The newest complete snapshot's id (null before the first recompute). */
  currentId: number | null;
  /** The id asked for in the URL when it does not exist (pruned or never made): the page says so. */
  missingId: number | null;
}

export async function resolvePageSnapshot(params: SearchParamsInput, db: KlantwaardeDatabase = getDb()): Promise<PageSnapshot> {
  const current = await getCurrentSnapshot(db);
  const requested = parseSnapshotParam(params);
  if (requested === undefined || requested === current?.id) return { snapshot: current, currentId: current?.id ?? null, missingId: null };
  const older = await getSnapshot(requested, db);
  return older
    ? { snapshot: older, currentId: current?.id ?? null, missingId: null }
    : { snapshot: current, currentId: current?.id ?? null, missingId: requested };
}
