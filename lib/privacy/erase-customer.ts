import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerAttributeChanges, customerAttributes, customerChanges, customerErasures, customers, customerScores, importRejectedRows, imports, snapshots, transactions } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { raiseDataVersion } from "@/db/data-version";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/** What an erasure removed: the customer row and how many rows about them. */
export interface ErasureResult {
  customerId: number;
  /** The customer number that was erased (for the notice; it is gone from the database). */
  externalId: string;
  /** Transactions (purchases and refunds). */
  transactions: number;
  /** Soft data (key/value pairs). */
  attributes: number;
  /** customer_scores rows, over every snapshot. */
  scores: number;
}

/** There is no customer with this id (nothing was changed). */
export class UnknownCustomerError extends Error {
  constructor(readonly customerId: number) {
    super(`There is no customer with id ${customerId}.`);
    this.name = "UnknownCustomerError";
  }
}

/**
 * Erases a customer (right to erasure, GDPR art. 17): in one transaction, their transactions, soft data
 * (customer_attributes), changes of a customers file not yet folded into their row, figures in every snapshot
 * (customer_scores) and the customers row, and the rejected rows of recent imports kept for download (all of
 * them: a rejected row cannot be read, so not told to be theirs). Nothing else in the database names a customer: imports keep file names and counts, decision notes and snapshot summaries
 * keep groups and totals. Those aggregates (a snapshot's totals, tier and quadrant counts) are not personal
 * data and stay as they were computed; the next recompute leaves the customer out.
 *
 * The erasure is recorded in customer_erasures (when and how many rows, never who), which moves the cache
 * versions of lib/queries/snapshot-cache.ts, so no process shows remembered pages, map points or movers
 * with the customer any more. The audit trail records who erased (`by`), in the same transaction. Throws `UnknownCustomerError` for an unknown id.
 *
 * @example eraseCustomer(42, getDb(), userActor(user)) // { customerId: 42, externalId: "K-00042", transactions: 7, attributes: 3, scores: 2 }
 */
export async function eraseCustomer(customerId: number, db: KlantwaardeDatabase, by: AuditActor): Promise<ErasureResult> {
  if (!Number.isSafeInteger(customerId) || customerId <= 0) throw new UnknownCustomerError(customerId);
  const result = await inTransaction(db, async (tx) => {
    const customer = await firstRow(tx.select({ externalId: customers.externalId }).from(customers).where(eq(customers.id, customerId)).limit(1));
    if (!customer) throw new UnknownCustomerError(customerId);
    // Through the (snapshot_id, customer_id) primary key, one look-up per snapshot: customer_scores has no
    // index on customer_id alone, and a plain `customer_id = ?` would read every snapshot's rows.
    const scores = (await tx
      .delete(customerScores)
      .where(and(inArray(customerScores.snapshotId, tx.select({ id: snapshots.id }).from(snapshots)), eq(customerScores.customerId, customerId)))
      .returning({ snapshotId: customerScores.snapshotId })
    ).length;
    const purchases = (await tx.delete(transactions).where(eq(transactions.customerId, customerId)).returning({ id: transactions.id })).length;
    const attributes = (await tx.delete(customerAttributes).where(eq(customerAttributes.customerId, customerId)).returning({ key: customerAttributes.key })).length;
    // Changes a customers file made to them, committed or still pending (customer-changes.ts), through the
    // (import_id, customer_id) keys, one look-up per import: there is no index on customer_id alone.
    for (const changes of [customerChanges, customerAttributeChanges]) {
      await tx.delete(changes).where(and(inArray(changes.importId, tx.select({ id: imports.id }).from(imports)), eq(changes.customerId, customerId)));
    }
    await tx.delete(customers).where(eq(customers.id, customerId));
    // The rejected rows of recent imports, kept for a day for download (rejected-rows-kept.ts), may hold theirs,
    // unreadable (that is why they were rejected), so no search finds them: all of them go.
    await tx.delete(importRejectedRows);
    await tx.insert(customerErasures).values({ source: by.source, transactions: purchases, attributes, scores });
    // Every remembered read that held this customer is dropped, in this server and in every other process.
    await raiseDataVersion(tx, { erasure: true });
    // Who erased, when and how much; not whom (the customer number would identify the person again).
    await recordAuditEvent(tx, by, { action: "customerErased", details: { transactions: purchases, attributes, scores } });
    return { customerId, externalId: customer.externalId, transactions: purchases, attributes, scores };
    // Immediate: on PostgreSQL this takes the lock a recompute's completion takes (db/transaction.ts), so an erasure
    // under way is committed before the recompute checks for erasures and computes again, never just after it.
  }, { behavior: "immediate" });
  return result;
}
