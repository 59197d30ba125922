import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/scoring/runner";
import { countCustomerScores, getCustomerScore, getCustomerScores } from "./customer-scores";
import { getCurrentSnapshot, getRecomputeStatus, getSnapshotReport, listSnapshots, type SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => {
  database = openDatabase(":memory:");
  seedDemoCompany(database.db, { customers: 400, seed: 9, years: 2, endDate: "2026-02-14" });
  await recomputeNow(database, { reason: "test" });
  snapshot = getCurrentSnapshot(database.db)!;
});
afterAll(() => database.close());

describe("snapshot queries", () => {
  test("before the first recompute there is no snapshot, report or history", () => {
    const empty = openDatabase(":memory:");
    expect(getCurrentSnapshot(empty.db)).toBeNull();
    expect(getSnapshotReport(empty.db)).toBeNull();
    expect(listSnapshots(empty.db)).toEqual([]);
    expect(getRecomputeStatus(empty.db)).toMatchObject({ state: "idle", current: null, lastFailure: null });
    empty.close();
  });

  test("the current snapshot, its status and history", () => {
    expect(snapshot).toMatchObject({ asOfDate: "2026-02-14", reason: "test" });
    expect(getRecomputeStatus(database.db)).toMatchObject({ state: "idle", current: { id: snapshot.id, customers: snapshot.customers } });
    expect(listSnapshots(database.db)).toMatchObject([{ id: snapshot.id, status: "complete", predictedClvCents: snapshot.summary.totals.predictedClvCents }]);
  });

  test("customers of a tier, most valuable first, and their count", () => {
    const top = getCustomerScores(snapshot.id, { tier: 1 }, { limit: 10 }, database.db);
    expect(top).toHaveLength(10);
    expect(top.every((row) => row.clvTier === 1)).toBe(true);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.predictedClvCents).toBeGreaterThanOrEqual(top[i]!.predictedClvCents);
    expect(top[0]!.externalId).toBeTruthy();
    snapshot.summary.tiers.forEach((tier) => expect(countCustomerScores(snapshot.id, { tier: tier.tier }, database.db)).toBe(tier.customers));
  });

  test("customers of a segment and a quadrant; one customer's figures", () => {
    for (const segment of snapshot.summary.rfm) {
      expect(countCustomerScores(snapshot.id, { segment: segment.key }, database.db)).toBe(segment.customers);
    }
    for (const quadrant of snapshot.summary.quadrants) {
      expect(countCustomerScores(snapshot.id, { quadrant: quadrant.key }, database.db)).toBe(quadrant.customers);
    }
    const drifting = getCustomerScores(snapshot.id, { quadrant: "low-short" }, { orderBy: "historic", limit: 5 }, database.db);
    expect(drifting.length).toBeGreaterThan(0);
    const axes = snapshot.summary.quadrantAxes!;
    for (const row of drifting) {
      expect(row.quadrant).toBe("low-short");
      expect(row.relationshipDays).toBeLessThan(axes.thresholdDays);
      expect(row.predictedClvCents).toBeLessThan(axes.thresholdClvCents);
    }
    const one = getCustomerScore(snapshot.id, drifting[0]!.customerId, database.db)!;
    expect(one).toEqual(drifting[0]);
    expect(one.totalClvCents).toBe(one.historicClvCents + one.predictedClvCents);
    expect(getCustomerScore(snapshot.id, -1, database.db)).toBeNull();
  });
});
