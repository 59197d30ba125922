/**
 * A customers file that changes most stored customers: every change is stored, and only with the import's
 * last transaction (readers see all of them or none). That transaction's length grows with the number of
 * changed customers (about 2 s for 200,000 on a quiet machine); it is printed here, not asserted (no timed
 * tests), and it is the open part of issue 16's bound (README, "Imports never block the app").
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "@/db/client";
import { commandLineActor } from "@/lib/audit/events";
import { runImport } from "./run-import";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-customer-changes-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const CUSTOMERS = 200_000;

const reader = { today: "2026-11-23", delimiter: ";", decimal: "," as const, dateFormat: "DD-MM-YYYY" as const };

function customersFile(version: number): Buffer {
  const cities = ["Gouda", "Delft", "Zwolle", "Breda", "Assen"];
  const lines = ["klantnummer;naam;woonplaats;land;nieuwsbrief"];
  for (let i = 0; i < CUSTOMERS; i++) lines.push(`K${i};Klant ${i};${cities[(i + version) % 5]};${version === 0 ? "NL" : i % 3 ? "NL" : "BE"};${(i + version) % 2 ? "ja" : "nee"}`);
  return Buffer.from(`${lines.join("\n")}\n`);
}

async function* chunks(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
}

test(`a customers file that changes ${CUSTOMERS.toLocaleString("en")} stored customers stores every change, visible with the last transaction`, async () => {
  const database = openDatabase(path.join(folder, "changes.db"));
  try {
    const first = await runImport(database, { kind: "customers", fileName: "first.csv", by: commandLineActor("tests"), input: chunks(customersFile(0)), reader });
    expect(first).toMatchObject({ status: "committed", imported: CUSTOMERS });
    const report = await runImport(database, { kind: "customers", fileName: "changed.csv", by: commandLineActor("tests"), input: chunks(customersFile(1)), reader });
    console.log(`${CUSTOMERS.toLocaleString("en")} changed customers: longest write-lock hold ${report.longestWriteLockMs} ms, ${report.seconds.toFixed(1)} s in all`);
    expect(report).toMatchObject({ status: "committed", imported: 0, updated: CUSTOMERS });
    const read = (query: string) => database.sqlite.prepare(query).pluck().get();
    expect(read("SELECT count(*) FROM customers WHERE city = CASE id % 5 WHEN 1 THEN 'Delft' WHEN 2 THEN 'Zwolle' WHEN 3 THEN 'Breda' WHEN 4 THEN 'Assen' ELSE 'Gouda' END")).toBe(CUSTOMERS);
    expect(read("SELECT count(*) FROM customers WHERE country = 'BE'")).toBe(Math.ceil(CUSTOMERS / 3));
    expect(read("SELECT count(*) FROM customer_attributes WHERE key = 'nieuwsbrief' AND value = 'ja'")).toBe(CUSTOMERS / 2);
  } finally {
    database.close();
  }
}, 300_000);
