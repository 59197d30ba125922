/**
 * What an import does, the same on both engines (this file is in ENGINE_TESTS: `npm run test:pg` runs it on
 * PostgreSQL): the rows stored and counted by hand, the history row, the audit event, the data version, all or
 * nothing with invalid rows, skip-invalid, one import at a time and a stopped or silent one marked interrupted, a customers
 * file with soft data, and a failed upload in the history.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sum } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { firstRow } from "@/db/first-row";
import { postgresPoolOf } from "@/db/pg/query-database";
import { customerAttributes, customers, dataVersions, imports, transactions } from "@/db/schema";
import { commandLineActor } from "@/lib/audit/events";
import type { ImportKind } from "@/lib/import/read/fields";
import { sniffFile } from "@/lib/import/read/sniff";
import { getImportHistory } from "@/lib/queries/imports";
import { listAuditEvents, parseAuditQuery } from "@/lib/queries/audit-events";
import { openTestDatabase } from "@/lib/testing/test-database";
import { IMPORT_LOCK } from "./postgres/import-record-postgres";
import { createRejectedRowsFile } from "./rejected-rows-file";
import { recordFailedUpload, runImport } from "./run-import";
import { recordUploadStarted } from "./upload-record";

vi.mock("server-only", () => ({}));

const TODAY = "2026-11-23";
const by = commandLineActor("tests");

// Three orders of two customers; A1 in two lines. Counted by hand: 4 lines, 3 orders, 2 customers, € 42.50.
const ORDERS = ["Bestelnummer;Klantnummer;Besteldatum;Bedrag", "A1;K1;01-11-2025;10,00", "A1;K1;01-11-2025;5,00", "A2;K2;02-11-2025;20,00", "A3;K1;03-11-2025;7,50"];
// The same with two bad rows: a date that is no date (line 3) and an amount that is no amount (line 5).
const WITH_BAD_ROWS = ["Bestelnummer;Klantnummer;Besteldatum;Bedrag", "B1;K7;01-11-2025;10,00", "B2;K8;31-02-2025;5,00", "B3;K9;02-11-2025;20,00", "B4;K9;03-11-2025;zeven"];
const text = (lines: string[]) => lines.map((line) => `${line}\n`).join("");

let database: OpenedDatabase;
let folder: string;
beforeEach(async () => {
  database = await openTestDatabase();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-import-outcomes-"));
});
afterEach(async () => {
  await database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Imports `content` as the command line does (formats sniffed from it), rejected rows to a file in `folder`. */
function importText(content: string, options: { kind?: ImportKind; skipInvalid?: boolean; fileName?: string } = {}) {
  const kind = options.kind ?? "transactions";
  const bytes = new TextEncoder().encode(content);
  const sniff = sniffFile(bytes, "file.csv", { today: TODAY, fileSize: bytes.length, choices: { kind } });
  return runImport(database, {
    kind,
    fileName: options.fileName ?? "file.csv",
    by,
    skipInvalid: options.skipInvalid,
    totalBytes: bytes.length,
    input: (async function* () {
      yield bytes;
    })(),
    rejectedRowsFile: (importId) => createRejectedRowsFile(path.join(folder, `import-${importId}.csv`)),
    reader: { today: TODAY, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency: "EUR" },
  });
}

const stored = async () => {
  const orders = await firstRow(database.db.select({ orders: count(), cents: sum(transactions.revenueCents) }).from(transactions));
  const people = await firstRow(database.db.select({ customers: count() }).from(customers));
  return { orders: orders?.orders ?? 0, revenueCents: Number(orders?.cents ?? 0), customers: people?.customers ?? 0 };
};
const dataVersion = async () => (await firstRow(database.db.select({ data: dataVersions.data }).from(dataVersions).where(eq(dataVersions.id, 1))))?.data ?? 0;

