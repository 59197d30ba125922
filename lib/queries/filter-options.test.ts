import { afterAll, beforeAll, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { customerAttributes, customers, imports } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { getFilterOptions, MAX_CATEGORY_VALUES } from "./filter-options";
import { raiseDataVersion } from "@/db/data-version";

let database: OpenedDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoCompany(database.db, { customers: 200, seed: 3, years: 1, endDate: "2026-02-14" });
});
afterAll(() => database.close());

test("the choices are the channels, countries and categorical soft data in the data, with counts", async () => {
  const options = await getFilterOptions(database.db);
  const channels = await rawRows(
    database.db,
    sql`select acquisition_channel as value, count(*) as customers from customers group by acquisition_channel order by count(*) desc, acquisition_channel`,
  );
  expect(options.channels).toEqual(channels);
  expect(options.countries.reduce((sum, choice) => sum + choice.customers, 0)).toBe(200);
  expect(options.attributes.length).toBeGreaterThan(0);
  for (const attribute of options.attributes) expect(attribute.values.length).toBeLessThanOrEqual(MAX_CATEGORY_VALUES);
});

test("a new customer or new soft data shows once its change is committed; unchanged data is read from memory", async () => {
  const before = await getFilterOptions(database.db);
  expect(await getFilterOptions(database.db)).toBe(before);
  // Written as the app's writers write (an import raises the data version with its commit).
  const [{ id }] = (await database.db.insert(customers).values({ externalId: "NEW1", acquisitionChannel: "Carrier pigeon" }).returning({ id: customers.id })) as [{ id: number }];
  await raiseDataVersion(database.db);
  const after = await getFilterOptions(database.db);
  expect(after.channels.find((choice) => choice.value === "Carrier pigeon")?.customers).toBe(1);
  await database.db.insert(customerAttributes).values({ customerId: id, key: "zz_new_key", value: "yes" });
  await raiseDataVersion(database.db);
  expect((await getFilterOptions(database.db)).attributes.find((attribute) => attribute.key === "zz_new_key")?.values).toEqual([{ value: "yes", customers: 1 }]);
});

test("each soft attribute's choices are its values counted by hand; free text (over the bound) is left out", async () => {
  const [{ id: first }] = (await database.db.insert(customers).values({ externalId: "NOTES0" }).returning({ id: customers.id })) as [{ id: number }];
  const notes = Array.from({ length: MAX_CATEGORY_VALUES + 1 }, (_, i) => ({ externalId: `NOTES${i + 1}` }));
  const ids = [first, ...((await database.db.insert(customers).values(notes).returning({ id: customers.id })) as { id: number }[]).map((row) => row.id)];
  await database.db.insert(customerAttributes).values(ids.map((customerId, i) => ({ customerId, key: "zz_note", value: `note ${i}` })));
  await raiseDataVersion(database.db);
  const options = await getFilterOptions(database.db);
  expect(options.attributes.map((attribute) => attribute.key)).not.toContain("zz_note");
  const byHand = await rawRows<{ key: string; value: string; customers: number }>(
    database.db,
    sql`select key, value, count(*) as customers from customer_attributes where key <> 'zz_note' group by key, value order by key, value`,
  );
  expect(options.attributes.flatMap(({ key, values }) => values.map(({ value, customers: count }) => ({ key, value, customers: count })))).toEqual(byHand);
});

test("soft data of customers an import is still writing is not offered (their rows are not data yet)", async () => {
  const [{ id }] = (await database.db.insert(customers).values({ externalId: "PENDING1" }).returning({ id: customers.id })) as [{ id: number }];
  await database.db.insert(customerAttributes).values({ customerId: id, key: "zz_pending", value: "soon" });
  const now = new Date().toISOString();
  const [{ id: importId }] = (await database.db
    .insert(imports)
    .values({ kind: "customers", fileName: "running.csv", source: "cli", status: "running", startedAt: now, finishedAt: now, pendingTransactionsFrom: 1e9, pendingCustomersFrom: id })
    .returning({ id: imports.id })) as [{ id: number }];
  await raiseDataVersion(database.db);
  expect((await getFilterOptions(database.db)).attributes.find((attribute) => attribute.key === "zz_pending")).toBeUndefined();
  await database.db.update(imports).set({ status: "committed" }).where(eq(imports.id, importId));
  await raiseDataVersion(database.db);
  expect((await getFilterOptions(database.db)).attributes.find((attribute) => attribute.key === "zz_pending")?.values).toEqual([{ value: "soon", customers: 1 }]);
});
