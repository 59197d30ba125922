import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { importTransactionsText, storedOrders } from "./import-text.test-helpers";

vi.mock("server-only", () => ({}));

// Orders refunded in full are stored (worth 0, their total in refunded_cents) and updated by re-exports;
// orders that are no purchase by their status (failed, cancelled) are not stored and take a stored one back.

// On both engines (ENGINE_TESTS in vitest.pg.config.ts).
let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

const HEADER = "Bestelnummer;Klantnummer;Besteldatum;Bedrag;Status;Terugbetaald bedrag\n";

/** Imports a webshop's own order list with a status and a refunded-amount column (recognised by their names). */
const importOrders = (lines: string[]) => importTransactionsText(database, HEADER + lines.map((line) => `${line}\n`).join(""), { currency: "EUR" });

/** Order number, customer, net value and refund of every stored order. */
const stored = () => storedOrders(database, "refundedCents");

describe("orders refunded in full are stored with their refund, and re-exports update them", () => {
  // R1 paid; R2 refunded by its status; R3 refunded in part; R4 failed (not stored); R5 paid, its refund takes all of it.
  const first = [
    "R1;C1;02-11-2026;50,00;Betaald;",
    "R2;C2;03-11-2026;40,00;Terugbetaald;40,00",
    "R3;C3;04-11-2026;60,00;Betaald;10,00",
    "R4;C4;05-11-2026;20,00;Mislukt;",
    "R5;C5;06-11-2026;25,00;Betaald;25,00",
  ];

  test("on the first import: new purchases, orders refunded in full stored worth 0 with their total refunded, failed ones left out", async () => {
    const report = await importOrders(first);
    expect(report).toMatchObject({ status: "committed", imported: 4, updated: 0, duplicates: 0, newCustomers: 4 });
    expect(report.message).toContain("5 rows = 5 orders; 2 purchases; 2 fully refunded orders (€65.00) stored, not counted; refunds €10.00 subtracted; 1 order is no purchase (1 Mislukt)");
    expect(await stored()).toEqual([
      ["R1", "C1", 5000, 0],
      ["R2", "C2", 0, 4000],
      ["R3", "C3", 5000, 1000],
      ["R5", "C5", 0, 2500],
    ]);
    // C2 and C5 exist (their orders are stored) without a purchase; C4 (only a failed payment) is not a customer.
    expect((await database.db.select({ id: customers.externalId }).from(customers).orderBy(customers.externalId)).map((row) => row.id)).toEqual(["C1", "C2", "C3", "C5"]);
  });

  test("a re-export: paid then refunded in full is updated (kept), refunded and identical is a duplicate, a changed partial refund is updated", async () => {
    await importOrders(first);
    const report = await importOrders([
      "R1;C1;02-11-2026;50,00;Terugbetaald;50,00", // paid, now refunded in full
      "R2;C2;03-11-2026;40,00;Terugbetaald;40,00", // refunded in full, the same
      "R3;C3;04-11-2026;60,00;Betaald;30,00", // refunded in part, another 20,00 back
      "R4;C4;05-11-2026;20,00;Mislukt;", // still failed: nothing happens
      "R5;C5;06-11-2026;25,00;Betaald;25,00", // refunded in full by its refund, the same
      "R6;C1;07-11-2026;15,00;Betaald;", // new
    ]);
    expect(report).toMatchObject({ status: "committed", imported: 1, updated: 2, duplicates: 2, newCustomers: 0 });
    expect(await stored()).toEqual([
      ["R1", "C1", 0, 5000],
      ["R2", "C2", 0, 4000],
      ["R3", "C3", 3000, 3000],
      ["R5", "C5", 0, 2500],
      ["R6", "C1", 1500, 0],
    ]);
  });

  test("a refunded order that is paid again is updated; one that is cancelled is taken back", async () => {
    await importOrders(first);
    const report = await importOrders([
      "R2;C2;03-11-2026;40,00;Betaald;", // refunded in full, now paid after all
      "R5;C5;06-11-2026;25,00;Geannuleerd;", // refunded in full, now cancelled: no purchase by its status
    ]);
    expect(report).toMatchObject({ status: "committed", imported: 0, updated: 2, duplicates: 0 });
    expect(await stored()).toEqual([
      ["R1", "C1", 5000, 0],
      ["R2", "C2", 4000, 0],
      ["R3", "C3", 5000, 1000],
    ]);
  });

  test("importing the same file again changes nothing", async () => {
    await importOrders(first);
    const before = await stored();
    expect(await importOrders(first)).toMatchObject({ status: "committed", imported: 0, updated: 0, duplicates: 4 });
    expect(await stored()).toEqual(before);
  });
});
