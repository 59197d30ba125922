import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { customers, transactions } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { getSettings, saveSettings } from "@/lib/settings/store";
import { asSqlite, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { customerAliveCurve, curveStepDays } from "./customer-profile-alive";
import { customerHistoryQuery, getCustomerProfile, getCustomerPurchaseDays, parseCustomerId } from "./customer-profile";
import { getCustomerScores } from "./customer-scores";
import { getCurrentSnapshot, getSnapshot, type SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let first: SnapshotInfo;
let snapshot: SnapshotInfo;
let refundOnly: number;
let lateCustomer: number;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoCompany(database.db, { customers: 400, seed: 9, years: 2, endDate: "2026-02-14" });
  // A customer with only a refund, and one whose first purchase is after the analysis date set below.
  [{ id: refundOnly }] = (await database.db.insert(customers).values({ externalId: "REFUND-ONLY", name: "Refund Only" }).returning({ id: customers.id })) as [{ id: number }];
  await database.db.insert(transactions).values({ customerId: refundOnly, purchaseDate: "2025-06-01", revenueCents: -1500, costCents: -900 });
  [{ id: lateCustomer }] = (await database.db.insert(customers).values({ externalId: "LATE", name: "Late Starter" }).returning({ id: customers.id })) as [{ id: number }];
  await database.db.insert(transactions).values({ customerId: lateCustomer, purchaseDate: "2026-02-10", revenueCents: 2500, costCents: 1000 });
  await recomputeNow(database, { reason: "test" });
  first = (await getCurrentSnapshot(database.db))!;
  await saveSettings({ ...(await getSettings(database.db)), analysisDate: "2026-01-31", horizonMonths: 24 }, database.db);
  await recomputeNow(database, { reason: "test: earlier analysis date" });
  snapshot = (await getCurrentSnapshot(database.db))!;
});
afterAll(() => database.close());

describe("parseCustomerId", () => {
  test.each([
    ["1", 1],
    ["42", 42],
    ["0", null],
    ["-3", null],
    ["4e2", null],
    ["1.5", null],
    [" 7", null],
    ["abc", null],
    ["99999999999999999", null],
    ["", null],
  ])("%j → %j", (text, id) => expect(parseCustomerId(text)).toBe(id));
});

describe("getCustomerProfile", () => {
  test("an unknown customer is null", async () => {
    expect(await getCustomerProfile(999_999, snapshot.id, {}, database.db)).toBeNull();
  });

  test("the top customer: who they are, soft data, transactions newest first, days, score and history", async () => {
    const top = (await getCustomerScores(snapshot, {}, { limit: 1 }, database.db))[0]!;
    const profile = (await getCustomerProfile(top.customerId, snapshot.id, { transactionLimit: 5 }, database.db))!;
    expect(profile.customer).toMatchObject({ id: top.customerId, externalId: top.externalId, name: top.name, email: top.email });
    expect(profile.attributes.length).toBeGreaterThan(0);
    expect(profile.attributes.map((a) => a.key)).toEqual([...profile.attributes.map((a) => a.key)].sort());
    const [rows] = (await rawRows<{ n: number; revenue: number }>(
      database.db,
      sql`SELECT count(*) AS n, sum(revenue_cents) AS revenue FROM transactions WHERE customer_id = ${top.customerId}`,
    )) as [{ n: number; revenue: number }];
    expect(profile.transactionCount).toBe(rows.n);
    expect(profile.days.reduce((sum, day) => sum + day.revenueCents, 0)).toBe(rows.revenue);
    expect(profile.transactions).toHaveLength(Math.min(5, rows.n));
    for (let i = 1; i < profile.transactions.length; i++) expect(profile.transactions[i - 1]!.date >= profile.transactions[i]!.date).toBe(true);
    expect(profile.score).toEqual(top);
    expect(profile.history.map((row) => row.snapshotId)).toEqual([snapshot.id, first.id]);
    expect(profile.history[0]).toMatchObject({
      asOfDate: "2026-01-31",
      clvTier: top.clvTier,
      tierName: snapshot.summary.tiers[top.clvTier - 1]!.name,
      rfmSegment: top.rfmSegment,
      quadrant: top.quadrant,
      quadrantName: snapshot.summary.quadrants.find((q) => q.key === top.quadrant)!.name,
      predictedClvCents: top.predictedClvCents,
      probabilityAlive: top.probabilityAlive,
    });
  });

  test("purchase days: one purchase per day however many orders, refunds apart, and the scoring's count of purchases", async () => {
    const sample = await getCustomerScores(snapshot, {}, { orderBy: "purchases", limit: 20 }, database.db);
    for (const row of sample) {
      const days = await getCustomerPurchaseDays(row.customerId, database.db);
      const purchaseDays = days.filter((day) => day.kind === "purchase" && day.date <= snapshot.asOfDate);
      expect(purchaseDays.length).toBe(row.purchases);
      expect(new Set(purchaseDays.map((day) => day.date)).size).toBe(purchaseDays.length);
      for (const day of days) expect(day.kind === "refund" ? day.revenueCents < 0 : day.revenueCents >= 0).toBe(true);
    }
  });

  test("customers not in the snapshot: only a refund, or first purchase after the analysis date", async () => {
    const refund = (await getCustomerProfile(refundOnly, snapshot.id, {}, database.db))!;
    expect(refund.score).toBeNull();
    expect(refund.history).toEqual([]);
    expect(refund.days).toEqual([{ date: "2025-06-01", kind: "refund", orders: 1, revenueCents: -1500, costCents: -900 }]);
    expect(customerAliveCurve(refund.days, snapshot)).toMatchObject({ status: "no-purchases" });
    const late = (await getCustomerProfile(lateCustomer, snapshot.id, {}, database.db))!;
    expect(late.score).toBeNull();
    expect(late.history.map((row) => row.snapshotId)).toEqual([first.id]); // scored when the analysis date was the last purchase
    expect((await getCustomerProfile(lateCustomer, null, {}, database.db))!.score).toBeNull();
  });

});

