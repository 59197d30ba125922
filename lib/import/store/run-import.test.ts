import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { count as countRows, desc, sql, type SQL } from "drizzle-orm";
import { UploadError } from "@/lib/import/upload/upload-source";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { auditEvents, customers, imports, transactions } from "@/db/schema";
import { asSqlite, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { sniffFile } from "@/lib/import/read/sniff";
import type { ImportKind } from "@/lib/import/read/fields";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf } from "@/lib/import/read/row-reader";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import { storedOrders } from "./import-text.test-helpers";
import { createLocalRowStream, type RowStreamFactory } from "./row-stream";
import { runImport } from "./run-import";
import type { ImportReport } from "./import-report";
import { commandLineActor } from "@/lib/audit/events";

const TODAY = "2026-11-23";
// On both engines (ENGINE_TESTS in vitest.pg.config.ts); what is SQLite's own (steps, locks, pragmas, dropped
// indexes) is checked in the SQLite run only.
let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

async function* chunksOf(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Imports bytes the way the command line does: sniff the start, then stream the whole file. */
async function importBytes(
  kind: ImportKind,
  bytes: Uint8Array,
  options: { skipInvalid?: boolean; input?: AsyncIterable<Uint8Array>; totalBytes?: number } = {},
): Promise<ImportReport> {
  const sniff = sniffFile(bytes, `${kind}.csv`, { today: TODAY, fileSize: bytes.length, choices: { kind } });
  return runImport(database, {
    kind,
    fileName: `${kind}.csv`,
    by: commandLineActor("tests"),
    skipInvalid: options.skipInvalid,
    totalBytes: options.totalBytes ?? bytes.length,
    input: options.input ?? chunksOf(bytes),
    preflightProblems: sniff.problems.filter((problem) => problem.severity === "error"),
    reader: { today: TODAY, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat },
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A Windows-1252 file as Dutch Excel saves it: semicolons, decimal commas, dd-mm-yyyy, "é" as byte 0xE9. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((character) => (character === "é" ? 0xe9 : character.charCodeAt(0))));
}

/** The rows of a raw SQL query, on either engine. */
const rows = <Row = Record<string, unknown>>(query: SQL) => rawRows<Row>(database.db, query);
/** The single value of a query of one row and one column (a sum, a count, a field of one row). */
const value = async (query: SQL) => Object.values((await rows(query))[0] ?? {})[0];

async function databaseFingerprint(): Promise<string> {
  return JSON.stringify([
    await rows(sql`SELECT external_id, name, city, first_seen_date FROM customers ORDER BY external_id`),
    await rows(sql`SELECT external_id, customer_id, purchase_date, revenue_cents, cost_cents, quantity, channel FROM transactions ORDER BY id`),
    await rows(sql`SELECT customer_id, key, value FROM customer_attributes ORDER BY customer_id, key`),
  ]);
}
const count = async (table: typeof customers | typeof transactions) => (await database.db.select({ n: countRows() }).from(table))[0]!.n;

const messyTransactions = windows1252(
  "klantnummer;datum;bedrag;kosten;ordernummer;kanaal;categorie\r\n" +
    "K001;23-11-2025;1.234,56;800,00;A1;Webshop;Espressomachines\r\n" +
    "K001;24-11-2025;-12,50;-6,00;A2;Webshop;Koffie\r\n" +
    "K002;01-02-2026;99,95;;A3;Winkel;Café-servies\r\n" +
    "K003;31-02-2026;10,00;;A4;Winkel;Koffie\r\n" +
    "K004;01-03-2026;abc;;A5;App;Koffie\r\n" +
    "K005;05-03-2026;=HYPERLINK(\"x\");;A6;App;Koffie\r\n",
);

describe("runImport: all or nothing", () => {
  test("a file with invalid rows imports nothing, reports every bad row, and records the attempt", async () => {
    const report = await importBytes("transactions", messyTransactions);
    expect(report.status).toBe("rejected");
    expect(report.encoding).toBe("windows-1252");
    expect(report.rowsRead).toBe(6);
    expect(report.imported).toBe(0);
    expect(report.rejected).toBe(3);
    expect(report.rejectedRows.map((row) => row.line)).toEqual([5, 6, 7]);
    expect(report.rejectedRows[0]!.errors[0]).toMatchObject({ line: 5, column: "datum", value: "31-02-2026" });
    expect(report.rejectedRows[1]!.errors[0]!.reason).toMatch(/not a number/);
    expect(report.rejectedRows[2]!.errors[0]!.reason).toMatch(/formula/);
    expect(report.message).toMatch(/^Nothing was imported: 3 rows of 6 cannot be read/);
    expect(await count(customers)).toBe(0);
    expect(await count(transactions)).toBe(0);
    const history = await rows(sql`SELECT status, rows_read, rejected, imported FROM imports`);
    expect(history).toEqual([{ status: "rejected", rows_read: 6, rejected: 3, imported: 0 }]);
    // The refused attempt is in the audit trail too, with who tried.
    const trail = await database.db
      .select({ action: auditEvents.action, actor: auditEvents.actor, source: auditEvents.source, target: auditEvents.target, details: auditEvents.details })
      .from(auditEvents);
    expect(trail).toEqual([{ action: "import", actor: "command line (tests)", source: "cli", target: "transactions.csv", details: expect.any(Object) }]);
    expect(trail[0]!.details).toEqual({ kind: "transactions", status: "rejected", importId: report.importId, rowsRead: 6, imported: 0, updated: 0, duplicates: 0, rejected: 3 });
  });

  test("with skip-invalid the valid rows are stored exactly, and the skipped ones are in the report", async () => {
    const report = await importBytes("transactions", messyTransactions, { skipInvalid: true });
    expect(report.status).toBe("committed");
    expect(report).toMatchObject({ rowsRead: 6, imported: 3, duplicates: 0, rejected: 3, newCustomers: 2 });
    const stored = await rows(
      sql`SELECT c.external_id AS customer, t.purchase_date, t.revenue_cents, t.cost_cents, t.channel, t.product_category FROM transactions t JOIN customers c ON c.id = t.customer_id ORDER BY c.external_id, t.purchase_date`,
    );
    expect(stored).toEqual([
      { customer: "K001", purchase_date: "2025-11-23", revenue_cents: 123456, cost_cents: 80000, channel: "Webshop", product_category: "Espressomachines" },
      { customer: "K001", purchase_date: "2025-11-24", revenue_cents: -1250, cost_cents: -600, channel: "Webshop", product_category: "Koffie" },
      { customer: "K002", purchase_date: "2026-02-01", revenue_cents: 9995, cost_cents: 0, channel: "Winkel", product_category: "Café-servies" },
    ]);
    // A customer's first-seen date is their first purchase.
    expect(await rows(sql`SELECT external_id, first_seen_date FROM customers ORDER BY external_id`)).toEqual([
      { external_id: "K001", first_seen_date: "2025-11-23" },
      { external_id: "K002", first_seen_date: "2026-02-01" },
    ]);
  });

  test("a stream that breaks halfway (a closed browser tab) leaves the database as it was", async () => {
    await importBytes("transactions", utf8("klant,datum,bedrag,order\nC1,2026-01-05,10.00,O1\n"));
    const before = await databaseFingerprint();
    const lines = ["klant,datum,bedrag,order", ...Array.from({ length: 5000 }, (_, i) => `C${i},2026-01-0${(i % 9) + 1},${i}.50,X${i}`)];
    const bytes = utf8(lines.join("\n"));
    async function* breaksHalfway() {
      yield bytes.subarray(0, bytes.length / 2);
      throw new UploadError("The upload was interrupted.", 499);
    }
    const report = await importBytes("transactions", bytes, { input: breaksHalfway() });
    expect(report.status).toBe("failed");
    expect(report.message).toBe("The import failed and nothing was changed: The upload was interrupted.");
    expect(await databaseFingerprint()).toBe(before);
    // SQLite wrote the rows in steps and removed them again: its file is checked too (PostgreSQL rolled back one transaction).
    if (database.engine === "sqlite") expect(database.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    // The audit trail has the committed first import and the failed second one, nothing in between.
    const trail = (await database.db.select({ details: auditEvents.details }).from(auditEvents).orderBy(auditEvents.id)).map(({ details }) => ({ status: details?.status, imported: details?.imported }));
    expect(trail).toEqual([{ status: "committed", imported: 1 }, { status: "failed", imported: 0 }]);
  });

  test("an unexpected error is logged, and the report says so without its details", async () => {
    const bytes = utf8("klant,datum,bedrag,order\nC1,2026-01-05,10.00,O1\n");
    async function* fails() {
      yield bytes.subarray(0, 10);
      throw new Error("SQLITE_IOERR: disk I/O error at /srv/klantwaarde/data/app.db");
    }
    const report = await importBytes("transactions", bytes, { input: fails() });
    expect(report.status).toBe("failed");
    expect(report.message).toBe("The import failed and nothing was changed: an unexpected error occurred (the details are in the server log).");
    expect(report.message).not.toMatch(/SQLITE|\/srv/);
  });

  test.each([
    ["an empty file", "", /empty/i],
    ["a header without rows", "klantnummer;datum;bedrag\n", /no rows|only a header|header/i],
    ["a file without the amount column", "klantnummer;datum\nK1;01-01-2026\n", /amount/i],
    ["duplicated header names", "klantnummer;datum;bedrag;bedrag\nK1;01-01-2026;1,00;2,00\n", /twice|more than once|duplicate/i],
    ["a PNG renamed .csv", "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR", /PNG image/],
  ])("%s is refused with a message and changes nothing", async (_name, text, message) => {
    const bytes = text.startsWith("\u0089PNG") ? windows1252(text.replace("\u0089", "\u0000")).map((b, i) => (i === 0 ? 0x89 : b)) : utf8(text);
    const report = await importBytes("transactions", bytes);
    expect(report.status).toBe("rejected");
    expect(report.message).toMatch(message);
    expect(await count(transactions)).toBe(0);
    expect(await count(customers)).toBe(0);
  });
});

describe("runImport: idempotent", () => {
  test("importing the same transactions file twice changes nothing the second time", async () => {
    const file = utf8("customer_id,date,amount,order_id\nC1,2026-01-05,10.00,O1\nC2,2026-01-06,20.00,O2\nC1,2026-02-01,5.25,O3\n");
    const first = await importBytes("transactions", file);
    expect(first).toMatchObject({ status: "committed", imported: 3, duplicates: 0 });
    const before = await databaseFingerprint();
    const second = await importBytes("transactions", file);
    expect(second).toMatchObject({ status: "committed", imported: 0, duplicates: 3 });
    expect(await databaseFingerprint()).toBe(before);
  });

  test("an ambiguous date format is refused until the user chooses one", async () => {
    const report = await importBytes("transactions", utf8("klant;datum;bedrag\nC1;05-01-2026;10,00\n"));
    expect(report.status).toBe("rejected");
    expect(report.message).toMatch(/can be read in more than one way.*Choose the date format/);
    expect(await count(transactions)).toBe(0);
  });

  test("rows without an order number are matched on their content", async () => {
    const file = utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\nC1;16-01-2026;10,00\nC2;15-01-2026;10,00\n");
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 3, duplicates: 0 });
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await count(transactions)).toBe(3);
    // A new row in a later export is added; the old ones are recognised.
    const extended = utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\nC1;16-01-2026;10,00\nC2;15-01-2026;10,00\nC2;17-01-2026;15,00\n");
    expect(await importBytes("transactions", extended)).toMatchObject({ imported: 1, duplicates: 3 });
  });

  test("identical lines without an order number are separate purchases, and still recognised on re-import", async () => {
    const file = utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\nC1;15-01-2026;10,00\nC1;15-01-2026;10,00\n");
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 3, duplicates: 0 });
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 0, duplicates: 3 });
    const twoCopies = utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\nC1;15-01-2026;10,00\n");
    expect(await importBytes("transactions", twoCopies)).toMatchObject({ imported: 0, duplicates: 2 });
    expect(await count(transactions)).toBe(3);
  });

  test("order lines that repeat an order number are added up into one order, once", async () => {
    const file = utf8("order,klant,datum,bedrag,aantal\nO1,C1,2026-01-05,10.00,1\nO1,C1,2026-01-05,2.50,2\nO2,C1,2026-01-09,4.00,1\n");
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 3, duplicates: 0 });
    expect(await rows(sql`SELECT external_id, revenue_cents, quantity FROM transactions ORDER BY external_id`)).toEqual([
      { external_id: "O1", revenue_cents: 1250, quantity: 3 },
      { external_id: "O2", revenue_cents: 400, quantity: 1 },
    ]);
    expect(await importBytes("transactions", file)).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await value(sql`SELECT sum(revenue_cents) FROM transactions`)).toBe(1650);
  });
});

