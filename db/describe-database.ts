import type { OpenedDatabase } from "./client";

/**
 * Where an open database is, for messages and `--json` output: the SQLite file's path, or the PostgreSQL server,
 * database and schema (never the password).
 *
 * @example databaseLocation(database) // "/srv/klantwaarde/data/klantwaarde.db" or "db.example.nl:5432/crm (schema klantwaarde)"
 */
export function databaseLocation(database: OpenedDatabase): string {
  return database.engine === "sqlite" ? database.path : `${database.target.server} (schema ${database.target.schema})`;
}
