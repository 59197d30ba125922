import { afterAll, beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { customerAttributes, customers } from "@/db/schema";
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
