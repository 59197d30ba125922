/**
 * Opening the Klantwaarde database: resolve the file from `DATABASE_URL`, refuse anything that is not a
 * Klantwaarde (or new) SQLite file, switch on WAL and foreign keys, and apply pending migrations.
 *
 * Used by the Next.js server (through `lib/db.ts`), by every script and by the tests, so that all of
 * them see the same schema.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { isDatabaseFileOpenHere, registerOpenDatabaseFile } from "./open-files";
import { redactDatabaseUrl } from "./redact-database-url";
import * as schema from "./schema";
import type { OpenedPostgresQueries } from "./pg/open-queries";
import { asyncSqliteDatabase, type AsyncSqliteDatabase } from "./sqlite-async";

export const DEFAULT_DATABASE_PATH = "./data/klantwaarde.db";
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

const SQLITE_MAGIC = "SQLite format 3\u0000";
const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * The database every page, action, command and job uses: asynchronous (`await db.select()…`). On SQLite it is
 * Drizzle's sqlite-proxy database; on PostgreSQL Drizzle's node-postgres one over the same table objects, typed
 * as this (db/pg/query-database.ts). Ask `engineOf(db)` (db/engine.ts) where the engines must differ.
 */
export type KlantwaardeDatabase = AsyncSqliteDatabase;

/** The synchronous Drizzle database over the same connection, for the SQLite implementation of the import. */
export type SqliteSyncDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** An open SQLite database (the embedded default). */
export interface OpenedSqliteDatabase {
  engine: "sqlite";
  /** Absolute path of the database file. */
  path: string;
  db: KlantwaardeDatabase;
  /** The raw better-sqlite3 connection: the import's and the recompute's SQLite implementations. */
  sqlite: Database.Database;
  /** Synchronous Drizzle on `sqlite` (statements inside the import's synchronous transactions). */
  sqliteDb: SqliteSyncDatabase;
  close: () => void;
}

/** An open database on either engine: narrow on `engine` for what only one of them has. */
export type OpenedDatabase = OpenedSqliteDatabase | OpenedPostgresQueries;

/** Start-up failed because of the database file; the message names the path and the fix. */
export class DatabaseStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseStartupError";
  }
}

/**
 * The database file path from `DATABASE_URL`: a plain path, or `file:` followed by a path.
 * Relative paths are taken from the current working directory (the repository root for npm scripts).
 */
export function resolveDatabasePath(databaseUrl: string | undefined = process.env.DATABASE_URL): string {
  let value = (databaseUrl ?? "").trim();
  if (value === "") value = DEFAULT_DATABASE_PATH;
  if (value.startsWith("file://")) value = value.slice("file://".length);
  else if (value.startsWith("file:")) value = value.slice("file:".length);
  if (value === ":memory:") return value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new DatabaseStartupError(
      // The URL may carry a password: never in a message (it lands in logs).
      `DATABASE_URL "${redactDatabaseUrl(databaseUrl ?? "")}" is not a file path. This version serves its pages from a SQLite file ` +
        `(PostgreSQL is being built, see the README): set DATABASE_URL to a path such as ${DEFAULT_DATABASE_PATH}.`,
    );
  }
  // The database path is chosen at run time; it is not part of the build output.
  return path.resolve(/*turbopackIgnore: true*/ value);
}

const fix = `Set DATABASE_URL to a writable file path (default ${DEFAULT_DATABASE_PATH}).`;

/** Checks the folder and the file before SQLite touches them, so that nothing is overwritten. */
function checkDatabaseFile(filePath: string): void {
  const folder = path.dirname(filePath);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new DatabaseStartupError(
      `Cannot create the folder ${folder} for the database ${filePath}: ${(error as Error).message}. ${fix}`,
    );
  }
  if (!fs.statSync(folder).isDirectory()) {
    throw new DatabaseStartupError(`${folder} is not a folder, so the database ${filePath} cannot be created there. ${fix}`);
  }
  if (!fs.existsSync(filePath)) {
    try {
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new DatabaseStartupError(`The folder ${folder} is not writable, so the database ${filePath} cannot be created. ${fix}`);
    }
    return;
  }
  const stat = fs.statSync(filePath);
  if (!stat.isFile()) {
    throw new DatabaseStartupError(`${filePath} is not a file. ${fix}`);
  }
  try {
    fs.accessSync(filePath, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new DatabaseStartupError(
      `The database ${filePath} cannot be read and written by this user. Give it read and write permission, or ${fix.toLowerCase()}`,
    );
  }
  if (stat.size === 0) return; // an empty file is a new SQLite database
  // Open in this process already: it was checked then, and reading it with fs would close a descriptor of
  // the file, which releases every SQLite lock this process holds on it (see open-files.ts).
  if (isDatabaseFileOpenHere(filePath)) return;
  const header = Buffer.alloc(16);
  const fd = fs.openSync(filePath, "r");
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_MAGIC) {
    throw new DatabaseStartupError(
      `${filePath} is not a SQLite database, so Klantwaarde will not use or overwrite it. ` +
        `Point DATABASE_URL to a new file (it will be created) or to an existing Klantwaarde database.`,
    );
  }
}

/** Refuses a SQLite file that holds tables of another application (it has tables but no Klantwaarde migrations). */
function checkIsKlantwaardeDatabase(sqlite: Database.Database, filePath: string): void {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.length > 0 && !tables.includes(MIGRATIONS_TABLE)) {
    throw new DatabaseStartupError(
      `${filePath} is a SQLite database of another application (tables: ${tables.slice(0, 5).join(", ")}). ` +
        `Klantwaarde will not change it. Point DATABASE_URL to a new file or to a Klantwaarde database.`,
    );
  }
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/** Opens (and creates when missing) the database at `filePath`, migrated to the current schema. */
export function openDatabase(filePath: string = resolveDatabasePath(), options: OpenDatabaseOptions = {}): OpenedSqliteDatabase {
  const inMemory = filePath === ":memory:";
  if (!inMemory) checkDatabaseFile(filePath);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(filePath, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new DatabaseStartupError(`Cannot open the database ${filePath}: ${(error as Error).message}. ${fix}`);
  }
  const release = inMemory ? () => {} : registerOpenDatabaseFile(filePath);
  const close = () => {
    sqlite.close();
    release();
  };
  try {
    sqlite.pragma("busy_timeout = 5000");
    if (!inMemory) checkIsKlantwaardeDatabase(sqlite, filePath);
    if (!options.readonly) {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
    }
    sqlite.pragma("foreign_keys = ON");
    const sqliteDb = drizzle(sqlite, { schema });
    if (options.migrate !== false && !options.readonly) {
      migrate(sqliteDb, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    const db = asyncSqliteDatabase(sqlite, schema);
    return { engine: "sqlite", path: filePath, db, sqlite, sqliteDb, close };
  } catch (error) {
    close();
    if (error instanceof DatabaseStartupError) throw error;
    const reason = (error as Error).message;
    if (/not a database|file is encrypted/i.test(reason)) {
      throw new DatabaseStartupError(
        `${filePath} is not a usable SQLite database (${reason}). Klantwaarde will not overwrite it. ${fix}`,
      );
    }
    if (/readonly|read-only/i.test(reason)) {
      throw new DatabaseStartupError(`The database ${filePath} is read-only (${reason}). ${fix}`);
    }
    throw new DatabaseStartupError(`Cannot prepare the database ${filePath}: ${reason}`);
  }
}
