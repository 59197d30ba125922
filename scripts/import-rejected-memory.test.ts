import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-rejected-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/**
 * A large file of wide rows that all fail validation (as a wrong export would be) must not grow the
 * importer's memory with the rows: the report keeps the first ones, the rejected-rows file gets all.
 */
test("60 MB of wide rejected rows: memory stays under 500 MB, the report is small, the rejected-rows file has every row", () => {
  const file = path.join(folder, "wide.csv");
  const note = "x".repeat(1_900);
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, "klantnummer;datum;bedrag;ordernummer;opmerking\n");
  const rows = 33_000;
  for (let start = 0; start < rows; start += 1_000) {
    let chunk = "";
    for (let i = start; i < start + 1_000; i++) chunk += `K${i};15-03-2026;geen bedrag ${i};W${i};${note}\n`;
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
  expect(fs.statSync(file).size).toBeGreaterThan(60 * 2 ** 20);

  const rejectedOut = path.join(folder, "rejected.csv");
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "maxrss-kb %M", process.execPath, "--import", "tsx", "--conditions=react-server", "scripts/clv.ts", "import", "transactions", file, "--skip-invalid", "--json", "--no-recompute", "--rejected-out", rejectedOut],
    { env: { ...process.env, DATABASE_URL: path.join(folder, "wide.db") }, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const maxRssMb = Number(/maxrss-kb (\d+)/.exec(run.stderr)?.[1]) / 1024;
  console.log(`peak memory ${maxRssMb.toFixed(0)} MB, report ${(run.stdout.length / 1024).toFixed(0)} KB`);
  const report = JSON.parse(run.stdout) as { status: string; rejected: number; rejectedRows: unknown[]; rejectedRowsTruncated: boolean; rejectedRowsInFile: boolean };
  expect(report).toMatchObject({ status: "committed", rejected: rows, rejectedRowsTruncated: true, rejectedRowsInFile: true });
  expect(report.rejectedRows.length).toBeLessThanOrEqual(1_000);
  expect(run.stdout.length, "the report's size").toBeLessThan(5 * 2 ** 20);
  expect(maxRssMb, "peak memory of the import (MB)").toBeLessThan(500);

  // Every rejected row, with the line and the reason in front (and a byte-order mark for Excel).
  const lines = fs.readFileSync(rejectedOut, "utf8").split("\r\n").filter((line) => line !== "");
  expect(lines.length).toBe(rows + 1);
  expect(lines[0]).toBe("\uFEFFline in original file,problem,klantnummer,datum,bedrag,ordernummer,opmerking");
  expect(lines[rows]).toMatch(new RegExp(`^${rows + 1},".*geen bedrag ${rows - 1}.*",K${rows - 1},15-03-2026,geen bedrag ${rows - 1},W${rows - 1},x{1900}$`));
}, 300_000);
