import "server-only";
import { sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, customers } from "@/db/schema";
import { readWithCustomerChanges, visibleAttributes, visibleAttributesSql, visibleCustomerField, visibleCustomerFieldSql } from "@/lib/import/store/customer-changes";
import { engineOf } from "@/db/engine";
import { onFreeConnection, sqliteConnectionOf } from "@/db/sqlite-async";
import { readWithCustomerChangesAsync } from "./read-with-customer-changes";
import { getDb } from "@/lib/db";
import { isEmptyFilter, type CustomerFilter } from "@/lib/filters/customer-filter";
import type { DriverCount } from "@/lib/analysis/drivers";
import { customerFilterCondition, needsCustomerJoin, type SnapshotRef } from "./customer-filter-sql";
import { MAX_CATEGORY_VALUES } from "./filter-options";
import { snapshotRowsInTableOrder } from "./snapshot-rows";
import { failedRead, rememberForSnapshot } from "./support";
import { rawRows } from "@/db/raw-rows";

/** What the driver analysis needs: group sizes and, per value, how many customers of each group have it. */
export interface DriverCounts {
  segmentCustomers: number;
  overallCustomers: number;
  counts: DriverCount[];
}

interface ValueCount {
  dimension: DriverCount["dimension"];
  key: string;
  value: string;
  customers: number;
}

interface ValueCounts {
  customers: number;
  values: ValueCount[];
}

/** Sums per dimension of the (channel, country) pairs. */
function channelAndCountry(pairs: { channel: string | null; country: string | null; customers: number }[]): ValueCount[] {
  return (["channel", "country"] as const).flatMap((dimension) => {
    const sums = new Map<string, number>();
    for (const pair of pairs) {
      const value = pair[dimension]?.trim();
      if (value) sums.set(value, (sums.get(value) ?? 0) + pair.customers);
    }
    return [...sums].map(([value, customers]) => ({ dimension, key: dimension, value, customers }));
  });
}

/** Per soft attribute key and value, per channel and per country: customers of the filter that have it. */
async function valueCounts(snapshot: SnapshotRef, filter: CustomerFilter, db: KlantwaardeDatabase): Promise<ValueCounts> {
  return await rememberForSnapshot(db, "driver-counts", snapshot.id, [filter], async () => (isEmptyFilter(filter) ? await valueCountsOfAll(snapshot, db) : await valueCountsByJoin(snapshot, filter, db)), {
    readsOthers: true,
  });
}

/**
 * The counts for all customers of a snapshot, the fast way: every customer's values straight from the
 * (key, value) index, minus those of the customers the snapshot did not score (usually few: no purchases
 * yet, or added after it). Ten times faster than joining every score to its attributes.
 */
export async function valueCountsOfAll(snapshot: SnapshotRef, db: KlantwaardeDatabase): Promise<ValueCounts> {
  try {
    // PostgreSQL: no overlay to read through (an import writes in one transaction); the join serves it.
    if (engineOf(db) === "postgres") return await valueCountsByJoin(snapshot, {}, db);
    const client = sqliteConnectionOf(db);
    // A committed customers file not yet folded in: its changes overlay the stored values (customer-changes.ts).
    // SQLite-only reads on the raw connection, run to their end once no other caller's transaction is open.
    return await onFreeConnection(db, () => readWithCustomerChanges(client, (overlay) => {
      const attributeRows = overlay ? visibleAttributesSql() : "customer_attributes";
      const field = (column: "acquisition_channel" | "country") => (overlay ? visibleCustomerFieldSql("c.id", `c.${column}`, column) : `c.${column}`);
      const unscored = `with unscored as materialized (select c.id from customers c where not exists (select 1 from customer_scores cs where cs.snapshot_id = ? and cs.customer_id = c.id))`;
      const key = (row: { key: string; value: string }) => `${row.key}\u0000${row.value}`;
      type AttributeRow = { key: string; value: string; customers: number };
      type PairRow = { channel: string | null; country: string | null; customers: number };
      const attributes = client.prepare(`select key, value, count(*) as customers from ${attributeRows} group by key, value`).all() as AttributeRow[];
      // CROSS JOIN keeps the few unscored customers the outer loop: left to itself SQLite scanned every attribute row
      // and looked each up among them (5.6 s instead of 0.4 s at a million customers).
      const attributesUnscored = client
        .prepare(`${unscored} select ca.key, ca.value, count(*) as customers from unscored u cross join ${attributeRows} ca on ca.customer_id = u.id group by ca.key, ca.value`)
        .all(snapshot.id) as AttributeRow[];
      const minus = new Map(attributesUnscored.map((row) => [key(row), row.customers]));
      const pairs = client
        .prepare(`select ${field("acquisition_channel")} as channel, ${field("country")} as country, count(*) as customers from customers c group by channel, country`)
        .all() as PairRow[];
      const pairsUnscored = client
        .prepare(`${unscored} select ${field("acquisition_channel")} as channel, ${field("country")} as country, -count(*) as customers from unscored u cross join customers c on c.id = u.id group by channel, country`)
        .all(snapshot.id) as PairRow[];
      const customers = (client.prepare("select count(*) as n from customer_scores where snapshot_id = ?").get(snapshot.id) as { n: number }).n;
      return {
        customers,
        values: [
          ...attributes
            .map((row) => ({ dimension: "attribute" as const, key: row.key, value: row.value, customers: row.customers - (minus.get(key(row)) ?? 0) }))
            .filter((row) => row.customers > 0),
          ...channelAndCountry([...pairs, ...pairsUnscored]).filter((row) => row.customers > 0),
        ],
      };
    }));
  } catch (error) {
    failedRead("the drivers of all customers", error);
  }
}

