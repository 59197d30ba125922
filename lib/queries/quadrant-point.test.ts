import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { getCustomerScores } from "./customer-scores";
import { getQuadrantPointDetails } from "./quadrant-point";
import { MAX_LABEL } from "./quadrant-map";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import type { SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => ({ database, snapshot } = await openScoredDemoCompany({ customers: 200, seed: 5 })));
afterAll(() => database.close());

test("a point's details name the customer for a reader who sees names, and give only the customer number otherwise", async () => {
  const [row] = await getCustomerScores(snapshot, {}, { limit: 1, offset: 3 }, database.db);
  const { customerId, name, externalId } = row!;
  expect(name).toBeTruthy();
  const withNames = await getQuadrantPointDetails(snapshot.id, customerId, { personalData: true }, database.db);
  expect(withNames).toMatchObject({ customerId, label: name!.length > MAX_LABEL ? `${name!.slice(0, MAX_LABEL - 1)}…` : name });
  const numbersOnly = await getQuadrantPointDetails(snapshot.id, customerId, { personalData: false }, database.db);
  expect(numbersOnly).toMatchObject({ customerId, label: externalId });
  expect(JSON.stringify(numbersOnly)).not.toContain(name!);
  // The other details do not depend on who reads them.
  expect({ ...withNames, label: "" }).toEqual({ ...numbersOnly, label: "" });
});

test("a long name is cut as the map cuts it; a customer without a name is given by number; one not in the snapshot is null", async () => {
  const [first, second] = await getCustomerScores(snapshot, {}, { limit: 2, offset: 10 }, database.db);
  await database.db.update(customers).set({ name: "A".repeat(MAX_LABEL + 10) }).where(eq(customers.id, first!.customerId));
  expect((await getQuadrantPointDetails(snapshot.id, first!.customerId, { personalData: true }, database.db))?.label).toBe(`${"A".repeat(MAX_LABEL - 1)}…`);
  await database.db.update(customers).set({ name: null }).where(eq(customers.id, second!.customerId));
  expect((await getQuadrantPointDetails(snapshot.id, second!.customerId, { personalData: true }, database.db))?.label).toBe(second!.externalId);
  expect(await getQuadrantPointDetails(snapshot.id, 987_654_321, { personalData: true }, database.db)).toBeNull();
});
