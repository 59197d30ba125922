/**
 * The PostgreSQL import of a customers file gives what the SQLite import gives, file after file: the same counts
 * (imported, updated, duplicates) and the same stored customers and soft attributes, compared by customer number
 * (ids are the engines' own). The files cover what re-exports do: details that change, empty cells that must not
 * erase, a customer named twice in one file (stored before, and new in the file), an attribute that changes while
 * others stay, and the same file again (nothing changes). Then again with every row in a batch of its own, so a
 * repeated customer is read back from the database instead of the batch's map.
 */
import { expect, it, vi } from "vitest";
import { commandLineActor } from "@/lib/audit/events";
import type { CustomerRow } from "@/lib/import/read/customer-row";
import { createRowReader } from "@/lib/import/read/row-reader";
import { describeWithPostgres, useBothEngines, type BothEngines } from "@/lib/testing/postgres-test-database";
import { foldCommittedChanges } from "../customer-changes";
import { inPieces } from "../import-text.test-helpers";
import { runImport } from "../run-import";
import { importCustomersPostgres } from "./customer-import";

vi.mock("server-only", () => ({}));

const READER = { today: "2026-11-23", delimiter: ";", decimal: "," as const, dateFormat: "DD-MM-YYYY" as const };
const HEADER = "Klantnummer;Naam;E-mail;Land;Woonplaats;Kanaal;Klant sinds;Nieuwsbrief;Voorkeur\n";

// The first export: four new customers, with soft data in Nieuwsbrief and Voorkeur (not in every row).
const FIRST = [
  "K1;Anna de Vries;anna@example.nl;NL;Gouda;Google;02-11-2025;ja;Thee",
  "K2;Bram Jansen;;NL;Delft;;03-11-2025;nee;",
  "K3;Cor Bakker;cor@example.nl;BE;Gent;Facebook;;ja;Koffie",
  "K4;Dirk;;;;;;;",
];
// The re-export: K1 unchanged; K2 gets an e-mail address and another city with its name and date left empty, then
// (named again) another country and a first Voorkeur; K3 only changes its newsletter flag (its e-mail cell empty);
// K4 gains a Voorkeur; K5 is new, and named again with its city and a Voorkeur; K1 again with only its number.
const SECOND = [
  "K1;Anna de Vries;anna@example.nl;NL;Gouda;Google;02-11-2025;ja;Thee",
  "K2;;bram@example.nl;;Rotterdam;;;nee;",
  "K3;Cor Bakker;;BE;Gent;Facebook;;nee;Koffie",
  "K4;Dirk;;;;;;;Water",
  "K5;Eva Smit;eva@example.nl;NL;;Instagram;10-10-2025;ja;",
  "K2;;;BE;;;;;Thee",
  "K5;;;;Zwolle;;;;Thee",
  "K1;;;;;;;;",
];
// The same file again: every row a duplicate.
const FILES = [FIRST, SECOND, SECOND].map((lines) => HEADER + lines.map((line) => `${line}\n`).join(""));

/** The valid rows of `text`, read as the import reads them. */
function rowsOf(text: string): CustomerRow[] {
  const reader = createRowReader({ kind: "customers", ...READER });
  const outcomes = [...reader.pushText(text), ...reader.end()];
  return outcomes.flatMap((outcome) => (outcome.ok ? [outcome.row] : []));
}

/** `rows` in batches of `size` rows, as the import's row stream hands them over. */
async function* inBatches(rows: CustomerRow[], size: number): AsyncGenerator<readonly CustomerRow[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}

const CUSTOMERS_SQL = "SELECT external_id, name, email, country, city, acquisition_channel, first_seen_date FROM customers";
const ATTRIBUTES_SQL = "SELECT c.external_id, a.key, a.value FROM customer_attributes a JOIN customers c ON c.id = a.customer_id";

