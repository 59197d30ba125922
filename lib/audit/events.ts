/**
 * What the audit trail records (issue #9): the actions, who did them, and what each keeps in `details`.
 * Pure: the server, the command line and the admin page share these names.
 */

export const AUDIT_ACTIONS = [
  "import", // target: file name; details: kind, status, rows read/imported/updated/rejected, import id
  "settingsChanged", // details: changed { field: [before, after] }
  "recompute", // details: reason, snapshot id (command line) or request state (browser)
  "customerListExported", // target: segment or "all customers"; details: filters, rows
  "personalDataExported", // target: customer number; the right of access was answered
  "customerErased", // details: rows removed (who the customer was is not kept: that is the point)
  "userAdded", // target: e-mail; details: role
  "userRoleChanged", // target: e-mail; details: from, to
  "userRemoved", // target: e-mail
  "userSignedOut", // target: e-mail; details: sessions ended
  "privacySettingChanged", // details: from, to
  "backup", // target: file
  "restore", // target: file
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** Who did it: a signed-in user in the browser, or someone at the command line of the server. */
export interface AuditActor {
  /** Shown in the trail: the e-mail address, or "command line (login name)". */
  label: string;
  userId: string | null;
  role: string | null;
  source: "browser" | "cli";
}

export interface AuditEvent {
  action: AuditAction;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** The actor of a signed-in user. */
export function userActor(user: { id: string; email: string; role: string }): AuditActor {
  return { label: user.email, userId: user.id, role: user.role, source: "browser" };
}

/** The actor of a command typed on the server, named by the operating-system login (`clv ...`, `npm run demo`). */
export function commandLineActor(login: string): AuditActor {
  const name = login.trim() || "unknown";
  return { label: `command line (${name})`, userId: null, role: null, source: "cli" };
}

/** The fields of two flat objects whose values differ, as { field: [before, after] } (settings changes). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changed;
}

/** The row of the trail (table `audit_events`, both engines) that records `event` by `actor`. */
export function auditEventRow(actor: AuditActor, event: AuditEvent) {
  return {
    action: event.action,
    actor: actor.label,
    actorUserId: actor.userId,
    actorRole: actor.role,
    source: actor.source,
    target: event.target ?? null,
    details: event.details ?? null,
  };
}
