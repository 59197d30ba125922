/**
 * Who may do what: the one permission table of Klantwaarde (pure; used by pages, server actions, API routes
 * and the UI that hides what a role cannot do).
 *
 * - viewer: browse every view, export (CSV/PNG/PDF) and present;
 * - analyst: also import data, change settings, recompute and write decision notes;
 * - admin: also manage users, read the audit trail, and answer data-subject requests (download or erase
 *   everything held about one customer).
 */
export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ["browse", "export", "present", "import", "settings", "recompute", "decisionNotes", "users", "audit", "personalData"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ["browse", "export", "present"];
const ANALYST: readonly Permission[] = [...VIEWER, "import", "settings", "recompute", "decisionNotes"];
const ADMIN: readonly Permission[] = [...ANALYST, "users", "audit", "personalData"];

const TABLE: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  analyst: new Set(ANALYST),
  admin: new Set(ADMIN),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do `permission`. An unknown role (a row edited by hand) may do nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return isRole(role) && TABLE[role].has(permission);
}

/** The lowest role that has `permission` (for messages such as "ask an analyst"). */
export function lowestRoleWith(permission: Permission): Role {
  return ROLES.find((role) => TABLE[role].has(permission)) ?? "admin";
}
