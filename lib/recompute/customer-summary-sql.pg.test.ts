import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseIsoDay } from "@/lib/clv/iso-date";
import { createTestDatabase, describeWithPostgres } from "@/lib/testing/postgres-test-database";
import { customerSummarySql, type CustomerSummarySqlRow } from "./customer-summary-sql";
import { CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, cdnowPurchases, expectSameAsEngine, HAND_PURCHASES, type PurchaseRow } from "./customer-summary-sql.test-helpers";

describeWithPostgres("the per-customer summary as one SQL query (PostgreSQL)", (adminUrl) => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase(adminUrl) });
    await client.connect();
  });
  afterAll(() => client.end());

  /** The purchases into a table of their own (a `date` column, as in db/pg/schema.ts), then the query. */
  async function summary(table: string, purchases: PurchaseRow[], calibrationEndDay: number, holdoutEndDay?: number): Promise<CustomerSummarySqlRow[]> {
    await client.query(`CREATE TABLE ${table} (customer_id integer NOT NULL, purchase_date date NOT NULL, amount_cents bigint NOT NULL)`);
    await client.query(`INSERT INTO ${table} SELECT * FROM unnest($1::integer[], $2::date[], $3::bigint[])`, [
      purchases.map((row) => row.customerId),
      purchases.map((row) => row.date),
      purchases.map((row) => row.amountCents),
    ]);
    const result = await client.query<CustomerSummarySqlRow>(customerSummarySql("postgres", { purchases: table, calibrationEndDay, holdoutEndDay, unit: "week" }));
    return result.rows;
  }

  test("a hand count gives what SQLite and the engine give", async () => {
    const rows = await summary("hand", HAND_PURCHASES, parseIsoDay("2025-02-28"), parseIsoDay("2025-03-31"));
    expect(rows.map((row) => [Number(row.customer_id), Number(row.x), Number(row.monetary), Number(row.holdout_amount_cents)])).toEqual([
      [1, 2, 25, 4000],
      [2, 0, 0, 0],
    ]);
    expectSameAsEngine(rows, HAND_PURCHASES, parseIsoDay("2025-02-28"), parseIsoDay("2025-03-31"));
  });

  test("CDNOW: every customer's summary is the engine's, calibration and holdout", async () => {
    const purchases = cdnowPurchases();
    const rows = await summary("cdnow", purchases, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
    expect(rows).toHaveLength(2357);
    expectSameAsEngine(rows, purchases, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
  });
});
