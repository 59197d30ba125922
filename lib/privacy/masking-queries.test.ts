import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { runStatement } from "@/db/engine";
import { rawRows } from "@/db/raw-rows";
import { customers, snapshots } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { countCustomerScores, getCustomerScores, type CustomerScoreRow } from "@/lib/queries/customer-scores";
import { getCustomerProfile } from "@/lib/queries/customer-profile";
import { getQuadrantMap, MAX_LABEL } from "@/lib/queries/quadrant-map";
import { getBiggestMovers, getMigrationCustomers } from "@/lib/queries/snapshot-migration";
import { getSnapshot, listSnapshots, type SnapshotInfo } from "@/lib/queries/snapshots";
import { recomputeNow } from "@/lib/recompute/runner";
import { getSettings, saveSettings } from "@/lib/settings/store";
import { openTestDatabase } from "@/lib/testing/test-database";
import { maskFilter } from "./masking";
import { getPrivacySettings, savePersonalDataAudience } from "./masking-settings";

let database: OpenedDatabase;
let earlier: SnapshotInfo;
let snapshot: SnapshotInfo;
/** Every scored customer of the later snapshot with name, e-mail and number. */
let everyone: CustomerScoreRow[];

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  await seedDemoCompany(db, { customers: 400, seed: 9, years: 2, endDate: "2026-02-14" });
  await saveSettings({ ...(await getSettings(db)), analysisDate: "2025-09-30" }, db);
  await recomputeNow(database, { reason: "test: autumn" });
  await saveSettings({ ...(await getSettings(db)), analysisDate: null }, db);
  await recomputeNow(database, { reason: "test: winter" });
  const [later, first] = await listSnapshots(db);
  snapshot = (await getSnapshot(later!.id, db))!;
  earlier = (await getSnapshot(first!.id, db))!;
  everyone = await getCustomerScores(snapshot, {}, { limit: 10_000 }, db);
});
afterAll(() => database.close());

/** The text of a few letters from the middle of a customer's name that no customer number contains. */
function namePart(): { text: string; owner: CustomerScoreRow } {
  for (const row of everyone) {
    const text = row.name?.replace(/[^a-z]/gi, "").slice(1, 6) ?? "";
    if (text.length === 5 && !everyone.some((other) => other.externalId?.toLowerCase().includes(text.toLowerCase()))) return { text, owner: row };
  }
  throw new Error("no usable name in the demo data");
}

