import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { runStatement } from "@/db/engine";
import { rawRows } from "@/db/raw-rows";
import { recomputeQueue } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { getCurrentSnapshot, getRecomputeStatus, getSnapshotReport, listSnapshots } from "@/lib/queries/snapshots";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { saveSettings } from "@/lib/settings/store";
import { commandLineActor } from "@/lib/audit/events";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { getQueue, newRunnerHolder } from "@/lib/queries/recompute-queue";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { addRecomputeRequest, claimRequests, finishRequests } from "./queue";
import { recomputeSnapshot } from "./recompute";
import { requestRecompute, spawnRecomputeProcess } from "./request";
import { recomputeNow, runQueuedRecomputes } from "./runner";

const DEMO = { customers: 600, seed: 4, years: 2, endDate: "2026-02-14" };
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-recompute-"));
let counter = 0;

/**
 * A seeded database another process can open too: a SQLite file (not one in memory), or on PostgreSQL a test
 * database, which the runner opens by its URL.
 */
async function seededDatabase(): Promise<OpenedDatabase> {
  const database = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, `test-${++counter}.db`));
  await seedDemoCompany(database.db, DEMO);
  return database;
}

/** The one number a query answers (a count, a sum, an id). */
async function numberOf(database: OpenedDatabase, query: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number }>(database.db, query);
  return row!.n;
}

/** A snapshot's score rows, in customer order. */
const scoreRows = (database: OpenedDatabase, snapshotId: number) =>
  rawRows(database.db, sql`SELECT * FROM customer_scores WHERE snapshot_id = ${snapshotId} ORDER BY customer_id`);

/** How many score rows a snapshot has. */
const scoreCount = (database: OpenedDatabase, snapshotId: number) => numberOf(database, sql`SELECT count(*) AS n FROM customer_scores WHERE snapshot_id = ${snapshotId}`);

/** The snapshot's rows in the database agree with its stored summary. */
async function expectConsistent(database: OpenedDatabase, snapshotId: number) {
  const snapshot = (await getCurrentSnapshot(database.db))!;
  expect(snapshot.id).toBe(snapshotId);
  const [rows] = (await rawRows<{ n: number; predicted: number; historic: number }>(
    database.db,
    sql`SELECT count(*) AS n, sum(predicted_clv_cents) AS predicted, sum(historic_clv_cents) AS historic FROM customer_scores WHERE snapshot_id = ${snapshotId}`,
  )) as [{ n: number; predicted: number; historic: number }];
  expect(rows.n).toBe(snapshot.customers);
  expect(rows.predicted).toBe(snapshot.summary.totals.predictedClvCents);
  expect(rows.historic).toBe(snapshot.summary.totals.historicClvCents);
  const tiers = await rawRows<{ n: number }>(database.db, sql`SELECT clv_tier, count(*) AS n FROM customer_scores WHERE snapshot_id = ${snapshotId} GROUP BY clv_tier ORDER BY clv_tier`);
  expect(tiers.map((t) => t.n)).toEqual(snapshot.summary.tiers.map((t) => t.customers));
}

