import { verifyPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { auditEvents, authAccounts, authSessions } from "@/db/schema";
import { commandLineActor } from "@/lib/audit/events";
import { addUser, countUsers, findUserByEmail, listUsers, removeUser, revokeSessions, setUserRole, UserError } from "./users";

let database: OpenedDatabase;
beforeEach(() => {
  database = openDatabase(":memory:");
});
afterEach(() => database.close());

const password = "a-long-enough-password";
const by = commandLineActor("tester");

function addSession(userId: string, token: string) {
  const now = new Date();
  database.db.insert(authSessions).values({ id: token, token, userId, expiresAt: new Date(now.getTime() + 60_000), createdAt: now, updatedAt: now }).run();
}

describe("users", () => {
  test("a new user gets a credential account with a scrypt hash better-auth verifies", async () => {
    const user = await addUser(database.db, { email: " Ada@Example.COM ", password, role: "admin" }, by);
    expect(user).toMatchObject({ email: "ada@example.com", name: "ada", role: "admin" });
    const account = database.db.select().from(authAccounts).where(eq(authAccounts.userId, user.id)).get();
    expect(account?.providerId).toBe("credential");
    expect(account?.password).not.toContain(password);
    expect(await verifyPassword({ hash: account!.password!, password })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: "another-password" })).toBe(false);
    expect(countUsers(database.db)).toBe(1);
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
    expect(() => setUserRole(database.db, "ada@example.com", "viewer", by)).toThrow(expect.objectContaining({ code: "lastAdmin" }));
    expect(() => removeUser(database.db, "ada@example.com", by)).toThrow(expect.objectContaining({ code: "lastAdmin" }));
    setUserRole(database.db, "bo@example.com", "admin", by);
    setUserRole(database.db, "ada@example.com", "analyst", by);
    expect(listUsers(database.db).map((user) => [user.email, user.role])).toEqual([
      ["ada@example.com", "analyst"],
      ["bo@example.com", "admin"],
    ]);
    removeUser(database.db, "ada@example.com", by);
    expect(findUserByEmail(database.db, "ada@example.com")).toBeUndefined();
    expect(() => removeUser(database.db, "nobody@example.com", by)).toThrow(expect.objectContaining({ code: "notFound" }));
  });

  test("signing a user out everywhere deletes all of their sessions and no one else's", async () => {
    const ada = await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    const bo = await addUser(database.db, { email: "bo@example.com", password, role: "viewer" }, by);
    addSession(ada.id, "a1");
    addSession(ada.id, "a2");
    addSession(bo.id, "b1");
    expect(listUsers(database.db).map((user) => user.sessions)).toEqual([2, 1]);
    expect(revokeSessions(database.db, "ada@example.com", by)).toBe(2);
    expect(listUsers(database.db).map((user) => user.sessions)).toEqual([0, 1]);
  });

  test("every change is in the audit trail with who did it, and a refused change is not", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" }, by);
    const bo = await addUser(database.db, { email: "bo@example.com", password, role: "viewer" }, { label: "ada@example.com", userId: "u-ada", role: "admin", source: "browser" });
    addSession(bo.id, "b1");
    setUserRole(database.db, "bo@example.com", "analyst", by);
    setUserRole(database.db, "bo@example.com", "analyst", by); // no change, no event
    expect(() => removeUser(database.db, "ada@example.com", by)).toThrow(); // the last admin: refused
    revokeSessions(database.db, "bo@example.com", by);
    removeUser(database.db, "bo@example.com", by);
    const trail = database.db.select().from(auditEvents).orderBy(auditEvents.id).all();
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
