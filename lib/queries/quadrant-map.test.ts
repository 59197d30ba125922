import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { QUADRANT_KEYS } from "@/lib/settings/schema";
import { countCustomerScores, getCustomerScores } from "./customer-scores";
import { allocateSample, getQuadrantAggregates, getQuadrantMap, MIN_PER_QUADRANT, SAMPLE_SIZE } from "./quadrant-map";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import type { SnapshotInfo } from "./snapshots";
import { raiseDataVersion } from "@/db/data-version";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => ({ database, snapshot } = await openScoredDemoCompany({ customers: 600, seed: 11 })));
afterAll(() => database.close());

/** Filters of every kind, including ones that match nobody. */
async function filters(): Promise<CustomerFilter[]> {
  const someone = (await getCustomerScores(snapshot, {}, { limit: 1, offset: 17 }, database.db))[0]!;
  return [
    {},
    { tier: 1 },
    { tier: 3 },
    { segment: someone.rfmSegment },
    { quadrant: "high-short" },
    { country: someone.country! },
    { channel: someone.channel!, tier: 2 },
    { acquiredFrom: "2025-01-01" },
    { search: someone.name!.slice(0, 4) },
    { search: "nobody-has-this-name" },
  ];
}

describe("quadrant aggregates", () => {
  test("equal countCustomerScores and the customers' own CLV for every quadrant and filter", async () => {
    for (const filter of await filters()) {
      const aggregates = await getQuadrantAggregates(snapshot, filter, database.db);
      expect(aggregates.map((row) => row.key)).toEqual([...QUADRANT_KEYS]);
      const rows = await getCustomerScores(snapshot, filter, { limit: 10_000 }, database.db);
      const predictedTotal = rows.reduce((sum, row) => sum + row.predictedClvCents, 0);
      for (const aggregate of aggregates) {
        const label = `${JSON.stringify(filter)} ${aggregate.key}`;
        const expected = filter.quadrant && filter.quadrant !== aggregate.key ? 0 : await countCustomerScores(snapshot, { ...filter, quadrant: aggregate.key }, database.db);
        expect(aggregate.customers, label).toBe(expected);
        const mine = rows.filter((row) => row.quadrant === aggregate.key);
        expect(aggregate.customers, label).toBe(mine.length);
        expect(aggregate.historicClvCents, label).toBe(mine.reduce((sum, row) => sum + row.historicClvCents, 0));
        expect(aggregate.predictedClvCents, label).toBe(mine.reduce((sum, row) => sum + row.predictedClvCents, 0));
        expect(aggregate.valueShare, label).toBeCloseTo(predictedTotal > 0 ? aggregate.predictedClvCents / predictedTotal : 0, 12);
      }
    }
  });

  test("a filtered result is read once and remembered until the customer data changes", async () => {
    const someone = (await getCustomerScores(snapshot, {}, { limit: 1 }, database.db))[0]!;
    const filter: CustomerFilter = { channel: someone.channel! };
    const first = await getQuadrantAggregates(snapshot, filter, database.db);
    expect(await getQuadrantAggregates(snapshot, filter, database.db)).toBe(first);
    await database.db.insert(customers).values({ externalId: "cache-test-newcomer", acquisitionChannel: someone.channel! });
    await raiseDataVersion(database.db); // as an import's commit does
    const again = await getQuadrantAggregates(snapshot, filter, database.db);
    expect(again).not.toBe(first);
    expect(again).toEqual(first); // the newcomer has no score in this snapshot
  });

  test("without a filter they are the snapshot summary's figures, and the SQL agrees with them", async () => {
    const fromSummary = await getQuadrantAggregates(snapshot, {}, database.db);
    for (const quadrant of snapshot.summary.quadrants) {
      expect(fromSummary.find((row) => row.key === quadrant.key)).toMatchObject({
        customers: quadrant.customers,
        predictedClvCents: quadrant.predictedClvCents,
        historicClvCents: quadrant.historicClvCents,
      });
      expect(fromSummary.find((row) => row.key === quadrant.key)!.valueShare).toBeCloseTo(quadrant.valueShare, 12);
      expect(await countCustomerScores(snapshot, { quadrant: quadrant.key }, database.db)).toBe(quadrant.customers);
    }
  });
});

