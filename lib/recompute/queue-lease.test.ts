/**
 * The recompute queue's lease across app instances (lib/recompute/queue.ts, lib/queries/recompute-queue.ts):
 * a runner on another host is alive on its lease alone, a lease whose heartbeat is too old is taken over with
 * the requests its holder claimed and did not finish, two claims at once let exactly one runner in, and a
 * release lets the next one in. Runs on SQLite (a file, for the second connection) and, listed in ENGINE_TESTS
 * of vitest.pg.config.ts, on PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { recomputeQueue } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { getQueue, newRunnerHolder, RECOMPUTE_QUEUE_ID, RUNNER_STALE_MS, runnerIsAlive } from "@/lib/queries/recompute-queue";
import { openAnotherConnection, openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { addRecomputeRequest, claimRequests, finishRequests, heartbeatNow, releaseQueue, reserveRunner } from "./queue";
import { runQueuedRecomputes } from "./runner";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-queue-lease-"));
/** A process id that no process on this machine has (Linux's largest is 2^22). */
const NO_SUCH_PID = 2 ** 22 + 4711;
/** A runner of another app instance, on a host that is not this one, with a process id that does not exist here. */
const otherHostRunner = () => `other-host.example:${NO_SUCH_PID}:${Math.random().toString(16).slice(2, 14)}`;

let database: OpenedDatabase;
/** A second connection to the same database: another app instance. */
let other: OpenedDatabase;

