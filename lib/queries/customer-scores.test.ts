import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { countCustomerScores, getCustomerScore, getCustomerScores, sumCustomerScores } from "./customer-scores";
import { openTestDatabase } from "@/lib/testing/test-database";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import { getCurrentSnapshot, getRecomputeStatus, getSnapshotReport, listSnapshots, type SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => {
  const opened = await openScoredDemoCompany();
  database = opened.database;
  snapshot = opened.snapshot;
});
afterAll(() => database.close());

describe("snapshot queries", () => {
  test("before the first recompute there is no snapshot, report or history", async () => {
    const empty = await openTestDatabase();
    expect(await getCurrentSnapshot(empty.db)).toBeNull();
    expect(await getSnapshotReport(empty.db)).toBeNull();
    expect(await listSnapshots(empty.db)).toEqual([]);
    expect(await getRecomputeStatus(empty.db)).toMatchObject({ state: "idle", current: null, lastFailure: null });
    await empty.close();
  });

  test("the current snapshot, its status and history", async () => {
    expect(snapshot).toMatchObject({ asOfDate: "2026-02-14", reason: "test" });
    expect(await getRecomputeStatus(database.db)).toMatchObject({ state: "idle", current: { id: snapshot.id, customers: snapshot.customers } });
    expect(await listSnapshots(database.db)).toMatchObject([{ id: snapshot.id, status: "complete", predictedClvCents: snapshot.summary.totals.predictedClvCents }]);
  });

  test("customers of a tier, most valuable first, and their count", async () => {
    const top = await getCustomerScores(snapshot, { tier: 1 }, { limit: 10 }, database.db);
    expect(top).toHaveLength(10);
    expect(top.every((row) => row.clvTier === 1)).toBe(true);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.predictedClvCents).toBeGreaterThanOrEqual(top[i]!.predictedClvCents);
    expect(top[0]!.externalId).toBeTruthy();
    for (const tier of snapshot.summary.tiers) expect(await countCustomerScores(snapshot, { tier: tier.tier }, database.db)).toBe(tier.customers);
  });

  test("customers of a segment and a quadrant; one customer's figures", async () => {
    for (const segment of snapshot.summary.rfm) {
      expect(await countCustomerScores(snapshot, { segment: segment.key }, database.db)).toBe(segment.customers);
    }
    for (const quadrant of snapshot.summary.quadrants) {
      expect(await countCustomerScores(snapshot, { quadrant: quadrant.key }, database.db)).toBe(quadrant.customers);
    }
    const drifting = await getCustomerScores(snapshot, { quadrant: "low-short" }, { orderBy: "historic", limit: 5 }, database.db);
    expect(drifting.length).toBeGreaterThan(0);
    const axes = snapshot.summary.quadrantAxes!;
    for (const row of drifting) {
      expect(row.quadrant).toBe("low-short");
      // Short: a relationship shorter than the threshold, or one that has ended (whatever its length).
      expect(row.relationshipEnded === 1 || row.relationshipLengthDays! < axes.thresholdDays).toBe(true);
      expect(row.predictedClvCents).toBeLessThan(axes.thresholdClvCents);
    }
    const one = (await getCustomerScore(snapshot.id, drifting[0]!.customerId, {}, database.db))!;
    expect(one).toEqual(drifting[0]);
    expect(one.totalClvCents).toBe(one.historicClvCents + one.predictedClvCents);
    expect(await getCustomerScore(snapshot.id, -1, {}, database.db)).toBeNull();
  });

  test("every filter in the URL matches the same customers as a check in plain code", async () => {
    const all = await getCustomerScores(snapshot, {}, { limit: 10_000 }, database.db);
    const attributes = await rawRows<{ id: number; key: string; value: string }>(database.db, sql`select customer_id as id, key, value from customer_attributes order by customer_id, key`);
    const someAttribute = attributes[0]!;
    const withAttribute = new Set(attributes.filter((row) => row.key === someAttribute.key && row.value === someAttribute.value).map((row) => row.id));
    const firstPurchase = (row: (typeof all)[number]) => new Date(Date.parse(`${snapshot.asOfDate}T00:00:00Z`) - row.relationshipDays * 86_400_000).toISOString().slice(0, 10);
    const someone = all[17]!;
    const cases: [CustomerFilter, (row: (typeof all)[number]) => boolean][] = [
      [{ channel: someone.channel! }, (row) => row.channel === someone.channel],
      [{ country: someone.country!, tier: 2 }, (row) => row.country === someone.country && row.clvTier === 2],
      [{ attributes: [someAttribute] }, (row) => withAttribute.has(row.customerId)],
      [{ acquiredFrom: "2025-03-01", acquiredTo: "2025-08-31" }, (row) => firstPurchase(row) >= "2025-03-01" && firstPurchase(row) <= "2025-08-31"],
      [{ search: someone.name!.slice(1, 6).toUpperCase() }, (row) => [row.name, row.email, row.externalId].some((text) => text?.toLowerCase().includes(someone.name!.slice(1, 6).toLowerCase()))],
      [{ search: "' OR 1=1 --" }, () => false],
      [{ search: "%" }, (row) => [row.name, row.email, row.externalId].some((text) => text?.includes("%"))],
    ];
    for (const [filter, expected] of cases) {
      const want = all.filter(expected).map((row) => row.customerId).sort((a, b) => a - b);
      const got = (await getCustomerScores(snapshot, filter, { limit: 10_000 }, database.db)).map((row) => row.customerId).sort((a, b) => a - b);
      expect(got, JSON.stringify(filter)).toEqual(want);
      expect(await countCustomerScores(snapshot, filter, database.db), JSON.stringify(filter)).toBe(want.length);
      const totals = await sumCustomerScores(snapshot, filter, database.db);
      expect(totals.customers).toBe(want.length);
      expect(totals.predictedClvCents).toBe(all.filter(expected).reduce((sum, row) => sum + row.predictedClvCents, 0));
    }
    expect(all.filter((row) => row.channel === someone.channel).length).toBeGreaterThan(0);
  });

  test("sorts by any column in both directions", async () => {
    const byAlive = await getCustomerScores(snapshot, {}, { orderBy: "alive", direction: "asc", limit: 50 }, database.db);
    for (let i = 1; i < byAlive.length; i++) expect(byAlive[i - 1]!.probabilityAlive!).toBeLessThanOrEqual(byAlive[i]!.probabilityAlive!);
    const recent = await getCustomerScores(snapshot, {}, { orderBy: "lastPurchase", limit: 50 }, database.db);
    for (let i = 1; i < recent.length; i++) expect(recent[i - 1]!.daysSinceLastPurchase).toBeLessThanOrEqual(recent[i]!.daysSinceLastPurchase);
    const page2 = await getCustomerScores(snapshot, {}, { orderBy: "name", direction: "asc", limit: 10, offset: 10 }, database.db);
    const first20 = await getCustomerScores(snapshot, {}, { orderBy: "name", direction: "asc", limit: 20 }, database.db);
    expect(page2).toEqual(first20.slice(10));
  });
});
