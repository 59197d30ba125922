import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { importRejectedRows } from "@/db/schema";
import { runStatement } from "@/db/engine";
import { rawRows } from "@/db/raw-rows";
import { countCustomerScores, getCustomerScores } from "@/lib/queries/customer-scores";
import { getMonthlyRevenue } from "@/lib/queries/overview";
import { getQuadrantMap } from "@/lib/queries/quadrant-map";
import { getBiggestMovers } from "@/lib/queries/snapshot-migration";
import { getSnapshot, type SnapshotInfo } from "@/lib/queries/snapshots";
import { versionFor } from "@/lib/queries/support";
import { eraseCustomer, UnknownCustomerError } from "./erase-customer";
import { countOf, privacyTestDatabase, rowsMentioning, tablesWithCustomerId } from "./privacy-fixture";

vi.mock("server-only", () => ({}));

const by = { label: "privacy@example.com", userId: "u-1", role: "admin", source: "browser" as const };

let database: OpenedDatabase;
let earlier: SnapshotInfo;
let later: SnapshotInfo;
let importId: number;

const count = (query: SQL) => countOf(database, query);
const snapshotRows = () => rawRows(database.db, sql`select id, status, customers, transactions, summary, fit, settings from snapshots order by id`);
const cohortRows = () => rawRows(database.db, sql`select snapshot_id, figures from snapshot_cohorts order by snapshot_id`);
/** The rows of `table`, all of them or one customer's. */
const rowsOf = (table: string, customerId?: number) =>
  count(sql`select count(*) as n from ${sql.identifier(table)}${customerId === undefined ? sql`` : sql` where customer_id = ${customerId}`}`);

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
    expect(await count(sql`select count(*) as n from customer_erasures`)).toBe(0);
  });

  test("deletes the customer from every table, leaves the others and the snapshot aggregates as they were, and no cache shows them", async () => {
    // A customer who moved between the snapshots (so they are among the movers), with soft data and an imported purchase.
    const movers = (await getBiggestMovers(earlier, later, { limit: 20 }, database.db)).up;
    const withAttributes = new Set(
      (await rawRows<{ id: number }>(database.db, sql`select distinct customer_id as id from customer_attributes`)).map((row) => row.id),
    );
    const victim = movers.find((row) => withAttributes.has(row.customerId))!;
    expect(victim).toBeDefined();
    const id = victim.customerId;
    await runStatement(database.db, sql`update transactions set import_id = ${importId} where id = (select min(id) from transactions where customer_id = ${id})`);
    const [who] = (await rawRows<{ externalId: string; name: string; email: string }>(
      database.db,
      sql`select external_id as "externalId", name, email from customers where id = ${id}`,
    )) as [{ externalId: string; name: string; email: string }];

    // A new table with a customer id fails here on purpose: eraseCustomer (and the export) must learn about it.
    const tables = await tablesWithCustomerId(database);
    expect(tables.sort()).toEqual(["customer_attribute_changes", "customer_attributes", "customer_changes", "customer_scores", "transactions"]);
    const before = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await rowsOf(table)] as const)));
    const own = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await rowsOf(table, id)] as const)));
    expect(own.customer_scores).toBe(2); // scored in both snapshots
    const customersBefore = await rowsOf("customers");
    const [snapshotsBefore, cohortsBefore] = [await snapshotRows(), await cohortRows()];
    const revenueBefore = await getMonthlyRevenue(database.db);

    // Fill the caches with the customer: the map, the movers, a search and a list page (ids of scores only).
    const map = async (snapshot: SnapshotInfo) => (await getQuadrantMap(snapshot, {}, {}, database.db)).points.map((point) => point.customerId);
    expect(await map(later)).toContain(id);
    expect((await getBiggestMovers(earlier, later, { limit: 20 }, database.db)).up.map((row) => row.customerId)).toContain(id);
    expect(await countCustomerScores(later, { search: who.externalId }, database.db)).toBe(1);
    const everyone = async () => (await getCustomerScores(later, {}, { limit: 10_000 }, database.db)).map((row) => row.customerId);
    expect(await everyone()).toContain(id);
    const [dataVersion, scoresVersion] = [await versionFor(database.db, "data"), await versionFor(database.db, "scores")];

    // The rejected rows of an import kept for download (gzip, so no text search would find the customer in them).
    await database.db.insert(importRejectedRows).values({ importId, fileGzipBase64: "H4sIAAAAAAAAAwMAAAAAAAAAAAA=", fileBytes: 0, rows: 1, keptAt: new Date().toISOString() });

    const result = await eraseCustomer(id, database.db, by);
    expect(await count(sql`select count(*) as n from import_rejected_rows`)).toBe(0);
    expect(result).toEqual({
      customerId: id,
      externalId: who.externalId,
      transactions: own.transactions,
      attributes: own.customer_attributes,
      scores: own.customer_scores,
    });

    // Nothing about them in any table: no row with their id, nor their customer number, e-mail address or name anywhere.
    expect(await count(sql`select count(*) as n from customers where id = ${id}`)).toBe(0);
    for (const table of tables) expect(await rowsOf(table, id), table).toBe(0);
    expect(await rowsMentioning(database, who.externalId)).toEqual({});
    // Names and e-mail addresses of the demo company are not unique: other customers may still have the same ones.
    const everyCustomer = await rawRows<{ name: string | null; email: string | null }>(database.db, sql`select name, email from customers`);
    const others = (column: "name" | "email", text: string) => {
      const n = everyCustomer.filter((customer) => (customer[column] ?? "").includes(text)).length;
      return n > 0 ? { customers: n } : {};
    };
    expect(await rowsMentioning(database, who.email)).toEqual(others("email", who.email));
    expect(await rowsMentioning(database, who.name)).toEqual(others("name", who.name));

    // Everyone else untouched; the snapshots' totals, counts, fit and cohort figures exactly as they were.
    expect(await rowsOf("customers")).toBe(customersBefore - 1);
    for (const table of tables) expect(await rowsOf(table), table).toBe(before[table]! - own[table]!);
    expect(await snapshotRows()).toEqual(snapshotsBefore);
    expect(await cohortRows()).toEqual(cohortsBefore);
    // The erasure is recorded without who it was.
    expect(await rawRows(database.db, sql`select source, transactions, attributes, scores from customer_erasures`)).toEqual([
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
    expect(await everyone()).toHaveLength(await count(sql`select count(*) as n from customer_scores where snapshot_id = ${later.id}`));
    // The revenue per month no longer counts their purchases.
    const revenue = (months: { revenueCents: number }[]) => months.reduce((sum, month) => sum + month.revenueCents, 0);
    expect(revenue(await getMonthlyRevenue(database.db))).toBe(await count(sql`select coalesce(sum(revenue_cents), 0) as n from transactions`));
    expect(revenue(await getMonthlyRevenue(database.db))).toBeLessThan(revenue(revenueBefore));

    // Twice is an error, not a second erasure.
    await expect(eraseCustomer(id, database.db, by)).rejects.toThrow(UnknownCustomerError);
    expect(await count(sql`select count(*) as n from customer_erasures`)).toBe(1);
    // The audit trail says who erased and how much, in the same transaction; not whom. The details compared as the
    // document they are: PostgreSQL's jsonb gives its own text of it (key order, spaces), SQLite the text stored.
    const audit = await rawRows<{ details: string }>(database.db, sql`select action, actor, actor_role as role, target, details from audit_events where action = 'customerErased'`);
    expect(audit.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }))).toEqual([
      { action: "customerErased", actor: by.label, role: "admin", target: null, details: { transactions: own.transactions, attributes: own.customer_attributes, scores: own.customer_scores } },
    ]);
  });
});
