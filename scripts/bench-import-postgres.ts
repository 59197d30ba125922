/**
 * One run of `bench:import --database postgres://…`: imports a generated file into a new schema of that database
 * through the PostgreSQL store (lib/import/store/postgres), read as `clv import` reads it (the formats sniffed from
 * its start, the rows read in a worker thread), and drops the schema afterwards.
 */
import fs from "node:fs";
import path from "node:path";
import { parseDatabaseUrl } from "../db/database-url";
import { openPostgresDatabase } from "../db/pg/connect";
import { SNIFF_BYTES, sniffFile } from "../lib/import/read/sniff";
import type { TransactionRow } from "../lib/import/read/transaction-row";
import { importTransactionsPostgres } from "../lib/import/store/postgres/transaction-import";
import { rowStreamForFile } from "../lib/import/store/worker-row-stream";
import { fileChunks } from "./bench-files";

/** Imports `filePath` into a fresh schema of the database at `url`; the seconds from the first byte to the commit. */
export async function importFileIntoPostgres(filePath: string, url: string): Promise<{ seconds: number; imported: number }> {
  const base = parseDatabaseUrl(url);
  if (base.engine !== "postgres") throw new Error(`--database must be a postgres:// URL, not ${base.engine}`);
  const schema = `bench_import_${process.pid}`;
  const target = parseDatabaseUrl(`${url}${url.includes("?") ? "&" : "?"}schema=${schema}`);
  if (target.engine !== "postgres") throw new Error("unreachable");
  const database = await openPostgresDatabase(target);
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const fd = fs.openSync(filePath, "r");
    const sniff = sniffFile(head.subarray(0, fs.readSync(fd, head, 0, SNIFF_BYTES, 0)), path.basename(filePath), { today: "2026-11-23", fileSize: fs.statSync(filePath).size });
    fs.closeSync(fd);
    const [record] = await database.db
      .insert(database.tables.imports)
      .values({ kind: "transactions", fileName: path.basename(filePath), source: "cli", status: "running", startedAt: new Date().toISOString(), finishedAt: "", skipInvalid: false, options: {} })
      .returning({ id: database.tables.imports.id });
    const started = performance.now();
    const reader = await rowStreamForFile(fs.statSync(filePath).size)<"transactions">({
      kind: "transactions",
      today: "2026-11-23",
      delimiter: sniff.delimiter,
      decimal: sniff.formats.decimal,
      dateFormat: sniff.formats.dateFormat,
      currency: "EUR",
    });
    async function* batches(): AsyncGenerator<TransactionRow[]> {
      const valid = (outcomes: Iterable<{ ok: boolean; row?: TransactionRow }>) => [...outcomes].filter((outcome) => outcome.ok).map((outcome) => outcome.row!);
      for await (const chunk of fileChunks(filePath)) yield valid(await reader.push(chunk));
      yield valid(await reader.end());
    }
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN");
      const counts = await importTransactionsPostgres(client, target.schema, record!.id, batches());
      await client.query("COMMIT");
      return { seconds: (performance.now() - started) / 1000, imported: counts.imported };
    } finally {
      reader.close();
      client.release();
    }
  } finally {
    await database.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await database.close();
  }
}
