import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { runStatement } from "@/db/engine";
import { customerPersonalData, personalDataFileName } from "./customer-data";
import { countOf, privacyTestDatabase, tablesWithCustomerId } from "./privacy-fixture";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;
let importId: number;
let snapshotIds: number[];


beforeAll(async () => {
  const fixture = await privacyTestDatabase();
  database = fixture.database;
  importId = fixture.importId;
  snapshotIds = [fixture.laterId, fixture.earlierId];
});
afterAll(() => database.close());

describe("customerPersonalData", () => {
  test("null for an unknown customer", async () => {
    expect(await customerPersonalData(999_999, database.db)).toBeNull();
  });

  test("everything the database holds about the customer, as JSON", async () => {
    // The customer with the most transactions, two of them written by an import.
    const [{ id }] = (await rawRows<{ id: number }>(
      database.db,
      sql`select customer_id as id from transactions group by customer_id order by count(*) desc, customer_id limit 1`,
    )) as [{ id: number }];
    await runStatement(database.db, sql`update transactions set import_id = ${importId} where id in (select id from transactions where customer_id = ${id} order by id limit 2)`);
    const now = new Date("2026-03-01T12:00:00Z");
    const data = (await customerPersonalData(id, database.db, now))!;

    expect(data.generatedAt).toBe("2026-03-01T12:00:00.000Z");
    expect(data.customerId).toBe(id);
    expect(Object.keys(data.explanation).sort()).toEqual(["attributes", "imports", "money", "profile", "scores", "transactions"]);
    const [row] = await rawRows<object>(database.db, sql`select external_id as "externalId", name, email, country, city from customers where id = ${id}`);
    expect(data.profile).toMatchObject(row!);

    // Every table with a customer id is in the file, with the rows the database has.
    // (A customers file's changes, customer_changes and customer_attribute_changes, are in the profile and
    // attributes as readers see them: lib/import/store/customer-changes.ts.)
    expect((await tablesWithCustomerId(database)).sort()).toEqual(["customer_attribute_changes", "customer_attributes", "customer_changes", "customer_scores", "transactions"]);
    const transactions = await countOf(database, sql`select count(*) as n from transactions where customer_id = ${id}`);
    expect(transactions).toBeGreaterThan(1);
    expect(data.transactions).toHaveLength(transactions);
    expect(data.transactions.reduce((sum, t) => sum + t.revenueCents, 0)).toBe(await countOf(database, sql`select sum(revenue_cents) as n from transactions where customer_id = ${id}`));
    for (let i = 1; i < data.transactions.length; i++) expect(data.transactions[i - 1]!.purchaseDate <= data.transactions[i]!.purchaseDate).toBe(true);
    expect(data.attributes).toHaveLength(await countOf(database, sql`select count(*) as n from customer_attributes where customer_id = ${id}`));
    expect(data.scores.map((score) => score.snapshotId)).toEqual(snapshotIds);
    for (const score of data.scores) {
      const [stored] = await rawRows<object>(
        database.db,
        sql`select predicted_clv_cents as "predictedClvCents", clv_tier as "clvTier", rfm_segment as "rfmSegment" from customer_scores where snapshot_id = ${score.snapshotId} and customer_id = ${id}`,
      );
      expect(score).toMatchObject(stored!);
      const [{ d: asOfDate }] = (await rawRows<{ d: string }>(database.db, sql`select as_of_date as d from snapshots where id = ${score.snapshotId}`)) as [{ d: string }];
      expect(score.asOfDate).toBe(asOfDate);
    }
    expect(data.imports).toEqual([expect.objectContaining({ id: importId, fileName: "orders-2026.csv", transactions: 2 })]);

    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  test("the download's file name", () => {
    expect(personalDataFileName(42)).toBe("customer-42-personal-data.json");
  });
});