describe("the privacy setting", () => {
  test("everyone sees names until an admin changes it; saving changes no snapshot and asks for no recompute", async () => {
    const fresh = await openTestDatabase();
    expect(await getPrivacySettings(fresh.db)).toEqual({ personalDataAudience: "everyone", updatedAt: null });
    await fresh.close();

    const before = await database.db.select().from(snapshots);
    const queueRows = () => rawRows(database.db, sql`select requested, handled from recompute_queue order by id`);
    const queue = await queueRows();
    await savePersonalDataAudience("admins", database.db);
    expect(await getPrivacySettings(database.db)).toMatchObject({ personalDataAudience: "admins", updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    await savePersonalDataAudience("analysts", database.db, { label: "ada@example.com", userId: "u-ada", role: "admin", source: "browser" });
    expect((await getPrivacySettings(database.db)).personalDataAudience).toBe("analysts");
    // A person's change is in the audit trail with what it was before.
    // The details compared as the document they are (PostgreSQL's jsonb gives its own text of it).
    const audit = await rawRows<{ details: string }>(database.db, sql`select action, actor, details from audit_events`);
    expect(audit.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }))).toEqual([
      { action: "privacySettingChanged", actor: "ada@example.com", details: { from: "admins", to: "analysts" } },
    ]);
    expect(await database.db.select().from(snapshots)).toEqual(before);
    expect(await queueRows()).toEqual(queue);
    await savePersonalDataAudience("everyone", database.db);
  });

  test("an unknown value is refused, by the code and by the table", async () => {
    await expect(savePersonalDataAudience("nobody" as never, database.db)).rejects.toThrow(/Unknown personal data audience/);
    // The table's CHECK constraint, by its name (SQLite and PostgreSQL word the failure differently; Drizzle may wrap it).
    const refused = await Promise.resolve(runStatement(database.db, sql`update privacy_settings set personal_data_audience = 'nobody' where id = 1`)).then(
      () => null,
      (error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message ?? ""}`,
    );
    expect(refused).toMatch(/privacy_settings_audience/);
    expect((await getPrivacySettings(database.db)).personalDataAudience).toBe("everyone");
  });
});

describe("masked customer lists", () => {
  test("the demo customers have names and e-mail addresses (else the tests below prove nothing)", () => {
    expect(everyone.length).toBe(snapshot.customers);
    expect(everyone.every((row) => row.name && row.email)).toBe(true);
  });

  test("hidden: the same customers in the same order, without name or e-mail address", async () => {
    const shown = await getCustomerScores(snapshot, { tier: 1 }, { limit: 25 }, database.db);
    const hidden = await getCustomerScores(snapshot, { tier: 1 }, { limit: 25, personalData: false }, database.db);
    expect(hidden.map((row) => row.customerId)).toEqual(shown.map((row) => row.customerId));
    expect(hidden.map((row) => row.externalId)).toEqual(shown.map((row) => row.externalId));
    expect(hidden.every((row) => row.name === null && row.email === null)).toBe(true);
    expect(hidden.map((row) => row.predictedClvCents)).toEqual(shown.map((row) => row.predictedClvCents));
  });

  test("hidden: the name sort orders by customer number", async () => {
    const hidden = await getCustomerScores(snapshot, {}, { orderBy: "name", direction: "asc", limit: 40, personalData: false }, database.db);
    const byNumber = [...everyone].sort((a, b) => (a.externalId! < b.externalId! ? -1 : a.externalId! > b.externalId! ? 1 : a.customerId - b.customerId));
    expect(hidden.map((row) => row.customerId)).toEqual(byNumber.slice(0, 40).map((row) => row.customerId));
  });

  test("a search by name finds the customer for a reader who sees names, and nothing for one who does not", async () => {
    const { text, owner } = namePart();
    const byName = everyone.filter((row) => [row.name, row.email, row.externalId].some((value) => value?.toLowerCase().includes(text.toLowerCase())));
    // The reader who sees names first, so a remembered count would be handed to the other reader if the cache mixed them.
    expect(await countCustomerScores(snapshot, maskFilter({ search: text }, true), database.db)).toBe(byName.length);
    expect((await getCustomerScores(snapshot, maskFilter({ search: text }, true), { limit: 100 }, database.db)).map((row) => row.customerId)).toContain(owner.customerId);
    expect(await countCustomerScores(snapshot, maskFilter({ search: text }, false), database.db)).toBe(0);
    expect(await getCustomerScores(snapshot, maskFilter({ search: text }, false), { limit: 100, personalData: false }, database.db)).toEqual([]);
    // And by e-mail address.
    const mailbox = owner.email!.split("@")[0]!;
    expect(await countCustomerScores(snapshot, maskFilter({ search: mailbox }, false), database.db)).toBe(everyone.filter((row) => row.externalId!.toLowerCase().includes(mailbox.toLowerCase())).length);
  });

  test("a search by customer number still works when names are hidden", async () => {
    const someone = everyone[17]!;
    const expected = everyone.filter((row) => row.externalId!.toLowerCase().includes(someone.externalId!.toLowerCase()));
    const filter = maskFilter({ search: someone.externalId! }, false);
    expect(await countCustomerScores(snapshot, filter, database.db)).toBe(expected.length);
    const found = await getCustomerScores(snapshot, filter, { limit: 100, personalData: false }, database.db);
    expect(found.map((row) => row.customerId).sort((a, b) => a - b)).toEqual(expected.map((row) => row.customerId).sort((a, b) => a - b));
    expect(found.every((row) => row.name === null)).toBe(true);
  });
});

describe("masked customer page, quadrant map and history", () => {
  test("the customer's profile carries no name or e-mail address, in the details or the figures", async () => {
    const someone = everyone[3]!;
    const profile = (await getCustomerProfile(someone.customerId, snapshot.id, { personalData: false }, database.db))!;
    expect(profile.customer).toMatchObject({ id: someone.customerId, externalId: someone.externalId, name: null, email: null });
    expect(profile.score).toMatchObject({ customerId: someone.customerId, name: null, email: null });
    expect(JSON.stringify(profile)).not.toContain(someone.name!);
    expect((await getCustomerProfile(someone.customerId, snapshot.id, {}, database.db))!.customer.name).toBe(someone.name);
  });

  test("the map's labels are customer numbers for a hidden reader, names for the others, from the one remembered sample", async () => {
    const names = new Set(everyone.map((row) => row.name!.slice(0, MAX_LABEL - 1)));
    const numbers = new Map(everyone.map((row) => [row.customerId, row.externalId!]));
    const shown = await getQuadrantMap(snapshot, {}, {}, database.db);
    const hidden = await getQuadrantMap(snapshot, {}, { personalData: false }, database.db);
    expect(hidden.points.map((point) => point.customerId)).toEqual(shown.points.map((point) => point.customerId));
    expect(hidden.points.every((point) => point.label === numbers.get(point.customerId))).toBe(true);
    expect(hidden.points.some((point) => names.has(point.label.replace(/…$/, "").slice(0, MAX_LABEL - 1)))).toBe(false);
    expect(shown.points.every((point) => names.has(point.label.replace(/…$/, "").slice(0, MAX_LABEL - 1)))).toBe(true);
    // Exactly one label per point leaves the query (the data budget of the page).
    expect(Object.keys(hidden.points[0]!).sort()).toEqual(Object.keys(shown.points[0]!).sort());
    expect(Object.keys(hidden.points[0]!)).not.toContain("numberLabel");
  });

  test("the biggest movers and a migration cell name nobody for a hidden reader", async () => {
    const shown = await getBiggestMovers(earlier, snapshot, { limit: 5 }, database.db);
    const hidden = await getBiggestMovers(earlier, snapshot, { limit: 5, personalData: false }, database.db);
    expect(shown.up.length).toBeGreaterThan(0);
    expect(shown.up.every((row) => row.name !== null)).toBe(true);
    expect([...hidden.up, ...hidden.down].every((row) => row.name === null)).toBe(true);
    expect(hidden.up.map((row) => row.externalId)).toEqual(shown.up.map((row) => row.externalId));
    const cell = { from: "1", to: "1" };
    const cellShown = await getMigrationCustomers(earlier, snapshot, "tier", cell, { limit: 5 }, database.db);
    const cellHidden = await getMigrationCustomers(earlier, snapshot, "tier", cell, { limit: 5, personalData: false }, database.db);
    expect(cellShown.length).toBeGreaterThan(0);
    expect(cellHidden.map((row) => [row.customerId, row.name])).toEqual(cellShown.map((row) => [row.customerId, null]));
  });

  test("no customer row was changed by masking", async () => {
    const stored = await database.db.select({ id: customers.id, name: customers.name }).from(customers);
    expect(stored.every((row) => row.name !== null)).toBe(true);
  });
});
