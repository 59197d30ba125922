import "server-only";
import { and, count, desc, isNotNull, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { visibleAttributes, visibleCustomerField } from "@/lib/import/store/customer-changes";
import { readWithCustomerChangesAsync } from "./read-with-customer-changes";
import { visibleCustomerSqlForIndexScan, visibleCustomers } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { failedRead, remember } from "./support";
import { rawRows } from "@/db/raw-rows";

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
export async function getFilterOptions(db: KlantwaardeDatabase = getDb()): Promise<FilterOptions> {
  try {
    return await remember(db, "filter-options", "data", () => readFilterOptions(db));
  } catch (error) {
    failedRead("the filter choices", error);
  }
}

async function readFilterOptions(db: KlantwaardeDatabase): Promise<FilterOptions> {
  // A committed customers file not yet folded in: its changes overlay the stored values (customer-changes.ts).
  return readWithCustomerChangesAsync(db, async (overlay) => {
    const byColumn = async (column: typeof customers.country | typeof customers.acquisitionChannel) => {
      const value = overlay ? visibleCustomerField(column) : sql<string>`${column}`;
      return await db
        .select({ value: sql<string>`${value}`, customers: count() })
        .from(customers)
        .where(and(isNotNull(value), sql`${value} <> ''`, visibleCustomers()))
        .groupBy(value)
        // Ties by name: the same order on every engine and every read (a bare count leaves ties to the plan).
        .orderBy(desc(count()), value)
        .limit(200);
    };
    // Every soft attribute's values with their counts in one pass over the (key, value) index; a key with more
    // distinct values than MAX_CATEGORY_VALUES is free text and left out (its values are counted, not returned).
    const rows = overlay ? visibleAttributes() : sql`customer_attributes`;
    const choices = await rawRows<FilterChoice & { key: string }>(
      db,
      sql`select key, value, customers from (
            select a.key, a.value, count(*) as customers, count(*) over (partition by a.key) as distinct_values
            from ${rows} as a where ${sql.raw(visibleCustomerSqlForIndexScan("a.customer_id"))} group by a.key, a.value) as counted
          where distinct_values <= ${MAX_CATEGORY_VALUES} order by key, value`,
    );
    const attributes: FilterOptions["attributes"] = [];
    for (const { key, value, customers: customerCount } of choices) {
      if (attributes.at(-1)?.key !== key) attributes.push({ key, values: [] });
      attributes.at(-1)!.values.push({ value, customers: Number(customerCount) });
    }
    return { channels: await byColumn(customers.acquisitionChannel), countries: await byColumn(customers.country), attributes };
  });
}