describe("a transactions file", () => {
  it("is stored as counted by hand, with its history row, its audit event and a new data version; again, it changes nothing", async () => {
    const before = await dataVersion();
    const report = await importText(text(ORDERS), { fileName: "orders.csv" });
    expect(report.status, report.message).toBe("committed");
    expect(report).toMatchObject({ rowsRead: 4, imported: 4, updated: 0, duplicates: 0, rejected: 0, newCustomers: 2 });
    expect(await stored()).toEqual({ orders: 3, revenueCents: 4250, customers: 2 });
    expect(await dataVersion()).toBe(before + 1);

    const [history] = await getImportHistory(database.db);
    expect(history).toMatchObject({ id: report.importId, fileName: "orders.csv", status: "committed", rowsRead: 4, imported: 4, source: "cli" });
    expect(history!.message).toBe(report.message);
    const { events } = await listAuditEvents(parseAuditQuery({ action: "import" }), database.db);
    expect(events[0]).toMatchObject({ action: "import", target: "orders.csv" });
    expect(events[0]!.details).toMatchObject({ status: "committed", importId: report.importId, imported: 4 });

    const again = await importText(text(ORDERS));
    expect(again).toMatchObject({ status: "committed", imported: 0, duplicates: 4, newCustomers: 0 });
    expect(await stored()).toEqual({ orders: 3, revenueCents: 4250, customers: 2 });
  });

  it("with invalid rows stores nothing, reports every bad row, and the history says why", async () => {
    const report = await importText(text(WITH_BAD_ROWS));
    expect(report.status).toBe("rejected");
    expect(report).toMatchObject({ rowsRead: 4, imported: 0, rejected: 2, rejectedRowsInFile: true });
    expect(report.rejectedRows.map((row) => row.line)).toEqual([3, 5]);
    expect(report.message).toMatch(/^Nothing was imported: 2 rows of 4 cannot be read/);
    expect(await stored()).toEqual({ orders: 0, revenueCents: 0, customers: 0 });
    const [history] = await getImportHistory(database.db);
    expect(history).toMatchObject({ id: report.importId, status: "rejected", rejected: 2, imported: 0 });
    const rejectedFile = fs.readFileSync(path.join(folder, `import-${report.importId}.csv`), "utf8");
    expect(rejectedFile.trim().split("\n")).toHaveLength(3); // the header and the two rows
  });

  it("with skip-invalid stores the valid rows and counts the others", async () => {
    const report = await importText(text(WITH_BAD_ROWS), { skipInvalid: true });
    expect(report).toMatchObject({ status: "committed", imported: 2, rejected: 2, newCustomers: 2 });
    expect(await stored()).toEqual({ orders: 2, revenueCents: 3000, customers: 2 });
  });
});

