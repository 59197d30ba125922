import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, type OpenedSqliteDatabase } from "@/db/client";
import type { CustomerFigures } from "@/lib/scoring/types";
import { insertCustomerScores } from "./write-snapshot";

let folder: string;
let database: OpenedSqliteDatabase;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-write-snapshot-"));
  database = openDatabase(path.join(folder, "write.db"));
});
afterAll(() => {
  database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** 250 customers whose ids come out of order (as ids of first purchases do), with a null date and null P(alive) here and there. */
function figuresOf(count: number): CustomerFigures {
  const ids = Float64Array.from({ length: count }, (_, i) => ((i * 37) % count) + 1);
  const column = (f: (i: number) => number) => Float64Array.from({ length: count }, (_, i) => f(i));
  return {
    customerIds: ids,
    historicClvCents: column((i) => 1000 + i),
    predictedClvCents: column((i) => 2000 + i),
    totalClvCents: column((i) => 3000 + 2 * i),
    predictedClvLowCents: column((i) => 1500 + i),
    predictedClvHighCents: column((i) => 2500 + i),
    probabilityAlive: column((i) => i / count),
    expectedPurchases: column((i) => i / 10),
    expectedOrderValueCents: column((i) => 4000 + i),
    nextPurchaseDay: column((i) => (i % 3 === 0 ? Number.NaN : 20_600 + i)),
    purchases: Int32Array.from({ length: count }, (_, i) => 1 + (i % 7)),
    relationshipDays: Int32Array.from({ length: count }, (_, i) => 100 + i),
    relationshipLengthDays: Int32Array.from({ length: count }, (_, i) => 120 + i),
    relationshipEnded: Uint8Array.from({ length: count }, (_, i) => i % 2),
    daysSinceLastPurchase: Int32Array.from({ length: count }, (_, i) => i % 400),
    recencyScore: Uint8Array.from({ length: count }, (_, i) => 1 + (i % 5)),
    frequencyScore: Uint8Array.from({ length: count }, (_, i) => 1 + ((i + 1) % 5)),
    monetaryScore: Uint8Array.from({ length: count }, (_, i) => 1 + ((i + 2) % 5)),
    segment: Uint8Array.from({ length: count }, (_, i) => i % 3),
    tier: Uint8Array.from({ length: count }, (_, i) => 1 + (i % 3)),
    quadrant: Uint8Array.from({ length: count }, (_, i) => i % 4),
  };
}

test("every customer's figures are stored as computed, in chunks of chunkRows, and nothing is left staged", () => {
  const { sqlite } = database;
  const snapshotId = sqlite.prepare("INSERT INTO snapshots (status, progress) VALUES ('running', 0) RETURNING id").pluck().get() as number;
  const figures = figuresOf(250); // 2 full statements of 100 rows and a remainder of 50
  const chunks: number[] = [];
  insertCustomerScores(sqlite, snapshotId, figures, { chunkRows: 100, onChunk: (rows) => chunks.push(rows) });
  expect(chunks).toEqual([100, 200, 250]);
  const rows = sqlite.prepare("SELECT * FROM customer_scores WHERE snapshot_id = ? ORDER BY customer_id").all(snapshotId) as Record<string, unknown>[];
  expect(rows).toHaveLength(250);
  for (const i of [0, 1, 3, 99, 100, 249]) {
    const row = rows.find((r) => r.customer_id === figures.customerIds[i]);
    expect(row).toMatchObject({
      historic_clv_cents: 1000 + i,
      total_clv_cents: 3000 + 2 * i,
      probability_alive: i / 250,
      expected_next_purchase_date: i % 3 === 0 ? null : expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      relationship_ended: i % 2,
      recency_score: 1 + (i % 5),
      clv_tier: 1 + (i % 3),
    });
  }
  expect(sqlite.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name = 'staged_customer_scores'").pluck().get()).toBe(0);
});

test("a failure between chunks leaves the staging table empty for the next snapshot", () => {
  const { sqlite } = database;
  const snapshotId = sqlite.prepare("INSERT INTO snapshots (status, progress) VALUES ('running', 0) RETURNING id").pluck().get() as number;
  expect(() =>
    insertCustomerScores(sqlite, snapshotId, figuresOf(250), {
      chunkRows: 100,
      onChunk: () => {
        throw new Error("disk full (simulated)");
      },
    }),
  ).toThrow("disk full");
  expect(sqlite.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name = 'staged_customer_scores'").pluck().get()).toBe(0);
  const next = sqlite.prepare("INSERT INTO snapshots (status, progress) VALUES ('running', 0) RETURNING id").pluck().get() as number;
  insertCustomerScores(sqlite, next, figuresOf(120));
  expect(sqlite.prepare("SELECT count(*) FROM customer_scores WHERE snapshot_id = ?").pluck().get(next)).toBe(120);
});
