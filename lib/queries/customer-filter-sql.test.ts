import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { customers } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { parseCustomerFilter } from "@/lib/filters/customer-filter";
import { recomputeNow } from "@/lib/recompute/runner";
import { countCustomerScores, getCustomerScores } from "./customer-scores";
import { likePattern } from "./customer-filter-sql";
import { getCurrentSnapshot, type SnapshotInfo } from "./snapshots";

/**
 * The search box and the filter parameters are user input that ends up in SQL: they must be bound
 * parameters (no injection), and the search must take `%`, `_` and `\` literally (LIKE wildcards).
 */
let database: OpenedDatabase;
let snapshot: SnapshotInfo;

/** Customer names that hold LIKE wildcards and SQL fragments, given to the first customers of the demo. */
const SPECIAL_NAMES = ["100% Koffie B.V.", "Koffie_Bar", "Back\\slash & Co", "O'Brien", "Robert'); DROP TABLE customers; --", "50%_korting\\"];

/** The scored customers' name, e-mail and number, read once after the recompute. */
let scored: { name: string | null; email: string | null; externalId: string }[];

/** Customers whose name, e-mail or number contains `text` literally (compared in JS: no wildcards at all). */
function literalMatches(text: string): number {
  const needle = text.toLowerCase();
  const contains = (value: string | null) => (value ?? "").toLowerCase().includes(needle);
  return scored.filter((customer) => contains(customer.name) || contains(customer.email) || contains(customer.externalId)).length;
}

/** How many customers the database holds. */
async function customerCount(): Promise<number> {
  const [row] = await rawRows<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM customers`);
  return row!.n;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoCompany(database.db, { customers: 300, seed: 9, years: 2, endDate: "2026-02-14" });
  for (const [index, name] of SPECIAL_NAMES.entries()) await database.db.update(customers).set({ name }).where(eq(customers.id, index + 1));
  await recomputeNow(database, { reason: "test" });
  snapshot = (await getCurrentSnapshot(database.db))!;
  scored = await rawRows(
    database.db,
    sql`SELECT c.name, c.email, c.external_id AS "externalId" FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE s.snapshot_id = ${snapshot.id}`,
  );
});
afterAll(() => database.close());

describe("likePattern", () => {
  test.each([
    ["jansen", "%jansen%"],
    ["100%", "%100\\%%"],
    ["a_b", "%a\\_b%"],
    ["back\\slash", "%back\\\\slash%"],
    ["' OR 1=1 --", "%' OR 1=1 --%"],
  ])("%s → %s", (text, pattern) => {
    expect(likePattern(text)).toBe(pattern);
  });
});

describe("customer search and filters as SQL", () => {
  test("every special name is scored (the test data is what it claims)", () => {
    for (const name of SPECIAL_NAMES) expect(literalMatches(name)).toBeGreaterThanOrEqual(1);
  });

  test.each(["%", "_", "\\", "100%", "Koffie_", "%_", "50%_korting\\", "O'Brien", "'", "' OR 1=1 --", "\"; DROP TABLE customers; --", "Robert'); DROP TABLE customers; --"])(
    "search %j matches its text literally",
    async (text) => {
      const expected = literalMatches(text);
      expect(await countCustomerScores(snapshot, { search: text }, database.db)).toBe(expected);
      const rows = await getCustomerScores(snapshot, { search: text }, { limit: 1000 }, database.db);
      expect(rows).toHaveLength(expected);
      // The table is still there after "DROP TABLE" searches.
      expect(await customerCount()).toBe(300);
    },
  );

  test("wildcards alone find only the customers that really contain them", async () => {
    // Without escaping, `%` and `_` would match every customer.
    const all = await countCustomerScores(snapshot, {}, database.db);
    expect(await countCustomerScores(snapshot, { search: "%" }, database.db)).toBeLessThan(all);
    expect(await countCustomerScores(snapshot, { search: "%" }, database.db)).toBe(literalMatches("%"));
    expect(await countCustomerScores(snapshot, { search: "_" }, database.db)).toBe(literalMatches("_"));
  });

  test("filter parameters with SQL fragments are dropped or match nothing", async () => {
    const all = await countCustomerScores(snapshot, {}, database.db);
    // Not a tier number: dropped, so the list is unfiltered (never "every row because of OR 1=1" by accident).
    expect(parseCustomerFilter(new URLSearchParams("tier=1 OR 1=1"))).toEqual({});
    expect(parseCustomerFilter(new URLSearchParams("rfm=champions' OR '1'='1"))).toEqual({});
    // A well-formed attribute condition is compared as a value: no customer has it.
    const attribute = parseCustomerFilter(new URLSearchParams("attr=x:' OR '1'='1"));
    expect(attribute.attributes).toEqual([{ key: "x", value: "' OR '1'='1" }]);
    expect(await countCustomerScores(snapshot, attribute, database.db)).toBe(0);
    const channel = parseCustomerFilter(new URLSearchParams("channel=' OR ''='"));
    expect(await countCustomerScores(snapshot, channel, database.db)).toBe(0);
    expect(await countCustomerScores(snapshot, parseCustomerFilter(new URLSearchParams("tier=1 OR 1=1")), database.db)).toBe(all);
  });
});
