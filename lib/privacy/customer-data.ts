import "server-only";
import { visibleAttributes, visibleCustomerField } from "@/lib/import/store/customer-changes";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, customerScores, imports, snapshots, transactions } from "@/db/schema";
import { visibleCustomers, visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { snapshotFigureColumns } from "@/lib/queries/customer-scores";
import { firstRow } from "@/db/first-row";
import { rawRows } from "@/db/raw-rows";

/** The customers row. */
export interface PersonalDataProfile {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  firstSeenDate: string | null;
  createdAt: string;
}

export interface PersonalDataTransaction {
  id: number;
  externalId: string | null;
  purchaseDate: string;
  revenueCents: number;
  /** What was refunded on the order (revenueCents is net of it). */
  refundedCents: number;
  costCents: number;
  quantity: number;
  channel: string | null;
  productCategory: string | null;
  importId: number | null;
  createdAt: string;
}

/** The customer's figures in one snapshot, with the snapshot's analysis date. */
export interface PersonalDataScore {
  snapshotId: number;
  snapshotStatus: string;
  asOfDate: string | null;
  model: string | null;
  historicClvCents: number;
  predictedClvCents: number;
  predictedClvLowCents: number | null;
  predictedClvHighCents: number | null;
  totalClvCents: number;
  probabilityAlive: number | null;
  expectedPurchases: number;
  expectedOrderValueCents: number;
  expectedNextPurchaseDate: string | null;
  purchases: number;
  relationshipDays: number;
  daysSinceLastPurchase: number;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  rfmSegment: string;
  clvTier: number;
  quadrant: string;
}

/** An import that wrote some of the customer's transactions. */
export interface PersonalDataImport {
  id: number;
  kind: string;
  fileName: string;
  source: string;
  status: string;
  startedAt: string;
  finishedAt: string;
  /** How many of the customer's transactions it wrote. */
  transactions: number;
}

/** Everything held about one customer, as one JSON document (right of access, GDPR art. 15). */
export interface CustomerPersonalData {
  format: "klantwaarde-personal-data/1";
  generatedAt: string;
  customerId: number;
  /** What each section holds, for the person reading the file. */
  explanation: Record<"profile" | "attributes" | "transactions" | "scores" | "imports" | "money", string>;
  profile: PersonalDataProfile;
  attributes: { key: string; value: string }[];
  transactions: PersonalDataTransaction[];
  scores: PersonalDataScore[];
  imports: PersonalDataImport[];
}

const EXPLANATION: CustomerPersonalData["explanation"] = {
  profile: "Who the customer is: the customer record as imported (customer number, name, e-mail, place, how they were acquired).",
  attributes: "Soft data imported with the customer: preferences, interests, satisfaction, membership and the like, as key/value pairs.",
  transactions:
    "Every purchase and refund recorded for the customer, oldest first. A refund has a negative revenue; refundedCents is what was refunded on an order (its revenue is what is left), and an order refunded in full has revenue 0 and its total as refundedCents.",
  scores: "The figures computed for the customer in each snapshot (one calculation of everyone's customer lifetime value, as of its analysis date): value, chance of still being a customer, expected purchases, RFM scores and segment, value tier and quadrant.",
  imports: "The imported files that added some of these transactions (known for imported transactions only; customer files do not record which customers they touched).",
  money: "Amounts are in cents of the shop's currency (12345 = 123.45); dates are ISO (YYYY-MM-DD), moments in UTC.",
};

/**
 * Everything the database holds about a customer (null for an unknown id): the customers row, their soft
 * data, all transactions, their figures in every snapshot with its analysis date, and the imports that wrote
 * their transactions. Every table that holds a customer id is read here; lib/privacy/erase-customer.ts
 * deletes the same rows.
 */
export async function customerPersonalData(customerId: number, db: KlantwaardeDatabase = getDb(), now: Date = new Date()): Promise<CustomerPersonalData | null> {
  const profile = await firstRow(db
    .select({
      id: customers.id,
      externalId: customers.externalId,
      name: visibleCustomerField(customers.name),
      email: visibleCustomerField(customers.email),
      country: visibleCustomerField(customers.country),
      city: visibleCustomerField(customers.city),
      acquisitionChannel: visibleCustomerField(customers.acquisitionChannel),
      firstSeenDate: visibleCustomerField(customers.firstSeenDate),
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(and(eq(customers.id, customerId), visibleCustomers()))
    .limit(1));
  if (!profile) return null;

  // As readers see them: a committed customers file's changes not yet folded in included (customer-changes.ts).
  const attributes = await rawRows<{ key: string; value: string }>(db, sql`select a.key, a.value from ${visibleAttributes()} as a where a.customer_id = ${customerId} order by a.key`);

  const purchases = await db
    .select({
      id: transactions.id,
      externalId: transactions.externalId,
      purchaseDate: transactions.purchaseDate,
      revenueCents: transactions.revenueCents,
      refundedCents: transactions.refundedCents,
      costCents: transactions.costCents,
      quantity: transactions.quantity,
      channel: transactions.channel,
      productCategory: transactions.productCategory,
      importId: transactions.importId,
      createdAt: transactions.createdAt,
    })
    .from(transactions)
    .where(and(eq(transactions.customerId, customerId), visibleTransactions()))
    .orderBy(asc(transactions.purchaseDate), asc(transactions.id));

  // From the few snapshots into customer_scores by its (snapshot_id, customer_id) primary key.
  const scores = await db
    .select({
      snapshotId: snapshots.id,
      snapshotStatus: snapshots.status,
      asOfDate: snapshots.asOfDate,
      model: snapshots.model,
      ...snapshotFigureColumns,
    })
    .from(snapshots)
    .innerJoin(customerScores, and(eq(customerScores.snapshotId, snapshots.id), eq(customerScores.customerId, customerId)))
    .orderBy(desc(snapshots.id));

  const perImport = new Map<number, number>();
  for (const row of purchases) if (row.importId !== null) perImport.set(row.importId, (perImport.get(row.importId) ?? 0) + 1);
  const importRows =
    perImport.size === 0
      ? []
      : (await db
          .select({
            id: imports.id,
            kind: imports.kind,
            fileName: imports.fileName,
            source: imports.source,
            status: imports.status,
            startedAt: imports.startedAt,
            finishedAt: imports.finishedAt,
          })
          .from(imports)
          .where(inArray(imports.id, [...perImport.keys()]))
          .orderBy(asc(imports.id))
          )
          .map((row) => ({ ...row, transactions: perImport.get(row.id) ?? 0 }));

  return {
    format: "klantwaarde-personal-data/1",
    generatedAt: now.toISOString(),
    customerId,
    explanation: EXPLANATION,
    profile,
    attributes,
    transactions: purchases,
    scores,
    imports: importRows,
  };
}

/** The download's file name. */
export function personalDataFileName(customerId: number): string {
  return `customer-${customerId}-personal-data.json`;
}
