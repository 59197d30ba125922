import { verifyPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { authAccounts, authSessions } from "@/db/schema";
import { addUser, countUsers, findUserByEmail, listUsers, removeUser, revokeSessions, setUserRole, UserError } from "./users";

let database: OpenedDatabase;
beforeEach(() => {
  database = openDatabase(":memory:");
});
afterEach(() => database.close());

const password = "a-long-enough-password";

function addSession(userId: string, token: string) {
  const now = new Date();
  database.db.insert(authSessions).values({ id: token, token, userId, expiresAt: new Date(now.getTime() + 60_000), createdAt: now, updatedAt: now }).run();
}

describe("users", () => {
  test("a new user gets a credential account with a scrypt hash better-auth verifies", async () => {
    const user = await addUser(database.db, { email: " Ada@Example.COM ", password, role: "admin" });
    expect(user).toMatchObject({ email: "ada@example.com", name: "ada", role: "admin" });
    const account = database.db.select().from(authAccounts).where(eq(authAccounts.userId, user.id)).get();
    expect(account?.providerId).toBe("credential");
    expect(account?.password).not.toContain(password);
    expect(await verifyPassword({ hash: account!.password!, password })).toBe(true);
    expect(await verifyPassword({ hash: account!.password!, password: "another-password" })).toBe(false);
    expect(countUsers(database.db)).toBe(1);
  });

  test("rejects bad input with a reason", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" });
    const reason = (input: Parameters<typeof addUser>[1]) => addUser(database.db, input).then(() => null, (error: UserError) => error.code);
    expect(await reason({ email: "ada@example.com", password, role: "viewer" })).toBe("exists");
    expect(await reason({ email: "not an address", password, role: "viewer" })).toBe("invalidEmail");
    expect(await reason({ email: "bo@example.com", password: "short", role: "viewer" })).toBe("tooShort");
    expect(await reason({ email: "bo@example.com", password, role: "owner" as never })).toBe("invalidRole");
  });

  test("roles change, but the last admin stays admin and cannot be removed", async () => {
    await addUser(database.db, { email: "ada@example.com", password, role: "admin" });
    await addUser(database.db, { email: "bo@example.com", password, role: "viewer" });
    expect(() => setUserRole(database.db, "ada@example.com", "viewer")).toThrow(expect.objectContaining({ code: "lastAdmin" }));
    expect(() => removeUser(database.db, "ada@example.com")).toThrow(expect.objectContaining({ code: "lastAdmin" }));
    setUserRole(database.db, "bo@example.com", "admin");
    setUserRole(database.db, "ada@example.com", "analyst");
    expect(listUsers(database.db).map((user) => [user.email, user.role])).toEqual([
      ["ada@example.com", "analyst"],
      ["bo@example.com", "admin"],
    ]);
    removeUser(database.db, "ada@example.com");
    expect(findUserByEmail(database.db, "ada@example.com")).toBeUndefined();
    expect(() => removeUser(database.db, "nobody@example.com")).toThrow(expect.objectContaining({ code: "notFound" }));
  });

  test("signing a user out everywhere deletes all of their sessions and no one else's", async () => {
    const ada = await addUser(database.db, { email: "ada@example.com", password, role: "admin" });
    const bo = await addUser(database.db, { email: "bo@example.com", password, role: "viewer" });
    addSession(ada.id, "a1");
    addSession(ada.id, "a2");
    addSession(bo.id, "b1");
    expect(listUsers(database.db).map((user) => user.sessions)).toEqual([2, 1]);
    expect(revokeSessions(database.db, "ada@example.com")).toBe(2);
    expect(listUsers(database.db).map((user) => user.sessions)).toEqual([0, 1]);
  });
});
