import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customerAttributes, customers } from "@/db/schema";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import { countCustomerScores, getCustomerScores } from "./customer-scores";
import { getDriverCounts, valueCountsByJoin, valueCountsOfAll } from "./drivers";
import { getCrossTable, getGroupFigures, getSegmentBreakdown } from "./segments";
import { customerExportChunks } from "./segments-export";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import type { SnapshotInfo } from "./snapshots";

/** Every row of an export, chunk after chunk. */
async function exportedRows<Row>(chunks: AsyncIterable<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const chunk of chunks) rows.push(...chunk);
  return rows;
}

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => {
  const opened = await openScoredDemoCompany();
  database = opened.database;
  snapshot = opened.snapshot;
});
afterAll(() => database.close());

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("segment breakdown", () => {
  test("cross-table cells add up to the tier and segment totals of the snapshot and to the customer count", async () => {
    const breakdown = await getSegmentBreakdown(snapshot, {}, database.db);
    const all = await countCustomerScores(snapshot, {}, database.db);
    expect(sum(breakdown.cells.map((cell) => cell.customers))).toBe(all);
    expect(breakdown.totals.customers).toBe(all);
    for (const tier of snapshot.summary.tiers) {
      const cells = breakdown.cells.filter((cell) => cell.tier === tier.tier);
      expect(sum(cells.map((cell) => cell.customers))).toBe(tier.customers);
      expect(sum(cells.map((cell) => cell.predictedClvCents))).toBeCloseTo(tier.predictedClvCents, -1);
      const figures = breakdown.tiers.find((row) => row.tier === tier.tier)!;
      expect(figures).toMatchObject({ name: tier.name, customers: tier.customers });
      expect(figures.valueShare).toBeCloseTo(tier.valueShare, 6);
    }
    for (const segment of snapshot.summary.rfm) {
      expect(sum(breakdown.cells.filter((cell) => cell.segment === segment.key).map((cell) => cell.customers))).toBe(segment.customers);
      expect(breakdown.rfm.find((row) => row.key === segment.key)!.customers).toBe(segment.customers);
    }
    expect(breakdown.rfm.map((row) => row.key)).toEqual([...RFM_SEGMENT_KEYS]);
    expect(sum(breakdown.quadrants.map((row) => row.customers))).toBe(all);
    expect(sum(breakdown.tiers.map((row) => row.valueShare))).toBeCloseTo(1, 9);
    expect(sum(breakdown.rfm.map((row) => row.customerShare))).toBeCloseTo(1, 9);
  });

  test("each cell's count is the number of customers of that tier and segment", async () => {
    for (const cell of await getCrossTable(snapshot, {}, database.db)) {
      expect(await countCustomerScores(snapshot, { tier: cell.tier, segment: cell.segment }, database.db)).toBe(cell.customers);
    }
  });

  test("with a filter: quadrants from SQL agree with the summary path, and everything is within the filter", async () => {
    const channel = (await getCustomerScores(snapshot, {}, { limit: 1 }, database.db))[0]!.channel!;
    const filter: CustomerFilter = { channel };
    const breakdown = await getSegmentBreakdown(snapshot, filter, database.db);
    const filtered = await countCustomerScores(snapshot, filter, database.db);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(snapshot.customers);
    expect(breakdown.totals.customers).toBe(filtered);
    expect(sum(breakdown.tiers.map((row) => row.customers))).toBe(filtered);
    expect(sum(breakdown.rfm.map((row) => row.customers))).toBe(filtered);
    for (const quadrant of breakdown.quadrants) {
      expect(quadrant.customers).toBe(await countCustomerScores(snapshot, { ...filter, quadrant: quadrant.key }, database.db));
      expect(quadrant.name).toBe(snapshot.summary.quadrants.find((row) => row.key === quadrant.key)!.name);
    }
    // A quadrant filter on a scores-only path: summary vs GROUP BY must agree too.
    const byTier = await getSegmentBreakdown(snapshot, { tier: 1 }, database.db);
    expect(byTier.tiers[0]!.customers).toBe(snapshot.summary.tiers[0]!.customers);
    expect(sum(byTier.tiers.slice(1).map((row) => row.customers))).toBe(0);
  });

  test("group figures: count, CLV and average P(alive)", async () => {
    const figures = await getGroupFigures(snapshot, { segment: "champions" }, database.db);
    const summary = snapshot.summary.rfm.find((row) => row.key === "champions")!;
    expect(figures.customers).toBe(summary.customers);
    expect(figures.predictedClvCents).toBeCloseTo(summary.predictedClvCents, -1);
    if (snapshot.model !== "simple") {
      expect(figures.averageProbabilityAlive).toBeGreaterThan(0);
      expect(figures.averageProbabilityAlive).toBeLessThanOrEqual(1);
    }
    expect(await getGroupFigures(snapshot, { search: "no such customer ' OR 1=1 --" }, database.db)).toMatchObject({ customers: 0, predictedClvCents: 0 });
  });
});

