import "server-only";
import { visibleCustomerField } from "@/lib/import/store/customer-changes";
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isEmptyFilter, type CustomerFilter } from "@/lib/filters/customer-filter";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import { SINCE_FIRST_PURCHASE, type QuadrantAxes, type RelationshipDefinitionInForce, type SnapshotSummary } from "@/lib/scoring/types";
import { QUADRANT_KEYS, type QuadrantKey, type TierMeasure } from "@/lib/settings/schema";
import { customerFilterCondition, needsCustomerJoin } from "./customer-filter-sql";
import { snapshotRowsInTableOrder } from "./snapshot-rows";
import { failedRead, rememberForSnapshot } from "./support";
import { firstRow } from "@/db/first-row";
import { engineOf } from "@/db/engine";
import { rawRows } from "@/db/raw-rows";

/**
 * The quadrant map: every customer as a point, CLV (y) against relationship duration (x), split into four
 * quadrants at the snapshot's thresholds. With 100k+ customers the browser cannot draw (and the page must
 * not send) every point, so this module returns two things:
 *
 * 1. Exact aggregates per quadrant for the filter (customers, historic and predicted CLV, value share),
 *    from one SQL GROUP BY. Without a filter they are the snapshot summary's own figures, which were
 *    computed from the same rows (the tests check that both agree), so the common case reads no rows.
 *
 * 2. A representative sample of at most `SAMPLE_SIZE` points plus the extremes:
 *    - Stratified by quadrant, so a small quadrant stays visible: each quadrant first gets up to
 *      `MIN_PER_QUADRANT` points, the rest of the budget is shared in proportion to the customers left.
 *      Densities therefore differ a little between quadrants; the counts on the map are the exact ones.
 *    - Within a quadrant a deterministic pseudo-random "bottom-k" sample: every row gets the hash
 *      `(rowid * 2654435761) mod 2^32` (Knuth's multiplicative hash, a permutation of 32-bit numbers that
 *      spreads consecutive rowids evenly), and the k rows with the smallest hashes are taken. That is a
 *      uniform sample without replacement, and the same request always gives the same sample. To keep it
 *      cheap at 1M rows, rows are first pre-selected with `hash < T` (T chosen so that about 1.25 k + 64
 *      rows qualify) and only those are sorted. Without a filter this runs on the (snapshot_id, quadrant)
 *      index alone (the rowid is part of every index), so only the chosen rows are read from the table:
 *      no ORDER BY random(), no full-table sort.
 *    - Plus, per quadrant, the customers with the highest and lowest CLV and the longest and shortest
 *      relationship (ties broken by the lowest customer id), so the map's outer edges are always real.
 *    With no more customers than `SAMPLE_SIZE`, every customer is returned.
 */

/** The most sampled points (the extremes come on top: at most 4 per quadrant). */
export const SAMPLE_SIZE = 4000;
/** What a small quadrant gets before the rest of the budget is shared in proportion. */
export const MIN_PER_QUADRANT = 400;
/**
 * Customer names longer than this are cut (with an ellipsis) in the map's tooltip data: with 4,000 points
 * the names are the largest part of the page, and this keeps it under 300 KB whatever the names are.
 */
export const MAX_LABEL = 22;

const HASH_MULTIPLIER = 2654435761;
const HASH_MODULUS = 4294967296;
/**
 * A score row's key: SQLite's rowid (a snapshot's rows are written in one go, so they hold one range of it), or on
 * PostgreSQL, which has no rowid, the customer id (unique within the snapshot every query here is limited to).
 */
const rowKey = (db: KlantwaardeDatabase) => (engineOf(db) === "postgres" ? sql<number>`${customerScores.customerId}` : sql<number>`${customerScores}.rowid`);
/** `(key mod 2^31) * multiplier` stays below 2^63: SQLite never turns it into a float. */
const rowHash = (db: KlantwaardeDatabase) => sql<number>`(((${rowKey(db)} % 2147483648) * ${sql.raw(String(HASH_MULTIPLIER))}) % ${sql.raw(String(HASH_MODULUS))})`;

/**
 * The map's x: relationship length as the snapshot defined it, or days since the first purchase in snapshots
 * computed before relationship length was stored (`relationship_length_days` is null there).
 */
export const relationshipLengthColumn = sql<number>`coalesce(${customerScores.relationshipLengthDays}, ${customerScores.relationshipDays})`;

/** The CLV column the map's y axis (and the quadrant split) uses. */
export function clvMeasureColumn(measure: TierMeasure) {
  return measure === "historic" ? customerScores.historicClvCents : measure === "total" ? customerScores.totalClvCents : customerScores.predictedClvCents;
}

