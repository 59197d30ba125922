import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { clv } from "../clv-runner.test-helpers";


const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-status-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const FIXTURE = path.resolve("lib/import/read/fixtures/webshop-bestellingen.csv");

describe("clv import of a webshop's own order list with a status and a refunded-amount column", () => {
  test("statuses and refunds applied with no flags: the hand count, and importing again adds nothing", () => {
    const database = path.join(folder, "webshop.db");
    const result = clv(["import", "transactions", FIXTURE, "--json", "--no-recompute"], database);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; platform: unknown; orders: unknown; message: string; imported: number; duplicates: number; rejected: number };
    // Imported: the 8 lines of the purchases and the 2 orders refunded in full (W-2005, W-2006), stored worth 0 (was 8).
    expect(report).toMatchObject({ status: "committed", platform: null, rejected: 0, imported: 10, duplicates: 0 });
    expect(report.orders).toMatchObject({ rows: 13, orders: 9, purchases: 5, refundsCents: 3590 });
    expect(report.message).toContain(
      "Read as a transactions file with statuses: 13 rows = 9 orders; 5 purchases; 2 fully refunded orders (€123.90) stored, not counted; refunds €35.90 subtracted; 2 orders are no purchase (1 Geannuleerd, 1 Mislukt).",
    );
    // By hand: W-2001 33.95 + W-2002 189.00 + W-2003 37.50 + W-2007 18.50 + W-2009 45.00, of K-101, K-102, K-104, K-105.
    // transactions: those 5 orders and the 2 refunded in full (was 5); K-104 and K-102 also bought.
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 4, transactions: 7, purchases: 5, revenue: 323.95 });
    const again = JSON.parse(clv(["import", "transactions", FIXTURE, "--json", "--no-recompute"], database).stdout) as { imported: number; duplicates: number };
    expect(again).toMatchObject({ imported: 0, duplicates: 10 });
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ customers: 4, transactions: 7, purchases: 5, revenue: 323.95 });
  });

  test("--status-column, --refund-column and --count-status for columns with other names; an unknown status stops the import", () => {
    const database = path.join(folder, "renamed.db");
    const file = path.join(folder, "orders.csv");
    fs.writeFileSync(file, fs.readFileSync(FIXTURE, "utf8").replace("Status;Terugbetaald bedrag", "Stand;Retour").replace("7,95;Mislukt", "7,95;Nabestelling"));
    const refused = clv(["import", "transactions", file, "--status-column", "Stand", "--refund-column", "Retour", "--no-recompute"], database);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("this file has statuses Klantwaarde does not know: 'Nabestelling' (1 order)");
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ transactions: 0 });
    const chosen = clv(["import", "transactions", file, "--status-column", "Stand", "--refund-column", "Retour", "--count-status", "Betaald,Nabestelling", "--json", "--no-recompute"], database);
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout).orders).toMatchObject({ purchases: 6, excluded: [{ status: "Geannuleerd", orders: 1 }] });
    // 6 purchases and the 2 orders refunded in full (transactions was 6).
    expect(JSON.parse(clv(["stats", "--json"], database).stdout)).toMatchObject({ transactions: 8, purchases: 6, revenue: 323.95 + 7.95 });
  });

  test("--count-status without a status column is refused with what to do", () => {
    const file = path.join(folder, "plain.csv");
    fs.writeFileSync(file, "klant;datum;bedrag\nK1;25-11-2025;10,00\n");
    const result = clv(["import", "transactions", file, "--count-status", "Betaald", "--no-recompute"], path.join(folder, "plain.db"));
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("need the file's status column");
  });
});
