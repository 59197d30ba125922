/**
 * Writes the demo company into the database in one transaction: either the whole company is
 * stored or nothing is. Rows go through prepared statements while the generator streams customers, so
 * memory stays flat for any size (prepared single-row inserts measured ~3x faster than Drizzle's
 * multi-row inserts, which rebuild their SQL for every batch).
 */
import { count, sql } from "drizzle-orm";
import type { KlantwaardeDatabase } from "../client";
import { customerAttributes, customers, transactions } from "../schema";
import {
  DEFAULT_DEMO_OPTIONS,
  generateDemoCompany,
  todayIsoDate,
  type DemoCompanyOptions,
} from "./demo-company";
import { raiseDataVersion } from "../data-version";
import { firstRow } from "../first-row";
import { inTransaction } from "../transaction";

export interface SeedResult {
  customers: number;
  transactions: number;
  attributes: number;
  seconds: number;
  options: DemoCompanyOptions;
}

export class DatabaseNotEmptyError extends Error {
  constructor(customerCount: number) {
    super(
      `The database already holds ${customerCount.toLocaleString("en")} customers. ` +
        "Run the seed with --replace to delete all data and generate the demo company again, " +
        "or point DATABASE_URL to a new file.",
    );
    this.name = "DatabaseNotEmptyError";
  }
}

export async function countCustomers(db: KlantwaardeDatabase): Promise<number> {
  return (await firstRow(db.select({ value: count() }).from(customers)))?.value ?? 0;
}

export async function seedDemoCompany(
  db: KlantwaardeDatabase,
  options: Partial<DemoCompanyOptions> = {},
  { replace = false, onProgress }: { replace?: boolean; onProgress?: (customersDone: number) => void } = {},
): Promise<SeedResult> {
  const resolved: DemoCompanyOptions = {
    customers: options.customers ?? DEFAULT_DEMO_OPTIONS.customers,
    seed: options.seed ?? DEFAULT_DEMO_OPTIONS.seed,
    years: options.years ?? DEFAULT_DEMO_OPTIONS.years,
    endDate: options.endDate ?? todayIsoDate(),
  };
  const started = performance.now();
  const generator = generateDemoCompany(resolved); // validates the options before anything is written
  let customerCount = 0;
  let transactionCount = 0;
  let attributeCount = 0;

  await inTransaction(db, async (tx) => {
    const existing = await countCustomers(tx as unknown as KlantwaardeDatabase);
    if (existing > 0 && !replace) throw new DatabaseNotEmptyError(existing);
    if (replace) {
      await tx.delete(transactions);
      await tx.delete(customerAttributes);
      await tx.delete(customers);
      await tx.run(sql`DELETE FROM sqlite_sequence WHERE name IN ('customers', 'transactions')`);
    }
    await raiseDataVersion(tx);
    const insertCustomer = tx
      .insert(customers)
      .values({
        id: sql.placeholder("id"),
        externalId: sql.placeholder("externalId"),
        name: sql.placeholder("name"),
        email: sql.placeholder("email"),
        country: sql.placeholder("country"),
        city: sql.placeholder("city"),
        acquisitionChannel: sql.placeholder("acquisitionChannel"),
        firstSeenDate: sql.placeholder("firstSeenDate"),
      })
      .prepare();
    const insertAttribute = tx
      .insert(customerAttributes)
      .values({ customerId: sql.placeholder("customerId"), key: sql.placeholder("key"), value: sql.placeholder("value") })
      .prepare();
    const insertTransaction = tx
      .insert(transactions)
      .values({
        externalId: sql.placeholder("externalId"),
        customerId: sql.placeholder("customerId"),
        purchaseDate: sql.placeholder("purchaseDate"),
        revenueCents: sql.placeholder("revenueCents"),
        costCents: sql.placeholder("costCents"),
        quantity: sql.placeholder("quantity"),
        channel: sql.placeholder("channel"),
        productCategory: sql.placeholder("productCategory"),
      })
      .prepare();

    for (const customer of generator) {
      const { attributes, transactions: purchases, ...row } = customer;
      await insertCustomer.run(row);
      for (const [key, value] of Object.entries(attributes)) {
        await insertAttribute.run({ customerId: customer.id, key, value });
      }
      for (const purchase of purchases) {
        await insertTransaction.run({ ...purchase, customerId: customer.id });
      }
      customerCount += 1;
      transactionCount += purchases.length;
      attributeCount += Object.keys(attributes).length;
      if (onProgress && customerCount % 10_000 === 0) onProgress(customerCount);
    }
  });

  return {
    customers: customerCount,
    transactions: transactionCount,
    attributes: attributeCount,
    seconds: (performance.now() - started) / 1000,
    options: resolved,
  };
}