/** One quadrant's exact figures for the filter. Money in cents. */
export interface QuadrantAggregate {
  key: QuadrantKey;
  customers: number;
  historicClvCents: number;
  predictedClvCents: number;
  /** Share of the filtered customers' predicted CLV (0..1), as the snapshot summary's value share. */
  valueShare: number;
}

/** One customer on the map. */
export interface QuadrantMapPoint {
  customerId: number;
  /** Name, or the customer number when the name is unknown or hidden from the reader (lib/privacy/masking.ts). */
  label: string;
  /** The map's CLV measure (see `QuadrantMap.axes.clvMeasure`), in cents. */
  clvCents: number;
  /** Relationship length in days (the map's x), as the snapshot's `axes.relationship` defines it. */
  relationshipDays: number;
  /** The relationship has ended (drawn as an open marker; always on the short side). */
  ended: boolean;
  clvTier: number;
  rfmSegment: RfmSegmentKey;
  quadrant: QuadrantKey;
}

export interface QuadrantMap {
  axes: QuadrantAxes & { relationship: RelationshipDefinitionInForce };
  /** In the order of QUADRANT_KEYS; quadrants without customers have zeros. */
  quadrants: QuadrantAggregate[];
  /** Customers matching the filter (the "of M" in "showing N of M"). */
  customers: number;
  /** The points to draw, sample and extremes without duplicates, ordered by customer id. */
  points: QuadrantMapPoint[];
  /** True when `points` is a sample (fewer points than customers). */
  sampled: boolean;
}

/** The snapshot fields the map needs (SnapshotInfo has them). */
export interface QuadrantMapSnapshot {
  id: number;
  asOfDate: string;
  summary: SnapshotSummary;
}

/**
 * Thresholds of a snapshot (medians unknown before the quadrant map used relationship duration), with the
 * relationship definition in force (days since the first purchase before it was stored).
 */
export function axesOf(summary: SnapshotSummary): QuadrantAxes & { relationship: RelationshipDefinitionInForce } {
  const axes = summary.quadrantAxes ?? { clvMeasure: "predicted", thresholdDays: 0, durationMode: "median", thresholdClvCents: 0, clvMode: "median" };
  return { ...axes, relationship: axes.relationship ?? SINCE_FIRST_PURCHASE };
}

function withShares(rows: Omit<QuadrantAggregate, "valueShare">[]): QuadrantAggregate[] {
  const total = rows.reduce((sum, row) => sum + row.predictedClvCents, 0);
  return rows.map((row) => ({ ...row, valueShare: total > 0 ? row.predictedClvCents / total : 0 }));
}

/**
 * Exact customers and CLV per quadrant for the filter, from one GROUP BY. Without a filter (or with only a
 * quadrant) they are the snapshot summary's figures. With a filter the snapshot's rows are read once in
 * table order (NOT INDEXED, within its rowid range) and only the matching rows are grouped: at 1M rows that
 * is several times faster than visiting the rows quadrant by quadrant through the quadrant index.
 */
export async function getQuadrantAggregates(snapshot: QuadrantMapSnapshot, filter: CustomerFilter = {}, db: KlantwaardeDatabase = getDb()): Promise<QuadrantAggregate[]> {
  const { quadrant, ...rest } = filter;
  if (isEmptyFilter(rest)) {
    const byKey = new Map(snapshot.summary.quadrants.map((row) => [row.key, row]));
    return withShares(
      QUADRANT_KEYS.map((key) => {
        const row = quadrant === undefined || quadrant === key ? byKey.get(key) : undefined;
        return { key, customers: row?.customers ?? 0, historicClvCents: row?.historicClvCents ?? 0, predictedClvCents: row?.predictedClvCents ?? 0 };
      }),
    );
  }
  // Cached like the map: the segments page asks for the same figures on every request.
  return await rememberForSnapshot(db, "quadrant-aggregates", snapshot.id, [filter], () => readQuadrantAggregates(snapshot, filter, db));
}

