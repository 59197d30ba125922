import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, type OpenedSqliteDatabase } from "@/db/client";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { getFilterOptions, MAX_CATEGORY_VALUES } from "./filter-options";
import { raiseDataVersion } from "@/db/data-version";

let database: OpenedSqliteDatabase;

beforeAll(async () => {
  database = openDatabase(":memory:");
  await seedDemoCompany(database.db, { customers: 200, seed: 3, years: 1, endDate: "2026-02-14" });
});
afterAll(() => database.close());

test("the choices are the channels, countries and categorical soft data in the data, with counts", async () => {
  const options = await getFilterOptions(database.db);
  const channels = database.sqlite.prepare("select acquisition_channel as value, count(*) as customers from customers group by 1 order by 2 desc").all();
  expect(options.channels).toEqual(channels);
  expect(options.countries.reduce((sum, choice) => sum + choice.customers, 0)).toBe(200);
  expect(options.attributes.length).toBeGreaterThan(0);
  for (const attribute of options.attributes) expect(attribute.values.length).toBeLessThanOrEqual(MAX_CATEGORY_VALUES);
});

test("a new customer or new soft data shows once its change is committed; unchanged data is read from memory", async () => {
  const before = await getFilterOptions(database.db);
  expect(await getFilterOptions(database.db)).toBe(before);
  // Written as the app's writers write (an import raises the data version with its commit).
  const id = database.sqlite.prepare("insert into customers (external_id, acquisition_channel) values ('NEW1', 'Carrier pigeon') returning id").pluck().get() as number;
  await raiseDataVersion(database.db);
  const after = await getFilterOptions(database.db);
  expect(after.channels.find((choice) => choice.value === "Carrier pigeon")?.customers).toBe(1);
  database.sqlite.prepare("insert into customer_attributes (customer_id, key, value) values (?, 'zz_new_key', 'yes')").run(id);
  await raiseDataVersion(database.db);
  expect((await getFilterOptions(database.db)).attributes.find((attribute) => attribute.key === "zz_new_key")?.values).toEqual([{ value: "yes", customers: 1 }]);
});