beforeAll(async () => {
  database = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, "queue.db"));
  other = await openAnotherConnection(database);
});
afterAll(async () => {
  await other.close();
  await database.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Each test starts from a queue whose requests are all handled and that nobody holds. */
beforeEach(async () => {
  const queue = await getQueue(database.db);
  await database.db.update(recomputeQueue)
    .set({ handled: queue.requested, runnerHolder: null, runnerPid: null, runnerHeartbeatAt: null })
    .where(eq(recomputeQueue.id, RECOMPUTE_QUEUE_ID));
});

/** A claim that could not start its transaction because the other one held SQLite's write lock: it counts as busy. */
function lockedOut(error: unknown): "busy" {
  const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (testEngine() === "sqlite" && code === "SQLITE_BUSY") return "busy";
  throw error;
}

describe("the recompute queue's lease", () => {
  test("a runner on another host with a fresh heartbeat holds the queue, although its process id does not exist here", async () => {
    const remote = otherHostRunner();
    await addRecomputeRequest(other.db, "import on the other instance");
    expect(await claimRequests(other.db, remote)).toMatchObject({ kind: "claimed" });
    const { runnerAlive } = await addRecomputeRequest(database.db, "settings changed here");
    expect(runnerAlive).toBe(true);
    expect(runnerIsAlive(await getQueue(database.db))).toBe(true);
    expect(await claimRequests(database.db, newRunnerHolder())).toEqual({ kind: "busy", runnerPid: NO_SUCH_PID, holder: remote });
    expect(await runQueuedRecomputes(database)).toEqual({ kind: "busy", runnerPid: NO_SUCH_PID });
    // Its heartbeat keeps the lease; it finishes and sees the request made here meanwhile.
    heartbeatNow(other, remote);
    const { requested } = await getQueue(database.db);
    expect(await finishRequests(other.db, remote, requested - 1)).toBe(true);
    expect(await claimRequests(other.db, remote)).toMatchObject({ kind: "claimed", target: requested });
    expect(await finishRequests(other.db, remote, requested)).toBe(false);
    expect(await getQueue(database.db)).toMatchObject({ handled: requested, runnerHolder: null });
  });

  test("a lease whose heartbeat is too old is taken over, and its claimed but unfinished requests are done by the new runner", async () => {
    const seeded = testEngine() === "postgres" ? await openTestDatabase() : openDatabase(path.join(folder, "seeded.db"));
    try {
      await seedDemoCompany(seeded.db, { customers: 150, seed: 7, years: 2, endDate: "2026-02-14" });
      const crashed = otherHostRunner();
      const { request: first } = await addRecomputeRequest(seeded.db, "import 1");
      await addRecomputeRequest(seeded.db, "import 2");
      expect(await claimRequests(seeded.db, crashed)).toMatchObject({ kind: "claimed", target: first + 1 });
      // The runner's host went away: no heartbeat for a while, yet not long enough.
      const setHeartbeatAge = (ms: number) =>
        seeded.db.update(recomputeQueue).set({ runnerHeartbeatAt: new Date(Date.now() - ms).toISOString() }).where(eq(recomputeQueue.id, RECOMPUTE_QUEUE_ID));
      await setHeartbeatAge(RUNNER_STALE_MS - 60_000);
      expect(await runQueuedRecomputes(seeded)).toMatchObject({ kind: "busy" });
      await setHeartbeatAge(RUNNER_STALE_MS + 1000);
      // No request is made after the crash: the new runner computes for the two the crashed one left.
      const result = await runQueuedRecomputes(seeded);
      expect(result.kind).toBe("ran");
      expect(result.kind === "ran" && result.outcomes.map((outcome) => outcome.status)).toEqual(["complete"]);
      expect(await getQueue(seeded.db)).toMatchObject({ requested: first + 1, handled: first + 1, runnerHolder: null, runnerPid: null });
      // The old runner comes back late: its heartbeat and its finish take no lease back.
      const { request: third } = await addRecomputeRequest(seeded.db, "settings changed");
      expect(await claimRequests(seeded.db, newRunnerHolder())).toMatchObject({ kind: "claimed", target: third });
      heartbeatNow(seeded, crashed);
      expect(await finishRequests(seeded.db, crashed, first + 1)).toBe(false);
      expect(await getQueue(seeded.db)).toMatchObject({ handled: first + 1, runnerHolder: expect.not.stringMatching(/^other-host/) });
    } finally {
      await seeded.close();
    }
  }, 60_000);

  test("two runners claiming at once on two connections: exactly one gets the queue", async () => {
    // On SQLite both connections are in this one thread and the driver waits synchronously: the second
    // claim's IMMEDIATE transaction cannot start while the first one's is open (another process would wait
    // for busy_timeout and then find the queue busy), so here it fails at once instead of blocking the
    // thread. On PostgreSQL both claims run at the same time on connections of their own.
    for (const connection of [database, other]) if (connection.engine === "sqlite") connection.sqlite.pragma("busy_timeout = 0");
    for (let round = 0; round < 5; round++) {
      await addRecomputeRequest(database.db, `round ${round}`);
      const [here, there] = [newRunnerHolder(), otherHostRunner()];
      const claims = await Promise.allSettled([claimRequests(database.db, here), claimRequests(other.db, there)]);
      const outcomes = claims.map((claim) => (claim.status === "fulfilled" ? claim.value.kind : lockedOut(claim.reason)));
      expect(outcomes.sort()).toEqual(["busy", "claimed"]);
      const winner = claims[0]!.status === "fulfilled" && claims[0]!.value.kind === "claimed" ? here : there;
      expect((await getQueue(database.db)).runnerHolder).toBe(winner);
      expect(await finishRequests(winner === here ? database.db : other.db, winner, (await getQueue(database.db)).requested)).toBe(false);
    }
  });

  test("a released lease lets the next runner in at once", async () => {
    const [first, second] = [otherHostRunner(), newRunnerHolder()];
    await addRecomputeRequest(database.db, "first");
    expect(await claimRequests(other.db, first)).toMatchObject({ kind: "claimed" });
    expect(await claimRequests(database.db, second)).toMatchObject({ kind: "busy", holder: first });
    await releaseQueue(database.db, second); // not its lease: nothing happens
    expect(await claimRequests(database.db, second)).toMatchObject({ kind: "busy", holder: first });
    await releaseQueue(other.db, first);
    expect(await claimRequests(database.db, second)).toMatchObject({ kind: "claimed" });
    expect((await getQueue(database.db)).runnerHolder).toBe(second);
  });

  test("\"Recompute now\" pressed on two instances while a runner computes is one snapshot: the later request is not forced", async () => {
    const runner = otherHostRunner();
    const { request: first } = await addRecomputeRequest(other.db, "recompute now on A", true);
    expect(await claimRequests(other.db, runner)).toMatchObject({ kind: "claimed", target: first, forced: true });
    // Pressed on B while A's runner computes: queued, but the run after this one only computes when something changed.
    const { request: second, runnerAlive } = await addRecomputeRequest(database.db, "recompute now on B", true);
    expect(runnerAlive).toBe(true);
    expect((await getQueue(database.db)).forced).toBe(first);
    expect(await finishRequests(other.db, runner, first)).toBe(true);
    expect(await claimRequests(other.db, runner)).toMatchObject({ kind: "claimed", target: second, forced: false });
    expect(await finishRequests(other.db, runner, second)).toBe(false);
  });

  test("a forced request made while the runner is only reserved, or while nobody runs, keeps its force", async () => {
    const { request: reservedFor } = await addRecomputeRequest(database.db, "recompute now", true);
    await reserveRunner(database.db, process.pid); // this process is alive, so its reservation is a live runner
    const { request: alongside } = await addRecomputeRequest(other.db, "recompute now, a moment later", true);
    expect((await getQueue(database.db)).forced).toBe(alongside);
    const holder = newRunnerHolder();
    expect(await claimRequests(database.db, holder)).toMatchObject({ kind: "claimed", target: alongside, forced: true });
    // A failed computation lets go without handling: its forced requests keep their force for the next runner.
    await releaseQueue(database.db, holder);
    expect(await claimRequests(other.db, otherHostRunner())).toMatchObject({ kind: "claimed", target: alongside, forced: true });
    expect(reservedFor).toBeLessThan(alongside);
  });
});