async function readQuadrantAggregates(snapshot: QuadrantMapSnapshot, filter: CustomerFilter, db: KlantwaardeDatabase): Promise<QuadrantAggregate[]> {
  try {
    const scoreRows = await snapshotRowsInTableOrder(snapshot.id, db);
    const join = needsCustomerJoin(filter) ? sql`left join ${customers} on ${customers.id} = ${customerScores.customerId}` : sql``;
    const rows = await rawRows<{ key: QuadrantKey; customers: number; historicClvCents: number; predictedClvCents: number }>(db, sql`
      select ${customerScores.quadrant} as key, count(*) as customers,
        coalesce(sum(${customerScores.historicClvCents}), 0) as "historicClvCents",
        coalesce(sum(${customerScores.predictedClvCents}), 0) as "predictedClvCents"
      from ${scoreRows.from} ${join}
      where ${scoreRows.where} and ${customerFilterCondition(snapshot, filter)}
      group by ${customerScores.quadrant}`);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return withShares(QUADRANT_KEYS.map((key) => ({ key, customers: 0, historicClvCents: 0, predictedClvCents: 0, ...byKey.get(key) })));
  } catch (error) {
    failedRead("the quadrant figures", error);
  }
}

/**
 * How many points each quadrant gets: all of them when everything fits, otherwise up to
 * `minimum` each and the rest of the budget in proportion to the customers left. Never more than `budget`.
 *
 * @example allocateSample([100, 50, 10, 0], 4000) // [100, 50, 10, 0]
 * @example allocateSample([90_000, 9_000, 900, 100], 4000) // [2851, 635, 413, 100]
 */
export function allocateSample(counts: readonly number[], budget = SAMPLE_SIZE, minimum = MIN_PER_QUADRANT): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= budget) return [...counts];
  const floor = Math.min(minimum, Math.floor(budget / counts.length));
  const base = counts.map((n) => Math.min(n, floor));
  const left = budget - base.reduce((sum, n) => sum + n, 0);
  const rest = total - base.reduce((sum, n) => sum + n, 0);
  return counts.map((n, i) => Math.min(n, base[i]! + Math.floor((left * (n - base[i]!)) / rest)));
}

/**
 * A point as remembered (shared by every reader of the snapshot): with both labels, so that a reader who may
 * not see names gets the customer number without a second query. Only one label leaves the server.
 */
export interface RememberedMapPoint extends QuadrantMapPoint {
  /** The customer number, cut like the label. */
  numberLabel: string;
}

/** The text cut to MAX_LABEL characters (with an ellipsis), in SQL. */
const cutLabel = (text: SQL) => sql<string>`(case when length(${text}) > ${MAX_LABEL} then substr(${text}, 1, ${MAX_LABEL - 1}) || '…' else ${text} end)`;

/**
 * A point's label in SQL (the customers row joined): the name (the customer number when there is none) for a reader
 * who may see names, else the customer number; cut to MAX_LABEL characters. Shared by the map and its tooltip's details.
 */
export const pointLabel = (personalData: boolean) =>
  cutLabel(personalData ? sql`coalesce(${visibleCustomerField(customers.name)}, ${customers.externalId}, '')` : sql`coalesce(${customers.externalId}, '')`);

const pointColumns = (measure: TierMeasure) => ({
  customerId: customerScores.customerId,
  label: pointLabel(true),
  numberLabel: pointLabel(false),
  clvCents: clvMeasureColumn(measure),
  relationshipDays: relationshipLengthColumn,
  ended: sql<boolean>`coalesce(${customerScores.relationshipEnded}, 0)`.mapWith(Boolean),
  clvTier: customerScores.clvTier,
  rfmSegment: customerScores.rfmSegment,
  quadrant: customerScores.quadrant,
});

/**
 * The condition for one quadrant. The quadrant column is derived from the thresholds, so the implied
 * ranges are added too: they let SQLite walk the (snapshot_id, predicted CLV) index for the CLV extremes.
 */
function quadrantCondition(key: QuadrantKey, axes: QuadrantAxes | undefined, clv: ReturnType<typeof clvMeasureColumn>): SQL {
  if (!axes) return eq(customerScores.quadrant, key);
  const high = key.startsWith("high");
  // The column holds whole cents and the threshold may be a median between two (2310.5): for whole numbers
  // `≥ 2310.5` is `≥ 2311` and `< 2310.5` is `< 2311`, a whole number that PostgreSQL's bigint parameter takes.
  const threshold = Math.ceil(axes.thresholdClvCents);
  return and(eq(customerScores.quadrant, key), high ? gte(clv, threshold) : lt(clv, threshold))!;
}

export interface SampleOptions {
  /** The most sampled points (default `SAMPLE_SIZE`; the minimum per quadrant scales with it). */
  sampleSize?: number;
}

/**
 * The rows (rowids) of a quadrant's extremes: highest and lowest CLV, longest and shortest relationship;
 * ties go to the row the index meets first. Only rowids, so no customer row is joined before the LIMIT.
 * The CLV extremes walk the (snapshot_id, predicted CLV) index from the threshold outwards; the duration
 * extremes are index seeks with an index on (snapshot_id, quadrant, relationship_days), and one pass over
 * the quadrant's rows without it.
 */
