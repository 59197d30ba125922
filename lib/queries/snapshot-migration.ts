import "server-only";
import { visibleCustomerField } from "@/lib/import/store/customer-changes";
import { inArray, sql, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import { SINCE_FIRST_PURCHASE } from "@/lib/scoring/types";
import { QUADRANT_KEYS } from "@/lib/settings/schema";
import type { MigrationGrouping } from "./snapshot-compare-keys";
import type { SnapshotInfo } from "./snapshots";
import { failedRead, rememberForSnapshot } from "./support";
import { rawRows } from "@/db/raw-rows";

/**
 * How customers moved between two snapshots, customer by customer: the migration matrix between tiers, RFM
 * segments or quadrants, the customers of one of its cells, and the biggest movers in predicted CLV. These
 * read the per-customer scores of both snapshots (customer_scores); the headline figures, which come from
 * each snapshot's summary, are in snapshot-compare.ts.
 */

// ---------------------------------------------------------------------------------------------------
// Quadrant definitions

/**
 * Whether two snapshots measured relationship length differently (lib/scoring/quadrants.ts): then customers
 * changed quadrant because the definition changed, and the quadrant migration is not shown as moves.
 * Snapshots from before the definition was stored measured the time since the first purchase.
 */
export function relationshipDefinitionsDiffer(a: Pick<SnapshotInfo, "summary">, b: Pick<SnapshotInfo, "summary">): boolean {
  const definition = (snapshot: Pick<SnapshotInfo, "summary">) => JSON.stringify(snapshot.summary.quadrantAxes?.relationship ?? SINCE_FIRST_PURCHASE);
  return definition(a) !== definition(b);
}


// ---------------------------------------------------------------------------------------------------
// Migration between groups


const GROUP_COLUMN: Record<MigrationGrouping, string> = { tier: "clv_tier", rfm: "rfm_segment", quadrant: "quadrant" };

/**
 * Customers in one cell of the migration matrix: in group `from` of the earlier snapshot and group `to` of
 * the later one. `from` null: not scored in the earlier snapshot (a new customer); `to` null: not scored in
 * the later one. Predicted CLV in cents in each snapshot (0 where not scored).
 */
export interface MigrationCell {
  from: string | null;
  to: string | null;
  customers: number;
  beforeClvCents: number;
  afterClvCents: number;
}

/** One group of one side of the matrix: its key (tier number, RFM segment or quadrant key), customers and predicted CLV. */
export interface MigrationGroup {
  key: string;
  customers: number;
  predictedClvCents: number;
}

export interface MigrationMatrix {
  by: MigrationGrouping;
  fromId: number;
  toId: number;
  /** The groups of the earlier snapshot, in their natural order (tier 1 first, RFM and quadrants as the summary lists them). */
  rows: MigrationGroup[];
  /** The groups of the later snapshot. */
  columns: MigrationGroup[];
  /** The non-empty cells, including the row of new customers (from null) and the column of customers no longer scored (to null). */
  cells: MigrationCell[];
  /** Customers in the same group in both snapshots. */
  stayed: number;
  /** Customers scored in both snapshots, in another group. */
  moved: number;
  newCustomers: number;
  noLongerScored: number;
}

/** The groups of a snapshot's summary in their order, with counts and value (exact: the summary sums the stored integer cents). */
function summaryGroups(snapshot: SnapshotInfo, by: MigrationGrouping): MigrationGroup[] {
  const { summary } = snapshot;
  switch (by) {
    case "tier":
      return summary.tiers.map((row) => ({ key: String(row.tier), customers: row.customers, predictedClvCents: row.predictedClvCents }));
    case "rfm":
      return summary.rfm.map((row) => ({ key: row.key, customers: row.customers, predictedClvCents: row.predictedClvCents }));
    case "quadrant":
      return summary.quadrants.map((row) => ({ key: row.key, customers: row.customers, predictedClvCents: row.predictedClvCents }));
  }
}

/** The natural order of a grouping's keys: known keys first in their fixed order, unknown ones (from old snapshots) after. */
function orderKeys(by: MigrationGrouping, keys: Iterable<string>): string[] {
  const known: readonly string[] = by === "rfm" ? RFM_SEGMENT_KEYS : by === "quadrant" ? QUADRANT_KEYS : [];
  const rank = (key: string) => (by === "tier" ? Number(key) : known.indexOf(key) < 0 ? known.length : known.indexOf(key));
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The migration query: every customer scored in the earlier snapshot, their group there and (through the
 * later snapshot's primary key) their group in the later one, counted per pair. The range on customer_id
 * makes SQLite walk the earlier snapshot in (snapshot_id, customer_id) order, so the lookups into the later
 * snapshot run through the primary key in the same order instead of jumping around. Exported for the test
 * that checks the plan.
 */
export function migrationQuery(fromId: number, toId: number, by: MigrationGrouping): SQL {
  const column = sql.raw(GROUP_COLUMN[by]);
  return sql`select cast(a.${column} as text) as "from", cast(b.${column} as text) as "to", count(*) as customers,
      sum(a.predicted_clv_cents) as "beforeClvCents", coalesce(sum(b.predicted_clv_cents), 0) as "afterClvCents"
    from customer_scores a
    left join customer_scores b on b.snapshot_id = ${toId} and b.customer_id = a.customer_id
    where a.snapshot_id = ${fromId} and a.customer_id > 0
    group by 1, 2`;
}

/**
 * How the customers of `from` are spread over the groups of `to`. One pass over the earlier snapshot with a
 * primary-key lookup per customer into the later one; the customers new in `to` follow from its summary (its
 * group totals minus those already counted), so the later snapshot is never scanned. Cached per (from, to, by):
 * the scores of a complete snapshot never change.
 */
export async function getMigrationMatrix(from: SnapshotInfo, to: SnapshotInfo, by: MigrationGrouping, db: KlantwaardeDatabase = getDb()): Promise<MigrationMatrix> {
  try {
    return await rememberForSnapshot(db, `migration:${by}:${to.id}`, from.id, [], async () => {
      const found = await rawRows<MigrationCell>(db, migrationQuery(from.id, to.id, by));
      const fromGroups = summaryGroups(from, by);
      const toGroups = summaryGroups(to, by);
      // Customers of each later group already counted (they were scored in the earlier snapshot too).
      const counted = new Map<string, { customers: number; value: number }>();
      for (const cell of found) {
        if (cell.to === null) continue;
        const sum = counted.get(cell.to) ?? { customers: 0, value: 0 };
        sum.customers += cell.customers;
        sum.value += cell.afterClvCents;
        counted.set(cell.to, sum);
      }
      const newCells: MigrationCell[] = toGroups
        .map((group) => ({
          from: null,
          to: group.key,
          customers: group.customers - (counted.get(group.key)?.customers ?? 0),
          beforeClvCents: 0,
          afterClvCents: group.predictedClvCents - (counted.get(group.key)?.value ?? 0),
        }))
        .filter((cell) => cell.customers > 0);
      const cells = [...found, ...newCells];
      const rowKeys = orderKeys(by, [...fromGroups.map((group) => group.key), ...found.map((cell) => cell.from!)]);
      const columnKeys = orderKeys(by, [...toGroups.map((group) => group.key), ...found.flatMap((cell) => (cell.to === null ? [] : [cell.to]))]);
      const groupOf = (groups: MigrationGroup[], key: string) => groups.find((group) => group.key === key) ?? { key, customers: 0, predictedClvCents: 0 };
      const total = (filter: (cell: MigrationCell) => boolean) => cells.filter(filter).reduce((sum, cell) => sum + cell.customers, 0);
      return {
        by,
        fromId: from.id,
        toId: to.id,
        rows: rowKeys.map((key) => groupOf(fromGroups, key)),
        columns: columnKeys.map((key) => groupOf(toGroups, key)),
        cells,
        stayed: total((cell) => cell.from !== null && cell.from === cell.to),
        moved: total((cell) => cell.from !== null && cell.to !== null && cell.from !== cell.to),
        newCustomers: total((cell) => cell.from === null),
        noLongerScored: total((cell) => cell.to === null),
      };
    });
  } catch (error) {
    failedRead(`the migration between snapshots ${from.id} and ${to.id}`, error);
  }
}

// ---------------------------------------------------------------------------------------------------
// Customers: the biggest movers and the customers of one cell

/** A customer in both snapshots (or one of them), with their groups and predicted CLV in each. */
export interface ComparedCustomer {
  customerId: number;
  name: string | null;
  externalId: string;
  /** Null where the customer was not scored. */
  beforeClvCents: number | null;
  afterClvCents: number | null;
  beforeTier: number | null;
  afterTier: number | null;
  beforeSegment: string | null;
  afterSegment: string | null;
}

type ScoredPair = Omit<ComparedCustomer, "name" | "externalId">;

/**
 * Names change with imports, so they are read fresh for the (few) customers shown; the figures come from the
 * cache. `personalData` false (lib/privacy/masking.ts): the customer numbers only, no name is read.
 */
async function withNames(rows: ScoredPair[], personalData: boolean, db: KlantwaardeDatabase): Promise<ComparedCustomer[]> {
  if (rows.length === 0) return [];
  const names = new Map(
    (await db
      .select({ id: customers.id, name: personalData ? visibleCustomerField(customers.name) : sql<string | null>`null`, externalId: customers.externalId })
      .from(customers)
      .where(inArray(customers.id, rows.map((row) => row.customerId)))
      )
      .map((row) => [row.id, row]),
  );
  return rows.map((row) => ({ ...row, name: names.get(row.customerId)?.name ?? null, externalId: names.get(row.customerId)?.externalId ?? String(row.customerId) }));
}

const PAIR_COLUMNS = sql.raw(`a.customer_id as "customerId", a.predicted_clv_cents as "beforeClvCents", b.predicted_clv_cents as "afterClvCents",
  a.clv_tier as "beforeTier", b.clv_tier as "afterTier", a.rfm_segment as "beforeSegment", b.rfm_segment as "afterSegment"`);

/** The customers in both snapshots whose predicted CLV rose (`up`) or fell (`down`) the most, `limit` of each. */
export async function getBiggestMovers(
  from: SnapshotInfo,
  to: SnapshotInfo,
  { limit = 20, personalData = true }: { limit?: number; personalData?: boolean } = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<{ up: ComparedCustomer[]; down: ComparedCustomer[] }> {
  try {
    const movers = await rememberForSnapshot(db, `movers:${limit}:${to.id}`, from.id, [], async () => {
      const query = (direction: "up" | "down") =>
        rawRows<ScoredPair>(db, sql`select ${PAIR_COLUMNS}
          from customer_scores a
          join customer_scores b on b.snapshot_id = ${to.id} and b.customer_id = a.customer_id
          where a.snapshot_id = ${from.id} and a.customer_id > 0
            and b.predicted_clv_cents ${sql.raw(direction === "up" ? ">" : "<")} a.predicted_clv_cents
          order by b.predicted_clv_cents - a.predicted_clv_cents ${sql.raw(direction === "up" ? "desc" : "asc")}, a.customer_id
          limit ${limit}`);
      return { up: await query("up"), down: await query("down") };
    });
    return { up: await withNames(movers.up, personalData, db), down: await withNames(movers.down, personalData, db) };
  } catch (error) {
    failedRead(`the biggest movers between snapshots ${from.id} and ${to.id}`, error);
  }
}

/** Whether `key` is a group of the matrix side (null = new customers / no longer scored). */
export function isMatrixKey(groups: MigrationGroup[], key: string | null): boolean {
  return key === null || groups.some((group) => group.key === key);
}

/**
 * The customers of one cell of the migration matrix, most valuable (in the later snapshot, or the earlier one for
 * customers no longer scored) first, a page at a time. The cell's size is in the matrix.
 */
export async function getMigrationCustomers(
  from: SnapshotInfo,
  to: SnapshotInfo,
  by: MigrationGrouping,
  cell: { from: string | null; to: string | null },
  { limit = 50, offset = 0, personalData = true }: { limit?: number; offset?: number; personalData?: boolean } = {},
  db: KlantwaardeDatabase = getDb(),
): Promise<ComparedCustomer[]> {
  if (cell.from === null && cell.to === null) return [];
  const column = sql.raw(GROUP_COLUMN[by]);
  const value = (key: string) => (by === "tier" ? Number(key) : key);
  try {
    const rows = await rememberForSnapshot(db, `migration-customers:${by}:${to.id}:${cell.from ?? ""}>${cell.to ?? ""}:${limit}:${offset}`, from.id, [], async () => {
      if (cell.from === null) {
        return await rawRows<ScoredPair>(db, sql`select b.customer_id as "customerId", null as "beforeClvCents", b.predicted_clv_cents as "afterClvCents",
            null as "beforeTier", b.clv_tier as "afterTier", null as "beforeSegment", b.rfm_segment as "afterSegment"
          from customer_scores b
          where b.snapshot_id = ${to.id} and b.${column} = ${value(cell.to!)}
            and not exists (select 1 from customer_scores a where a.snapshot_id = ${from.id} and a.customer_id = b.customer_id)
          order by b.predicted_clv_cents desc, b.customer_id limit ${limit} offset ${offset}`);
      }
      if (cell.to === null) {
        return await rawRows<ScoredPair>(db, sql`select a.customer_id as "customerId", a.predicted_clv_cents as "beforeClvCents", null as "afterClvCents",
            a.clv_tier as "beforeTier", null as "afterTier", a.rfm_segment as "beforeSegment", null as "afterSegment"
          from customer_scores a
          where a.snapshot_id = ${from.id} and a.${column} = ${value(cell.from)}
            and not exists (select 1 from customer_scores b where b.snapshot_id = ${to.id} and b.customer_id = a.customer_id)
          order by a.predicted_clv_cents desc, a.customer_id limit ${limit} offset ${offset}`);
      }
      return await rawRows<ScoredPair>(db, sql`select ${PAIR_COLUMNS}
        from customer_scores a
        join customer_scores b on b.snapshot_id = ${to.id} and b.customer_id = a.customer_id
        where a.snapshot_id = ${from.id} and a.${column} = ${value(cell.from)} and b.${column} = ${value(cell.to)}
        order by b.predicted_clv_cents desc, a.customer_id limit ${limit} offset ${offset}`);
    });
    return await withNames(rows, personalData, db);
  } catch (error) {
    failedRead(`the customers who moved between snapshots ${from.id} and ${to.id}`, error);
  }
}
