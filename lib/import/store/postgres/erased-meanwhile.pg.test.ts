/**
 * An import that meets a customer erased meanwhile (another session deleted a customer the import had matched, before
 * it committed) fails on the foreign key to `customers`; run-import-postgres.ts tells that failure apart from any other
 * and says what happened and what to do. Checked here against the real schema's constraint names: the violation of
 * the customer key is recognised, the one of the import key is not.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { postgresPoolOf } from "@/db/pg/query-database";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { customerErasedMeanwhile } from "./run-import-postgres";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** The error PostgreSQL gives for `sql`, which must fail. */
async function failureOf(sql: string): Promise<unknown> {
  try {
    await postgresPoolOf(database.db)!.query(sql);
  } catch (error) {
    return error;
  }
  throw new Error(`expected this statement to fail: ${sql}`);
}

it("a purchase of a customer who is gone is recognised as an erasure meanwhile; a missing import is not", async () => {
  const pool = postgresPoolOf(database.db)!;
  await pool.query("INSERT INTO customers (id, external_id) VALUES (1, 'K1')");
  const gone = await failureOf("INSERT INTO transactions (customer_id, purchase_date, revenue_cents) VALUES (424242, DATE '2026-01-15', 1000)");
  expect(gone).toMatchObject({ code: "23503" });
  expect(customerErasedMeanwhile(gone)).toBe(true);
  const noImport = await failureOf("INSERT INTO transactions (customer_id, purchase_date, revenue_cents, import_id) VALUES (1, DATE '2026-01-15', 1000, 424242)");
  expect(noImport).toMatchObject({ code: "23503" });
  expect(customerErasedMeanwhile(noImport)).toBe(false);
  expect(customerErasedMeanwhile(new Error("anything else"))).toBe(false);
});
