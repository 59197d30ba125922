"use client";

import { useActionState } from "react";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { addUserAction, type UserFormState } from "@/lib/auth/actions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { primaryButtonClass } from "./buttons";

export interface AddUserTexts {
  email: string;
  name: string;
  password: string;
  role: string;
  submit: string;
  roles: Record<Role, string>;
}

const initial: UserFormState = { errors: {}, message: null, doneAt: null };

/** /admin/users: e-mail, name, first password and role of a new user. */
export function AddUserForm({ texts }: { texts: AddUserTexts }) {
  const [state, action, pending] = useActionState(addUserAction, initial);
  return (
    <form action={action} key={state.doneAt ?? JSON.stringify(state.values ?? null) + String(state.message)} className="grid gap-4 sm:grid-cols-2">
      <Field id="add-user-email" label={texts.email} errors={state.errors.email}>
        <input id="add-user-email" name="email" type="email" defaultValue={state.values?.email} autoComplete="off" required className={`${inputClass} w-full`} {...describedBy("add-user-email", state.errors.email)} />
      </Field>
      <Field id="add-user-name" label={texts.name}>
        <input id="add-user-name" name="name" type="text" defaultValue={state.values?.name} autoComplete="off" className={`${inputClass} w-full`} />
      </Field>
      <Field id="add-user-password" label={texts.password} errors={state.errors.password}>
        <input id="add-user-password" name="password" type="password" autoComplete="new-password" required className={`${inputClass} w-full`} {...describedBy("add-user-password", state.errors.password)} />
      </Field>
      <Field id="add-user-role" label={texts.role} errors={state.errors.role}>
        <select id="add-user-role" name="role" defaultValue="viewer" className={`${inputClass} w-full`} {...describedBy("add-user-role", state.errors.role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {texts.roles[role]}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {texts.submit}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {state.message}
        </p>
      </div>
    </form>
  );
}
