"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { userActor } from "@/lib/audit/events";
import { getDb } from "@/lib/db";
import { getAuth } from "./auth";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";
import { isRole } from "./roles";
import { authorize, AuthError, getSignedInUser } from "./session";
import { addUser, countUsers, removeUser, revokeSessions, setUserRole, UserError } from "./users";

/** The state of the /setup and /admin/users forms (for useActionState). */
export interface UserFormState {
  /** Field errors by field name (`email`, `password`, `role`). */
  errors: Partial<Record<"email" | "password" | "role", string[]>>;
  message: string | null;
  /** Set on success, a new value each time. */
  doneAt: string | null;
  /** What was typed (not the password), shown again after a refusal: React empties a submitted form. */
  values?: { email: string; name: string };
}

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

async function userErrorState(error: unknown): Promise<UserFormState> {
  const t = await getTranslations("auth.errors");
  if (error instanceof UserError) {
    const text = t(error.code, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
    const fieldName = error.code === "invalidEmail" || error.code === "exists" ? "email" : error.code === "tooShort" || error.code === "tooLong" ? "password" : error.code === "invalidRole" ? "role" : null;
    return { errors: fieldName ? { [fieldName]: [text] } : {}, message: fieldName ? null : text, doneAt: null };
  }
  if (error instanceof AuthError) return { errors: {}, message: t(error.status === 401 ? "notSignedIn" : "notAllowed"), doneAt: null };
  console.error("[auth] changing users failed", error);
  return { errors: {}, message: t("failed"), doneAt: null };
}

/**
 * /setup: creates the first admin and signs them in. Refused as soon as any user exists, so the page is a
 * one-time door, not a way in.
 */
export async function setupAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const db = getDb();
  if (await countUsers(db) > 0) {
    const t = await getTranslations("auth.errors");
    return { errors: {}, message: t("setupDone"), doneAt: null };
  }
  const email = field(formData, "email");
  const password = field(formData, "password");
  try {
    // The first admin adds themselves: the trail names the address typed on /setup.
    await addUser(db, { email, password, role: "admin", name: field(formData, "name") }, { label: email.trim().toLowerCase(), userId: null, role: null, source: "browser" });
  } catch (error) {
    return { ...(await userErrorState(error)), values: { email, name: field(formData, "name") } };
  }
  try {
    // nextCookies() sets the session cookie of this response.
    await (await getAuth()).api.signInEmail({ body: { email: email.trim().toLowerCase(), password }, headers: await headers() });
  } catch (error) {
    console.error("[auth] signing in the first admin failed", error);
    redirect("/sign-in");
  }
  redirect("/");
}

/** The user menu's "Sign out": ends this session. */
export async function signOutAction(): Promise<void> {
  await (await getAuth()).api.signOut({ headers: await headers() });
  redirect("/sign-in");
}

/** The user menu's "Sign out everywhere": ends every session of the signed-in user, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSignedInUser();
  if (user) await revokeSessions(getDb(), user.email, userActor(user));
  await (await getAuth()).api.signOut({ headers: await headers() });
  redirect("/sign-in?ended=everywhere");
}

/** /admin/users: adds a user with a role (admins only). */
export async function addUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  try {
    const by = userActor(await authorize("users"));
    const role = field(formData, "role");
    if (!isRole(role)) throw new UserError("invalidRole", "Unknown role");
    const user = await addUser(getDb(), { email: field(formData, "email"), password: field(formData, "password"), role, name: field(formData, "name") }, by);
    revalidatePath("/admin/users");
    const t = await getTranslations("auth");
    return { errors: {}, message: t("users.added", { email: user.email, role: t(`roles.${role}`) }), doneAt: new Date().toISOString() };
  } catch (error) {
    return { ...(await userErrorState(error)), values: { email: field(formData, "email"), name: field(formData, "name") } };
  }
}

/** /admin/users: changes one user's role, removes a user, or signs a user out everywhere (`intent`). */
export async function manageUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  try {
    const by = userActor(await authorize("users"));
    const db = getDb();
    const email = field(formData, "email");
    const t = await getTranslations("auth");
    let message: string;
    switch (field(formData, "intent")) {
      case "role": {
        const role = field(formData, "role");
        if (!isRole(role)) throw new UserError("invalidRole", "Unknown role");
        await setUserRole(db, email, role, by);
        message = t("users.roleChanged", { email, role: t(`roles.${role}`) });
        break;
      }
      case "remove":
        await removeUser(db, email, by);
        message = t("users.removed", { email });
        break;
      case "sign-out":
        message = t("users.signedOut", { email, count: await revokeSessions(db, email, by) });
        break;
      default:
        return { errors: {}, message: t("errors.failed"), doneAt: null };
    }
    revalidatePath("/admin/users");
    return { errors: {}, message, doneAt: new Date().toISOString() };
  } catch (error) {
    return userErrorState(error);
  }
}
