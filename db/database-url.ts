/**
 * Which database `DATABASE_URL` names: a SQLite file (a path or a `file:` URL, the default) or a PostgreSQL 15+
 * server (`postgres://` or `postgresql://`). Every message about a bad value names the host, never the password.
 */
import { DatabaseStartupError, resolveDatabasePath } from "./client";

/** The schema Klantwaarde's tables live in on PostgreSQL unless the URL says `?schema=…`. */
export const DEFAULT_POSTGRES_SCHEMA = "klantwaarde";
const DEFAULT_POSTGRES_PORT = 5432;

/** A SQLite database file (absolute path, or `:memory:`). */
export interface SqliteTarget {
  engine: "sqlite";
  path: string;
}

/** A PostgreSQL server, database and schema; `connectionString` holds the password, `server` never does. */
export interface PostgresTarget {
  engine: "postgres";
  /** What the `pg` driver gets: the URL without Klantwaarde's own `schema` parameter. */
  connectionString: string;
  host: string;
  port: number;
  database: string;
  /** The role that connects; empty when the URL leaves it to the driver's default (PGUSER, the login name). */
  user: string;
  /** The PostgreSQL schema holding Klantwaarde's tables. */
  schema: string;
  /** `host:port/database` for messages and logs. */
  server: string;
}

export type DatabaseTarget = SqliteTarget | PostgresTarget;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL with any password replaced by `***`, for messages about a value that could not be read. */
export function redactDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^@/?#]*@/i, "$1:***@");
}

/**
 * Reads `DATABASE_URL` (SQLite when empty, a path or `file:`; PostgreSQL for `postgres://` and `postgresql://`).
 * A PostgreSQL URL may carry `?schema=name` (default `klantwaarde`; lower-case letters, digits and `_`).
 *
 * @example parseDatabaseUrl("postgres://app:s3cret@db.example.nl/crm?schema=kw")
 *   // { engine: "postgres", host: "db.example.nl", port: 5432, database: "crm", user: "app", schema: "kw",
 *   //   server: "db.example.nl:5432/crm", connectionString: "postgres://app:s3cret@db.example.nl/crm" }
 */
export function parseDatabaseUrl(databaseUrl: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const value = (databaseUrl ?? "").trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return parsePostgresUrl(value);
  if (scheme !== undefined && scheme !== "file") {
    throw new DatabaseStartupError(
      `DATABASE_URL "${redactDatabaseUrl(value)}" names neither a SQLite file nor a PostgreSQL server. ` +
        `Set it to a file path (such as ./data/klantwaarde.db) or to postgres://user:password@host:5432/database.`,
    );
  }
  return { engine: "sqlite", path: resolveDatabasePath(value) };
}

function parsePostgresUrl(value: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseStartupError(
      `DATABASE_URL "${redactDatabaseUrl(value)}" is not a valid PostgreSQL URL. ` +
        `Write it as postgres://user:password@host:5432/database, with special characters in the password ` +
        `percent-encoded (@ as %40, / as %2F, : as %3A).`,
    );
  }
  const socketFolder = url.searchParams.get("host");
  const host = url.hostname !== "" ? decodeURIComponent(url.hostname) : (socketFolder ?? "localhost");
  const port = url.port === "" ? DEFAULT_POSTGRES_PORT : Number(url.port);
  const user = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || user;
  const where = `${host}:${port}/${database || "(default database)"}`;
  const schema = url.searchParams.get("schema") ?? DEFAULT_POSTGRES_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseStartupError(
      `DATABASE_URL for ${where} asks for the schema "${schema}", which Klantwaarde cannot use: a schema name ` +
        `is 1 to 63 lower-case letters, digits and underscores, not starting with a digit (default ${DEFAULT_POSTGRES_SCHEMA}).`,
    );
  }
  url.searchParams.delete("schema");
  return { engine: "postgres", connectionString: url.toString(), host, port, database, user, schema, server: where };
}
