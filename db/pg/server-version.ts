/**
 * The oldest PostgreSQL Klantwaarde runs on, and the check of a server's version against it.
 */
import { DatabaseStartupError } from "../client";

/** PostgreSQL 15: `MERGE`, `UNIQUE NULLS NOT DISTINCT` and the public schema no longer writable by everyone. */
export const MINIMUM_POSTGRES_VERSION_NUM = 150000;

/**
 * Stops start-up on a server older than PostgreSQL 15. `versionNum` is the server's `server_version_num`
 * (150004 for 15.4, 90624 for 9.6.24); `server` is `host:port/database` for the message.
 *
 * @example assertSupportedServerVersion(140009, "14.9", "db.example.nl:5432/crm")
 *   // throws "PostgreSQL at db.example.nl:5432/crm is version 14.9; Klantwaarde needs PostgreSQL 15 or newer. …"
 */
export function assertSupportedServerVersion(versionNum: number, versionText: string, server: string): void {
  if (Number.isInteger(versionNum) && versionNum >= MINIMUM_POSTGRES_VERSION_NUM) return;
  throw new DatabaseStartupError(
    `PostgreSQL at ${server} is version ${versionText}; Klantwaarde needs PostgreSQL 15 or newer. ` +
      `Upgrade the server, or point DATABASE_URL to a PostgreSQL 15+ server.`,
  );
}
