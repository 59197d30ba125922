import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { remember } from "./snapshot-cache";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;

beforeAll(() => {
  database = openDatabase(":memory:");
  database.sqlite.prepare("insert into customers (external_id, country) values ('K1', 'NL')").run();
});
afterAll(() => database.close());

test("an aggregate of scores only is computed once per snapshot and filter", () => {
  const compute = vi.fn(() => ({ customers: 1 }));
  const first = remember(database.db, "test-scores", 1, [{ tier: 1 }], compute);
  expect(remember(database.db, "test-scores", 1, [{ tier: 1 }], compute)).toBe(first);
  remember(database.db, "test-scores", 2, [{ tier: 1 }], compute);
  remember(database.db, "test-scores", 1, [{ tier: 2 }], compute);
  expect(compute).toHaveBeenCalledTimes(3);
});

test("an aggregate that reads customers is kept until the customer data changes", () => {
  const compute = vi.fn(() => ({}));
  const filter = { country: "NL" };
  remember(database.db, "test-customers", 1, [filter], compute);
  remember(database.db, "test-customers", 1, [filter], compute);
  expect(compute).toHaveBeenCalledTimes(1);
  database.sqlite.prepare("insert into customers (external_id, country) values ('K2', 'NL')").run();
  remember(database.db, "test-customers", 1, [filter], compute);
  expect(compute).toHaveBeenCalledTimes(2);
  // An import that only updates customers still counts as a change: every import is a row of `imports`.
  database.sqlite
    .prepare("insert into imports (kind, file_name, source, status, started_at, finished_at, rows_read) values ('customers', 'x.csv', 'cli', 'committed', '2026-01-01', '2026-01-01', 1)")
    .run();
  remember(database.db, "test-customers", 1, [filter], compute);
  remember(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  remember(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  expect(compute).toHaveBeenCalledTimes(4);
});

test("an erasure (a row of customer_erasures, from any process) drops every remembered value", () => {
  const scoresOnly = vi.fn(() => ({}));
  const withCustomers = vi.fn(() => ({}));
  remember(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  remember(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  database.sqlite.prepare("insert into customer_erasures (source, transactions, attributes, scores) values ('cli', 1, 0, 1)").run();
  remember(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  remember(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  expect(scoresOnly).toHaveBeenCalledTimes(2);
  expect(withCustomers).toHaveBeenCalledTimes(2);
});
