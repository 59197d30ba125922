/**
 * The PostgreSQL import of a transactions file gives what the SQLite import gives, file after file: the same
 * counts (imported, updated, duplicates, new customers) and the same stored orders and customers, ids included.
 * The files cover what re-exports do: lines of one order added up, identical lines without an order number,
 * totals and refunds that changed, orders taken back by their status, an order number under another customer,
 * older history that moves a first-seen date, and text COPY must escape.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it, vi } from "vitest";
import { createRowReader } from "@/lib/import/read/row-reader";
import { sniffFile } from "@/lib/import/read/sniff";
import type { TransactionRow } from "@/lib/import/read/transaction-row";
import { describeWithPostgres, useBothEngines } from "@/lib/testing/postgres-test-database";
import { foldCommittedChanges } from "../customer-changes";
import { importTransactionsText } from "../import-text.test-helpers";
import { importTransactionsPostgres } from "./transaction-import";

vi.mock("server-only", () => ({}));

const TODAY = "2026-11-23";
const HEADER = "Bestelnummer;Klantnummer;Besteldatum;Bedrag;Status;Terugbetaald bedrag;Kanaal\n";

// The first export: R1 in two lines; R2 paid; R3 refunded in part; R4 failed (not stored); two identical lines
// without an order number.
const FIRST = [
  "R1;C1;02-11-2025;30,00;Betaald;;Webshop",
  "R1;C1;02-11-2025;20,00;Betaald;;Webshop",
  "R2;C2;03-11-2025;40,00;Betaald;;Winkel",
  "R3;C3;04-11-2025;60,00;Betaald;10,00;Webshop",
  "R4;C4;05-11-2025;20,00;Mislukt;;Webshop",
  ";C5;06-11-2025;12,50;Betaald;;Tab\\Backslash",
  ";C5;06-11-2025;12,50;Betaald;;Tab\\Backslash",
];
// The re-export: R1 again in one line (same total), R2 refunded in full, R3 failed after all (taken back), R4 paid
// now, the identical lines three times (the third is new), and older history of C2.
const SECOND = [
  "R1;C1;02-11-2025;50,00;Betaald;;Webshop",
  "R2;C2;03-11-2025;40,00;Terugbetaald;40,00;Winkel",
  "R3;C3;04-11-2025;60,00;Mislukt;;Webshop",
  "R4;C4;05-11-2025;20,00;Betaald;;Webshop",
  ";C5;06-11-2025;12,50;Betaald;;Tab\\Backslash",
  ";C5;06-11-2025;12,50;Betaald;;Tab\\Backslash",
  ";C5;06-11-2025;12,50;Betaald;;Tab\\Backslash",
  "R0;C2;15-01-2024;5,00;Betaald;;Winkel",
];
// The same again, but R1 now names customer C6 with another total: stored under C1, it is not moved (a duplicate);
// C6 is created all the same, as the SQLite import does.
const THIRD = ["R1;C6;07-11-2025;99,00;Betaald;;App", ...SECOND.slice(1)];
const FILES = [FIRST, SECOND, THIRD].map((lines) => HEADER + lines.map((line) => `${line}\n`).join(""));

/** The valid rows of `text`, read as the command line reads the file (formats and columns recognised). */
function rowsOf(text: string): TransactionRow[] {
  const bytes = new TextEncoder().encode(text);
  const sniff = sniffFile(bytes, "orders.csv", { today: TODAY, fileSize: bytes.length, choices: { kind: "transactions" } });
  const reader = createRowReader({ kind: "transactions", today: TODAY, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency: "EUR" });
  const rows: TransactionRow[] = [];
  for (const outcomes of [reader.push(bytes), reader.end()]) for (const outcome of outcomes as Iterable<{ ok: boolean; row?: TransactionRow }>) if (outcome.ok) rows.push(outcome.row!);
  return rows;
}

const ORDERS_SQL = `SELECT coalesce(t.external_id, t.content_key) AS key, t.customer_id, c.external_id AS customer, t.purchase_date::text AS day, t.revenue_cents, t.refunded_cents,
  t.cost_cents, t.quantity, t.channel FROM transactions t JOIN customers c ON c.id = t.customer_id`;

