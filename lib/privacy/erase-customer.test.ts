import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { OpenedSqliteDatabase } from "@/db/client";
import { countCustomerScores, getCustomerScores } from "@/lib/queries/customer-scores";
import { getMonthlyRevenue } from "@/lib/queries/overview";
import { getQuadrantMap } from "@/lib/queries/quadrant-map";
import { getBiggestMovers } from "@/lib/queries/snapshot-migration";
import { getSnapshot, type SnapshotInfo } from "@/lib/queries/snapshots";
import { versionFor } from "@/lib/queries/support";
import { eraseCustomer, UnknownCustomerError } from "./erase-customer";
import { privacyTestDatabase, rowsMentioning, tablesWithCustomerId } from "./privacy-fixture";

vi.mock("server-only", () => ({}));

const by = { label: "privacy@example.com", userId: "u-1", role: "admin", source: "browser" as const };

let database: OpenedSqliteDatabase;
let earlier: SnapshotInfo;
let later: SnapshotInfo;
let importId: number;

const count = (sql: string, ...params: unknown[]) => (database.sqlite.prepare(sql).get(...params) as { n: number }).n;
const snapshotRows = () => database.sqlite.prepare("select id, status, customers, transactions, summary, fit, settings from snapshots order by id").all();
const cohortRows = () => database.sqlite.prepare("select snapshot_id, figures from snapshot_cohorts order by snapshot_id").all();

beforeAll(async () => {
  const fixture = await privacyTestDatabase();
  database = fixture.database;
  importId = fixture.importId;
  earlier = (await getSnapshot(fixture.earlierId, database.db))!;
  later = (await getSnapshot(fixture.laterId, database.db))!;
});
afterAll(() => database.close());

