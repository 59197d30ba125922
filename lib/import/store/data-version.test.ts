import { afterEach, beforeEach, expect, test } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { commandLineActor } from "@/lib/audit/events";
import { sniffFile } from "@/lib/import/read/sniff";
import { readDataVersions } from "@/lib/queries/support";
import { runImport } from "./run-import";

/** A committed import tells every cache (lib/queries/support.ts) that the data changed; a refused one does not. */
let database: OpenedDatabase;
beforeEach(() => {
  database = openDatabase(":memory:");
});
afterEach(() => database.close());

async function importText(text: string) {
  const bytes = new TextEncoder().encode(text);
  const sniff = sniffFile(bytes, "orders.csv", { today: "2026-11-23", fileSize: bytes.length, choices: { kind: "transactions" } });
  return runImport(database, {
    kind: "transactions",
    fileName: "orders.csv",
    by: commandLineActor("tests"),
    totalBytes: bytes.length,
    input: (async function* () {
      yield bytes;
    })(),
    reader: { today: "2026-11-23", delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat },
  });
}

test("a committed import raises the data version with its commit; a refused one does not", async () => {
  expect(readDataVersions(database.db)).toEqual({ data: 0, erasures: 0 });
  expect((await importText("klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\n")).status).toBe("committed");
  expect(readDataVersions(database.db)).toEqual({ data: 1, erasures: 0 });
  expect((await importText("klant;datum;bedrag;order\nK1;15-01-2026;tien;A2\n")).status).toBe("rejected");
  expect(readDataVersions(database.db)).toEqual({ data: 1, erasures: 0 });
});
