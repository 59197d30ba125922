/**
 * A transactions file that changes stored orders (a re-export with other totals or refunds, orders taken
 * back, older history that moves first-seen dates): nothing of it is visible while it runs, all of it with
 * the commit; no stored order is changed in place (its row is superseded and a new row of the import takes
 * its place, pending.ts), so the last transaction writes nothing of the file, however many orders change
 * (`npm run bench:import-changes -- --kind transactions` measures the hold). A refused file leaves every
 * order as it was, and importing the same file again changes nothing.
 *
 * On both engines (ENGINE_TESTS in vitest.pg.config.ts): what an import stores and counts, and what a reader on
 * another connection sees before and after its commit. How SQLite gets there (rows superseded in steps, folded
 * after the commit) is checked in the SQLite run only: PostgreSQL stores a file in one transaction.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { commandLineActor } from "@/lib/audit/events";
import { getCustomer, getCustomerTransactions } from "@/lib/queries/customer-profile";
import { foldCommittedChanges } from "./customer-changes";
import { importTransactionsText, inPieces } from "./import-text.test-helpers";
import { visibleTransactionSql } from "./pending";
import { runImport } from "./run-import";
import type { ImportRequest } from "./import-report";
import { asSqlite, openAnotherConnection, openTestDatabase, testEngine } from "@/lib/testing/test-database";

vi.mock("server-only", () => ({}));

const ORDERS = 3_000;
const CUSTOMERS = 300;
const reader = { today: "2026-11-23", delimiter: ";", decimal: "," as const, dateFormat: "DD-MM-YYYY" as const, currency: "EUR" };

/** Version 0: ORDERS orders of CUSTOMERS customers in 2025; version 1: every third order's total one euro more. */
function ordersFile(version: number, extraLines: string[] = []): Buffer {
  const lines = ["klantnummer;datum;bedrag;ordernummer"];
  for (let i = 0; i < ORDERS; i++) {
    const euros = 10 + (i % 90) + (version === 1 && i % 3 === 0 ? 1 : 0);
    lines.push(`K${i % CUSTOMERS};${String((i % 28) + 1).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-2025;${euros},50;ORD${i}`);
  }
  return Buffer.from(`${[...lines, ...extraLines].join("\n")}\n`);
}

let folder: string | undefined;
let database: OpenedDatabase;
let other: OpenedDatabase;

const importFile = (bytes: Buffer, options: Partial<ImportRequest<"transactions">> = {}) =>
  runImport(database, { kind: "transactions", fileName: "orders.csv", by: commandLineActor("tests"), input: inPieces(bytes), reader, ...options });

/** The one value `query` (SQL text) reads on `db` (on SQLite at once, as the statement runs when called). */
const count = async (query: string, db: OpenedDatabase = database) => Object.values((await rawRows<Record<string, unknown>>(db.db, sql.raw(query)))[0]!)[0] as number;

/** What a reader on another connection sees: the orders and their value, and customer K0's orders and first-seen date. */
async function seen(db: OpenedDatabase = other) {
  const k0 = await count("SELECT id FROM customers WHERE external_id = 'K0'", db);
  return {
    orders: await count(`SELECT count(*) FROM transactions WHERE ${visibleTransactionSql()}`, db),
    revenueCents: await count(`SELECT sum(revenue_cents) FROM transactions WHERE ${visibleTransactionSql()}`, db),
    k0Orders: (await getCustomerTransactions(k0, 200, db.db)).map((row) => [row.externalId, row.revenueCents]),
    k0FirstSeen: (await getCustomer(k0, db.db))?.firstSeenDate,
  };
}

/** Runs `importing` while a reader looks at the data between the import's steps (as a page request would). */
async function seenWhileRunning<T>(importing: () => Promise<T>): Promise<{ result: T; views: ReturnType<typeof seen>[]; mostSuperseded: number }> {
  const views: ReturnType<typeof seen>[] = [];
  const superseded: Promise<number>[] = [];
  const timer = setInterval(() => {
    views.push(seen());
    superseded.push(count("SELECT count(*) FROM transactions WHERE superseded_by IS NOT NULL", other));
  }, 0);
  try {
    const result = await importing();
    return { result, views, mostSuperseded: Math.max(0, ...(await Promise.all(superseded))) };
  } finally {
    clearInterval(timer);
  }
}

