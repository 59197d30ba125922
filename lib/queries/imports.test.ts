import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { runImport } from "@/lib/import/store/run-import";
import { getImportHistory } from "./imports";

vi.mock("server-only", () => ({}));

// On both engines (ENGINE_TESTS in vitest.pg.config.ts).
let database: OpenedDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const importText = (fileName: string, text: string, skipInvalid = false) =>
  runImport(database, {
    kind: "transactions",
    fileName,
    by: { label: "ada@example.com", userId: "u-ada", role: "analyst", source: "browser" },
    skipInvalid,
    input: bytes(text),
    reader: { today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" },
  });

describe("getImportHistory", () => {
  test("is empty for a new database", async () => {
    expect(await getImportHistory(database.db)).toEqual([]);
  });

  test("lists committed and rejected imports newest first, with their counts", async () => {
    await importText("first.csv", "klant;datum;bedrag\nK1;01-02-2026;12,50\n");
    await importText("second.csv", "klant;datum;bedrag\nK1;01-02-2026;12,50\nK2;31-02-2026;1,00\n");
    const history = await getImportHistory(database.db);
    expect(history.map((row) => [row.fileName, row.status, row.rowsRead, row.imported, row.rejected])).toEqual([
      ["second.csv", "rejected", 2, 0, 1],
      ["first.csv", "committed", 1, 1, 0],
    ]);
    expect(history[0]).toMatchObject({ kind: "transactions", source: "browser", skipInvalid: false });
    expect(history[0]!.message).toMatch(/^Nothing was imported/);
    expect(await getImportHistory(database.db, 1)).toHaveLength(1);
  });
});
