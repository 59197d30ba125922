import "server-only";
import { visibleAttributeIs, visibleCustomerField } from "@/lib/import/store/customer-changes";
import { and, eq, gte, lte, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { customerScores, customers } from "@/db/schema";
import type { CustomerFilter } from "@/lib/filters/customer-filter";

/** The snapshot a filter applies to: its id, and its analysis date (the date range is relative to it). */
export interface SnapshotRef {
  id: number;
  asOfDate: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `%text%` for LIKE, with the user's own % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The WHERE condition for the customers of a snapshot that match a filter. Needs `customers` joined on
 * `customers.id = customer_scores.customer_id` when the filter uses channel, country or search (see
 * `needsCustomerJoin`). Every value is a bound parameter.
 */
export function customerFilterCondition(snapshot: SnapshotRef, filter: CustomerFilter): SQL {
  const conditions: (SQL | undefined)[] = [eq(customerScores.snapshotId, snapshot.id)];
  if (filter.tier !== undefined) conditions.push(eq(customerScores.clvTier, filter.tier));
  if (filter.segment) conditions.push(eq(customerScores.rfmSegment, filter.segment));
  if (filter.quadrant) conditions.push(eq(customerScores.quadrant, filter.quadrant));
  if (filter.channel) conditions.push(eq(visibleCustomerField(customers.acquisitionChannel), filter.channel));
  if (filter.country) conditions.push(eq(visibleCustomerField(customers.country), filter.country));
  // First purchase = analysis date - relationship days; "acquired from D" is relationship_days <= asOf - D.
  if (filter.acquiredFrom) conditions.push(lte(customerScores.relationshipDays, daysBetween(filter.acquiredFrom, snapshot.asOfDate)));
  if (filter.acquiredTo) conditions.push(gte(customerScores.relationshipDays, daysBetween(filter.acquiredTo, snapshot.asOfDate)));
  for (const attribute of filter.attributes ?? []) {
    conditions.push(
      visibleAttributeIs(customerScores.customerId, attribute.key, attribute.value),
    );
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    // Case-insensitive on both engines: SQLite's LIKE ignores case (of ASCII letters), PostgreSQL's does not.
    const matches = (column: SQLWrapper) => sql`lower(${column}) like lower(${pattern}) escape '\\'`;
    conditions.push(
      // A user who may not see names searches customer numbers only (lib/privacy/masking.ts).
      filter.searchNumbersOnly ? matches(customers.externalId) : or(
        matches(visibleCustomerField(customers.name)),
        matches(visibleCustomerField(customers.email)),
        matches(customers.externalId),
      ),
    );
  }
  return and(...conditions)!;
}

/** Whether the condition reads columns of `customers` (the query must join it). */
export function needsCustomerJoin(filter: CustomerFilter): boolean {
  return Boolean(filter.channel || filter.country || filter.search);
}