// SQLite's query plan (EXPLAIN QUERY PLAN is SQLite's own): this check runs in the SQLite run only.
describe.skipIf(testEngine() === "postgres")("the history query on SQLite", () => {
  test("looks customer_scores up by its primary key, never scans it", () => {
    const query = customerHistoryQuery(1, database.db).toSQL();
    const plan = asSqlite(database)
      .sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...query.params)
      .map((row) => (row as { detail: string }).detail)
      .join("\n");
    expect(plan).toMatch(/SEARCH customer_scores USING (PRIMARY KEY|INDEX sqlite_autoindex_customer_scores_1) \(snapshot_id=\? AND customer_id=\?\)/);
    expect(plan).not.toMatch(/SCAN customer_scores/);
  });
});

describe("customerAliveCurve", () => {
  test("ends at the P(alive) stored for the customer, for customers of every kind", async () => {
    for (const info of [snapshot, first]) {
      const sample = [
        ...await getCustomerScores(info, {}, { limit: 10 }, database.db),
        ...await getCustomerScores(info, {}, { orderBy: "alive", direction: "asc", limit: 10 }, database.db),
        ...await getCustomerScores(info, { segment: "new-customers" }, { limit: 5 }, database.db),
      ];
      for (const row of sample) {
        const curve = customerAliveCurve(await getCustomerPurchaseDays(row.customerId, database.db), info);
        if (curve.status !== "ok") throw new Error(`no curve for ${row.customerId}: ${curve.status}`);
        expect(curve.modelLabel).toBe(info.fit.purchaseModel.label);
        expect(curve.points.at(-1)!.probabilityAlive).toBeCloseTo(row.probabilityAlive!, 12);
        expect(curve.points.filter((point) => point.purchase)).toHaveLength(row.purchases);
      }
    }
  });

  test("the simple formula has no P(alive)", async () => {
    const info = (await getSnapshot(snapshot.id, database.db))!;
    const simple = { ...info, fit: { ...info.fit, purchaseModel: { ...info.fit.purchaseModel, name: "simple" as const, label: "Simple formula" } } };
    expect(customerAliveCurve([{ date: "2025-01-01", kind: "purchase", orders: 1, revenueCents: 100, costCents: 0 }], simple)).toEqual({
      status: "no-model",
      modelLabel: "Simple formula",
    });
  });

  test("weekly points for three years, wider steps for longer histories", () => {
    expect(curveStepDays(0, 700)).toBe(7);
    expect(curveStepDays(0, 156 * 7)).toBe(7);
    expect(curveStepDays(0, 156 * 7 + 1)).toBe(14);
    expect(curveStepDays(0, 3650)).toBe(28);
  });
});
