import { count } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "./client";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";
import { customers } from "./schema";
import { inTransaction } from "./transaction";

/**
 * One SQLite connection serves every request. A transaction whose body awaits between its statements must not
 * take in another caller's statements: they would be committed or rolled back with it. On PostgreSQL the pool sends
 * only the transaction's own caller to its connection (db/pg/query-database.ts); the same tests hold there.
 */

let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

const customerNumbers = async () =>
  (await database.db.select({ externalId: customers.externalId }).from(customers).orderBy(customers.externalId)).map((row) => row.externalId);

/** Lets every other pending callback run (the other caller's statements get their chance). */
const yieldToOthers = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("inTransaction", () => {
  test("another caller's write during a transaction that rolls back is kept", async () => {
    const { db } = database;
    const rolledBack = inTransaction(db, async (tx) => {
      await tx.insert(customers).values({ externalId: "KW-ROLLED-BACK" });
      await yieldToOthers();
      await yieldToOthers();
      throw new Error("changed my mind");
    });
    // Starts while the transaction is open and waiting.
    await yieldToOthers();
    const otherWrite = (async () => {
      await db.insert(customers).values({ externalId: "KW-OTHER" });
    })();
    await expect(rolledBack).rejects.toThrow("changed my mind");
    await otherWrite;
    expect(await customerNumbers()).toEqual(["KW-OTHER"]);
  });

  test("another caller does not see a transaction's rows before its commit", async () => {
    const { db } = database;
    let seenMeanwhile: number | null = null;
    const committed = inTransaction(db, async (tx) => {
      await tx.insert(customers).values({ externalId: "KW-NEW-1" });
      await yieldToOthers();
      await tx.insert(customers).values({ externalId: "KW-NEW-2" });
    });
    await yieldToOthers();
    const reading = db
      .select({ n: count() })
      .from(customers)
      .then(([row]) => (seenMeanwhile = row!.n));
    await Promise.all([committed, reading]);
    // Never half of the transaction. SQLite's one connection makes the read wait for the commit: it sees all of it.
    // PostgreSQL reads on another connection without waiting: before the commit nothing, after it everything.
    if (testEngine() === "sqlite") expect(seenMeanwhile).toBe(2);
    else expect([0, 2]).toContain(seenMeanwhile);
    expect(await customerNumbers()).toEqual(["KW-NEW-1", "KW-NEW-2"]);
  });

  test("two transactions run one after the other, each whole", async () => {
    const { db } = database;
    const write = (externalId: string) =>
      inTransaction(db, async (tx) => {
        await tx.insert(customers).values({ externalId });
        await yieldToOthers();
        if (externalId.endsWith("FAIL")) throw new Error("no");
      });
    const outcomes = await Promise.allSettled([write("KW-A"), write("KW-B-FAIL"), write("KW-C")]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await customerNumbers()).toEqual(["KW-A", "KW-C"]);
  });

  test("a nested transaction is a savepoint of the outer one", async () => {
    const { db } = database;
    await inTransaction(db, async (tx) => {
      await tx.insert(customers).values({ externalId: "KW-OUTER" });
      await expect(
        inTransaction(db, async (inner) => {
          await inner.insert(customers).values({ externalId: "KW-INNER" });
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
    });
    expect(await customerNumbers()).toEqual(["KW-OUTER"]);
  });
});
