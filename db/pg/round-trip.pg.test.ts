/**
 * The same rows written through Drizzle on SQLite and on PostgreSQL read back the same: dates as `YYYY-MM-DD`
 * strings, money as numbers (bigint cents too), JSON as objects, flags as booleans, better-auth's moments as Dates,
 * moments written by the database as ISO text in UTC.
 */
import { expect, it } from "vitest";
import { describeWithPostgres, useBothEngines } from "@/lib/testing/postgres-test-database";
import * as sqliteTables from "../schema";

const customer = { id: 7, externalId: "C-7", name: "Joke de Vries", firstSeenDate: "2024-02-29" };
const transaction = { id: 3_000_000_001, customerId: 7, purchaseDate: "2024-12-31", revenueCents: 2_500_000_000_00, refundedCents: 150, quantity: 2 };
const runningImport = {
  kind: "transactions" as const,
  fileName: "orders.csv",
  source: "cli" as const,
  status: "running" as const,
  startedAt: "2026-12-06T23:00:00.000Z",
  finishedAt: "",
  skipInvalid: true,
  options: { delimiter: ";", map: { date: "datum" } },
};
const snapshot = { status: "complete" as const, progress: 0.1 + 0.2, asOfDate: "2026-12-01", fit: { model: "bgnbd" } as never, seconds: 1e-9 };
const user = { id: "u1", name: "Anna", email: "anna@example.nl", createdAt: new Date("2026-12-06T23:00:00.123Z"), updatedAt: new Date(0) };
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describeWithPostgres("rows on both engines", (adminUrl) => {
  const engines = useBothEngines(adminUrl);

  it("read back alike", async () => {
    const { db: lite } = engines.sqlite;
    const { db: pg, tables } = engines.postgres;
    await lite.insert(sqliteTables.customers).values(customer);
    await lite.insert(sqliteTables.transactions).values(transaction);
    await lite.insert(sqliteTables.imports).values(runningImport);
    await lite.insert(sqliteTables.snapshots).values(snapshot);
    await lite.insert(sqliteTables.authUsers).values(user);
    await pg.insert(tables.customers).values(customer);
    await pg.insert(tables.transactions).values(transaction);
    await pg.insert(tables.imports).values(runningImport);
    await pg.insert(tables.snapshots).values(snapshot);
    await pg.insert(tables.authUsers).values(user);

    const fromSqlite = {
      customers: await lite.select().from(sqliteTables.customers),
      transactions: await lite.select().from(sqliteTables.transactions),
      imports: await lite.select().from(sqliteTables.imports),
      snapshots: await lite.select().from(sqliteTables.snapshots),
      authUsers: await lite.select().from(sqliteTables.authUsers),
    };
    const fromPostgres = {
      customers: await pg.select().from(tables.customers),
      transactions: await pg.select().from(tables.transactions),
      imports: await pg.select().from(tables.imports),
      snapshots: await pg.select().from(tables.snapshots),
      authUsers: await pg.select().from(tables.authUsers),
    };
    for (const rows of [fromSqlite, fromPostgres]) {
      expect(rows.customers[0]!.createdAt).toMatch(ISO_MOMENT);
      expect(rows.snapshots[0]!.createdAt).toMatch(ISO_MOMENT);
      for (const row of [...rows.customers, ...rows.transactions, ...rows.snapshots]) row.createdAt = "(now)";
    }
    expect(fromPostgres).toEqual(fromSqlite);
    expect(fromPostgres.transactions[0]).toMatchObject({ purchaseDate: "2024-12-31", revenueCents: 250_000_000_000 });
    expect(fromPostgres.authUsers[0]!.createdAt).toEqual(user.createdAt);
  });
});
