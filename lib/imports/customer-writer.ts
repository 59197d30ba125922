/**
 * Stores the rows of a customers file: customers are upserted by their customer number (an empty cell
 * never erases what is known), the file's other columns become soft attributes, and a row that changes
 * nothing counts as a duplicate.
 */
import { eq, sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customerAttributes, customers } from "@/db/schema";
import type { CustomerRow } from "@/lib/import/customer-row";
import type { ImportCounts, RowWriter } from "./row-writer";

export function createCustomerWriter(database: OpenedDatabase, counts: ImportCounts): RowWriter<"customers"> {
  const { db } = database;
  const findCustomer = db.select().from(customers).where(eq(customers.externalId, sql.placeholder("externalId"))).prepare();
  const findAttributes = db
    .select({ key: customerAttributes.key, value: customerAttributes.value })
    .from(customerAttributes)
    .where(eq(customerAttributes.customerId, sql.placeholder("customerId")))
    .prepare();
  const upsertAttribute = db
    .insert(customerAttributes)
    .values({ customerId: sql.placeholder("customerId"), key: sql.placeholder("key"), value: sql.placeholder("value") })
    .onConflictDoUpdate({
      target: [customerAttributes.customerId, customerAttributes.key],
      set: { value: sql`excluded.value` },
    })
    .prepare();
  const fields = ["name", "email", "country", "city", "acquisitionChannel", "firstSeenDate"] as const;

  const write = (row: CustomerRow) => {
    const existing = findCustomer.get({ externalId: row.customerId });
    let customerId: number;
    let outcome: "imported" | "updated" | "duplicate";
    if (!existing) {
      customerId = db
        .insert(customers)
        .values({ externalId: row.customerId, ...Object.fromEntries(fields.map((field) => [field, row[field]])) })
        .returning({ id: customers.id })
        .get().id;
      outcome = "imported";
    } else {
      customerId = existing.id;
      // An empty cell never erases what is known; a value that differs replaces it.
      const changes = Object.fromEntries(
        fields.filter((field) => row[field] !== null && row[field] !== existing[field]).map((field) => [field, row[field]]),
      );
      if (Object.keys(changes).length > 0) db.update(customers).set(changes).where(eq(customers.id, customerId)).run();
      outcome = Object.keys(changes).length > 0 ? "updated" : "duplicate";
    }
    const known = existing ? new Map(findAttributes.all({ customerId }).map((a) => [a.key, a.value])) : new Map<string, string>();
    for (const [key, value] of Object.entries(row.attributes)) {
      if (known.get(key) === value) continue;
      upsertAttribute.run({ customerId, key, value });
      if (outcome === "duplicate") outcome = "updated";
    }
    counts[outcome === "imported" ? "imported" : outcome === "updated" ? "updated" : "duplicates"] += 1;
  };
  return { write, finish: () => undefined };
}
