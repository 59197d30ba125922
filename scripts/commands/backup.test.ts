import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "../../db/client";
import { seedDemoCompany } from "../../db/seed/seed-demo-company";
import { clv as runClv } from "../clv-runner.test-helpers";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-cli-backup-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const database = path.join(folder, "klantwaarde.db");

/** Runs the real command line on this test's database. */
const clv = (...args: string[]) => runClv(args, database);

let customers = 0;
beforeAll(async () => {
  const opened = openDatabase(database);
  customers = (await seedDemoCompany(opened.db, { customers: 120, seed: 2, years: 1, endDate: "2026-02-14" })).customers;
  opened.close();
}, 120_000);

test("clv backup writes the copy and refuses to overwrite it without --force", () => {
  const backupFile = path.join(folder, "backup.db");
  const first = clv("backup", backupFile);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain(backupFile);
  expect(first.stdout).toMatch(new RegExp(`customers\\s+${customers}\\b`));
  expect(first.stdout).toMatch(/integrity\s+ok/);
  const again = clv("backup", backupFile);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("already exists");
  expect(again.stderr).toContain("--force");
  expect(clv("backup", backupFile, "--force", "--json").code).toBe(0);
  expect(clv("backup").code).toBe(2);
}, 120_000);

test("clv restore checks without --yes, refuses a text file, and restores with --yes", () => {
  const backupFile = path.join(folder, "backup.db");
  const checkOnly = clv("restore", backupFile);
  expect(checkOnly.code).toBe(2);
  expect(checkOnly.stdout).toContain("can be restored");
  expect(checkOnly.stderr).toContain("Nothing was changed");
  expect(checkOnly.stderr).toContain("--yes");

  const notes = path.join(folder, "notes.txt");
  fs.writeFileSync(notes, "not a database");
  const refused = clv("restore", notes, "--yes");
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`${notes} is not a SQLite database`);
  expect(refused.stderr).toContain("clv -- backup");

  const restored = clv("restore", backupFile, "--yes", "--json");
  expect(restored.code, restored.stderr).toBe(0);
  const report = JSON.parse(restored.stdout) as { restored: boolean; safetyBackup: string; counts: { customers: number } };
  expect(report.restored).toBe(true);
  expect(report.counts.customers).toBe(customers);
  expect(fs.existsSync(report.safetyBackup)).toBe(true);
  expect(path.dirname(report.safetyBackup)).toBe(folder);
}, 120_000);