describe("eraseCustomer", () => {
  test("an unknown id is a clear error and changes nothing", async () => {
    const version = await versionFor(database.db, "data");
    await expect(eraseCustomer(999_999, database.db, by)).rejects.toThrow(UnknownCustomerError);
    await expect(eraseCustomer(999_999, database.db, by)).rejects.toThrow("There is no customer with id 999999.");
    await expect(eraseCustomer(-1, database.db, by)).rejects.toThrow(UnknownCustomerError);
    expect(await versionFor(database.db, "data")).toBe(version);
    expect(count("select count(*) as n from customer_erasures")).toBe(0);
  });

  test("deletes the customer from every table, leaves the others and the snapshot aggregates as they were, and no cache shows them", async () => {
    // A customer who moved between the snapshots (so they are among the movers), with soft data and an imported purchase.
    const movers = (await getBiggestMovers(earlier, later, { limit: 20 }, database.db)).up;
    const victim = movers.find((row) => count("select count(*) as n from customer_attributes where customer_id = ?", row.customerId) > 0)!;
    expect(victim).toBeDefined();
    const id = victim.customerId;
    database.sqlite.prepare("update transactions set import_id = ? where id = (select min(id) from transactions where customer_id = ?)").run(importId, id);
    const who = database.sqlite.prepare("select external_id as externalId, name, email from customers where id = ?").get(id) as { externalId: string; name: string; email: string };

    // A new table with a customer id fails here on purpose: eraseCustomer (and the export) must learn about it.
    const tables = tablesWithCustomerId(database);
    expect(tables.sort()).toEqual(["customer_attribute_changes", "customer_attributes", "customer_changes", "customer_scores", "transactions"]);
    const before = Object.fromEntries(tables.map((table) => [table, count(`select count(*) as n from ${table}`)]));
    const own = Object.fromEntries(tables.map((table) => [table, count(`select count(*) as n from ${table} where customer_id = ?`, id)]));
    expect(own.customer_scores).toBe(2); // scored in both snapshots
    const customersBefore = count("select count(*) as n from customers");
    const [snapshotsBefore, cohortsBefore] = [snapshotRows(), cohortRows()];
    const revenueBefore = await getMonthlyRevenue(database.db);

    // Fill the caches with the customer: the map, the movers, a search and a list page (ids of scores only).
    const map = async (snapshot: SnapshotInfo) => (await getQuadrantMap(snapshot, {}, {}, database.db)).points.map((point) => point.customerId);
    expect(await map(later)).toContain(id);
    expect((await getBiggestMovers(earlier, later, { limit: 20 }, database.db)).up.map((row) => row.customerId)).toContain(id);
    expect(await countCustomerScores(later, { search: who.externalId }, database.db)).toBe(1);
    const everyone = async () => (await getCustomerScores(later, {}, { limit: 10_000 }, database.db)).map((row) => row.customerId);
    expect(await everyone()).toContain(id);
    const [dataVersion, scoresVersion] = [await versionFor(database.db, "data"), await versionFor(database.db, "scores")];

    const result = await eraseCustomer(id, database.db, by);
    expect(result).toEqual({
      customerId: id,
      externalId: who.externalId,
      transactions: own.transactions,
      attributes: own.customer_attributes,
      scores: own.customer_scores,
    });

    // Nothing about them in any table: no row with their id, nor their customer number, e-mail address or name anywhere.
    expect(count("select count(*) as n from customers where id = ?", id)).toBe(0);
    for (const table of tables) expect(count(`select count(*) as n from ${table} where customer_id = ?`, id), table).toBe(0);
    expect(rowsMentioning(database, who.externalId)).toEqual({});
    // Names and e-mail addresses of the demo company are not unique: other customers may still have the same ones.
    const others = (column: "name" | "email", text: string) => {
      const n = count(`select count(*) as n from customers where instr(${column}, ?) > 0`, text);
      return n > 0 ? { customers: n } : {};
    };
    expect(rowsMentioning(database, who.email)).toEqual(others("email", who.email));
    expect(rowsMentioning(database, who.name)).toEqual(others("name", who.name));

    // Everyone else untouched; the snapshots' totals, counts, fit and cohort figures exactly as they were.
    expect(count("select count(*) as n from customers")).toBe(customersBefore - 1);
    for (const table of tables) expect(count(`select count(*) as n from ${table}`), table).toBe(before[table]! - own[table]!);
    expect(snapshotRows()).toEqual(snapshotsBefore);
    expect(cohortRows()).toEqual(cohortsBefore);
    // The erasure is recorded without who it was.
    expect(database.sqlite.prepare("select source, transactions, attributes, scores from customer_erasures").all()).toEqual([
      { source: "browser", transactions: own.transactions, attributes: own.customer_attributes, scores: own.customer_scores },
    ]);

    // Every cache version moved, so nothing remembered shows them.
    expect(await versionFor(database.db, "data")).not.toBe(dataVersion);
    expect(await versionFor(database.db, "scores")).not.toBe(scoresVersion);
    expect(await map(later)).not.toContain(id);
    expect(await map(earlier)).not.toContain(id);
    expect((await getBiggestMovers(earlier, later, { limit: 20 }, database.db)).up.map((row) => row.customerId)).not.toContain(id);
    expect(await countCustomerScores(later, { search: who.externalId }, database.db)).toBe(0);
    expect(await everyone()).not.toContain(id);
    expect(await everyone()).toHaveLength(count("select count(*) as n from customer_scores where snapshot_id = ?", later.id));
    // The revenue per month no longer counts their purchases.
    const revenue = (months: { revenueCents: number }[]) => months.reduce((sum, month) => sum + month.revenueCents, 0);
    expect(revenue(await getMonthlyRevenue(database.db))).toBe(count("select coalesce(sum(revenue_cents), 0) as n from transactions"));
    expect(revenue(await getMonthlyRevenue(database.db))).toBeLessThan(revenue(revenueBefore));

    // Twice is an error, not a second erasure.
    await expect(eraseCustomer(id, database.db, by)).rejects.toThrow(UnknownCustomerError);
    expect(count("select count(*) as n from customer_erasures")).toBe(1);
    // The audit trail says who erased and how much, in the same transaction; not whom.
    expect(database.sqlite.prepare("select action, actor, actor_role as role, target, details from audit_events where action = 'customerErased'").all()).toEqual([
      { action: "customerErased", actor: by.label, role: "admin", target: null, details: JSON.stringify({ transactions: own.transactions, attributes: own.customer_attributes, scores: own.customer_scores }) },
    ]);
  });
});
