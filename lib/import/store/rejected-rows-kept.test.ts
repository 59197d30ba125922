/**
 * The rejected rows of an import kept in the database (rejected-rows-kept.ts), so any app instance on it serves
 * the download: stored as the import wrote them, read back on another connection, gone after a day or with
 * their import, and not kept when too large. On both engines (ENGINE_TESTS in vitest.pg.config.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { importRejectedRows, imports } from "@/db/schema";
import { firstRow } from "@/db/first-row";
import { openAnotherConnection, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { createRejectedRowsFile, REJECTED_ROWS_FILE_TTL_MS, type RejectedRowsFile } from "./rejected-rows-file";
import { importTransactionsText } from "./import-text.test-helpers";
import { keepRejectedRows, readKeptRejectedRows, removeOldRejectedRows } from "./rejected-rows-kept";

vi.mock("server-only", () => ({}));

/** Lines 3 and 5 cannot be read (an amount of words, a date that is no date); line 5 holds a formula. */
const WITH_BAD_ROWS = ["klant;datum;bedrag;order", "K1;15-01-2026;10,00;A1", "K2;16-01-2026;tien;A2", "K3;17-01-2026;7,50;A3", "=HYPERLINK(1);gisteren;5,00;A4"].join("\n");

let database: OpenedDatabase;
let folder: string;
beforeEach(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-rejected-kept-"));
  // SQLite in a file, for the second connection (another app instance).
  database = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, "kept.db"));
});
afterEach(async () => {
  await database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Imports `content` as the upload route does, every rejected row to a file; returns the import id and that file. */
async function importWithRejectedRows(content: string): Promise<{ importId: number; file: RejectedRowsFile }> {
  let file: RejectedRowsFile | undefined;
  const report = await importTransactionsText(database, content, {
    currency: "EUR",
    rejectedRowsFile: (importId) => (file = createRejectedRowsFile(path.join(folder, `rejected-rows-${importId}.csv`), { delimiter: ";", decimal: "," })),
  });
  return { importId: report.importId!, file: file! };
}

const keptRows = async () => (await firstRow(database.db.select({ n: count() }).from(importRejectedRows)))?.n ?? 0;

test("a refused import's rejected rows are kept as written, the file is removed, and another instance reads them", async () => {
  const { importId, file } = await importWithRejectedRows(WITH_BAD_ROWS);
  const written = fs.readFileSync(file.path);
  expect(written.toString("utf8").trim().split("\r\n")).toHaveLength(3); // the header and lines 3 and 5
  expect(written.toString("utf8")).toContain("'=HYPERLINK(1)"); // escaped for spreadsheets, and kept so

  expect(await keepRejectedRows(database.db, importId, file)).toBe(true);
  expect(fs.existsSync(file.path)).toBe(false);
  const other = await openAnotherConnection(database);
  try {
    expect((await readKeptRejectedRows(other.db, importId))?.equals(written)).toBe(true);
  } finally {
    await other.close();
  }
  expect(await readKeptRejectedRows(database.db, importId + 1)).toBeNull();
});

test("after a day they are gone: not served, then removed; and they go with their import", async () => {
  const { importId, file } = await importWithRejectedRows(WITH_BAD_ROWS);
  await keepRejectedRows(database.db, importId, file);
  const dayLater = Date.now() + REJECTED_ROWS_FILE_TTL_MS + 60_000;
  expect(await readKeptRejectedRows(database.db, importId, dayLater)).toBeNull();
  await removeOldRejectedRows(database.db); // kept a moment ago: stays
  expect(await keptRows()).toBe(1);
  await removeOldRejectedRows(database.db, REJECTED_ROWS_FILE_TTL_MS, dayLater);
  expect(await keptRows()).toBe(0);

  const again = await importWithRejectedRows(WITH_BAD_ROWS);
  await keepRejectedRows(database.db, again.importId, again.file);
  await database.db.delete(imports).where(eq(imports.id, again.importId));
  expect(await keptRows()).toBe(0);
});

test("a file too large to keep, or one without rows, is not kept, and its temporary file is removed either way", async () => {
  const { importId, file } = await importWithRejectedRows(WITH_BAD_ROWS);
  expect(await keepRejectedRows(database.db, importId, file, 10)).toBe(false);
  expect(fs.existsSync(file.path)).toBe(false);
  const empty = createRejectedRowsFile(path.join(folder, "nothing.csv"));
  expect(await keepRejectedRows(database.db, importId, empty)).toBe(false);
  expect(await keptRows()).toBe(0);
  expect(await readKeptRejectedRows(database.db, importId)).toBeNull();
});
