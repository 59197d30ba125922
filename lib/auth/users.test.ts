import { verifyPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { authTablesOf } from "./auth-tables";
import { commandLineActor } from "@/lib/audit/events";
import { addUser, countUsers, findUserByEmail, listUsers, removeUser, revokeSessions, setUserRole, UserError } from "./users";
import { firstRow } from "@/db/first-row";

let database: OpenedDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.close());

const password = "a-long-enough-password";
const by = commandLineActor("tester");

/** The sign-in tables of the engine (better-auth's moments are numbers on SQLite, timestamps on PostgreSQL). */
const auth = () => authTablesOf(database.db);

async function addSession(userId: string, token: string) {
  const now = new Date();
  const { authSessions } = auth();
  await database.db.insert(authSessions).values({ id: token, token, userId, expiresAt: new Date(now.getTime() + 60_000), createdAt: now, updatedAt: now });
}

describe("users", () => {
  test("a new user gets a credential account with a scrypt hash better-auth verifies", async () => {
    const user = await addUser(database.db, { email: " Ada@Example.COM ", password, role: "admin" }, by);
    expect(user).toMatchObject({ email: "ada@example.com", name: "ada", role: "admin" });
    const { authAccounts } = auth();
    const account = await firstRow(database.db.select().from(authAccounts).where(eq(authAccounts.userId, user.id)).limit(1));
    expect(account?.providerId).toBe("credential");
    expect(account?.password).not.toContain(password);
    expect(await verifyPassword({ hash: account!.password!, password })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: "another-password" })).toBe(false);
    expect(await countUsers(database.db)).toBe(1);
  });

  test("rejects bad input with a reason", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    const reason = (input: Parameters<typeof addUser>[1]) => addUser(database.db, input, by).then(() => null, (error: UserError) => error.code);
    expect(await reason({ email: "ada@example.com", password, role: "viewer" })).toBe("exists");
    expect(await reason({ email: "not an address", password, role: "viewer" })).toBe("invalidEmail");
    expect(await reason({ email: "bo@example.com", password: "short", role: "viewer" })).toBe("tooShort");
    expect(await reason({ email: "bo@example.com", password, role: "owner" as never })).toBe("invalidRole");
  });

  test("roles change, but the last admin stays admin and cannot be removed", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    await addUser(database.db, { email: "bo@example.com", password, role: "viewer" }, by);
    await expect(setUserRole(database.db, "ada@example.com", "viewer", by)).rejects.toThrow(expect.objectContaining({ code: "lastAdmin" }));
    await expect(removeUser(database.db, "ada@example.com", by)).rejects.toThrow(expect.objectContaining({ code: "lastAdmin" }));
    await setUserRole(database.db, "bo@example.com", "admin", by);
    await setUserRole(database.db, "ada@example.com", "analyst", by);
    expect((await listUsers(database.db)).map((user) => [user.email, user.role])).toEqual([
      ["ada@example.com", "analyst"],
      ["bo@example.com", "admin"],
    ]);
    await removeUser(database.db, "ada@example.com", by);
    expect(await findUserByEmail(database.db, "ada@example.com")).toBeUndefined();
    await expect(removeUser(database.db, "nobody@example.com", by)).rejects.toThrow(expect.objectContaining({ code: "notFound" }));
  });

  test("signing a user out everywhere deletes all of their sessions and no one else's", async () => {
    const ada = await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    const bo = await addUser(database.db, { email: "bo@example.com", password, role: "viewer" }, by);
    await addSession(ada.id, "a1");
    await addSession(ada.id, "a2");
    await addSession(bo.id, "b1");
    expect((await listUsers(database.db)).map((user) => user.sessions)).toEqual([2, 1]);
    expect(await revokeSessions(database.db, "ada@example.com", by)).toBe(2);
    expect((await listUsers(database.db)).map((user) => user.sessions)).toEqual([0, 1]);
  });

  test("every change is in the audit trail with who did it, and a refused change is not", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    const bo = await addUser(database.db, { email: "bo@example.com", password, role: "viewer" }, { label: "ada@example.com", userId: "u-ada", role: "admin", source: "browser" });
    await addSession(bo.id, "b1");
    await setUserRole(database.db, "bo@example.com", "analyst", by);
    await setUserRole(database.db, "bo@example.com", "analyst", by); // no change, no event
    await expect(removeUser(database.db, "ada@example.com", by)).rejects.toThrow(); // the last admin: refused
    await revokeSessions(database.db, "bo@example.com", by);
    await removeUser(database.db, "bo@example.com", by);
    const trail = await database.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(trail.map((event) => [event.action, event.target, event.actor, event.details])).toEqual([
      ["userAdded", "ada@example.com", "command line (tester)", { role: "admin" }],
      ["userAdded", "bo@example.com", "ada@example.com", { role: "viewer" }],
      ["userRoleChanged", "bo@example.com", "command line (tester)", { from: "viewer", to: "analyst" }],
      ["userSignedOut", "bo@example.com", "command line (tester)", { sessions: 1 }],
      ["userRemoved", "bo@example.com", "command line (tester)", { role: "analyst" }],
    ]);
    expect(trail[1]).toMatchObject({ source: "browser", actorUserId: "u-ada", actorRole: "admin" });
    expect(trail[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
