import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { openTestDatabase, testEngine } from "@/lib/testing/test-database";

/**
 * The better-auth configuration against a real (temporary) database: sign-in through the HTTP handler, the
 * cookie's attributes, the session lookup, and the sign-in rate limit stored in the database.
 */
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-auth-"));
const ORIGIN = "http://localhost:3000";
let auth: typeof import("./auth");
let database: typeof import("@/lib/db");
let users: typeof import("./users");
/** On PostgreSQL: the test database the app opens by its URL (closed last, which drops it). */
let testDatabase: OpenedDatabase | null = null;

beforeAll(async () => {
  if (testEngine() === "postgres") {
    testDatabase = await openTestDatabase();
    if (testDatabase.engine !== "postgres") throw new Error("expected a PostgreSQL test database");
    process.env.DATABASE_URL = testDatabase.url;
  } else {
    process.env.DATABASE_URL = path.join(folder, "auth.db");
  }
  process.env.BETTER_AUTH_URL = ORIGIN;
  delete process.env.BETTER_AUTH_SECRET;
  database = await import("@/lib/db");
  auth = await import("./auth");
  users = await import("./users");
  await users.addUser(database.getDb(), { email: "ada@example.com", password: "a-long-enough-password", role: "analyst", name: "Ada" }, { label: "test", userId: null, role: null, source: "cli" });
});

afterAll(async () => {
  await database.getDatabase().close();
  await testDatabase?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function signIn(password: string, ip: string) {
  return (await auth.getAuth()).handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, "X-Forwarded-For": ip },
      body: JSON.stringify({ email: "ada@example.com", password }),
    }),
  );
}

describe("sign-in", () => {
  test("the right password gives an http-only session cookie whose session knows the role", async () => {
    const response = await signIn("a-long-enough-password", "192.0.2.1");
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("klantwaarde.session_token="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // http://localhost; https gives Secure
    const session = await (await auth.getAuth()).api.getSession({ headers: new Headers({ cookie: cookie!.split(";")[0]! }) });
    expect(session?.user.email).toBe("ada@example.com");
    expect(session?.user.role).toBe("analyst");
    // The secret was generated once and kept: in a file beside a SQLite database, in the database on PostgreSQL
    // (shared by every instance; lib/auth/secret-postgres.ts).
    if (testEngine() === "sqlite") expect(fs.existsSync(`${process.env.DATABASE_URL}.auth-secret`)).toBe(true);
    else {
      const secrets = await rawRows<{ length: number }>(database.getDb(), sql`SELECT length(value) AS length FROM instance_secrets WHERE name = 'session-signing'`);
      expect(secrets).toHaveLength(1);
      expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    }
  });

  test("a wrong password is 401 and there is no sign-up", async () => {
    expect((await signIn("the-wrong-password", "192.0.2.2")).status).toBe(401);
    const signUp = await (await auth.getAuth()).handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: ORIGIN, "X-Forwarded-For": "192.0.2.3" },
        body: JSON.stringify({ email: "eve@example.com", password: "a-long-enough-password", name: "Eve" }),
      }),
    );
    expect(signUp.ok).toBe(false);
    expect(await users.findUserByEmail(database.getDb(), "eve@example.com")).toBeUndefined();
  });

  test("five attempts per minute per address; the sixth is 429, another address is not affected", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await signIn("the-wrong-password", "192.0.2.9")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await signIn("a-long-enough-password", "192.0.2.9")).status).toBe(429);
    expect((await signIn("a-long-enough-password", "192.0.2.10")).status).toBe(200);
    const counted = await rawRows<{ count: number }>(database.getDb(), sql`SELECT count FROM auth_rate_limits WHERE key LIKE '192.0.2.9|%'`);
    expect(counted.map((row) => row.count)).toEqual([5]);
  });
});
