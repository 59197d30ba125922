import * as sqliteTables from "@/db/schema";
import { postgresTablesOf } from "@/db/pg/query-database";

/** better-auth's tables, typed as the SQLite ones (the rows are alike on both engines: moments are Dates). */
export interface AuthTables {
  authUsers: typeof sqliteTables.authUsers;
  authSessions: typeof sqliteTables.authSessions;
  authAccounts: typeof sqliteTables.authAccounts;
  authVerifications: typeof sqliteTables.authVerifications;
  authRateLimits: typeof sqliteTables.authRateLimits;
}

/**
 * The sign-in tables of `db`'s engine. Their moments are ms numbers on SQLite and `timestamptz` on PostgreSQL, so
 * unlike the other tables they cannot share one table object: on PostgreSQL they are that schema's own.
 */
export function authTablesOf(db: object): AuthTables {
  const postgres = postgresTablesOf(db);
  if (!postgres) return sqliteTables;
  const { authUsers, authSessions, authAccounts, authVerifications, authRateLimits } = postgres;
  return { authUsers, authSessions, authAccounts, authVerifications, authRateLimits } as unknown as AuthTables;
}