describe("one import at a time", () => {
  /** A `running` row as another process writes it, with its last heartbeat `agoMs` ago and process id `pid`. */
  const otherImport = async (agoMs: number, pid = process.pid) => {
    const at = new Date(Date.now() - agoMs).toISOString();
    const [row] = await database.db
      .insert(imports)
      .values({ kind: "transactions", fileName: "other.csv", source: "cli", status: "running", startedAt: at, finishedAt: at, startedBy: by, pid, heartbeatAt: at })
      .returning({ id: imports.id });
    return row!.id;
  };
  /** A process id that no process has any more (a child that has ended). */
  const stoppedPid = () => spawnSync(process.execPath, ["-e", ""]).pid;
  const statusOf = async (id: number) => (await firstRow(database.db.select({ status: imports.status }).from(imports).where(eq(imports.id, id))))?.status;

  /**
   * Another import that is running: on SQLite a live process with a recent heartbeat; on PostgreSQL one that also
   * holds the import lock on a connection of its own (any host). Returns how to let it go.
   */
  const liveImport = async () => {
    await otherImport(1_000);
    if (database.engine !== "postgres") return async () => undefined;
    const holder = await postgresPoolOf(database.db)!.connect();
    await holder.query(`SELECT pg_advisory_lock(${IMPORT_LOCK})`);
    return async () => {
      await holder.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK})`);
      holder.release();
    };
  };

  it("does not start beside a live one, and nothing is written", async () => {
    const letGo = await liveImport();
    try {
      await expect(importText(text(ORDERS))).rejects.toThrow(/busy with another import/);
      expect(await stored()).toEqual({ orders: 0, revenueCents: 0, customers: 0 });
      expect(await getImportHistory(database.db)).toHaveLength(1);
    } finally {
      await letGo();
    }
  });

  it("marks one whose process stopped interrupted at once (with an audit event) and goes on", async () => {
    // A recent heartbeat, but its process is gone (SQLite: no such process here; PostgreSQL: nobody holds the lock).
    const stopped = await otherImport(1_000, stoppedPid());
    const report = await importText(text(ORDERS));
    expect(report.status).toBe("committed");
    expect(await statusOf(stopped)).toBe("interrupted");
    const { events } = await listAuditEvents(parseAuditQuery({ action: "import" }), database.db);
    expect(events.map((event) => event.details?.status).sort()).toEqual(["committed", "interrupted"]);
  });

  it("marks one that has been silent too long interrupted, whatever its process id", async () => {
    const silent = await otherImport(60 * 60 * 1000);
    expect((await importText(text(ORDERS))).status).toBe("committed");
    expect(await statusOf(silent)).toBe("interrupted");
  });
});

describe("a customers file", () => {
  it("creates customers with their soft data; a later file updates what changed and never erases with an empty cell", async () => {
    const first = text(["Klantnummer;Naam;Land;Nieuwsbrief", "K1;An de Vries;NL;ja", "K2;Bo Jansen;BE;nee"]);
    expect(await importText(first, { kind: "customers" })).toMatchObject({ status: "committed", imported: 2, updated: 0, duplicates: 0 });
    const second = text(["Klantnummer;Naam;Land;Nieuwsbrief", "K1;An de Vries;;ja", "K2;Bo Jansen-Peeters;BE;ja", "K3;Cas;NL;"]);
    expect(await importText(second, { kind: "customers" })).toMatchObject({ status: "committed", imported: 1, updated: 1, duplicates: 1 });
    const rows = await database.db.select({ id: customers.externalId, name: customers.name, country: customers.country }).from(customers).orderBy(customers.externalId);
    expect(rows).toEqual([
      { id: "K1", name: "An de Vries", country: "NL" },
      { id: "K2", name: "Bo Jansen-Peeters", country: "BE" },
      { id: "K3", name: "Cas", country: "NL" },
    ]);
    const attributes = await database.db
      .select({ id: customers.externalId, key: customerAttributes.key, value: customerAttributes.value })
      .from(customerAttributes)
      .innerJoin(customers, eq(customers.id, customerAttributes.customerId))
      .orderBy(customers.externalId);
    expect(attributes).toEqual([
      { id: "K1", key: "Nieuwsbrief", value: "ja" },
      { id: "K2", key: "Nieuwsbrief", value: "ja" },
    ]);
  });
});

it("an upload that broke off is in the history as failed, with an audit event", async () => {
  const uploadId = await recordUploadStarted(database, { kind: "transactions", fileName: "half.csv", by, skipInvalid: false });
  expect(uploadId).not.toBeNull();
  const report = await recordFailedUpload(database, { kind: "transactions", fileName: "half.csv", by, uploadId }, new Error("The upload was interrupted"));
  expect(report).toMatchObject({ importId: uploadId, status: "failed" });
  const [history] = await getImportHistory(database.db);
  expect(history).toMatchObject({ id: uploadId, status: "failed", fileName: "half.csv" });
  const { events } = await listAuditEvents(parseAuditQuery({ action: "import" }), database.db);
  expect(events[0]!.details).toMatchObject({ status: "failed", importId: uploadId });
});
