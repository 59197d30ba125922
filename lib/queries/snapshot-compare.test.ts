import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { OpenedDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { getSettings, saveSettings } from "@/lib/settings/store";
import { asSqlite, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { compareKpis, getSnapshotComparison, listHistorySnapshots } from "./snapshot-compare";
import { MIGRATION_GROUPINGS, type MigrationGrouping } from "./snapshot-compare-keys";
import { getBiggestMovers, getMigrationCustomers, getMigrationMatrix, migrationQuery, relationshipDefinitionsDiffer } from "./snapshot-migration";
import { getSnapshotActivity } from "./snapshot-overview";
import { getSnapshot, type SnapshotInfo } from "./snapshots";
import { rawRows } from "@/db/raw-rows";

let database: OpenedDatabase;
let earlier: SnapshotInfo;
let later: SnapshotInfo;
let regrouped: SnapshotInfo;
const removed = [3, 17, 58];

const COLUMN: Record<MigrationGrouping, string> = { tier: "clv_tier", rfm: "rfm_segment", quadrant: "quadrant" };

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  await seedDemoCompany(db, { customers: 400, seed: 9, years: 2, endDate: "2026-02-14" });
  // An earlier analysis date, then today: customers who first bought in between are new in the later snapshot.
  await saveSettings({ ...(await getSettings(db)), analysisDate: "2025-09-30" }, db);
  await recomputeNow(database, { reason: "test: autumn" });
  // Three customers scored in the earlier snapshot are deleted before the later one: no longer scored.
  await db.delete(customers).where(inArray(customers.id, removed));
  await saveSettings({ ...(await getSettings(db)), analysisDate: null }, db);
  await recomputeNow(database, { reason: "test: winter" });
  // The same data with four tiers instead of three.
  const settings = await getSettings(db);
  await saveSettings({ ...settings, tiers: [{ name: "Top", percent: 10 }, ...settings.tiers.slice(0, 2).map((tier, index) => ({ ...tier, percent: index === 0 ? 20 : 50 })), { name: "Rest", percent: 20 }] }, db);
  await recomputeNow(database, { reason: "test: four tiers" });
  const [third, second, first] = await Promise.all((await listHistorySnapshots(db)).map(async (row) => (await getSnapshot(row.id, db))!));
  earlier = first!;
  later = second!;
  regrouped = third!;
});
afterAll(() => database.close());

/** Every customer's group in a snapshot, straight from the table (fine for 400 customers). */
async function groupsOf(snapshot: SnapshotInfo, by: MigrationGrouping): Promise<Map<number, { group: string; value: number }>> {
  const rows = await rawRows<{ id: number; group: string; value: number }>(
    database.db,
    sql`select customer_id as id, cast(${sql.raw(COLUMN[by])} as text) as "group", predicted_clv_cents as value from customer_scores where snapshot_id = ${snapshot.id}`,
  );
  return new Map(rows.map((row) => [row.id, { group: row.group, value: row.value }]));
}

/** The matrix counted customer by customer: "from>to" with "new" / "gone" for customers scored in one snapshot only. */
async function countByHand(from: SnapshotInfo, to: SnapshotInfo, by: MigrationGrouping): Promise<Map<string, { customers: number; before: number; after: number }>> {
  const a = await groupsOf(from, by);
  const b = await groupsOf(to, by);
  const counts = new Map<string, { customers: number; before: number; after: number }>();
  const add = (key: string, before: number, after: number) => {
    const cell = counts.get(key) ?? { customers: 0, before: 0, after: 0 };
    cell.customers++;
    cell.before += before;
    cell.after += after;
    counts.set(key, cell);
  };
  for (const [id, row] of a) add(`${row.group}>${b.get(id)?.group ?? "gone"}`, row.value, b.get(id)?.value ?? 0);
  for (const [id, row] of b) if (!a.has(id)) add(`new>${row.group}`, 0, row.value);
  return counts;
}

describe("snapshot history", () => {
  test("lists the complete snapshots newest first and says where the settings changed", async () => {
    const list = await listHistorySnapshots(database.db);
    expect(list.map((row) => row.id)).toEqual([regrouped.id, later.id, earlier.id]);
    expect(list[2]).toMatchObject({ asOfDate: "2025-09-30", customers: earlier.customers, settingsChanged: null, predictedClvCents: earlier.summary.totals.predictedClvCents });
    expect(list[1]!.settingsChanged).toBe(true); // the analysis date
    expect(list[0]!.settingsChanged).toBe(true); // the tiers
  });
});

