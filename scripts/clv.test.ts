import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { clv } from "./clv-runner.test-helpers";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** The DATABASE_URL the seed and stats commands use: a SQLite file, or a PostgreSQL test database by its URL. */
let seededUrl: string;
let testDatabase: OpenedDatabase | null = null;
beforeAll(async () => {
  if (testEngine() === "sqlite") seededUrl = path.join(folder, "cli.db");
  else {
    testDatabase = await openTestDatabase();
    if (testDatabase.engine !== "postgres") throw new Error("expected a PostgreSQL test database");
    seededUrl = testDatabase.url;
  }
});
afterAll(() => testDatabase?.close());

describe("clv seed and stats", () => {
  test("seed then stats --json prints the contract fields for that database", () => {
    const database = seededUrl;
    const seeded = clv(["seed", "--customers", "200", "--seed", "4", "--years", "1", "--end-date", "2026-05-31"], database);
    expect(seeded.code).toBe(0);
    const seedReport = JSON.parse(seeded.stdout) as { customers: number; transactions: number };
    expect(seedReport.customers).toBe(200);

    const stats = clv(["stats", "--json"], database);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(["customers", "firstDate", "lastDate", "purchases", "revenue", "transactions"]);
    expect(parsed.customers).toBe(200);
    expect(parsed.transactions).toBe(seedReport.transactions);
    expect(typeof parsed.revenue).toBe("number");
    expect(parsed.lastDate! <= "2026-05-31").toBe(true);
    expect(parsed.firstDate! >= "2025-06-01").toBe(true);
  });

  test("a second seed into a filled database is refused and changes nothing", () => {
    const database = seededUrl;
    const before = clv(["stats", "--json"], database).stdout;
    const again = clv(["seed", "--customers", "50"], database);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds 200 customers.*--replace/);
    expect(clv(["stats", "--json"], database).stdout).toBe(before);
  });
});

// SQLite files and the command line's own arguments and output: the SQLite run only.
describe.skipIf(testEngine() === "postgres")("clv command line", () => {

  test("a DATABASE_URL that is not SQLite stops with the path and the fix, and the file is untouched", () => {
    const notes = path.join(folder, "notes.txt");
    fs.writeFileSync(notes, "not a database");
    const result = clv(["stats", "--json"], notes);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${notes} is not a SQLite database`);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(fs.readFileSync(notes, "utf8")).toBe("not a database");
  });

  test("bad arguments get exit code 2 and the usage", () => {
    const database = path.join(folder, "empty.db");
    const unknownCommand = clv(["frobnicate"], database);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown command "frobnicate"');
    const badNumber = clv(["seed", "--customers", "many"], database);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--customers must be a whole number (got "many")');
    expect(badNumber.stderr).toContain("Usage: npm run --silent clv -- seed");
  });

  test("an unknown option or a missing value names the option, with the command's usage", () => {
    const database = path.join(folder, "empty.db");
    const unknown = clv(["score", "--transactions", "t.csv", "--modle", "bgnbd"], database);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("clv score: unknown option --modle (`npm run --silent clv -- score --help` lists the options)");
    expect(unknown.stderr).toContain("Usage: npm run --silent clv -- score");
    const missing = clv(["fit", "--summary", "s.csv", "--model"], database);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("clv fit: option --model needs a value");
    expect(missing.stderr).toContain("Usage: npm run --silent clv -- fit");
    const stats = clv(["stats", "--jsn"], database);
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain("clv stats: unknown option --jsn");
  });

  test("score's CSV on stdout is complete when the reader of the pipe is slow", async () => {
    const sample = path.resolve("../shared/data/cdnow/cdnow_master_transactions.csv");
    if (!fs.existsSync(sample)) return void console.warn(`skipped: ${sample} is absent (see ../shared/data/cdnow/README.md)`);
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/clv.ts", "score", "--transactions", sample, "--calibration-end", "1997-09-30", "--model", "bgnbd", "--horizon", "39"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Nothing reads the pipe for a while: it fills up and the command has to wait for its reader.
    await sleep(4000);
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    const lines = output.trimEnd().split("\n");
    expect(lines).toHaveLength(23_571); // header + CDNOW's 23,570 customers (1.4 MB, more than a pipe holds)
    expect(lines.at(-1)!.split(",")).toHaveLength(9);
  }, 60_000);
});
