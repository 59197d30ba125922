import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { readDataVersions } from "@/lib/queries/support";
import { importTransactionsText } from "./import-text.test-helpers";

/** A committed import tells every cache (lib/queries/support.ts) that the data changed; a refused one does not. */
vi.mock("server-only", () => ({}));

// On both engines (ENGINE_TESTS in vitest.pg.config.ts).
let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

const importText = (text: string) => importTransactionsText(database, text);

test("a committed import raises the data version with its commit; a refused one does not", async () => {
  expect(await readDataVersions(database.db)).toEqual({ data: 0, erasures: 0 });
  expect((await importText("klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\n")).status).toBe("committed");
  expect(await readDataVersions(database.db)).toEqual({ data: 1, erasures: 0 });
  expect((await importText("klant;datum;bedrag;order\nK1;15-01-2026;tien;A2\n")).status).toBe("rejected");
  expect(await readDataVersions(database.db)).toEqual({ data: 1, erasures: 0 });
});
