import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { getCurrentSnapshot, type SnapshotInfo } from "./snapshots";

/** The demo company the query tests read: a database in memory, seeded and scored once. */
export interface ScoredDemoCompany {
  database: OpenedDatabase;
  /** The snapshot of its one recompute. */
  snapshot: SnapshotInfo;
}

/**
 * Seeds the demo company into a new test database (SQLite in memory, or PostgreSQL in the engine run) and runs the recompute job on it, as the app does
 * after the seed, so that a query test reads a real snapshot. The defaults (400 customers, seed 9, two years
 * ending 14 February 2026, mid-month and mid-quarter) are what most query tests assert on.
 */
export async function openScoredDemoCompany({ customers = 400, seed = 9 }: { customers?: number; seed?: number } = {}): Promise<ScoredDemoCompany> {
  const database = await openTestDatabase();
  await seedDemoCompany(database.db, { customers, seed, years: 2, endDate: "2026-02-14" });
  await recomputeNow(database, { reason: "test" });
  return { database, snapshot: (await getCurrentSnapshot(database.db))! };
}