describe("sample allocation", () => {
  test.each([
    [[100, 50, 10, 0], 4000],
    [[90_000, 9_000, 900, 100], 4000],
    [[250_000, 250_000, 250_000, 250_000], 4000],
    [[1_000_000, 3, 0, 0], 4000],
    [[300, 300, 300, 300], 100],
  ])("%j with a budget of %i stays within the budget and gives small quadrants their share", (counts, budget) => {
    const sizes = allocateSample(counts, budget);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
    sizes.forEach((size, i) => {
      expect(size).toBeLessThanOrEqual(counts[i]!);
      expect(size).toBeGreaterThanOrEqual(Math.min(counts[i]!, MIN_PER_QUADRANT, Math.floor(budget / 4)));
    });
    if (total <= budget) expect(sizes).toEqual(counts);
    else expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(budget - 8);
  });

  test("the documented example", () => {
    expect(allocateSample([90_000, 9_000, 900, 100], 4000)).toEqual([2851, 635, 413, 100]);
  });
});

describe("quadrant map points", () => {
  test("with fewer customers than the sample size, every customer is a point", async () => {
    const map = await getQuadrantMap(snapshot, {}, {}, database.db);
    expect(map.customers).toBe(snapshot.customers);
    expect(map.customers).toBeLessThan(SAMPLE_SIZE);
    expect(map.points).toHaveLength(map.customers);
    expect(map.sampled).toBe(false);
    const measure = snapshot.summary.quadrantAxes!.clvMeasure;
    const one = (await getCustomerScores(snapshot, {}, { limit: 1 }, database.db))[0]!;
    const point = map.points.find((row) => row.customerId === one.customerId)!;
    expect(point).toMatchObject({ relationshipDays: one.relationshipLengthDays, ended: one.relationshipEnded === 1, clvTier: one.clvTier, rfmSegment: one.rfmSegment, quadrant: one.quadrant, label: one.name });
    expect(point.clvCents).toBe(measure === "historic" ? one.historicClvCents : measure === "total" ? one.totalClvCents : one.predictedClvCents);
  });

  test("a sample stays within its bound, keeps every quadrant and the extremes, and is the same every time", async () => {
    const sampleSize = 60;
    for (const filter of [{}, { tier: 2 }, { acquiredFrom: "2024-09-01" }] satisfies CustomerFilter[]) {
      const map = await getQuadrantMap(snapshot, filter, { sampleSize }, database.db);
      const label = JSON.stringify(filter);
      expect(map.customers, label).toBe(await countCustomerScores(snapshot, filter, database.db));
      expect(map.sampled, label).toBe(true);
      // At most the sample plus 4 extremes per quadrant, no customer twice.
      expect(map.points.length, label).toBeLessThanOrEqual(sampleSize + 16);
      expect(new Set(map.points.map((point) => point.customerId)).size, label).toBe(map.points.length);
      const rows = await getCustomerScores(snapshot, filter, { limit: 10_000 }, database.db);
      const ids = new Set(rows.map((row) => row.customerId));
      expect(map.points.every((point) => ids.has(point.customerId)), label).toBe(true);
      for (const aggregate of map.quadrants.filter((row) => row.customers > 0)) {
        const mine = rows.filter((row) => row.quadrant === aggregate.key);
        const drawn = map.points.filter((point) => point.quadrant === aggregate.key);
        expect(drawn.length, `${label} ${aggregate.key}`).toBeGreaterThanOrEqual(Math.min(aggregate.customers, 4));
        const measure = snapshot.summary.quadrantAxes!.clvMeasure;
        const clv = (row: (typeof rows)[number]) => (measure === "historic" ? row.historicClvCents : measure === "total" ? row.totalClvCents : row.predictedClvCents);
        const extremes = [
          Math.max(...mine.map(clv)),
          Math.min(...mine.map(clv)),
        ];
        expect(drawn.map((point) => point.clvCents), `${label} ${aggregate.key}`).toEqual(expect.arrayContaining(extremes));
        const days = mine.map((row) => row.relationshipLengthDays!);
        expect(drawn.map((point) => point.relationshipDays), `${label} ${aggregate.key}`).toEqual(
          expect.arrayContaining([Math.max(...days), Math.min(...days)]),
        );
      }
      expect(await getQuadrantMap(snapshot, filter, { sampleSize }, database.db)).toEqual(map);
    }
  });

  test("the sample spreads over the whole quadrant, not the first rows", async () => {
    const map = await getQuadrantMap(snapshot, {}, { sampleSize: 100 }, database.db);
    const ids = map.points.map((point) => point.customerId);
    const all = (await getCustomerScores(snapshot, {}, { limit: 10_000, orderBy: "name" }, database.db)).map((row) => row.customerId).sort((a, b) => a - b);
    const median = all[all.length >> 1]!;
    const above = ids.filter((id) => id > median).length / ids.length;
    expect(above).toBeGreaterThan(0.3);
    expect(above).toBeLessThan(0.7);
  });

  test("an empty filter result gives no points", async () => {
    const map = await getQuadrantMap(snapshot, { search: "nobody-has-this-name" }, {}, database.db);
    expect(map).toMatchObject({ customers: 0, points: [], sampled: false });
  });
});
