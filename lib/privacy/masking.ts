/**
 * Masking of personal data: the one rule that decides who sees customers' names and e-mail addresses, and
 * the pure helpers that take them out of what is sent. Pure (no database, no React): the server helper of
 * lib/privacy/masking-server.ts asks it for the signed-in user of a request, and the pages, the CSV export
 * and the query functions apply the answer on the server, so a masked name never reaches the browser.
 *
 * The setting (lib/privacy/masking-settings.ts) names the lowest role that sees them:
 * - `everyone` (the default): every signed-in role;
 * - `analysts`: analysts and admins;
 * - `admins`: admins only.
 * Admins always see them: they answer data-subject requests (lib/auth/roles.ts, permission `personalData`).
 */
import type { CustomerFilter } from "@/lib/filters/customer-filter";

export const PERSONAL_DATA_AUDIENCES = ["everyone", "analysts", "admins"] as const;
export type PersonalDataAudience = (typeof PERSONAL_DATA_AUDIENCES)[number];

/** Without a setting stored: nothing is masked (existing users and `npm run demo` see what they saw). */
export const DEFAULT_PERSONAL_DATA_AUDIENCE: PersonalDataAudience = "everyone";

export function isPersonalDataAudience(value: unknown): value is PersonalDataAudience {
  return typeof value === "string" && (PERSONAL_DATA_AUDIENCES as readonly string[]).includes(value);
}

/**
 * Whether a user with `role` sees customers' names and e-mail addresses under `audience`. An admin always
 * does; an unknown role or no user only when everyone does.
 *
 * @example seesPersonalData("analyst", "analysts") // true
 * @example seesPersonalData("analyst", "admins") // false
 * @example seesPersonalData("admin", "admins") // true
 */
export function seesPersonalData(role: string | null | undefined, audience: PersonalDataAudience): boolean {
  if (role === "admin") return true;
  if (audience === "everyone") return true;
  if (audience === "analysts") return role === "analyst";
  return false;
}

/** What identifies a customer in a row: the fields masking empties. */
export interface PersonalFields {
  name: string | null;
  email?: string | null;
}

/**
 * The row as a user may see it: with `visible` false, name and e-mail address are null (every view then
 * shows the customer number, as it does for a customer without a name). The row is copied, never changed.
 *
 * @example maskCustomer({ name: "Anna", email: "a@x.nl", externalId: "K-1" }, false) // { name: null, email: null, externalId: "K-1" }
 */
export function maskCustomer<T extends PersonalFields>(row: T, visible: boolean): T {
  if (visible) return row;
  return "email" in row ? { ...row, name: null, email: null } : { ...row, name: null };
}

/** `maskCustomer` for every row (the same array when nothing is masked). */
export function maskCustomers<T extends PersonalFields>(rows: readonly T[], visible: boolean): T[] {
  return visible ? [...rows] : rows.map((row) => maskCustomer(row, false));
}

/**
 * The filter as a user may apply it: for a masked user the search matches customer numbers only (searching by
 * name or e-mail address would tell who is a customer). The URL keeps `q`; only the SQL condition narrows.
 *
 * @example maskFilter({ search: "jansen" }, false) // { search: "jansen", searchNumbersOnly: true }
 */
export function maskFilter(filter: CustomerFilter, visible: boolean): CustomerFilter {
  if (visible || !filter.search) return filter;
  return { ...filter, searchNumbersOnly: true };
}