describe("headline figures", () => {
  test("the differences of the overview's key figures", async () => {
    const comparison = await getSnapshotComparison(earlier, later, database.db);
    const byKey = new Map(comparison.kpis.map((row) => [row.key, row]));
    expect(byKey.get("customers")).toEqual({ key: "customers", kind: "count", before: earlier.customers, now: later.customers, change: later.customers - earlier.customers });
    expect(byKey.get("predicted")!.change).toBe(later.summary.totals.predictedClvCents - earlier.summary.totals.predictedClvCents);
    expect(byKey.get("average")!.now).toBeCloseTo(later.summary.totals.predictedClvCents / later.customers, 6);
    expect(byKey.get("top-tier")!.before).toBe(earlier.summary.tiers[0]!.valueShare);
    expect(byKey.get("active")!.now).toBeCloseTo((await getSnapshotActivity(later, database.db)).expectedActive, 6);
    expect(comparison.settingsChanged).toBe(true);
    for (const shift of comparison.segmentShifts) expect(shift.before).not.toBe(shift.now);
  });

  test("a figure one snapshot lacks (P(alive) under the simple formula) is left out", async () => {
    const activity = await getSnapshotActivity(later, database.db);
    const rows = compareKpis({ snapshot: earlier, activity: { ...activity, hasProbabilityAlive: false } }, { snapshot: later, activity });
    expect(rows.map((row) => row.key)).not.toContain("active");
    expect(rows.map((row) => row.key)).toContain("at-risk");
  });
});

describe("relationship length definitions", () => {
  test("snapshots that measured relationship length differently are told apart, so their quadrant moves are not shown", () => {
    const summary = (relationship?: object) => ({ summary: { ...earlier.summary, quadrantAxes: { ...earlier.summary.quadrantAxes!, relationship } } }) as unknown as SnapshotInfo;
    const lifetime = { definition: "lifetime", aliveCutoff: 0.5, inactivityDays: null };
    expect(relationshipDefinitionsDiffer(summary(lifetime), summary({ ...lifetime }))).toBe(false);
    expect(relationshipDefinitionsDiffer(summary(lifetime), summary({ ...lifetime, aliveCutoff: 0.3 }))).toBe(true);
    // Snapshots from before the definition was stored measured the time since the first purchase.
    expect(relationshipDefinitionsDiffer(summary(undefined), summary(lifetime))).toBe(true);
    expect(relationshipDefinitionsDiffer(summary(undefined), summary({ definition: "sinceFirstPurchase", aliveCutoff: null, inactivityDays: null }))).toBe(false);
    // The seeded snapshots share the default definition.
    expect(relationshipDefinitionsDiffer(earlier, later)).toBe(false);
  });
});

describe("migration matrix", () => {
  test.each(MIGRATION_GROUPINGS)("by %s: every cell matches the customers counted one by one", async (by) => {
    const matrix = await getMigrationMatrix(earlier, later, by, database.db);
    const expected = await countByHand(earlier, later, by);
    const found = new Map(matrix.cells.map((cell) => [`${cell.from ?? "new"}>${cell.to ?? "gone"}`, cell]));
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, cell] of expected) {
      expect(found.get(key), key).toMatchObject({ customers: cell.customers, beforeClvCents: cell.before, afterClvCents: cell.after });
    }
    expect(matrix.newCustomers).toBeGreaterThan(0);
    expect(matrix.noLongerScored).toBe(removed.length);
    expect(matrix.stayed + matrix.moved + matrix.newCustomers).toBe(later.customers);
    expect(matrix.stayed + matrix.moved + matrix.noLongerScored).toBe(earlier.customers);
    // Row and column totals are the groups of each snapshot.
    for (const row of matrix.rows) expect(matrix.cells.filter((cell) => cell.from === row.key).reduce((sum, cell) => sum + cell.customers, 0)).toBe(row.customers);
    for (const column of matrix.columns) expect(matrix.cells.filter((cell) => cell.to === column.key).reduce((sum, cell) => sum + cell.customers, 0)).toBe(column.customers);
  });

  test("tiers in their order, also when the number of tiers changed", async () => {
    const matrix = await getMigrationMatrix(later, regrouped, "tier", database.db);
    expect(matrix.rows.map((row) => row.key)).toEqual(["1", "2", "3"]);
    expect(matrix.columns.map((column) => column.key)).toEqual(["1", "2", "3", "4"]);
    expect(matrix.newCustomers + matrix.noLongerScored).toBe(0);
    expect(matrix.stayed + matrix.moved).toBe(later.customers);
    const expected = await countByHand(later, regrouped, "tier");
    for (const cell of matrix.cells) expect(cell.customers).toBe(expected.get(`${cell.from}>${cell.to}`)!.customers);
  });

  test("is remembered per (from, to, by)", async () => {
    expect(await getMigrationMatrix(earlier, later, "rfm", database.db)).toBe(await getMigrationMatrix(earlier, later, "rfm", database.db));
    expect(await getMigrationMatrix(earlier, later, "rfm", database.db)).not.toBe(await getMigrationMatrix(earlier, later, "quadrant", database.db));
  });
});

