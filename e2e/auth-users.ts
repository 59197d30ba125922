/**
 * The users every browser-test server has (scripts/e2e-server.ts creates them) and where the signed-in
 * browser state of the admin is kept (e2e/auth.setup.ts writes it; the other specs run with it).
 */
import type { Role } from "../lib/auth/roles";

export const E2E_PASSWORD = "correct-horse-battery-staple";

export const E2E_USERS: Record<Role, { email: string; name: string; password: string }> = {
  admin: { email: "admin@klantwaarde.test", name: "Ada Admin", password: E2E_PASSWORD },
  analyst: { email: "analyst@klantwaarde.test", name: "Anton Analist", password: E2E_PASSWORD },
  viewer: { email: "viewer@klantwaarde.test", name: "Vera Viewer", password: E2E_PASSWORD },
};

/** The session cookie prefix of the server on `port`: cookies ignore ports, so each server names its own. */
export function e2eCookiePrefix(port: number | string): string {
  return `klantwaarde-${port}`;
}

export function e2eStorageState(portBase: number): string {
  return `e2e/.auth/admin${portBase === 3100 ? "" : `-${portBase}`}.json`;
}
