import { eq } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { commandLineActor } from "@/lib/audit/events";
import { sniffFile } from "@/lib/import/read/sniff";
import { runImport } from "./run-import";
import type { ImportReport, ImportRequest } from "./import-report";

/**
 * Imports the text of a transactions file in one piece, as the command line does: the formats (and a status
 * or refund column) are sniffed from it, then it is read and stored by `runImport`. For tests of the store.
 */
export async function importTransactionsText(
  database: OpenedDatabase,
  text: string,
  { today = "2026-11-23", currency, rejectedRowsFile }: { today?: string; currency?: string; rejectedRowsFile?: ImportRequest<"transactions">["rejectedRowsFile"] } = {},
): Promise<ImportReport> {
  const bytes = new TextEncoder().encode(text);
  const sniff = sniffFile(bytes, "orders.csv", { today, fileSize: bytes.length, choices: { kind: "transactions" } });
  return runImport(database, {
    kind: "transactions",
    fileName: "orders.csv",
    by: commandLineActor("tests"),
    totalBytes: bytes.length,
    input: (async function* () {
      yield bytes;
    })(),
    rejectedRowsFile,
    reader: { today, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency },
  });
}

/** The bytes of a file as an upload or a read stream delivers them: in pieces of 16 KB. */
export async function* inPieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 16 * 1024) yield bytes.subarray(at, at + 16 * 1024);
}

/**
 * Every stored order as [order number, customer number, net value, `also`] (quantity or refund), by order number,
 * on either engine.
 */
export async function storedOrders(database: OpenedDatabase, also: "quantity" | "refundedCents"): Promise<unknown[][]> {
  const rows = await database.db
    .select({ order: transactions.externalId, customer: customers.externalId, revenue: transactions.revenueCents, also: transactions[also] })
    .from(transactions)
    .innerJoin(customers, eq(customers.id, transactions.customerId))
    .orderBy(transactions.externalId);
  return rows.map((row) => [row.order, row.customer, row.revenue, row.also]);
}
