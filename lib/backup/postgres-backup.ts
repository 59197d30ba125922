/**
 * `clv backup` and `clv restore` when DATABASE_URL names PostgreSQL: a dump of Klantwaarde's schema with
 * PostgreSQL's own `pg_dump` (custom format: consistent, taken in one snapshot while the app runs), and a restore
 * with `pg_restore` in one transaction. When those programs are not installed, nothing is done and the error
 * says which commands to run (and how to install them).
 *
 * A restore never destroys what it replaces: the current schema is first renamed to
 * `<schema>_before_restore_<time>` (instant, in the database itself), then the dump recreates the schema; if that
 * fails, the old schema gets its name back. Migrations newer than the backup are applied afterwards, as on SQLite.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { PostgresTarget } from "@/db/database-url";
import { connectionStartupError } from "@/db/pg/connection-errors";
import { readPostgresMigrations, unknownMigrations } from "@/db/pg/known-migrations";
import { migratePostgres } from "@/db/pg/migrate";
import { POSTGRES_MIGRATIONS_TABLE } from "@/db/pg/schema-check";
import {
  dumpCommand,
  findPostgresProgram,
  restoreCommand,
  runPostgresProgram,
  type PostgresCommand,
  type PostgresProgramName,
  type ProgramSearch,
} from "./postgres-programs";
import { BackupError } from "./problems";
import { durableRename, temporaryPathNextTo } from "./sqlite-files";

/** What a dump file holds, read from its table of contents (`pg_restore --list`) and its migration journal. */
export interface PostgresDumpInspection {
  /** The PostgreSQL schema the dump was taken of. */
  schema: string;
  /** Its tables, by name. */
  tables: string[];
  /** The migrations applied to it (hashes, oldest first). */
  migrations: string[];
}

export interface PostgresBackupResult {
  source: string;
  path: string;
  sizeBytes: number;
  inspection: PostgresDumpInspection;
}

export interface PostgresRestoreResult {
  source: string;
  target: string;
  /** Where the schema that was replaced now is (null when there was none). */
  previousSchema: string | null;
  /** Migrations applied after the restore (the backup was of an older version). */
  migrated: number;
  inspection: PostgresDumpInspection;
}

/** Tables a Klantwaarde dump must hold (the rest may differ between versions). */
const REQUIRED_TABLES = ["customers", "transactions", POSTGRES_MIGRATIONS_TABLE];

const INSTALL_HINT = "Install PostgreSQL's client programs (Debian/Ubuntu: apt-get install postgresql-client, the same or a newer major version than the server)";

