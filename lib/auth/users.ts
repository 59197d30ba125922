import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { asc, count, eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { authTablesOf } from "./auth-tables";
import type { AuditActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { passwordProblem } from "./password-policy";
import { isRole, type Role } from "./roles";
import { firstRow } from "@/db/first-row";
import { inTransaction } from "@/db/transaction";

/**
 * Managing the people who can sign in (the command line `clv user`, /setup and /admin/users). Works on the
 * auth tables directly, the way better-auth's own admin plugin does: a user row plus a "credential" account
 * holding the scrypt hash of the password (better-auth's own hash function, so sign-in verifies it).
 */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  sessions: number;
}

/** A user could not be added or changed; `code` says why (for translated messages). */
export class UserError extends Error {
  constructor(
    readonly code: "invalidEmail" | "exists" | "notFound" | "tooShort" | "tooLong" | "invalidRole" | "lastAdmin",
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(db: KlantwaardeDatabase): Promise<number> {
  const { authUsers } = authTablesOf(db);
  return (await firstRow(db.select({ n: count() }).from(authUsers).limit(1)))?.n ?? 0;
}

export async function listUsers(db: KlantwaardeDatabase): Promise<UserRow[]> {
  const { authUsers, authSessions } = authTablesOf(db);
  const rows = await db.select().from(authUsers).orderBy(asc(authUsers.email));
  const sessionCounts = await db.select({ userId: authSessions.userId, n: count() }).from(authSessions).groupBy(authSessions.userId);
  const sessions = new Map(sessionCounts.map((row) => [row.userId, row.n]));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : "viewer",
    createdAt: row.createdAt,
    sessions: sessions.get(row.id) ?? 0,
  }));
}

export async function findUserByEmail(db: KlantwaardeDatabase, email: string) {
  const { authUsers } = authTablesOf(db);
  return await firstRow(db.select().from(authUsers).where(eq(authUsers.email, normalizeEmail(email))).limit(1));
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string;
}

/** Adds a user who signs in with e-mail and password; `by` is recorded in the audit trail. */
export async function addUser(db: KlantwaardeDatabase, input: NewUser, by: AuditActor): Promise<UserRow> {
  const { authUsers, authAccounts } = authTablesOf(db);
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new UserError("invalidEmail", `"${input.email}" is not an e-mail address.`);
  if (!isRole(input.role)) throw new UserError("invalidRole", `Unknown role "${String(input.role)}" (viewer, analyst or admin).`);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserError(problem, problem === "tooShort" ? "The password is too short." : "The password is too long.");
  if (await findUserByEmail(db, email)) throw new UserError("exists", `A user with the e-mail address ${email} already exists.`);
  const hash = await hashPassword(input.password);
  const now = new Date();
  const id = crypto.randomUUID();
  const name = input.name?.trim() || email.split("@")[0] || email;
  await inTransaction(db, async (tx) => {
    await tx.insert(authUsers).values({ id, email, name, role: input.role, emailVerified: false, createdAt: now, updatedAt: now });
    await tx
      .insert(authAccounts)
      .values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash, createdAt: now, updatedAt: now });
    await recordAuditEvent(tx, by, { action: "userAdded", target: email, details: { role: input.role } });
  });
  return { id, email, name, role: input.role, createdAt: now, sessions: 0 };
}

async function requireUserRow(db: KlantwaardeDatabase, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new UserError("notFound", `There is no user with the e-mail address ${normalizeEmail(email)}.`);
  return user;
}

async function adminsOtherThan(db: KlantwaardeDatabase, userId: string): Promise<number> {
  const { authUsers } = authTablesOf(db);
  const admins = await db.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.role, "admin"));
  return admins.filter((row) => row.id !== userId).length;
}

/** Changes a user's role; the last admin cannot lose the role (someone must be able to manage users). */
export async function setUserRole(db: KlantwaardeDatabase, email: string, role: Role, by: AuditActor): Promise<void> {
  const { authUsers } = authTablesOf(db);
  if (!isRole(role)) throw new UserError("invalidRole", `Unknown role "${String(role)}" (viewer, analyst or admin).`);
  const user = await requireUserRow(db, email);
  if (user.role === "admin" && role !== "admin" && (await adminsOtherThan(db, user.id)) === 0) {
    throw new UserError("lastAdmin", `${user.email} is the only admin; make someone else admin first.`);
  }
  if (user.role === role) return;
  await inTransaction(db, async (tx) => {
    await tx.update(authUsers).set({ role, updatedAt: new Date() }).where(eq(authUsers.id, user.id));
    await recordAuditEvent(tx, by, { action: "userRoleChanged", target: user.email, details: { from: user.role, to: role } });
  });
}

/** Removes a user with their sessions and accounts; never the last admin. */
export async function removeUser(db: KlantwaardeDatabase, email: string, by: AuditActor): Promise<void> {
  const { authUsers } = authTablesOf(db);
  const user = await requireUserRow(db, email);
  if (user.role === "admin" && (await adminsOtherThan(db, user.id)) === 0) {
    throw new UserError("lastAdmin", `${user.email} is the only admin; make someone else admin first.`);
  }
  await inTransaction(db, async (tx) => {
    await tx.delete(authUsers).where(eq(authUsers.id, user.id)); // sessions and accounts cascade
    await recordAuditEvent(tx, by, { action: "userRemoved", target: user.email, details: { role: user.role } });
  });
}

/** Ends every session of a user ("sign out everywhere"); returns how many there were. */
export async function revokeSessions(db: KlantwaardeDatabase, email: string, by: AuditActor): Promise<number> {
  const { authSessions } = authTablesOf(db);
  const user = await requireUserRow(db, email);
  return inTransaction(db, async (tx) => {
    const ended = (await tx.delete(authSessions).where(eq(authSessions.userId, user.id)).returning({ id: authSessions.id })).length;
    await recordAuditEvent(tx, by, { action: "userSignedOut", target: user.email, details: { sessions: ended } });
    return ended;
  });
}
