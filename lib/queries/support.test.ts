import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { raiseDataVersion } from "@/db/data-version";
import { readDataVersions, remember, rememberForSnapshot } from "./support";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;
let other: OpenedDatabase;
const folder = `/tmp/klantwaarde-support-${process.pid}`;

beforeAll(async () => {
  const fs = await import("node:fs");
  fs.mkdirSync(folder, { recursive: true });
  database = openDatabase(`${folder}/cache.db`);
  // A second connection to the same file: another process (the command line, a second app instance).
  other = openDatabase(`${folder}/cache.db`);
});
afterAll(async () => {
  database.close();
  other.close();
  (await import("node:fs")).rmSync(folder, { recursive: true, force: true });
});

test("the data versions start at 0 and rise together with the change", () => {
  expect(readDataVersions(database.db)).toEqual({ data: 0, erasures: 0 });
  raiseDataVersion(other.db);
  raiseDataVersion(other.db, { erasure: true });
  expect(readDataVersions(database.db)).toEqual({ data: 2, erasures: 1 });
  // Raised inside a transaction that rolls back: no change.
  expect(() =>
    other.db.transaction((tx) => {
      raiseDataVersion(tx);
      throw new Error("the change failed");
    }),
  ).toThrow("the change failed");
  expect(readDataVersions(database.db)).toEqual({ data: 2, erasures: 1 });
});

test("an aggregate of scores only is computed once per snapshot and filter, and kept when the data changes", () => {
  const compute = vi.fn(() => ({ customers: 1 }));
  const first = rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute);
  expect(rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute)).toBe(first);
  rememberForSnapshot(database.db, "test-scores", 2, [{ tier: 1 }], compute);
  rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 2 }], compute);
  expect(compute).toHaveBeenCalledTimes(3);
  raiseDataVersion(other.db); // an import: a complete snapshot's scores stay as they are
  expect(rememberForSnapshot(database.db, "test-scores", 1, [{ tier: 1 }], compute)).toBe(first);
  expect(compute).toHaveBeenCalledTimes(3);
});

test("a value that reads the data is kept until another connection changes the data", () => {
  const compute = vi.fn(() => ({}));
  const filter = { country: "NL" };
  rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  remember(database.db, "test-revenue", "data", compute);
  remember(database.db, "test-revenue", "data", compute);
  expect(compute).toHaveBeenCalledTimes(2);
  raiseDataVersion(other.db);
  rememberForSnapshot(database.db, "test-customers", 1, [filter], compute);
  remember(database.db, "test-revenue", "data", compute);
  rememberForSnapshot(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  rememberForSnapshot(database.db, "test-customers", 1, [{}], compute, { readsOthers: true });
  expect(compute).toHaveBeenCalledTimes(5);
});

test("an erasure (from any process) drops every remembered value", () => {
  const scoresOnly = vi.fn(() => ({}));
  const withCustomers = vi.fn(() => ({}));
  rememberForSnapshot(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  rememberForSnapshot(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  raiseDataVersion(other.db, { erasure: true });
  rememberForSnapshot(database.db, "test-erasure-scores", 1, [{ tier: 1 }], scoresOnly);
  rememberForSnapshot(database.db, "test-erasure-customers", 1, [{ country: "NL" }], withCustomers);
  expect(scoresOnly).toHaveBeenCalledTimes(2);
  expect(withCustomers).toHaveBeenCalledTimes(2);
});
