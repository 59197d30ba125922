import "server-only";
import { count, eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerAttributes, customerScores, customers } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import type { DriverCount } from "@/lib/analysis/drivers";
import { customerFilterCondition, needsCustomerJoin, type SnapshotRef } from "./customer-filter-sql";
import { MAX_CATEGORY_VALUES } from "./filter-options";
import { remember } from "./segments-cache";

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

function fail(what: string, error: unknown): never {
  console.error(`[queries] ${what} failed`, error);
  throw new Error(`Could not read ${what} from the database.`);
}

/** Per soft attribute key and value, per channel and per country: customers of the filter that have it. */
function valueCounts(snapshot: SnapshotRef, filter: CustomerFilter, db: KlantwaardeDatabase): { customers: number; values: ValueCount[] } {
  return remember(
    db,
    "driver-counts",
    snapshot.id,
    [filter],
    () => {
      try {
        const condition = customerFilterCondition(snapshot, filter);
        const attributeQuery = db
          .select({ key: customerAttributes.key, value: customerAttributes.value, customers: count() })
          .from(customerScores)
          .innerJoin(customerAttributes, eq(customerAttributes.customerId, customerScores.customerId));
        const attributes = (needsCustomerJoin(filter) ? attributeQuery.leftJoin(customers, eq(customers.id, customerScores.customerId)) : attributeQuery)
          .where(condition)
          .groupBy(customerAttributes.key, customerAttributes.value)
          .all();
        // Channel and country in one pass: few combinations, summed per dimension below.
        const pairs = db
          .select({ channel: customers.acquisitionChannel, country: customers.country, customers: count() })
          .from(customerScores)
          .leftJoin(customers, eq(customers.id, customerScores.customerId))
          .where(condition)
          .groupBy(customers.acquisitionChannel, customers.country)
          .all();
        const total = pairs.reduce((sum, pair) => sum + pair.customers, 0);
        const byValue = (dimension: "channel" | "country") => {
          const sums = new Map<string, number>();
          for (const pair of pairs) {
            const value = pair[dimension]?.trim();
            if (value) sums.set(value, (sums.get(value) ?? 0) + pair.customers);
          }
          return [...sums].map(([value, customers]) => ({ dimension, key: dimension, value, customers }) satisfies ValueCount);
        };
        return {
          customers: total,
          values: [...attributes.map((row) => ({ dimension: "attribute" as const, ...row })), ...byValue("channel"), ...byValue("country")],
        };
      } catch (error) {
        fail("the drivers of the segment", error);
      }
    },
    { readsOthers: true },
  );
}

const id = (value: { dimension: string; key: string; value: string }) => `${value.dimension}\u0000${value.key}\u0000${value.value}`;

/**
 * Counts for the driver analysis of a segment (`segment`, the drill-down's filter) against all customers
 * (`overall`: the same URL filter without the drill-down's own condition). Left out: dimensions the
 * overall filter fixes (every customer has the same channel when the URL says channel=Webshop) and
 * attributes with more than MAX_CATEGORY_VALUES values (free text such as notes, not a category).
 */
export function getDriverCounts(snapshot: SnapshotRef, segment: CustomerFilter, overall: CustomerFilter, db: KlantwaardeDatabase = getDb()): DriverCounts {
  const all = valueCounts(snapshot, overall, db);
  const inSegment = valueCounts(snapshot, segment, db);
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

