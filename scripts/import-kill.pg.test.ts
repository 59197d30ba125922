/**
 * `clv import` killed halfway (kill -9) on PostgreSQL: readers see exactly what was there (the file's one
 * transaction ended with its connection), the history shows the attempt as running, and the next import, at once
 * and not after a timeout, marks it interrupted (its import lock went with its connection,
 * lib/import/store/postgres/import-record-postgres.ts) with an event in the audit trail, and goes on.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeWithPostgres, runAsAdmin } from "@/lib/testing/postgres-test-database";
import { CLV_COMMAND } from "./kill-import.test-helpers";

describeWithPostgres("an import killed halfway on PostgreSQL", (adminUrl) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-kill-pg-"));
  let url = "";
  beforeAll(async () => {
    url = await createTestDatabase(adminUrl);
  });
  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    if (url) await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  });

  /** What readers see (the orders and their value), the customers, and the history, read in Klantwaarde's schema. */
  async function state() {
    const client = new pg.Client({ connectionString: url, options: "-c search_path=klantwaarde" });
    await client.connect();
    try {
      const one = async (sql: string) => JSON.stringify((await client.query(sql)).rows[0]);
      return {
        orders: await one("SELECT count(*)::int AS n, coalesce(sum(revenue_cents), 0)::bigint::text AS revenue FROM transactions"),
        customers: await one("SELECT count(*)::int AS n FROM customers"),
        history: (await client.query<{ file_name: string; status: string }>("SELECT file_name, status FROM imports ORDER BY id")).rows.map((row) => [row.file_name, row.status]),
        interruptedEvents: (await client.query("SELECT target FROM audit_events WHERE action = 'import' AND details->>'status' = 'interrupted'")).rows,
      };
    } finally {
      await client.end();
    }
  }

  it("leaves what readers see as it was, and the next import marks it interrupted at once", async () => {
    const env = { ...process.env, DATABASE_URL: url, CLV_IMPORT_WORKER_MIN_BYTES: "0" };
    const small = path.join(folder, "small.csv");
    fs.writeFileSync(small, "klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\n");
    const first = spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small, "--no-recompute"], { env, encoding: "utf8" });
    expect(first.status, first.stderr).toBe(0);
    const before = await state();
    expect(before.orders).toBe(JSON.stringify({ n: 2, revenue: "3000" }));

    const big = path.join(folder, "big.csv");
    const lines = ["klant;datum;bedrag;order"];
    for (let i = 0; i < 300_000; i++) lines.push(`C${i % 30_000};${String((i % 28) + 1).padStart(2, "0")}-03-2026;${i % 900},95;B${i}`);
    fs.writeFileSync(big, lines.join("\n"));
    const child = spawn(process.execPath, [...CLV_COMMAND, "import", "transactions", big, "--no-recompute"], { env });
    let killedAt = -1;
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (data: Buffer) => {
        const percent = [...data.toString().matchAll(/(\d+)% \(([\d,]+) rows\)/g)].map((match) => Number(match[1])).at(-1);
        if (killedAt < 0 && percent !== undefined && percent >= 20 && percent < 90) {
          killedAt = percent;
          child.kill("SIGKILL");
        }
      });
      child.on("exit", () => resolve());
    });
    expect(killedAt, "the import was killed while it was streaming rows in").toBeGreaterThanOrEqual(20);
    expect(child.signalCode).toBe("SIGKILL");

    const killed = await state();
    expect(killed.orders).toBe(before.orders);
    expect(killed.customers).toBe(before.customers);
    expect(killed.history).toEqual([["small.csv", "committed"], ["big.csv", "running"]]);

    // The next import does not wait for a heartbeat to go stale: the killed one holds no lock any more.
    const again = spawnSync(process.execPath, [...CLV_COMMAND, "import", "transactions", small, "--no-recompute"], { env, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    const after = await state();
    expect(after.orders).toBe(before.orders);
    expect(after.history).toEqual([["small.csv", "committed"], ["big.csv", "interrupted"], ["small.csv", "committed"]]);
    expect(after.interruptedEvents).toEqual([{ target: "big.csv" }]);
  }, 120_000);
});