/** Imports `text` into both engines (SQLite by `runImport`, PostgreSQL in one transaction) and checks they agree. */
async function importIntoBoth(engines: BothEngines, text: string, batchSize: number, label: string) {
  const report = await runImport(engines.sqlite, { kind: "customers", fileName: "klanten.csv", by: commandLineActor("tests"), input: inPieces(new TextEncoder().encode(text)), reader: READER });
  expect(report.status, report.message).toBe("committed");
  foldCommittedChanges(engines.sqlite.sqlite);

  const client = await engines.postgres.pool.connect();
  try {
    await client.query("BEGIN");
    const counts = await importCustomersPostgres(client, engines.postgres.target.schema, inBatches(rowsOf(text), batchSize));
    await client.query("COMMIT");
    expect(counts, label).toEqual({ imported: report.imported, updated: report.updated, duplicates: report.duplicates });
  } finally {
    client.release();
  }
  const postgres = await postgresState(engines);
  expect(postgres, label).toEqual(sqliteState(engines));
  return { report, ...postgres };
}

function sqliteState(engines: BothEngines) {
  return {
    customers: engines.sqlite.sqlite.prepare(`${CUSTOMERS_SQL} ORDER BY external_id`).all(),
    attributes: engines.sqlite.sqlite.prepare(`${ATTRIBUTES_SQL} ORDER BY c.external_id, a.key`).all(),
  };
}

async function postgresState(engines: BothEngines) {
  const client = await engines.postgres.pool.connect();
  try {
    await client.query(`SET search_path TO ${engines.postgres.target.schema}`);
    return {
      customers: (await client.query(`${CUSTOMERS_SQL.replace("first_seen_date", "first_seen_date::text AS first_seen_date")} ORDER BY external_id COLLATE "C"`)).rows,
      attributes: (await client.query(`${ATTRIBUTES_SQL} ORDER BY c.external_id COLLATE "C", a.key COLLATE "C"`)).rows,
    };
  } finally {
    client.release();
  }
}

/** The three files into both engines, rows handed over `batchSize` at a time; what the files say, checked by hand. */
async function importAllFiles(engines: BothEngines, batchSize: number) {
  const states = [];
  for (const [index, text] of FILES.entries()) states.push(await importIntoBoth(engines, text, batchSize, `file ${index + 1}, batches of ${batchSize}`));
  const [first, second, third] = states;
  expect(first!.report.imported).toBe(FIRST.length);
  expect(third!.report).toMatchObject({ imported: 0, updated: 0, duplicates: SECOND.length });
  expect(second!.report.imported).toBe(1);

  const k2 = second!.customers.find((row) => row.external_id === "K2");
  expect(k2).toMatchObject({ name: "Bram Jansen", email: "bram@example.nl", country: "BE", city: "Rotterdam", first_seen_date: "2025-11-03" });
  const attributes = (number: string) => Object.fromEntries(second!.attributes.filter((row) => row.external_id === number).map((row) => [row.key, row.value]));
  expect(attributes("K2")).toEqual({ Nieuwsbrief: "nee", Voorkeur: "Thee" });
  expect(attributes("K3")).toEqual({ Nieuwsbrief: "nee", Voorkeur: "Koffie" });
  expect(attributes("K5")).toEqual({ Nieuwsbrief: "ja", Voorkeur: "Thee" });
  expect(second!.customers.find((row) => row.external_id === "K5")?.city).toBe("Zwolle");
}

describeWithPostgres("the PostgreSQL import of a customers file stores what the SQLite import stores", (adminUrl) => {
  const engines = useBothEngines(adminUrl);

  it("file after file, each file in one batch", async () => {
    await importAllFiles(engines, 10_000);
  });
});

describeWithPostgres("the PostgreSQL import of a customers file, a row per batch", (adminUrl) => {
  const engines = useBothEngines(adminUrl);

  it("a repeated customer in the next batch is compared with what the earlier batch wrote", async () => {
    await importAllFiles(engines, 1);
  });
});