/**
 * The counts for the customers matching a filter: their scores joined to their attributes and details. The scores
 * are read in table order (snapshot-rows.ts), so the joins walk the attributes and customers in customer order: at
 * a million customers the top tier's counts took 1.6 s instead of 4.3 s (through the tier index); a small group
 * costs about the same either way (0.14 s against 0.09 s for a cell of the cross-table).
 */
export async function valueCountsByJoin(snapshot: SnapshotRef, filter: CustomerFilter, db: KlantwaardeDatabase): Promise<ValueCounts> {
  try {
    const condition = customerFilterCondition(snapshot, filter);
    const scoreRows = await snapshotRowsInTableOrder(snapshot.id, db);
    const customerJoin = sql`left join ${customers} on ${customers.id} = ${customerScores.customerId}`;
    // A committed customers file not yet folded in: its changes overlay the stored values (customer-changes.ts).
    const { attributes, pairs } = await readWithCustomerChangesAsync(db, async (overlay) => {
      const rows = overlay ? sql`${visibleAttributes()} as ca` : sql`customer_attributes as ca`;
      const channel = visibleCustomerField(customers.acquisitionChannel);
      const country = visibleCustomerField(customers.country);
      return {
        attributes: await rawRows<{ key: string; value: string; customers: number }>(
          db,
          sql`select ca.key as key, ca.value as value, count(*) as customers
              from ${scoreRows.from} ${needsCustomerJoin(filter) ? customerJoin : sql``} join ${rows} on ca.customer_id = ${customerScores.customerId}
              where ${scoreRows.where} and ${condition} group by ca.key, ca.value`,
        ),
        // Channel and country in one pass: few combinations, summed per dimension below.
        pairs: await rawRows<{ channel: string | null; country: string | null; customers: number }>(
          db,
          sql`select ${channel} as channel, ${country} as country, count(*) as customers
              from ${scoreRows.from} ${customerJoin} where ${scoreRows.where} and ${condition} group by 1, 2`,
        ),
      };
    });
    const total = pairs.reduce((sum, pair) => sum + pair.customers, 0);
    return {
      customers: total,
      values: [...attributes.map((row) => ({ dimension: "attribute" as const, ...row })), ...channelAndCountry(pairs)],
    };
  } catch (error) {
    failedRead("the drivers of the segment", error);
  }
}

const id = (value: { dimension: string; key: string; value: string }) => `${value.dimension}\u0000${value.key}\u0000${value.value}`;

/**
 * Counts for the driver analysis of a segment (`segment`, the drill-down's filter) against all customers
 * (`overall`: the same URL filter without the drill-down's own condition). Left out: dimensions the
 * overall filter fixes (every customer has the same channel when the URL says channel=Webshop) and
 * attributes with more than MAX_CATEGORY_VALUES values (free text such as notes, not a category).
 */
export async function getDriverCounts(snapshot: SnapshotRef, segment: CustomerFilter, overall: CustomerFilter, db: KlantwaardeDatabase = getDb()): Promise<DriverCounts> {
  const all = await valueCounts(snapshot, overall, db);
  const inSegment = await valueCounts(snapshot, segment, db);
  const segmentCounts = new Map(inSegment.values.map((value) => [id(value), value.customers]));
  const valuesPerKey = new Map<string, number>();
  for (const value of all.values) if (value.dimension === "attribute") valuesPerKey.set(value.key, (valuesPerKey.get(value.key) ?? 0) + 1);
  const fixedAttributes = new Set((overall.attributes ?? []).map((condition) => condition.key));
  const counts = all.values
    .filter((value) => {
      if (value.dimension === "channel") return !overall.channel;
      if (value.dimension === "country") return !overall.country;
      return !fixedAttributes.has(value.key) && (valuesPerKey.get(value.key) ?? 0) <= MAX_CATEGORY_VALUES;
    })
    .map((value) => ({
      dimension: value.dimension,
      key: value.key,
      value: value.value,
      segmentCount: segmentCounts.get(id(value)) ?? 0,
      overallCount: value.customers,
    }));
  return { segmentCustomers: inSegment.customers, overallCustomers: all.customers, counts };
}

