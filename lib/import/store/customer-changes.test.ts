/**
 * A customers file that changes stored customers: nothing of it is visible while it runs, all of it with
 * the commit, the same before and after the fold; the last transaction writes no customer row (so its
 * length does not grow with the file: `npm run bench:import -- --kind customers` measures it), a refused
 * file and an erasure leave no change behind, and importing the same file again changes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { openDatabase, type OpenedSqliteDatabase } from "@/db/client";
import { commandLineActor } from "@/lib/audit/events";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { getCustomer, getCustomerAttributes } from "@/lib/queries/customer-profile";
import { getFilterOptions } from "@/lib/queries/filter-options";
import { foldCommittedChanges } from "./customer-changes";
import { inPieces } from "./import-text.test-helpers";
import { runImport } from "./run-import";
import type { ImportRequest } from "./import-report";

vi.mock("server-only", () => ({}));

const CUSTOMERS = 3_000;
const reader = { today: "2026-11-23", delimiter: ";", decimal: "," as const, dateFormat: "DD-MM-YYYY" as const };
const CITIES = ["Gouda", "Delft", "Zwolle", "Breda", "Assen"];

/** Version 0: every customer in NL; version 1 moves a third to BE, every city one on, every newsletter flag flipped. */
function customersFile(version: number, extraLines: string[] = []): Buffer {
  const lines = ["klantnummer;naam;woonplaats;land;nieuwsbrief"];
  for (let i = 0; i < CUSTOMERS; i++) lines.push(`K${i};Klant ${i};${CITIES[(i + version) % 5]};${version === 0 || i % 3 ? "NL" : "BE"};${(i + version) % 2 ? "ja" : "nee"}`);
  return Buffer.from(`${[...lines, ...extraLines].join("\n")}\n`);
}

let folder: string;
let database: OpenedSqliteDatabase;
let other: OpenedSqliteDatabase;

const importFile = (bytes: Buffer, options: Partial<ImportRequest<"customers">> = {}) =>
  runImport(database, { kind: "customers", fileName: "klanten.csv", by: commandLineActor("tests"), input: inPieces(bytes), reader, ...options });

/** What a reader on another connection sees of customer K0 and K1, and the filter bar's countries. */
async function seen(db: OpenedSqliteDatabase = other) {
  const ids = db.sqlite.prepare("SELECT id FROM customers WHERE external_id IN ('K0', 'K1') ORDER BY id").pluck().all() as number[];
  return {
    customers: await Promise.all(ids.map((id) => getCustomer(id, db.db))),
    attributes: await Promise.all(ids.map((id) => getCustomerAttributes(id, db.db))),
    countries: (await getFilterOptions(db.db)).countries,
  };
}

const count = (query: string) => database.sqlite.prepare(query).pluck().get() as number;
const changeRows = () => count("SELECT (SELECT count(*) FROM customer_changes) + (SELECT count(*) FROM customer_attribute_changes)");

beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-customer-changes-"));
  database = openDatabase(path.join(folder, "changes.db"));
  other = openDatabase(path.join(folder, "changes.db"));
  expect(await importFile(customersFile(0))).toMatchObject({ status: "committed", imported: CUSTOMERS });
});

