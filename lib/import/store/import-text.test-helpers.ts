import type { OpenedDatabase } from "@/db/client";
import { commandLineActor } from "@/lib/audit/events";
import { sniffFile } from "@/lib/import/read/sniff";
import { runImport } from "./run-import";
import type { ImportReport } from "./import-report";

/**
 * Imports the text of a transactions file in one piece, as the command line does: the formats (and a status
 * or refund column) are sniffed from it, then it is read and stored by `runImport`. For tests of the store.
 */
export async function importTransactionsText(database: OpenedDatabase, text: string, { today = "2026-11-23", currency }: { today?: string; currency?: string } = {}): Promise<ImportReport> {
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
    reader: { today, delimiter: sniff.delimiter, decimal: sniff.formats.decimal, dateFormat: sniff.formats.dateFormat, currency },
  });
}

/** The bytes of a file as an upload or a read stream delivers them: in pieces of 16 KB. */
export async function* inPieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 16 * 1024) yield bytes.subarray(at, at + 16 * 1024);
}