beforeEach(async () => {
  // SQLite: a file, which a second connection can open (one in memory cannot); PostgreSQL: a schema of its own.
  if (testEngine() === "postgres") {
    folder = undefined;
    database = await openTestDatabase();
  } else {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-order-changes-"));
    database = openDatabase(path.join(folder, "orders.db"));
  }
  other = await openAnotherConnection(database);
  expect(await importFile(ordersFile(0))).toMatchObject({ status: "committed", imported: ORDERS });
});

afterEach(async () => {
  await other.close();
  await database.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe("a transactions file that changes stored orders", () => {
  // SQLite only: its import supersedes stored rows in steps and deletes them after the commit (PostgreSQL updates them in one transaction).
  test.skipIf(testEngine() === "postgres")("no stored order is changed in place: each changed one is superseded while the import runs, and removed only after its commit", async () => {
    // Every change to a stored order's value, and every order deleted, is logged with the import's status then.
    const { sqlite } = asSqlite(database);
    sqlite.exec(`
      CREATE TEMP TABLE writes (what TEXT, status TEXT, superseded INTEGER);
      CREATE TEMP TRIGGER value_written AFTER UPDATE OF revenue_cents, refunded_cents ON main.transactions BEGIN
        INSERT INTO writes VALUES ('value', (SELECT status FROM imports ORDER BY id DESC LIMIT 1), NULL); END;
      CREATE TEMP TRIGGER order_deleted AFTER DELETE ON main.transactions BEGIN
        INSERT INTO writes VALUES ('delete', (SELECT status FROM imports ORDER BY id DESC LIMIT 1), old.superseded_by IS NOT NULL); END;`);
    const report = await importFile(ordersFile(1));
    expect(report).toMatchObject({ status: "committed", imported: 0, updated: ORDERS / 3, duplicates: ORDERS - ORDERS / 3 });
    const writes = sqlite.prepare("SELECT what, status, superseded, count(*) AS n FROM temp.writes GROUP BY 1, 2, 3").all();
    // The old rows of the changed orders go after the commit (the fold), none is rewritten.
    expect(writes).toEqual([{ what: "delete", status: "committed", superseded: 1, n: ORDERS / 3 }]);
    expect(await count("SELECT count(*) FROM transactions")).toBe(ORDERS);
    expect(await count("SELECT count(*) FROM transactions WHERE superseded_by IS NOT NULL")).toBe(0);
  });

  // SQLite only: the reader looks between the import's steps, and at the superseded rows before and after the fold.
  test.skipIf(testEngine() === "postgres")("a reader sees the old orders while it runs, and the new ones once it is committed, before and after the fold", async () => {
    const before = await seen();
    const { result, views, mostSuperseded } = await seenWhileRunning(() => importFile(ordersFile(1), { stepMs: 1, foldChanges: false }));
    expect(result).toMatchObject({ status: "committed", updated: ORDERS / 3 });
    expect(mostSuperseded, "the reader looked while the changed orders were marked and not yet committed").toBe(ORDERS / 3);
    for (const view of views) expect(await view).toEqual(before);

    // Committed, not folded: the superseded rows are still there, readers see the new values only.
    expect(await count("SELECT count(*) FROM transactions WHERE superseded_by IS NOT NULL")).toBe(ORDERS / 3);
    const committed = await seen();
    expect(committed.orders).toBe(ORDERS);
    expect(committed.revenueCents).toBe(before.revenueCents + (ORDERS / 3) * 100);
    // K0 has orders 0, 300, 600, ...: those whose number is a multiple of 3 cost one euro more.
    const k0Before = new Map(before.k0Orders as [string, number][]);
    for (const [order, cents] of committed.k0Orders as [string, number][]) {
      expect(cents - k0Before.get(order)!, order).toBe(Number(order.slice(3)) % 3 === 0 ? 100 : 0);
    }

    // The fold (here: as at a server start) deletes the superseded rows; readers see the same.
    expect(foldCommittedChanges(asSqlite(database).sqlite)).toBe(ORDERS / 3);
    expect(await count("SELECT count(*) FROM transactions")).toBe(ORDERS);
    expect(await seen()).toEqual(committed);
  });

  test("a refused file leaves every order as it was, and the same changes import afterwards", async () => {
    const before = await seen();
    // A row that cannot be read at the end: the file is rejected after its changes were written in steps.
    const refused = await importFile(ordersFile(1, ["K1;niet-een-datum;12,00;ORD-X"]), { stepMs: 1 });
    expect(refused.status).toBe("rejected");
    expect(await count("SELECT count(*) FROM transactions WHERE superseded_by IS NOT NULL")).toBe(0);
    expect(await count("SELECT count(*) FROM transactions")).toBe(ORDERS);
    expect(await seen()).toEqual(before);
    expect(await importFile(ordersFile(1))).toMatchObject({ status: "committed", updated: ORDERS / 3 });
  });

  test("importing the same file again changes nothing, also when the first import was not folded yet", async () => {
    expect(await importFile(ordersFile(1), { foldChanges: false })).toMatchObject({ status: "committed", updated: ORDERS / 3 });
    const committed = await seen();
    const again = await importFile(ordersFile(1));
    expect(again).toMatchObject({ status: "committed", imported: 0, updated: 0, duplicates: ORDERS });
    expect(await count("SELECT count(*) FROM transactions")).toBe(ORDERS);
    expect(await seen()).toEqual(committed);
  });

  test("older history moves a customer's first-seen date back", async () => {
    expect((await seen()).k0FirstSeen).toBe("2025-01-01");
    expect(await importFile(Buffer.from("klantnummer;datum;bedrag;ordernummer\nK0;15-06-2024;20,00;OUD-1\n"))).toMatchObject({ status: "committed", imported: 1 });
    expect((await seen()).k0FirstSeen).toBe("2024-06-15");
  });

  // SQLite only: the reader looks between the import's steps, and the fold is SQLite's. (On PostgreSQL a view of
  // several statements that starts before the commit may read its last ones after it: not one snapshot.)
  test.skipIf(testEngine() === "postgres")("older history moves first-seen dates only with the commit", async () => {
    const before = await seen();
    expect(before.k0FirstSeen).toBe("2025-01-01");
    const older = Buffer.from("klantnummer;datum;bedrag;ordernummer\nK0;15-06-2024;20,00;OUD-1\n");
    const { result, views } = await seenWhileRunning(() => importFile(older, { stepMs: 1, foldChanges: false }));
    expect(result).toMatchObject({ status: "committed", imported: 1 });
    for (const view of views) expect((await view).k0FirstSeen).toBe("2025-01-01");
    expect((await seen()).k0FirstSeen).toBe("2024-06-15");
    foldCommittedChanges(asSqlite(database).sqlite);
    expect(await count("SELECT first_seen_date FROM customers WHERE external_id = 'K0'")).toBe("2024-06-15");
  });
});

describe("an order taken back by a re-export", () => {
  test("stays data until the import commits, and is gone after", async () => {
    const memory = await openTestDatabase();
    try {
      const header = "Bestelnummer;Klantnummer;Besteldatum;Bedrag;Status\n";
      expect(await importTransactionsText(memory, `${header}T1;C1;02-11-2026;50,00;Betaald\nT2;C1;03-11-2026;30,00;Betaald\n`, { currency: "EUR" })).toMatchObject({ imported: 2 });
      const report = await importTransactionsText(memory, `${header}T1;C1;02-11-2026;50,00;Mislukt\nT2;C1;03-11-2026;30,00;Betaald\n`, { currency: "EUR" });
      expect(report).toMatchObject({ status: "committed", updated: 1, duplicates: 1 });
      const rows = await rawRows<{ externalId: string; revenueCents: number }>(
        memory.db,
        sql.raw(`SELECT external_id AS "externalId", revenue_cents AS "revenueCents" FROM transactions WHERE ${visibleTransactionSql()} ORDER BY external_id`),
      );
      expect(rows.map((row) => [row.externalId, row.revenueCents])).toEqual([["T2", 3000]]);
      // The taken-back order's row was deleted by the fold after the commit (on PostgreSQL: in the import's transaction).
      expect(await count("SELECT count(*) FROM transactions", memory)).toBe(1);
    } finally {
      await memory.close();
    }
  });
});