async function extremeRowids(snapshot: QuadrantMapSnapshot, filter: CustomerFilter, key: QuadrantKey, db: KlantwaardeDatabase): Promise<number[]> {
  const axes = axesOf(snapshot.summary);
  const clv = clvMeasureColumn(axes.clvMeasure);
  const rowid = rowKey(db);
  const base = customerFilterCondition(snapshot, filter);
  const byClv = and(base, quadrantCondition(key, snapshot.summary.quadrantAxes, clv))!;
  const inQuadrant = and(base, eq(customerScores.quadrant, key))!;
  const first = async (where: SQL, column: AnySQLiteColumn | SQL, direction: typeof asc) => {
    const query = db.select({ rowid }).from(customerScores);
    const joined = needsCustomerJoin(filter) ? query.leftJoin(customers, eq(customers.id, customerScores.customerId)) : query;
    return (await firstRow(joined.where(where).orderBy(direction(column), direction(rowid)).limit(1)))?.rowid;
  };
  const extremes = [
    await first(byClv, clv, desc),
    await first(byClv, clv, asc),
    await first(inQuadrant, lengthColumnOf(snapshot.summary), desc),
    await first(inQuadrant, lengthColumnOf(snapshot.summary), asc),
  ];
  return extremes.filter((id): id is number => id !== undefined);
}

/** The length column itself where the snapshot stored it (so the (snapshot, quadrant, length) index serves the extremes). */
function lengthColumnOf(summary: SnapshotSummary): AnySQLiteColumn | SQL {
  return summary.quadrantAxes?.relationship ? customerScores.relationshipLengthDays : relationshipLengthColumn;
}

