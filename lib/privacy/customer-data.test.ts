import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { OpenedSqliteDatabase } from "@/db/client";
import { customerPersonalData, personalDataFileName } from "./customer-data";
import { privacyTestDatabase, tablesWithCustomerId } from "./privacy-fixture";

vi.mock("server-only", () => ({}));

let database: OpenedSqliteDatabase;
let importId: number;
let snapshotIds: number[];

const count = (sql: string, ...params: unknown[]) => (database.sqlite.prepare(sql).get(...params) as { n: number }).n;

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
    const { id } = database.sqlite.prepare("select customer_id as id from transactions group by customer_id order by count(*) desc, customer_id limit 1").get() as { id: number };
    database.sqlite.prepare("update transactions set import_id = ? where id in (select id from transactions where customer_id = ? order by id limit 2)").run(importId, id);
    const now = new Date("2026-03-01T12:00:00Z");
    const data = (await customerPersonalData(id, database.db, now))!;

    expect(data.generatedAt).toBe("2026-03-01T12:00:00.000Z");
    expect(data.customerId).toBe(id);
    expect(Object.keys(data.explanation).sort()).toEqual(["attributes", "imports", "money", "profile", "scores", "transactions"]);
    const row = database.sqlite.prepare("select external_id as externalId, name, email, country, city from customers where id = ?").get(id);
    expect(data.profile).toMatchObject(row as object);

    // Every table with a customer id is in the file, with the rows the database has.
    // (A customers file's changes, customer_changes and customer_attribute_changes, are in the profile and
    // attributes as readers see them: lib/import/store/customer-changes.ts.)
    expect(tablesWithCustomerId(database).sort()).toEqual(["customer_attribute_changes", "customer_attributes", "customer_changes", "customer_scores", "transactions"]);
    const transactions = count("select count(*) as n from transactions where customer_id = ?", id);
    expect(transactions).toBeGreaterThan(1);
    expect(data.transactions).toHaveLength(transactions);
    expect(data.transactions.reduce((sum, t) => sum + t.revenueCents, 0)).toBe(count("select sum(revenue_cents) as n from transactions where customer_id = ?", id));
    for (let i = 1; i < data.transactions.length; i++) expect(data.transactions[i - 1]!.purchaseDate <= data.transactions[i]!.purchaseDate).toBe(true);
    expect(data.attributes).toHaveLength(count("select count(*) as n from customer_attributes where customer_id = ?", id));
    expect(data.scores.map((score) => score.snapshotId)).toEqual(snapshotIds);
    for (const score of data.scores) {
      const stored = database.sqlite
        .prepare("select predicted_clv_cents as predictedClvCents, clv_tier as clvTier, rfm_segment as rfmSegment from customer_scores where snapshot_id = ? and customer_id = ?")
        .get(score.snapshotId, id);
      expect(score).toMatchObject(stored as object);
      expect(score.asOfDate).toBe((database.sqlite.prepare("select as_of_date as d from snapshots where id = ?").get(score.snapshotId) as { d: string }).d);
    }
    expect(data.imports).toEqual([expect.objectContaining({ id: importId, fileName: "orders-2026.csv", transactions: 2 })]);

    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  test("the download's file name", () => {
    expect(personalDataFileName(42)).toBe("customer-42-personal-data.json");
  });
});