describe("runImport: rows written in batches", () => {
  const sumOfRevenue = () => value(sql`SELECT sum(revenue_cents) FROM transactions`);

  test("a batch that meets stored orders and repeated order lines counts every row as it would alone", async () => {
    const first = ["order;klant;datum;bedrag", ...Array.from({ length: 100 }, (_, i) => `O${i};C${i % 7};15-01-2026;1,00`)];
    expect(await importBytes("transactions", utf8(first.join("\n")), { totalBytes: 10 })).toMatchObject({ imported: 100, duplicates: 0 });
    // O50..O199 (O50..O99 stored before), then O150..O159 four more times: lines of orders new in this file.
    const orders = [...Array.from({ length: 150 }, (_, i) => 50 + i), ...Array.from({ length: 40 }, (_, i) => 150 + (i % 10))];
    const second = ["order;klant;datum;bedrag", ...orders.map((order, i) => `O${order};C${order % 7};16-01-2026;${i + 1},00`)];
    const report = await importBytes("transactions", utf8(second.join("\n")), { totalBytes: 10 });
    // O50 comes again with its stored 1,00 (a duplicate); O51..O99 with 2,00..50,00: updated to the new value.
    expect(report).toMatchObject({ status: "committed", rowsRead: 190, imported: 140, updated: 49, duplicates: 1 });
    expect(await count(transactions)).toBe(200);
    const newRows = orders.map((order, i) => (order >= 100 ? (i + 1) * 100 : 0)).reduce((a, b) => a + b, 0);
    const updatedRows = orders.map((order, i) => (order < 100 ? (i + 1) * 100 : 0)).reduce((a, b) => a + b, 0);
    expect(await sumOfRevenue()).toBe(50 * 100 + updatedRows + newRows);
    expect(await value(sql`SELECT quantity FROM transactions WHERE external_id = 'O155'`)).toBe(5);
    expect(await importBytes("transactions", utf8(second.join("\n")), { totalBytes: 10 })).toMatchObject({ imported: 0, updated: 0, duplicates: 190 });
    expect(await sumOfRevenue()).toBe(50 * 100 + updatedRows + newRows);
  });

  test("a new order before a stored one in the same batch keeps its amount (a skipped duplicate still uses up an id)", async () => {
    expect(await importBytes("transactions", utf8("order;klant;datum;bedrag\nO1;C1;15-01-2026;1,00\n"))).toMatchObject({ imported: 1 });
    // 64 rows, one statement: O2 new, O1 stored, O3..O64 new.
    const orders = [2, 1, ...Array.from({ length: 62 }, (_, i) => i + 3)];
    const file = ["order;klant;datum;bedrag", ...orders.map((order) => `O${order};C${order % 5};16-01-2026;${order},00`)];
    expect(await importBytes("transactions", utf8(file.join("\n")))).toMatchObject({ imported: 63, duplicates: 1 });
    expect(await value(sql`SELECT revenue_cents FROM transactions WHERE external_id = 'O2'`)).toBe(200);
    expect(await sumOfRevenue()).toBe(100 + orders.filter((order) => order !== 1).reduce((sum, order) => sum + order * 100, 0));
  });

  // SQLite only: its import pauses foreign keys with a pragma (PostgreSQL checks them in its one transaction).
  test.skipIf(testEngine() === "postgres")("foreign keys, not checked while a transactions file is written, are checked again afterwards", async () => {
    const { sqlite } = asSqlite(database);
    const foreignKeys = () => sqlite.pragma("foreign_keys", { simple: true });
    expect(foreignKeys()).toBe(1);
    expect(await importBytes("transactions", utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\n"))).toMatchObject({ status: "committed" });
    expect(foreignKeys()).toBe(1);
    expect(await importBytes("transactions", utf8("klant;datum;bedrag\nC1;15-01-2026;abc\n"))).toMatchObject({ status: "rejected" });
    expect(foreignKeys()).toBe(1);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
  });

  // SQLite only: SQLITE_BUSY while another connection holds the write lock (PostgreSQL has no database-wide write lock).
  test.skipIf(testEngine() === "postgres")("a busy database is reported before anything is read, and the file reader is stopped", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-busy-"));
    const holder = openDatabase(path.join(folder, "busy.db"));
    const importer = openDatabase(path.join(folder, "busy.db"));
    try {
      importer.sqlite.pragma("busy_timeout = 0");
      holder.sqlite.exec("BEGIN IMMEDIATE");
      let closed = 0;
      const readRows: RowStreamFactory = (options) => {
        const stream = createLocalRowStream(options);
        stream.close = () => void closed++;
        return stream;
      };
      const request = {
        kind: "transactions" as const,
        fileName: "busy.csv",
        by: commandLineActor("tests"),
        input: chunksOf(utf8("klant;datum;bedrag\nC1;15-01-2026;10,00\n")),
        readRows,
        reader: { today: TODAY, delimiter: ";", decimal: "," as const, dateFormat: "DD-MM-YYYY" as const },
      };
      await expect(runImport(importer, request)).rejects.toThrow(/busy/);
      expect(closed).toBe(1);
      expect(importer.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      holder.close();
      importer.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("more identical lines without an order number than fit in a batch are all kept, and recognised again", async () => {
    const lines = ["klant;datum;bedrag", ...Array.from({ length: 150 }, () => "C1;15-01-2026;10,00")];
    expect(await importBytes("transactions", utf8(lines.join("\n")))).toMatchObject({ imported: 150, duplicates: 0 });
    const more = [...lines, ...Array.from({ length: 10 }, () => "C1;15-01-2026;10,00")];
    expect(await importBytes("transactions", utf8(more.join("\n")))).toMatchObject({ imported: 10, duplicates: 150 });
    expect(await count(transactions)).toBe(160);
  });
});

describe("runImport: re-exports update stored orders (#17 item 3)", () => {
  /**
   * Reads rows in this thread and marks the orders named as no purchase by their status (cancelled), as the
   * platform readers do. (Orders refunded in full are stored rows worth 0: refunded-orders.test.ts.)
   */
  const noPurchaseFor =
    (orderIds: string[]): RowStreamFactory =>
    (options) => {
      const stream = createLocalRowStream(options);
      const mark = (outcomes: Iterable<RowOutcome<RowOf<typeof options.kind>>>) =>
        [...outcomes].map((outcome) => {
          if (!outcome.ok) return outcome;
          const row = { ...(outcome.row as TransactionRow) };
          if (row.orderId !== null && orderIds.includes(row.orderId)) row.noPurchase = "cancelled";
          return { ok: true as const, row: row as RowOf<typeof options.kind> };
        });
      return { ...stream, push: (bytes) => mark(stream.push(bytes) as Iterable<RowOutcome<RowOf<typeof options.kind>>>), end: () => mark(stream.end() as Iterable<RowOutcome<RowOf<typeof options.kind>>>), get rowCount() { return stream.rowCount; }, get header() { return stream.header; } };
    };
  const importOrders = (text: string, noPurchase: string[] = []) =>
    runImport(database, {
      kind: "transactions",
      fileName: "orders.csv",
      by: commandLineActor("tests"),
      input: chunksOf(utf8(text), 64),
      readRows: noPurchaseFor(noPurchase),
      reader: { today: TODAY, delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" },
    });
  const stored = () => storedOrders(database, "quantity");
  const revenue = () => value(sql`SELECT sum(revenue_cents) FROM transactions`);

  // File A: A1 (C1, 100,00), A2 (C2, two lines 30,00 + 20,00 = 50,00), A3 (C3, 70,00), A4 (C1, 10,00).
  const fileA = "order;klant;datum;bedrag;aantal\nA1;C1;05-01-2026;100,00;1\nA2;C2;06-01-2026;30,00;1\nA3;C3;07-01-2026;70,00;1\nA2;C2;06-01-2026;20,00;1\nA4;C1;08-01-2026;10,00;1\n";
  // File B, an export of an overlapping period: A1 unchanged; A2 refunded in part (its lines now 30,00 +
  // 5,00 = 35,00); A3 cancelled (no purchase); A4 with another customer and value (kept as stored);
  // B1 new; B9 no purchase and never stored (nothing happens).
  const fileB =
    "order;klant;datum;bedrag;aantal\nA2;C2;06-01-2026;30,00;1\nA1;C1;05-01-2026;100,00;1\nA3;C3;07-01-2026;0,00;1\nB1;C4;02-02-2026;25,00;1\nA4;C9;08-01-2026;12,00;1\nA2;C2;06-01-2026;5,00;1\nB9;C5;03-02-2026;40,00;1\n";

  test("an overlapping export updates changed orders, takes back cancelled ones, adds new ones and counts each", async () => {
    expect(await importOrders(fileA)).toMatchObject({ status: "committed", imported: 5, updated: 0, duplicates: 0 });
    expect(await revenue()).toBe(23_000);
    const report = await importOrders(fileB, ["A3", "B9"]);
    // Lines: A1 1 duplicate; A2 2 updated; A3 1 updated (taken back); B1 1 imported; A4 1 duplicate; B9 nothing.
    // New customers: C4 (B1) and C9 (named by the A4 line, which stays a duplicate of C1's order).
    expect(report).toMatchObject({ status: "committed", rowsRead: 7, imported: 1, updated: 3, duplicates: 2, newCustomers: 2 });
    expect(report.message).toBe("1 row imported, 3 updated, 2 already present.");
    expect(await stored()).toEqual([
      ["A1", "C1", 10_000, 1],
      ["A2", "C2", 3_500, 2],
      ["A4", "C1", 1_000, 1],
      ["B1", "C4", 2_500, 1],
    ]);
    expect(await revenue()).toBe(10_000 + 3_500 + 1_000 + 2_500);
    // C5 (only in B9, no purchase) is not made a customer; C9 is (its row is a purchase, kept as a duplicate).
    expect((await database.db.select({ id: customers.externalId }).from(customers).orderBy(customers.externalId)).map((row) => row.id)).toEqual(["C1", "C2", "C3", "C4", "C9"]);
    expect((await database.db.select({ updated: imports.updated }).from(imports).orderBy(desc(imports.id)).limit(1))[0]!.updated).toBe(3);

    // The same file again: nothing imported, nothing updated.
    const again = await importOrders(fileB, ["A3", "B9"]);
    expect(again).toMatchObject({ status: "committed", imported: 0, updated: 0, duplicates: 5 });
    expect(await revenue()).toBe(17_000);
  });

  test("an order's lines spread over the file are compared as one total with the stored order", async () => {
    await importOrders("order;klant;datum;bedrag\nO1;C1;05-01-2026;10,00\nO2;C1;06-01-2026;5,00\nO1;C1;05-01-2026;15,00\n");
    // O1 again in three lines that add up to its stored 25,00 (a duplicate), O2 now 4,00 (updated).
    const report = await importOrders("order;klant;datum;bedrag\nO1;C1;05-01-2026;5,00\nO2;C1;06-01-2026;4,00\nO1;C1;05-01-2026;5,00\nO1;C1;05-01-2026;15,00\n");
    expect(report).toMatchObject({ imported: 0, updated: 1, duplicates: 3 });
    expect(await stored()).toEqual([
      ["O1", "C1", 2_500, 2],
      ["O2", "C1", 400, 1],
    ]);
  });

  test("an import that is refused changes no stored order", async () => {
    await importOrders(fileA);
    const report = await importOrders(`${fileB}A9;C1;xx-01-2026;1,00;1\n`, ["A3"]);
    expect(report.status).toBe("rejected");
    expect(await revenue()).toBe(23_000);
    expect(await stored()).toHaveLength(4);
  });
});

describe("runImport: customers with soft data", () => {
  const customersFile = utf8(
    "klantnummer;naam;e-mail;woonplaats;nieuwsbrief;interesse;tevredenheid\n" +
      "K1;Anna de Vries;anna@example.nl;Zoetermeer;ja;Espresso;9\n" +
      "K2;=HYPERLINK(\"http://evil\");piet@example.nl;Gouda;nee;;6\n",
  );

  test("customers are stored, unknown columns become soft attributes, formulas stay text", async () => {
    const report = await importBytes("customers", customersFile);
    expect(report).toMatchObject({ status: "committed", imported: 2, updated: 0, duplicates: 0 });
    expect(await rows(sql`SELECT external_id, name, email, city FROM customers ORDER BY external_id`)).toEqual([
      { external_id: "K1", name: "Anna de Vries", email: "anna@example.nl", city: "Zoetermeer" },
      { external_id: "K2", name: '=HYPERLINK("http://evil")', email: "piet@example.nl", city: "Gouda" },
    ]);
    const attributes = (
      await rows<{ customer: string; key: string; value: string }>(
        sql`SELECT c.external_id AS customer, a.key, a.value FROM customer_attributes a JOIN customers c ON c.id = a.customer_id ORDER BY 1, 2`,
      )
    ).map((row) => [row.customer, row.key, row.value]);
    expect(attributes).toEqual([
      ["K1", "interesse", "Espresso"],
      ["K1", "nieuwsbrief", "ja"],
      ["K1", "tevredenheid", "9"],
      ["K2", "nieuwsbrief", "nee"],
      ["K2", "tevredenheid", "6"],
    ]);
  });

  test("re-importing is a no-op; a changed value is an update; an empty cell never erases", async () => {
    await importBytes("customers", customersFile);
    const before = await databaseFingerprint();
    expect(await importBytes("customers", customersFile)).toMatchObject({ imported: 0, updated: 0, duplicates: 2 });
    expect(await databaseFingerprint()).toBe(before);

    const changed = utf8("klantnummer;naam;woonplaats;tevredenheid\nK1;;Delft;10\nK2;;Gouda;6\nK3;Nieuwe Klant;Utrecht;7\n");
    expect(await importBytes("customers", changed)).toMatchObject({ imported: 1, updated: 1, duplicates: 1 });
    expect(await rows(sql`SELECT name, city FROM customers WHERE external_id = 'K1'`)).toEqual([{ name: "Anna de Vries", city: "Delft" }]);
  });

  test("a customers file and a transactions file meet on the customer number", async () => {
    await importBytes("transactions", utf8("klant;datum;bedrag\nK1;25-01-2026;10,00\n"));
    await importBytes("customers", customersFile);
    expect(await count(customers)).toBe(2);
    expect(await value(sql`SELECT c.name FROM transactions t JOIN customers c ON c.id = t.customer_id`)).toBe("Anna de Vries");
  });
});

describe("runImport: large files", () => {
  /** SQLite's indexes of `table` (its import drops the non-unique ones for a large file and builds them again). */
  const indexesOf = (table: string) => asSqlite(database).sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name").all(table);
  const indexes = () => indexesOf("transactions");

  // SQLite only: dropping and building indexes again is SQLite's import's own (PostgreSQL's keeps them).
  test.skipIf(testEngine() === "postgres")("indexes dropped for a large import are built again, identical, before the commit", async () => {
    const before = indexes();
    // A file announced as 50 MB makes the importer build the non-unique indexes after the rows.
    const report = await importBytes("transactions", utf8("klant;datum;bedrag;order\nC1;15-01-2026;10,00;O1\nC2;16-01-2026;12,00;O2\n"), { totalBytes: 50e6 });
    expect(report.status).toBe("committed");
    expect(indexes()).toEqual(before);
    const plan = asSqlite(database).sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM transactions WHERE customer_id = 1 ORDER BY purchase_date").all();
    expect(JSON.stringify(plan)).toContain("transactions_customer_date_idx");
  });

  test("many new customers are stored with their first purchase as first-seen date, and the customers' indexes are built again", async () => {
    // The dropped and rebuilt indexes and SQLite's foreign-key check are SQLite's own; the rows are checked on both.
    const sqliteOnly = database.engine === "sqlite";
    const customerIndexes = () => (sqliteOnly ? indexesOf("customers") : []);
    const before = customerIndexes();
    await importBytes("transactions", utf8("klant;datum;bedrag\nC00007;01-01-2024;5,00\n"));
    // 12,000 new customers against 1 stored: the importer builds the customers' non-unique indexes after them.
    const lines = ["klant;datum;bedrag"];
    for (let customer = 0; customer < 12_000; customer++) lines.push(`C${String(customer).padStart(5, "0")};${customer % 2 ? "20" : "10"}-03-2026;1,00`);
    for (let customer = 0; customer < 12_000; customer += 1000) lines.push(`C${String(customer).padStart(5, "0")};05-02-2026;1,00`);
    const report = await importBytes("transactions", utf8(`${lines.join("\n")}\n`));
    expect(report).toMatchObject({ status: "committed", imported: 12_012, newCustomers: 11_999 });
    expect(customerIndexes()).toEqual(before);
    const firstSeen = (externalId: string) => value(sql`SELECT first_seen_date FROM customers WHERE external_id = ${externalId}`);
    expect(await firstSeen("C00001")).toBe("2026-03-20");
    expect(await firstSeen("C01000")).toBe("2026-02-05"); // its later line is its first purchase
    expect(await firstSeen("C00007")).toBe("2024-01-01"); // stored before, with an earlier date
    expect(await count(customers)).toBe(12_000);
    const orphans = await value(sql`SELECT count(*) FROM transactions t LEFT JOIN customers c ON c.id = t.customer_id WHERE c.id IS NULL`);
    expect(orphans).toBe(0);
    if (sqliteOnly) expect(asSqlite(database).sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
  });

  // SQLite only: as above, PostgreSQL's import drops no indexes.
  test.skipIf(testEngine() === "postgres")("a refused large import leaves the indexes as they were", async () => {
    const before = indexes();
    const report = await importBytes("transactions", utf8("klant;datum;bedrag\nC1;15-01-2026;abc\n"), { totalBytes: 50e6 });
    expect(report.status).toBe("rejected");
    expect(indexes()).toEqual(before);
  });
});