/** The sample and the extremes of the map (see the module comment for the method). */
export async function getQuadrantMapPoints(
  snapshot: QuadrantMapSnapshot,
  filter: CustomerFilter,
  aggregates: QuadrantAggregate[],
  { sampleSize = SAMPLE_SIZE }: SampleOptions = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<RememberedMapPoint[]> {
  const axes = axesOf(snapshot.summary);
  const columns = pointColumns(axes.clvMeasure);
  const base = customerFilterCondition(snapshot, filter);
  const select = () => db.select(columns).from(customerScores).leftJoin(customers, eq(customers.id, customerScores.customerId));
  try {
    const total = aggregates.reduce((sum, row) => sum + row.customers, 0);
    if (total <= sampleSize) {
      return (await select().where(base).orderBy(asc(customerScores.customerId)).limit(sampleSize)) as RememberedMapPoint[];
    }
    const sizes = allocateSample(
      aggregates.map((row) => row.customers),
      sampleSize,
      Math.round((sampleSize * MIN_PER_QUADRANT) / SAMPLE_SIZE),
    );
    const points = new Map<number, RememberedMapPoint>();
    const extremeRows: number[] = [];
    for (const [index, aggregate] of aggregates.entries()) {
      const size = sizes[index]!;
      if (aggregate.customers === 0 || size === 0) continue;
      const inQuadrant = and(base, eq(customerScores.quadrant, aggregate.key))!;
      const rows =
        size >= aggregate.customers
          ? await select().where(inQuadrant)
          : await select()
              .where(and(inQuadrant, sql`${rowHash(db)} < ${Math.min(HASH_MODULUS, Math.ceil((HASH_MODULUS * (1.25 * size + 64)) / aggregate.customers))}`))
              .orderBy(rowHash(db), asc(customerScores.customerId))
              .limit(size);
      for (const row of rows as RememberedMapPoint[]) points.set(row.customerId, row);
      extremeRows.push(...(await extremeRowids(snapshot, filter, aggregate.key, db)));
    }
    if (extremeRows.length > 0) {
      const rows = (await select().where(and(base, inArray(rowKey(db), [...new Set(extremeRows)])))) as RememberedMapPoint[];
      for (const row of rows) points.set(row.customerId, row);
    }
    return [...points.values()].sort((a, b) => a.customerId - b.customerId);
  } catch (error) {
    failedRead("the customers on the quadrant map", error);
  }
}

export interface QuadrantMapOptions extends SampleOptions {
  /**
   * Whether the reader sees names (lib/privacy/masking-server.ts). False: every label is the customer number.
   * Default true, for the command line and tests; every page passes the request's answer.
   */
  personalData?: boolean;
}

/** Everything the quadrant map shows for a snapshot and a filter. */
export async function getQuadrantMap(
  snapshot: QuadrantMapSnapshot,
  filter: CustomerFilter = {},
  { personalData = true, ...options }: QuadrantMapOptions = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<QuadrantMap> {
  const map = await rememberedMap(snapshot, filter, options, db);
  return { ...map, points: labelledPoints(map.points, personalData) };
}

/** The points with one label each, made once per remembered map and kind of reader (shared: never change them). */
const labelled = new WeakMap<readonly RememberedMapPoint[], { names?: QuadrantMapPoint[]; numbers?: QuadrantMapPoint[] }>();

/** Labels are chosen after the cache, which all readers share: names for those who see them, numbers for the rest. */
function labelledPoints(points: readonly RememberedMapPoint[], personalData: boolean): QuadrantMapPoint[] {
  let kinds = labelled.get(points);
  if (!kinds) labelled.set(points, (kinds = {}));
  const kind = personalData ? "names" : "numbers";
  return (kinds[kind] ??= points.map(({ numberLabel, label, ...point }) => ({ ...point, label: personalData ? label : numberLabel })));
}

async function rememberedMap(
  snapshot: QuadrantMapSnapshot,
  filter: CustomerFilter,
  options: SampleOptions,
  db: KlantwaardeDatabase,
): Promise<Omit<QuadrantMap, "points"> & { points: RememberedMapPoint[] }> {
  // Kept with the snapshot (and the customer data version when the filter reads customers or soft data).
  return await rememberForSnapshot(db, `quadrant-map:${options.sampleSize ?? SAMPLE_SIZE}`, snapshot.id, [filter], async () => {
    const quadrants = await getQuadrantAggregates(snapshot, filter, db);
    const total = quadrants.reduce((sum, row) => sum + row.customers, 0);
    const points = total === 0 ? [] : await getQuadrantMapPoints(snapshot, filter, quadrants, options, db);
    return { axes: axesOf(snapshot.summary), quadrants, customers: total, points, sampled: points.length < total };
  });
}

/** Who is in a quadrant: the members' median P(alive) (null without one) and days since the last purchase. */
export interface QuadrantMembers {
  key: QuadrantKey;
  medianProbabilityAlive: number | null;
  medianDaysSinceLastPurchase: number | null;
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/**
 * The quadrant cards' medians for the filter. Without a filter they are the snapshot summary's (computed with
 * the snapshot); with one, or for snapshots from before the summary held them, the matching rows are read
 * once (cached with the snapshot, like the map).
 */
export async function getQuadrantMembers(snapshot: QuadrantMapSnapshot, filter: CustomerFilter = {}, db: KlantwaardeDatabase = getDb()): Promise<QuadrantMembers[]> {
  const { quadrant, ...rest } = filter;
  const stored = snapshot.summary.quadrants;
  if (isEmptyFilter(rest) && stored.every((row) => row.medianDaysSinceLastPurchase !== undefined)) {
    return QUADRANT_KEYS.map((key) => {
      const row = quadrant === undefined || quadrant === key ? stored.find((candidate) => candidate.key === key) : undefined;
      return { key, medianProbabilityAlive: row?.medianProbabilityAlive ?? null, medianDaysSinceLastPurchase: row?.medianDaysSinceLastPurchase ?? null };
    });
  }
  return await rememberForSnapshot(db, "quadrant-members", snapshot.id, [filter], async () => {
    try {
      const scoreRows = await snapshotRowsInTableOrder(snapshot.id, db);
      const join = needsCustomerJoin(filter) ? sql`left join ${customers} on ${customers.id} = ${customerScores.customerId}` : sql``;
      const rows = await rawRows<{ key: QuadrantKey; alive: number | null; days: number }>(db, sql`
        select ${customerScores.quadrant} as key, ${customerScores.probabilityAlive} as alive, ${customerScores.daysSinceLastPurchase} as days
        from ${scoreRows.from} ${join}
        where ${scoreRows.where} and ${customerFilterCondition(snapshot, filter)}`);
      const groups = new Map(QUADRANT_KEYS.map((key) => [key, { alive: [] as number[], days: [] as number[] }]));
      for (const row of rows) {
        const group = groups.get(row.key);
        if (!group) continue;
        if (row.alive !== null) group.alive.push(row.alive);
        group.days.push(row.days);
      }
      return QUADRANT_KEYS.map((key) => ({ key, medianProbabilityAlive: medianOf(groups.get(key)!.alive), medianDaysSinceLastPurchase: medianOf(groups.get(key)!.days) }));
    } catch (error) {
      failedRead("the quadrants' members", error);
    }
  });
}