function completeSnapshots(database: OpenedDatabase): Promise<number> {
  return numberOf(database, sql`SELECT count(*) AS n FROM snapshots WHERE status = 'complete'`);
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", (code) => resolve(code))));

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("recompute", () => {
  let database: OpenedDatabase;
  beforeAll(async () => {
    database = await seededDatabase();
  });
  afterAll(() => database.close());

  test("computes a complete snapshot whose rows match its summary, and the report", async () => {
    const { outcome } = await recomputeNow(database, { reason: "test" });
    expect(outcome?.status).toBe("complete");
    await expectConsistent(database, outcome!.snapshotId!);
    const report = (await getSnapshotReport(database.db))!;
    expect(Object.keys(report)).toEqual(["snapshotId", "asOf", "customers", "model", "params", "standardErrors", "currency", "totals", "tiers", "quadrants", "rfm"]);
    expect(report.asOf).toBe("2026-02-14");
    expect(Object.keys(report.tiers[0]!)).toEqual(["name", "customers", "predictedClv", "valueShare"]);
    expect(Object.keys(report.quadrants[0]!)).toEqual(["name", "customers", "predictedClv", "valueShare", "tactic"]);
    expect(Object.keys(report.rfm[0]!)).toEqual(["segment", "customers", "predictedClv"]);
    expect(report.totals.predictedClv).toBe((await getCurrentSnapshot(database.db))!.summary.totals.predictedClvCents / 100);
  });

  test("unchanged data and settings need no new snapshot; --force makes one anyway", async () => {
    const before = await completeSnapshots(database);
    const { outcome } = await recomputeNow(database, { reason: "again" });
    expect(outcome?.status).toBe("up-to-date");
    expect(await completeSnapshots(database)).toBe(before);
    const forced = await recomputeNow(database, { reason: "forced", force: true });
    expect(forced.outcome?.status).toBe("complete");
    expect(await completeSnapshots(database)).toBe(before + 1);
  });

  test("changed settings make a new snapshot with those settings", async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, horizonMonths: 24 }, database.db);
    const { outcome } = await recomputeNow(database, { reason: "settings" });
    expect(outcome?.status).toBe("complete");
    expect((await getCurrentSnapshot(database.db))!.settings.horizonMonths).toBe(24);
  });

  test("a recompute that fails halfway leaves the previous snapshot current and intact", async () => {
    const previous = (await getCurrentSnapshot(database.db))!;
    const rowsBefore = await scoreRows(database, previous.id);
    await saveSettings({ ...DEFAULT_SETTINGS, horizonMonths: 6 }, database.db);
    const outcome = await recomputeSnapshot(database, {
      reason: "doomed",
      chunkRows: 100,
      onRowsWritten: (rows) => {
        if (rows >= 300) throw new Error("disk full (simulated)");
      },
    });
    expect(outcome.status).toBe("failed");
    // An unexpected error is logged in full; the app shows a generic message.
    expect(outcome.message).toBe("The recompute failed unexpectedly; the details are in the server log.");
    expect((await getCurrentSnapshot(database.db))!.id).toBe(previous.id);
    expect(await scoreRows(database, previous.id)).toEqual(rowsBefore);
    expect(await scoreCount(database, outcome.snapshotId!)).toBe(0);
    const status = await getRecomputeStatus(database.db);
    expect(status.current?.id).toBe(previous.id);
    expect(status.lastFailure).toMatchObject({ id: outcome.snapshotId, message: "The recompute failed unexpectedly; the details are in the server log." });
    expect((await listSnapshots(database.db))[0]).toMatchObject({ id: outcome.snapshotId, status: "failed" });
  });

  test("a customer erased while the snapshot is written does not come back with it: the snapshot is computed again", async () => {
    const erased = await numberOf(database, sql`SELECT max(customer_id) AS n FROM transactions`);
    const customersBefore = await numberOf(database, sql`SELECT count(DISTINCT customer_id) AS n FROM transactions`);
    let writes = 0;
    const outcome = await recomputeSnapshot(database, {
      reason: "erasure meanwhile",
      force: true,
      chunkRows: 100,
      onRowsWritten: async () => {
        writes++;
        // Halfway through the first attempt's rows: an admin erases the customer written last, done before the
        // next rows are written. (Not awaited, the erasure could finish after the snapshot on PostgreSQL, whose
        // writes are asynchronous; it then removes the customer's rows itself, and no second attempt is needed.)
        if (writes === 2) await eraseCustomer(erased, database.db, commandLineActor("tests"));
      },
    });
    expect(outcome.status).toBe("complete");
    expect(await numberOf(database, sql`SELECT count(*) AS n FROM customer_scores WHERE customer_id = ${erased}`)).toBe(0);
    expect(writes).toBeGreaterThan(customersBefore / 100 + 1); // the rows were written a second time
    await expectConsistent(database, outcome.snapshotId!);
    expect((await getCurrentSnapshot(database.db))!.customers).toBe(customersBefore - 1);
  });

  test("a recompute that meets an erasure on every attempt fails with a message and leaves no rows", async () => {
    const previous = (await getCurrentSnapshot(database.db))!;
    const victims = (await rawRows<{ id: number }>(database.db, sql`SELECT DISTINCT customer_id AS id FROM transactions ORDER BY customer_id DESC LIMIT 3`)).map((row) => row.id);
    const outcome = await recomputeSnapshot(database, {
      reason: "erasures meanwhile",
      force: true,
      chunkRows: 200,
      onRowsWritten: async (rows) => {
        // One erasure after the first chunk of every attempt.
        if (rows === 200 && victims.length > 0) await eraseCustomer(victims.pop()!, database.db, commandLineActor("tests"));
      },
    });
    expect(outcome).toMatchObject({ status: "failed", message: expect.stringMatching(/^Customers were erased while the snapshot was computed, 3 times in a row/) });
    expect(await scoreCount(database, outcome.snapshotId!)).toBe(0);
    expect((await getCurrentSnapshot(database.db))!.id).toBe(previous.id);
  });

  test("a job that fails to compute (bad analysis date) is recorded with its reason", async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, analysisDate: "2000-01-01" }, database.db);
    const { outcome } = await recomputeNow(database, { reason: "bad date" });
    expect(outcome?.status).toBe("failed");
    expect(outcome?.message).toMatch(/before the first purchase/);
    await saveSettings(DEFAULT_SETTINGS, database.db);
  });

  test("rows of a job whose process died are removed by the next run", async () => {
    const stale = await numberOf(database, sql`INSERT INTO snapshots (status, progress) VALUES ('running', 0.8) RETURNING id AS n`);
    const current = (await getCurrentSnapshot(database.db))!.id;
    // The columns named (their order in the table differs between the engines), the stale id cast (PostgreSQL
    // types a bare parameter in a select list as text).
    const columns = sql.raw(
      "customer_id, historic_clv_cents, predicted_clv_cents, total_clv_cents, probability_alive, expected_purchases, expected_order_value_cents, expected_next_purchase_date, purchases, relationship_days, days_since_last_purchase, recency_score, frequency_score, monetary_score, rfm_segment, clv_tier, quadrant, predicted_clv_low_cents, predicted_clv_high_cents, relationship_length_days, relationship_ended",
    );
    await runStatement(
      database.db,
      sql`INSERT INTO customer_scores (snapshot_id, ${columns}) SELECT CAST(${stale} AS INTEGER), ${columns} FROM customer_scores WHERE snapshot_id = ${current}`,
    );
    expect(await scoreCount(database, stale)).toBeGreaterThan(0);
    await recomputeNow(database, { reason: "after a crash", force: true });
    const [{ status }] = (await rawRows<{ status: string }>(database.db, sql`SELECT status FROM snapshots WHERE id = ${stale}`)) as [{ status: string }];
    expect(status).toBe("failed");
    expect(await scoreCount(database, stale)).toBe(0);
  });

  test("keeps the last 24 complete snapshots", async () => {
    for (let i = 0; i < 25; i++) {
      await runStatement(database.db, sql`INSERT INTO snapshots (status, progress) VALUES ('complete', 1)`);
    }
    await recomputeNow(database, { reason: "prune", force: true });
    expect(await completeSnapshots(database)).toBe(24);
    expect((await getCurrentSnapshot(database.db))!.customers).toBeGreaterThan(0);
  });
});