/** The programs' paths, or a BackupError with the commands to run by hand. */
function programsOrCommands(names: PostgresProgramName[], commands: PostgresCommand[], search: ProgramSearch, doing: string): Record<PostgresProgramName, string> {
  const found: Partial<Record<PostgresProgramName, string>> = {};
  const missing = names.filter((name) => (found[name] = findPostgresProgram(name, search) ?? undefined) === undefined);
  if (missing.length > 0) {
    throw new BackupError(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not installed here, so Klantwaarde cannot ${doing} itself. ` +
        `${INSTALL_HINT} and run this again, or run on a machine that has them:\n${commands.map((call) => `  ${call.shown}`).join("\n")}`,
    );
  }
  return found as Record<PostgresProgramName, string>;
}

/** Reads a dump's schema, tables and migration journal; a BackupError when it is not a Klantwaarde dump. */
export async function inspectPostgresDump(file: string, target: PostgresTarget, search: ProgramSearch = {}): Promise<PostgresDumpInspection> {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw BackupError.single("not-found", `${source} does not exist. Name a file made by clv backup.`);
  const list = { args: ["--list", source], env: {} };
  const { pg_restore } = programsOrCommands(["pg_restore"], [{ program: "pg_restore", ...list, shown: `pg_restore --list ${source}` }], search, "read the backup");
  const listed = await runPostgresProgram(pg_restore, list, target);
  if (listed.exitCode !== 0) {
    throw BackupError.single("not-klantwaarde", `${source} is not a backup made by clv backup on PostgreSQL (pg_restore cannot read it: ${listed.stderr || "no reason given"}).`);
  }
  const schemas = new Set<string>();
  const tables: string[] = [];
  for (const line of listed.stdout.split("\n")) {
    // "218; 1259 16387 TABLE klantwaarde customers owner" and "5; 2615 16385 SCHEMA - klantwaarde owner"
    // (and "219; 0 16387 TABLE DATA klantwaarde customers owner" for the rows, not counted here)
    const entry = /^\d+; \d+ \d+ (TABLE(?! DATA )|SCHEMA) (\S+) (\S+)/.exec(line);
    if (entry?.[1] === "SCHEMA") schemas.add(entry[3]!);
    else if (entry?.[1] === "TABLE") {
      tables.push(entry[3]!);
      schemas.add(entry[2]!);
    }
  }
  const missing = REQUIRED_TABLES.filter((table) => !tables.includes(table));
  if (schemas.size !== 1 || missing.length > 0) {
    throw BackupError.single(
      "not-klantwaarde",
      `${source} is not a backup of one Klantwaarde schema (${schemas.size === 1 ? `tables missing: ${missing.join(", ")}` : `schemas in it: ${[...schemas].join(", ") || "none"}`}). Name a file made by clv backup.`,
    );
  }
  // The migration journal's rows (COPY text: id, hash, created_at per line).
  const journal = { args: ["--data-only", `--table=${POSTGRES_MIGRATIONS_TABLE}`, "--file=-", source], env: {} };
  const copied = await runPostgresProgram(pg_restore, journal, target);
  const migrations: string[] = [];
  let inCopy = false;
  for (const line of copied.stdout.split("\n")) {
    if (line.startsWith("COPY ")) inCopy = true;
    else if (line === "\\.") inCopy = false;
    else if (inCopy && line !== "") migrations.push(line.split("\t")[1]!);
  }
  return { schema: [...schemas][0]!, tables, migrations };
}

/**
 * Dumps the schema of `target` to `destination` (refused when it exists, unless `force`): written to a temporary
 * file next to it, checked (`inspectPostgresDump`), then renamed, so `destination` is never half written.
 */
export async function backupPostgres(target: PostgresTarget, destination: string, options: { force?: boolean; search?: ProgramSearch } = {}): Promise<PostgresBackupResult> {
  const file = path.resolve(destination);
  if (fs.existsSync(file)) {
    if (!fs.statSync(file).isFile()) throw new BackupError(`${file} exists and is not a file. Name another file for the backup.`);
    if (!options.force) throw BackupError.single("exists", `${file} already exists. Name another file, or add --force to replace it.`);
  }
  const client = await connect(target);
  try {
    if (!(await schemaExists(client, target.schema))) {
      throw new BackupError(`The schema "${target.schema}" does not exist on ${target.server}, so there is nothing to back up. Check DATABASE_URL (and its ?schema=).`);
    }
  } finally {
    await client.end();
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryPathNextTo(file, "dump");
  const dump = dumpCommand(target, temporary);
  const { pg_dump } = programsOrCommands(["pg_dump"], [dumpCommand(target, file)], options.search ?? {}, "back up the database");
  try {
    const run = await runPostgresProgram(pg_dump, dump, target);
    if (run.exitCode !== 0) throw new BackupError(`pg_dump could not back up the schema "${target.schema}" of ${target.server}: ${run.stderr || `exit code ${run.exitCode}`}`);
    const inspection = await inspectPostgresDump(temporary, target, options.search);
    durableRename(temporary, file);
    return { source: `${target.server} (schema ${target.schema})`, path: file, sizeBytes: fs.statSync(file).size, inspection };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** A connection to `target`'s database; a start-up error naming the host (never the password) when it fails. */
async function connect(target: PostgresTarget): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: target.connectionString });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionStartupError(error, target);
  }
}

const schemaExists = async (client: pg.Client, schema: string) => (await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount === 1;

/** The current time as a schema-name suffix: 20261207_031500. */
const stamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "_");

/**
 * Replaces the schema of `target` with the dump `file`: checked first (a Klantwaarde dump of a schema of the same
 * name, made by this or an older version), the current schema kept under another name, then the newer migrations.
 */
export async function restorePostgres(target: PostgresTarget, file: string, options: { search?: ProgramSearch; now?: Date } = {}): Promise<PostgresRestoreResult> {
  const source = path.resolve(file);
  const inspection = await inspectPostgresDump(source, target, options.search);
  if (inspection.schema !== target.schema) {
    throw BackupError.single(
      "not-klantwaarde",
      `${source} is a backup of the schema "${inspection.schema}", not of "${target.schema}" (DATABASE_URL). Restore it with ?schema=${inspection.schema} in DATABASE_URL.`,
    );
  }
  const known = readPostgresMigrations().map((migration) => migration.hash);
  if (unknownMigrations(inspection.migrations, known) > 0) {
    throw BackupError.single("newer-schema", `${source} was made by a newer version of Klantwaarde (its migrations are not all known here). Restore it with that version.`);
  }
  const { pg_restore } = programsOrCommands(["pg_restore"], [restoreCommand(target, source)], options.search ?? {}, "restore the backup");

  const client = await connect(target);
  try {
    const previousSchema = (await schemaExists(client, target.schema)) ? `${target.schema}_before_restore_${stamp(options.now ?? new Date())}`.slice(0, 63) : null;
    if (previousSchema) await client.query(`ALTER SCHEMA "${target.schema}" RENAME TO "${previousSchema}"`);
    const run = await runPostgresProgram(pg_restore, restoreCommand(target, source), target);
    if (run.exitCode !== 0) {
      // One transaction: nothing of the dump was kept. The old schema gets its name back.
      if (previousSchema) await client.query(`ALTER SCHEMA "${previousSchema}" RENAME TO "${target.schema}"`);
      throw new BackupError(`pg_restore could not restore ${source}; the database is as it was: ${run.stderr || `exit code ${run.exitCode}`}`);
    }
    const { applied } = await migratePostgres(target);
    return { source, target: `${target.server} (schema ${target.schema})`, previousSchema, migrated: applied, inspection };
  } finally {
    await client.end();
  }
}