// SQLite's query plan (EXPLAIN QUERY PLAN is SQLite's own): this check runs in the SQLite run only.
describe.skipIf(testEngine() === "postgres")("the migration query on SQLite", () => {
  test("walks the earlier snapshot by its primary key and looks customers up in the later one through it", () => {
    const { sql: text, params } = new SQLiteSyncDialect().sqlToQuery(migrationQuery(earlier.id, later.id, "tier"));
    const plan = asSqlite(database)
      .sqlite.prepare(`explain query plan ${text}`)
      .all(...params)
      .map((row) => (row as { detail: string }).detail);
    expect(plan.some((line) => /SEARCH a USING (COVERING )?INDEX sqlite_autoindex_customer_scores_1 \(snapshot_id=\? AND customer_id>\?\)/.test(line))).toBe(true);
    expect(plan.some((line) => /SEARCH b USING (COVERING )?INDEX sqlite_autoindex_customer_scores_1 \(snapshot_id=\? AND customer_id=\?\)/.test(line))).toBe(true);
    expect(plan.join("\n")).not.toMatch(/SCAN (a|b)\b/);
  });
});

describe("customers", () => {
  test("the biggest movers up and down, as counted one by one", async () => {
    const { up, down } = await getBiggestMovers(earlier, later, { limit: 5 }, database.db);
    const a = await groupsOf(earlier, "tier");
    const b = await groupsOf(later, "tier");
    const changes = [...a].filter(([id]) => b.has(id)).map(([id, row]) => ({ id, change: b.get(id)!.value - row.value }));
    const rising = changes.filter((row) => row.change > 0).sort((x, y) => y.change - x.change || x.id - y.id).slice(0, 5);
    const falling = changes.filter((row) => row.change < 0).sort((x, y) => x.change - y.change || x.id - y.id).slice(0, 5);
    expect(up.map((row) => row.customerId)).toEqual(rising.map((row) => row.id));
    expect(down.map((row) => row.customerId)).toEqual(falling.map((row) => row.id));
    expect(up[0]!.externalId).toBeTruthy();
    expect(up[0]!.afterClvCents! - up[0]!.beforeClvCents!).toBe(rising[0]!.change);
  });

  test("the customers of a cell, the new ones and those no longer scored, page by page", async () => {
    const matrix = await getMigrationMatrix(earlier, later, "tier", database.db);
    for (const cell of matrix.cells) {
      const first = await getMigrationCustomers(earlier, later, "tier", cell, { limit: 1000 }, database.db);
      expect(first).toHaveLength(cell.customers);
      if (cell.from !== null) expect(first.every((row) => String(row.beforeTier) === cell.from)).toBe(true);
      else expect(first.every((row) => row.beforeClvCents === null)).toBe(true);
      if (cell.to !== null) expect(first.every((row) => String(row.afterTier) === cell.to)).toBe(true);
      else expect(first.every((row) => row.afterClvCents === null)).toBe(true);
    }
    const gone = await getMigrationCustomers(earlier, later, "tier", { from: matrix.cells.find((cell) => cell.to === null)!.from, to: null }, {}, database.db);
    expect(gone.every((row) => removed.includes(row.customerId))).toBe(true);
    const big = matrix.cells.reduce((top, cell) => (cell.customers > top.customers ? cell : top));
    const page1 = await getMigrationCustomers(earlier, later, "tier", big, { limit: 10 }, database.db);
    const page2 = await getMigrationCustomers(earlier, later, "tier", big, { limit: 10, offset: 10 }, database.db);
    expect(page1).toHaveLength(10);
    expect(page2[0]!.afterClvCents!).toBeLessThanOrEqual(page1[9]!.afterClvCents!);
    expect(new Set([...page1, ...page2].map((row) => row.customerId)).size).toBe(20);
  });
});
