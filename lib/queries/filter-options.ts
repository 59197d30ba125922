import "server-only";
import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerAttributes, customers } from "@/db/schema";
import { visibleCustomers } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { failedRead, remember } from "./support";

/** One value to pick in a filter, with how many customers have it. */
export interface FilterChoice {
  value: string;
  customers: number;
}

/** What the filter bar offers: the channels, countries and soft attributes present in the data. */
export interface FilterOptions {
  channels: FilterChoice[];
  countries: FilterChoice[];
  /** Soft attributes with few enough distinct values to pick from (free text such as notes is left out). */
  attributes: { key: string; values: FilterChoice[] }[];
}

/** A soft attribute with more distinct values than this is free text, not a category. */
export const MAX_CATEGORY_VALUES = 40;

/**
 * The choices of the filter bar. Remembered until the data changes (an import, an erasure): reading them
 * takes seconds at a million customers.
 */
export function getFilterOptions(db: KlantwaardeDatabase = getDb()): FilterOptions {
  try {
    return remember(db, "filter-options", "data", () => readFilterOptions(db));
  } catch (error) {
    failedRead("the filter choices", error);
  }
}

function readFilterOptions(db: KlantwaardeDatabase): FilterOptions {
  const byColumn = (column: typeof customers.country | typeof customers.acquisitionChannel) =>
    db
      .select({ value: sql<string>`${column}`, customers: count() })
      .from(customers)
      .where(and(isNotNull(column), sql`${column} <> ''`, visibleCustomers()))
      .groupBy(column)
      .orderBy(desc(count()))
      .limit(200)
      .all();
  const keys = db
    .select({ key: customerAttributes.key, distinct: sql<number>`count(distinct ${customerAttributes.value})` })
    .from(customerAttributes)
    .where(visibleCustomers(customerAttributes.customerId))
    .groupBy(customerAttributes.key)
    .orderBy(customerAttributes.key)
    .all();
  const attributes = keys
    .filter((row) => row.distinct <= MAX_CATEGORY_VALUES)
    .map(({ key }) => ({
      key,
      values: db
        .select({ value: customerAttributes.value, customers: count() })
        .from(customerAttributes)
        .where(and(eq(customerAttributes.key, key), visibleCustomers(customerAttributes.customerId)))
        .groupBy(customerAttributes.value)
        .orderBy(customerAttributes.value)
        .all(),
    }));
  return { channels: byColumn(customers.acquisitionChannel), countries: byColumn(customers.country), attributes };
}