describe("the recompute queue", () => {
  let database: OpenedDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  test("one runner at a time; requests made while it works make it run again", async () => {
    const runner = newRunnerHolder();
    await addRecomputeRequest(database.db, "first");
    expect(await claimRequests(database.db, runner)).toMatchObject({ kind: "claimed", target: 1, forced: false });
    // Another runner cannot take over while the lease is alive.
    expect(await claimRequests(database.db, newRunnerHolder(process.ppid))).toEqual({ kind: "busy", runnerPid: process.pid, holder: runner });
    expect(await addRecomputeRequest(database.db, "second", true)).toEqual({ request: 2, runnerAlive: true });
    expect(await finishRequests(database.db, runner, 1)).toBe(true);
    // The run computes again, but unforced: "second" was pressed while the first run computed (lib/recompute/queue.ts).
    expect(await claimRequests(database.db, runner)).toMatchObject({ kind: "claimed", target: 2, forced: false, reason: "second" });
    expect(await finishRequests(database.db, runner, 2)).toBe(false);
    expect(await getQueue(database.db)).toMatchObject({ requested: 2, handled: 2, runnerPid: null, runnerHolder: null });
    expect(await claimRequests(database.db, runner)).toEqual({ kind: "idle" });
  });

  test("a runner on this host whose process is gone is replaced before its lease expires", async () => {
    await addRecomputeRequest(database.db, "third");
    const gone = 2 ** 22 + 12345;
    await database.db.update(recomputeQueue).set({ runnerHolder: newRunnerHolder(gone), runnerPid: gone, runnerHeartbeatAt: new Date().toISOString() });
    const runner = newRunnerHolder();
    expect(await claimRequests(database.db, runner)).toMatchObject({ kind: "claimed", target: 3 });
    await finishRequests(database.db, runner, 3);
  });
});

describe("recomputes requested at once", () => {
  test("two requests from the app start one background process and produce one consistent snapshot", async () => {
    const database = await seededDatabase();
    const children: ChildProcess[] = [];
    const spawnRunner = (databasePath: string) => {
      const child = spawnRecomputeProcess(databasePath);
      children.push(child);
      return child;
    };
    const first = await requestRecompute({ reason: "import 1" }, { database, spawnRunner });
    const second = await requestRecompute({ reason: "settings changed" }, { database, spawnRunner });
    expect(first).toMatchObject({ requested: true, request: 1, startedRunner: true });
    expect(second).toMatchObject({ requested: true, request: 2, startedRunner: false });
    // This process also tries to run the queue at the same moment: the starting process is already the
    // queue's runner, so this one stands back.
    const local = await runQueuedRecomputes(database);
    expect(local).toEqual({ kind: "busy", runnerPid: children[0]!.pid });
    expect(await exited(children[0]!)).toBe(0);
    expect(children).toHaveLength(1);
    expect(await completeSnapshots(database)).toBe(1);
    await expectConsistent(database, (await getCurrentSnapshot(database.db))!.id);
    expect(await getQueue(database.db)).toMatchObject({ requested: 2, handled: 2, runnerPid: null });
    await database.close();
  }, 60_000);

  test("two `clv recompute` commands at once agree on one snapshot", async () => {
    const database = await seededDatabase();
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/clv.ts", "recompute"], {
          env: { ...process.env, DATABASE_URL: database.engine === "sqlite" ? database.path : database.url },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const [resultA, resultB] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(resultA.snapshotId).toBe(resultB.snapshotId);
    expect(await completeSnapshots(database)).toBe(1);
    await expectConsistent(database, resultA.snapshotId);
    await database.close();
  }, 60_000);
});
