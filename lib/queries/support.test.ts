import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { raiseDataVersion } from "@/db/data-version";
import { openAnotherConnection, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { readDataVersions, remember, rememberForSnapshot } from "./support";
import { inTransaction } from "@/db/transaction";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;
let other: OpenedDatabase;
const folder = `/tmp/klantwaarde-support-${process.pid}`;

beforeAll(async () => {
  const fs = await import("node:fs");
  fs.mkdirSync(folder, { recursive: true });
  // A SQLite file (a database in memory has one connection only), or a PostgreSQL test database.
  database = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(`${folder}/cache.db`);
  // A second connection to the same database: another process (the command line, a second app instance).
  other = await openAnotherConnection(database);
});
afterAll(async () => {
  await other.close();
  await database.close();
  (await import("node:fs")).rmSync(folder, { recursive: true, force: true });
});

test("the data versions start at 0 and rise together with the change", async () => {
  expect(await readDataVersions(database.db)).toEqual({ data: 0, erasures: 0 });
  await raiseDataVersion(other.db);
  await raiseDataVersion(other.db, { erasure: true });
  expect(await readDataVersions(database.db)).toEqual({ data: 2, erasures: 1 });
  // Raised inside a transaction that rolls back: no change.
  await expect(
    inTransaction(other.db, async (tx) => {
      await raiseDataVersion(tx);
      throw new Error("the change failed");
    }),
  ).rejects.toThrow("the change failed");
  expect(await readDataVersions(database.db)).toEqual({ data: 2, erasures: 1 });
});

test("an aggregate of scores only is computed once per snapshot and filter, and kept when the data changes", async () => {
  const compute = vi.fn(() => ({ customers: 1 }));
  const first = await rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute);
  expect(await rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute)).toBe(first);
  await rememberForSnapshot(database.db, "test-scores", 2, [{ tier: 1 }], compute);
  await rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 2 }], compute);
  expect(compute).toHaveBeenCalledTimes(3);
  await raiseDataVersion(other.db); // an import: a complete snapshot's scores stay as they are
  expect(await rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute)).toBe(first);
  expect(compute).toHaveBeenCalledTimes(3);
});

test("a value that reads the data is kept until another connection changes the data", async () => {
  const compute = vi.fn(() => ({}));
  const filter = { country: "NL" };
  await rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  await rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  await remember(database.db, "test-revenue", "data", compute);
  await remember(database.db, "test-revenue", "data", compute);
  expect(compute).toHaveBeenCalledTimes(2);
  await raiseDataVersion(other.db);
  await rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  await remember(database.db, "test-revenue", "data", compute);
  await rememberForSnapshot(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  await rememberForSnapshot(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  expect(compute).toHaveBeenCalledTimes(5);
});

test("an erasure (from any process) drops every remembered value", async () => {
  const scoresOnly = vi.fn(() => ({}));
  const withCustomers = vi.fn(() => ({}));
  await rememberForSnapshot(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  await rememberForSnapshot(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  await raiseDataVersion(other.db, { erasure: true });
  await rememberForSnapshot(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  await rememberForSnapshot(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  expect(scoresOnly).toHaveBeenCalledTimes(2);
  expect(withCustomers).toHaveBeenCalledTimes(2);
});
