import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { clv } from "../clv-runner.test-helpers";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-customer-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("clv customer", () => {
  test("export prints the customer's data; erase needs --yes, then deletes them", async () => {
    // The commands' DATABASE_URL: a SQLite file, or a PostgreSQL test database by its URL. This test reads it too.
    const opened = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, "customer.db"));
    const database = opened.engine === "postgres" ? opened.url : opened.path;
    try {
      expect(clv(["seed", "--customers", "50", "--seed", "3", "--years", "1", "--end-date", "2026-05-31"], database).code).toBe(0);
      const read = async (query: SQL) => (await rawRows<{ n: number }>(opened.db, query))[0]!;
      const { n: id } = await read(sql`select min(customer_id) as n from transactions`);
      const { n: transactions } = await read(sql`select count(*) as n from transactions where customer_id = ${id}`);

      const exported = clv(["customer", "export", String(id)], database);
      expect(exported.code).toBe(0);
      const data = JSON.parse(exported.stdout) as { customerId: number; transactions: unknown[]; generatedAt: string };
      expect(data.customerId).toBe(id);
      expect(data.transactions).toHaveLength(transactions);

      const refused = clv(["customer", "erase", String(id)], database);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("--yes");
      expect((await read(sql`select count(*) as n from customers where id = ${id}`)).n).toBe(1);

      const erased = clv(["customer", "erase", String(id), "--yes"], database);
      expect(erased.code).toBe(0);
      expect(JSON.parse(erased.stdout)).toMatchObject({ customerId: id, transactions });
      expect((await read(sql`select count(*) as n from customers where id = ${id}`)).n).toBe(0);
      expect((await read(sql`select count(*) as n from transactions where customer_id = ${id}`)).n).toBe(0);

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
    } finally {
      await opened.close();
    }
  }, 180_000); // ten runs of the command line, a few seconds each on a busy machine
});