describeWithPostgres("the PostgreSQL import stores what the SQLite import stores", (adminUrl) => {
  const engines = useBothEngines(adminUrl);

  const sqliteState = () => ({
    orders: engines.sqlite.sqlite.prepare(`${ORDERS_SQL.replace("::text", "")} WHERE t.superseded_by IS NULL ORDER BY key, customer`).all(),
    customers: engines.sqlite.sqlite.prepare("SELECT id, external_id, first_seen_date FROM customers ORDER BY id").all(),
  });
  const postgresState = async () => {
    const client = await engines.postgres.pool.connect();
    try {
      await client.query(`SET search_path TO ${engines.postgres.target.schema}`);
      const numbers = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) && k !== "key" ? Number(v) : v])));
      return {
        orders: numbers((await client.query(`${ORDERS_SQL} ORDER BY coalesce(t.external_id, t.content_key) COLLATE "C", c.external_id COLLATE "C"`)).rows),
        customers: numbers((await client.query(`SELECT id, external_id, first_seen_date::text AS first_seen_date FROM customers ORDER BY id`)).rows),
      };
    } finally {
      client.release();
    }
  };

  /** Imports `text` into PostgreSQL as an import of its own (its record committed first, as the SQLite import claims its id first). */
  const importIntoPostgres = async (text: string, fileName: string) => {
    const [record] = await engines.postgres.db
      .insert(engines.postgres.tables.imports)
      .values({ kind: "transactions", fileName, source: "cli", status: "running", startedAt: new Date().toISOString(), finishedAt: "", skipInvalid: false, options: {} })
      .returning({ id: engines.postgres.tables.imports.id });
    const client = await engines.postgres.pool.connect();
    try {
      await client.query("BEGIN");
      const counts = await importTransactionsPostgres(client, engines.postgres.target.schema, record!.id, (async function* () {
        yield rowsOf(text);
      })());
      await client.query("COMMIT");
      return counts;
    } finally {
      client.release();
    }
  };

  it("file after file", async () => {
    for (const [index, text] of FILES.entries()) {
      const report = await importTransactionsText(engines.sqlite, text, { today: TODAY, currency: "EUR" });
      expect(report.status, report.message).toBe("committed");
      foldCommittedChanges(engines.sqlite.sqlite);

      const counts = await importIntoPostgres(text, `orders-${index}.csv`);
      expect(counts, `file ${index + 1}`).toEqual({ imported: report.imported, updated: report.updated, duplicates: report.duplicates, newCustomers: report.newCustomers });
      expect(await postgresState(), `file ${index + 1}`).toEqual(sqliteState());
    }
    // What the files say, counted by hand: R1 50 (C1), R2 refunded in full, R3 taken back, R4 20, R0 5 (C2 first seen in 2024),
    // three copies of the line without an order number.
    const { orders, customers } = await postgresState();
    expect(orders.map((row) => [row.key, row.customer, row.revenue_cents, row.refunded_cents]).filter(([key]) => String(key).startsWith("R"))).toEqual([
      ["R0", "C2", 500, 0],
      ["R1", "C1", 5000, 0],
      ["R2", "C2", 0, 4000],
      ["R4", "C4", 2000, 0],
    ]);
    expect(orders.filter((row) => row.customer === "C5").map((row) => row.channel)).toEqual(["Tab\\Backslash", "Tab\\Backslash", "Tab\\Backslash"]);
    expect(customers.find((row) => row.external_id === "C2")?.first_seen_date).toBe("2024-01-15");
  });

  it("platform exports as they come: line items, e-mail addresses in another case, refunds, failed payments", async () => {
    // The platforms' fixtures (lib/import/platforms/fixtures), after the files above: both engines must still agree.
    for (const name of ["shopify-orders.csv", "stripe-payments.csv", "woocommerce-order-export.csv", "mollie-payments.csv"]) {
      const text = fs.readFileSync(path.join(__dirname, "..", "..", "platforms", "fixtures", name), "utf8");
      const report = await importTransactionsText(engines.sqlite, text, { today: TODAY, currency: "EUR" });
      expect(report.status, `${name}: ${report.message}`).toBe("committed");
      expect(report.imported, name).toBeGreaterThan(0);
      foldCommittedChanges(engines.sqlite.sqlite);
      expect(await importIntoPostgres(text, name), name).toEqual({ imported: report.imported, updated: report.updated, duplicates: report.duplicates, newCustomers: report.newCustomers });
      expect(await postgresState(), name).toEqual(sqliteState());
    }
  });

  it("a file of several COPY buffers, text of every UTF-8 width, and more repeated order numbers than are listed while copying", async () => {
    // ~2 MB of staged lines: each buffer boundary falls somewhere inside these rows, after 1-, 2-, 3- and 4-byte
    // characters. 15,000 orders of two lines each: more order numbers repeat than the import lists as it copies
    // (LISTED_REPEATS), so the staged rows are searched for them.
    const channels = ["Winkel", "Café", "Beurs €", "Bloemen 🌷", "Tab\\Backslash"];
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `B${Math.floor(i / 2)};D${i % 997};${String((i % 28) + 1).padStart(2, "0")}-10-2025;${(i % 500) + 1},25;Betaald;;${channels[i % channels.length]}`,
    );
    const text = HEADER + rows.map((line) => `${line}\n`).join("");
    const report = await importTransactionsText(engines.sqlite, text, { today: TODAY, currency: "EUR" });
    expect(report.status, report.message).toBe("committed");
    foldCommittedChanges(engines.sqlite.sqlite);
    expect(await importIntoPostgres(text, "large.csv")).toEqual({ imported: 30_000, updated: 0, duplicates: 0, newCustomers: 997 });
    const { orders } = await postgresState();
    const large = orders.filter((row) => String(row.key).startsWith("B"));
    expect(large).toHaveLength(15_000);
    // By hand: revenue (i mod 500) + 1 euro and 25 cents for i = 0 … 29,999 (60 full cycles of 500), every line in an order.
    expect(large.reduce((sum, row) => sum + Number(row.revenue_cents), 0)).toBe(60 * (((500 * 501) / 2) * 100 + 500 * 25));
    // An order keeps its first line's channel: the even lines, which go through all five.
    for (const channel of channels) expect(large.filter((row) => row.channel === channel)).toHaveLength(3_000);
    expect(await postgresState()).toEqual(sqliteState());
  });
});
