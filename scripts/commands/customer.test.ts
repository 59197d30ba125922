import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { clv } from "../clv-runner.test-helpers";


const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-customer-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("clv customer", () => {
  test("export prints the customer's data; erase needs --yes, then deletes them", () => {
    const database = path.join(folder, "customer.db");
    expect(clv(["seed", "--customers", "50", "--seed", "3", "--years", "1", "--end-date", "2026-05-31"], database).code).toBe(0);
    const read = (sql: string, ...params: unknown[]) => {
      const db = new Database(database, { readonly: true });
      try {
        return db.prepare(sql).get(...params) as { n: number };
      } finally {
        db.close();
      }
    };
    const { n: id } = read("select min(customer_id) as n from transactions");
    const { n: transactions } = read("select count(*) as n from transactions where customer_id = ?", id);

    const exported = clv(["customer", "export", String(id)], database);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as { customerId: number; transactions: unknown[]; generatedAt: string };
    expect(data.customerId).toBe(id);
    expect(data.transactions).toHaveLength(transactions);

    const refused = clv(["customer", "erase", String(id)], database);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(read("select count(*) as n from customers where id = ?", id).n).toBe(1);

    const erased = clv(["customer", "erase", String(id), "--yes"], database);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ customerId: id, transactions });
    expect(read("select count(*) as n from customers where id = ?", id).n).toBe(0);
    expect(read("select count(*) as n from transactions where customer_id = ?", id).n).toBe(0);

    const again = clv(["customer", "export", String(id)], database);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no customer with id ${id}`);
    expect(clv(["customer", "erase", String(id), "--yes"], database).code).toBe(1);
    expect(clv(["customer", "erase", "abc", "--yes"], database).code).toBe(2);

    // Both requests are in the audit trail, as the command line's; the erasure without the customer number.
    const audit = clv(["audit", "--json", "--limit", "10"], database);
    expect(audit.code).toBe(0);
    const trail = JSON.parse(audit.stdout) as { total: number; events: { action: string; actor: string; source: string; target: string | null }[] };
    expect(trail.events.map((event) => [event.action, event.target])).toEqual([
      ["customerErased", null],
      ["personalDataExported", `customer #${id}`],
    ]);
    expect(trail.events.every((event) => event.source === "cli" && /^command line \(.+\)$/.test(event.actor))).toBe(true);
    const wrong = clv(["audit", "--action", "dropTables"], database);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown action "dropTables"');
  }, 180_000); // ten runs of the command line, a few seconds each on a busy machine
});