describe("driver counts", () => {
  test("segment counts are within the overall counts, group sizes match the customer counts", async () => {
    const drivers = await getDriverCounts(snapshot, { tier: 1 }, {}, database.db);
    expect(drivers.segmentCustomers).toBe(await countCustomerScores(snapshot, { tier: 1 }, database.db));
    expect(drivers.overallCustomers).toBe(await countCustomerScores(snapshot, {}, database.db));
    expect(drivers.counts.length).toBeGreaterThan(5);
    for (const value of drivers.counts) {
      expect(value.segmentCount).toBeLessThanOrEqual(value.overallCount);
      expect(value.overallCount).toBeLessThanOrEqual(drivers.overallCustomers);
    }
    const loyal = drivers.counts.find((value) => value.key === "loyalty_member" && value.value === "yes")!;
    expect(loyal.overallCount).toBe(await countCustomerScores(snapshot, { attributes: [{ key: "loyalty_member", value: "yes" }] }, database.db));
    expect(loyal.segmentCount).toBe(await countCustomerScores(snapshot, { tier: 1, attributes: [{ key: "loyalty_member", value: "yes" }] }, database.db));
    const channels = drivers.counts.filter((value) => value.dimension === "channel");
    expect(sum(channels.map((value) => value.overallCount))).toBe(drivers.overallCustomers);
    for (const channel of channels) {
      expect(channel.segmentCount).toBe(await countCustomerScores(snapshot, { tier: 1, channel: channel.value }, database.db));
    }
  });

  test("the fast count of all customers equals the join, also with customers the snapshot did not score", async () => {
    const [{ id }] = (await database.db
      .insert(customers)
      .values({ externalId: "NOT-SCORED-1", name: "New Customer", country: "NL", acquisitionChannel: "Webshop" })
      .returning({ id: customers.id })) as [{ id: number }];
    await database.db.insert(customerAttributes).values([
      { customerId: id, key: "loyalty_member", value: "yes" },
      { customerId: id, key: "only_new", value: "x" },
    ]);
    const sorted = (counts: Awaited<ReturnType<typeof valueCountsOfAll>>) => ({
      customers: counts.customers,
      values: [...counts.values].sort((a, b) => `${a.dimension}${a.key}${a.value}`.localeCompare(`${b.dimension}${b.key}${b.value}`)),
    });
    const fast = sorted(await valueCountsOfAll(snapshot, database.db));
    expect(fast).toEqual(sorted(await valueCountsByJoin(snapshot, {}, database.db)));
    expect(fast.customers).toBe(snapshot.customers);
    expect(fast.values.some((value) => value.key === "only_new")).toBe(false);
    await database.db.delete(customers).where(eq(customers.id, id));
  });

  test("a dimension the filter fixes is left out", async () => {
    const channel = (await getCustomerScores(snapshot, {}, { limit: 1 }, database.db))[0]!.channel!;
    const drivers = await getDriverCounts(snapshot, { tier: 1, channel }, { channel }, database.db);
    expect(drivers.counts.some((value) => value.dimension === "channel")).toBe(false);
    expect(drivers.counts.some((value) => value.dimension === "country")).toBe(true);
    expect(drivers.overallCustomers).toBe(await countCustomerScores(snapshot, { channel }, database.db));
  });
});

describe("customer export", () => {
  test("chunks cover every customer of the filter once, most valuable first", async () => {
    const filter: CustomerFilter = { segment: "hibernating" };
    const expected = await countCustomerScores(snapshot, filter, database.db);
    const rows = await exportedRows(customerExportChunks(snapshot, filter, { chunkRows: 7 }, database.db));
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((row) => row.customerId)).size).toBe(expected);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.predictedClvCents > b.predictedClvCents || (a.predictedClvCents === b.predictedClvCents && a.customerId < b.customerId)).toBe(true);
    }
    expect(rows.every((row) => row.rfmSegment === "hibernating")).toBe(true);
  });

  test("an exact multiple of the chunk size ends cleanly; nothing matches gives no chunks", async () => {
    const expected = await countCustomerScores(snapshot, { tier: 1 }, database.db);
    expect(await exportedRows(customerExportChunks(snapshot, { tier: 1 }, { chunkRows: expected }, database.db))).toHaveLength(expected);
    expect(await exportedRows(customerExportChunks(snapshot, { search: "' OR 1=1 --" }, {}, database.db))).toEqual([]);
  });
});
