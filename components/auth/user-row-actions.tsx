"use client";

import { useActionState } from "react";
import { inputClass } from "@/components/ui/field";
import { manageUserAction, type UserFormState } from "@/lib/auth/actions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { secondaryButtonClass } from "./buttons";

export interface UserRowTexts {
  changeRole: string;
  saveRole: string;
  remove: string;
  removeButton: string;
  signOutEverywhere: string;
  signOutEverywhereButton: string;
  roles: Record<Role, string>;
}

const initial: UserFormState = { errors: {}, message: null, doneAt: null };

/** One user's row on /admin/users: change role, sign out everywhere, remove; the outcome is announced. */
export function UserRowActions({ email, role, texts }: { email: string; role: Role; texts: UserRowTexts }) {
  const [state, action, pending] = useActionState(manageUserAction, initial);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={action} className="flex items-center gap-2">
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="intent" value="role" />
          <select name="role" defaultValue={role} aria-label={texts.changeRole} className={`${inputClass} py-1`}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {texts.roles[option]}
              </option>
            ))}
          </select>
          <button type="submit" disabled={pending} className={secondaryButtonClass}>
            {texts.saveRole}
          </button>
        </form>
        <form action={action}>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="intent" value="sign-out" />
          <button type="submit" disabled={pending} aria-label={texts.signOutEverywhere} className={secondaryButtonClass}>
            {texts.signOutEverywhereButton}
          </button>
        </form>
        <form action={action}>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" disabled={pending} aria-label={texts.remove} className={`${secondaryButtonClass} text-danger`}>
            {texts.removeButton}
          </button>
        </form>
      </div>
      <p role="status" aria-live="polite" className="text-xs text-muted-foreground">
        {state.message}
      </p>
    </div>
  );
}