afterEach(() => {
  other.close();
  database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("a customers file that changes stored customers", () => {
  test("its last transaction writes no customer row: every stored customer is changed only after the import is committed", async () => {
    // Every write to a stored customer's row or attribute is logged with the import's status at that moment.
    database.sqlite.exec(`
      CREATE TEMP TABLE writes (status TEXT);
      CREATE TEMP TRIGGER customer_written AFTER UPDATE ON main.customers BEGIN
        INSERT INTO writes VALUES ((SELECT status FROM imports ORDER BY id DESC LIMIT 1)); END;
      CREATE TEMP TRIGGER attribute_written AFTER UPDATE ON main.customer_attributes BEGIN
        INSERT INTO writes VALUES ((SELECT status FROM imports ORDER BY id DESC LIMIT 1)); END;`);
    const report = await importFile(customersFile(1));
    expect(report).toMatchObject({ status: "committed", imported: 0, updated: CUSTOMERS });
    const writes = database.sqlite.prepare("SELECT status, count(*) AS n FROM temp.writes GROUP BY status").all();
    // CITIES and flags change for every customer, countries for a third: all of them after the commit (the fold).
    expect(writes).toEqual([{ status: "committed", n: CUSTOMERS * 2 + CUSTOMERS / 3 }]);
    expect(changeRows()).toBe(0);
    expect(count("SELECT count(*) FROM customers WHERE country = 'BE'")).toBe(CUSTOMERS / 3);
  });

  test("a reader sees the old values while it runs, and the new ones once it is committed, before and after the fold", async () => {
    const before = await seen();
    const during: Awaited<ReturnType<typeof seen>>[] = [];
    const pendingRows: number[] = [];
    // The reader looks before each piece of the file reaches the import (its reads are asynchronous: the
    // import waits for the piece meanwhile, as it waits for a slow upload).
    async function* lookingBetweenPieces(bytes: Buffer) {
      for await (const piece of inPieces(bytes)) {
        during.push(await seen());
        yield piece;
      }
    }
    const report = await importFile(customersFile(1), {
      input: lookingBetweenPieces(customersFile(1)),
      stepMs: 1,
      foldChanges: false,
      onProgress: () => {
        pendingRows.push(other.sqlite.prepare("SELECT count(*) FROM customer_changes").pluck().get() as number);
      },
    });
    expect(report).toMatchObject({ status: "committed", updated: CUSTOMERS });
    expect(Math.max(...pendingRows), "changes were written (and committed in steps) while the import ran").toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(1);
    for (const view of during) expect(view).toEqual(before);

    // Committed, not folded: the stored rows are still the old ones, readers see the new ones.
    expect(changeRows()).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM customers WHERE country = 'BE'")).toBe(0);
    const committed = await seen();
    expect(committed).not.toEqual(before);
    expect(committed.customers[0]).toMatchObject({ city: "Delft", country: "BE" });
    expect(committed.attributes[0]).toEqual([{ key: "nieuwsbrief", value: "ja" }]);
    expect(committed.countries).toEqual([
      { value: "NL", customers: CUSTOMERS - CUSTOMERS / 3 },
      { value: "BE", customers: CUSTOMERS / 3 },
    ]);

    // The fold (here: as at a server start) moves the changes into the rows; readers see the same.
    expect(foldCommittedChanges(database.sqlite)).toBeGreaterThan(0);
    expect(changeRows()).toBe(0);
    expect(count("SELECT count(*) FROM customers WHERE country = 'BE'")).toBe(CUSTOMERS / 3);
    const fresh = openDatabase(path.join(folder, "changes.db"));
    try {
      expect(await seen(fresh)).toEqual(committed);
    } finally {
      fresh.close();
    }
  });

  test("a refused file leaves no change behind and nothing visible", async () => {
    const before = await seen();
    // A row that cannot be read at the end: the file is rejected after its changes were written in steps.
    const report = await importFile(customersFile(1, [";Klant zonder nummer;Gouda;NL;ja"]), { stepMs: 1 });
    expect(report.status).toBe("rejected");
    expect(changeRows()).toBe(0);
    expect(await seen()).toEqual(before);
  });

  test("importing the same file again changes nothing, also when the first import was not folded yet", async () => {
    expect(await importFile(customersFile(1), { foldChanges: false })).toMatchObject({ status: "committed", updated: CUSTOMERS });
    const committed = await seen();
    const again = await importFile(customersFile(1));
    expect(again).toMatchObject({ status: "committed", imported: 0, updated: 0, duplicates: CUSTOMERS });
    expect(changeRows()).toBe(0);
    expect(await seen()).toEqual(committed);
  });

  test("erasing a customer removes their committed changes too: the fold brings nothing of them back", async () => {
    expect(await importFile(customersFile(1), { foldChanges: false })).toMatchObject({ status: "committed" });
    const id = database.sqlite.prepare("SELECT id FROM customers WHERE external_id = 'K0'").pluck().get() as number;
    const own = () => count(`SELECT (SELECT count(*) FROM customer_changes WHERE customer_id = ${id}) + (SELECT count(*) FROM customer_attribute_changes WHERE customer_id = ${id})`);
    expect(own()).toBe(2);
    await eraseCustomer(id, database.db, commandLineActor("tests"));
    expect(own()).toBe(0);
    foldCommittedChanges(database.sqlite);
    expect(count(`SELECT count(*) FROM customer_attributes WHERE customer_id = ${id}`)).toBe(0);
    expect(count(`SELECT count(*) FROM customers WHERE id = ${id}`)).toBe(0);
    expect(count("SELECT count(*) FROM customers WHERE country = 'BE'")).toBe(CUSTOMERS / 3 - 1);
  });
});
